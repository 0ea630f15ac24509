package render

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestWrapChineseAndKorean: Chinese text breaks between characters but
// never puts ，or 。 at the start of a line; Korean breaks only at spaces;
// no line is wider than asked and no character is cut.
func TestWrapChineseAndKorean(t *testing.T) {
	zh := "服务器发送了十五个字节，客户端用七个字节的缓冲区只读了一次。剩下的八个字节留在接收缓冲区里，等待一次永远不会来的读取。"
	ko := "서버는 15바이트를 보냈고, 클라이언트는 7바이트 버퍼로 한 번만 읽었습니다. 나머지 8바이트는 수신 버퍼에 남아 오지 않을 읽기를 기다립니다."
	for _, w := range []int{12, 20, 37, 60} {
		lines := Wrap(zh, w)
		if strings.Join(lines, "") != zh {
			t.Errorf("width %d: Chinese text changed by wrapping:\n%s", w, strings.Join(lines, "\n"))
		}
		for _, l := range lines {
			if Width(l) > w {
				t.Errorf("width %d: %q is %d wide", w, l, Width(l))
			}
			if r, _ := utf8.DecodeRuneInString(l); r == '，' || r == '。' {
				t.Errorf("width %d: a line starts with %q: %q", w, r, l)
			}
		}
		lines = Wrap(ko, w)
		if strings.Join(lines, " ") != ko {
			t.Errorf("width %d: a Korean word was broken:\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

// TestWidthIgnoresLocaleAndColour: box drawing and the ellipsis are one
// column, Chinese two, colour codes none.
func TestWidthIgnoresLocaleAndColour(t *testing.T) {
	t.Setenv("LANG", "zh_CN.UTF-8")
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	for s, want := range map[string]int{"─": 1, "…": 1, "你好": 4, "\x1b[31m欢迎\x1b[0m": 4, "소켓": 4, "e\u0301": 1} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
	if got := Fit("\x1b[1m套接字编程\x1b[0m", 5); Width(got) > 5 || !strings.HasSuffix(got, "\x1b[0m") {
		t.Errorf("Fit cut a wide character or lost the reset: %q", got)
	}
}

// BenchmarkWrap wraps paragraphs of 1,000 and 10,000 words: the time per
// word must stay flat (linear wrapping), not grow with the paragraph.
func BenchmarkWrap(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		text := strings.Repeat("recv(7) returned 7 bytes of 套接字编程 ", n/5)
		b.Run(fmt.Sprintf("words-%d", n), func(b *testing.B) {
			for b.Loop() {
				Wrap(text, 72)
			}
		})
	}
}

// TestFoldKeepsEverything: folding a long line keeps every character in
// order, spaces included, and no piece is wider than asked.
func TestFoldKeepsEverything(t *testing.T) {
	line := `  File "client.py", line 7, in <module>    ConnectionResetError: [Errno 104] Connection reset by peer 连接被重置`
	parts := Fold(line, 20)
	if strings.Join(parts, "") != line {
		t.Errorf("folded %q", parts)
	}
	for _, p := range parts {
		if Width(p) > 20 {
			t.Errorf("%q is %d wide", p, Width(p))
		}
	}
}
