package lessons

import (
	"bufio"
	"io"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

func init() { moreFacts[12] = lesson12 }

// partsOf12 splits a run's events at the tutor's part notes.
func partsOf12(ev []trace.Event) map[string][]trace.Event {
	out := map[string][]trace.Event{}
	part := ""
	for _, e := range ev {
		if e.Side == "tutor" && strings.HasPrefix(e.Key, "part-") {
			part = e.Key
			continue
		}
		out[part] = append(out[part], e)
	}
	return out
}

// lesson12 checks each part: three sends in one read, 你好exit, a large
// send in several reads, and each fix reading the three messages back.
func lesson12(t *testing.T, ev []trace.Event) {
	p := partsOf12(ev)
	sends, recvs := calls(p[""], "client", "send"), calls(p[""], "server", "recv")
	if len(sends) != 3 || string(sends[0].Hex) != "hello" || string(sends[1].Hex) != "world" || string(sends[2].Hex) != "!" {
		t.Errorf("client sends %+v, want hello, world, ! in three sends", sends)
	}
	if len(recvs) != 2 || string(recvs[0].Hex) != "helloworld!" || recvs[0].Size != 1024 || !recvs[1].EOF {
		t.Errorf("server reads %+v, want one recv(1024) of helloworld!, then the end", recvs)
	}
	if r := calls(p["part-exit"], "server", "recv"); len(r) != 2 || string(r[0].Hex) != "你好exit" {
		t.Errorf("exit part: server reads %+v, want 你好exit in one read", r)
	}
	for _, n := range calls(p["part-exit"], "server", "note") {
		if n.Key == "is exit" && n.Vals["result"] != "False" {
			t.Errorf("the exit test said %s", n.Vals["result"])
		}
	}
	m := calls(p["part-split"], "server", "measure")
	if len(m) != 1 || m[0].N != bigSize || m[0].Count < 2 {
		t.Errorf("split part: %+v, want %d bytes in two or more reads", m, bigSize)
	}
	for part, size := range map[string]int{"part-fixed": 5, "part-delimiter": 4096, "part-length": 4} {
		var got []string
		for _, n := range calls(p[part], "server", "note") {
			if n.Key == "message" {
				got = append(got, n.Vals["text"])
			}
		}
		if strings.Join(got, "|") != "hello|world|!" {
			t.Errorf("%s: messages %q, want hello|world|!", part, got)
		}
		if s := calls(p[part], "client", "send"); len(s) != 1 {
			t.Errorf("%s: %d sends, want the three messages in one", part, len(s))
		}
		if r := calls(p[part], "server", "recv"); len(r) == 0 || r[0].Size != size {
			t.Errorf("%s: first read %+v, want recv(%d)", part, r, size)
		}
	}
}

// TestServe12SendsLines: `serve 12` gives a line reader three lines, and
// survives garbage, a reset and a silent client.
func TestServe12SendsLines(t *testing.T) {
	addr, _ := startServe(t, 12)
	c := dial(t, addr)
	r := bufio.NewReader(c)
	var got []string
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.TrimSuffix(line, "\n"))
	}
	if strings.Join(got, "|") != "hello|world|!" {
		t.Errorf("lines %q", got)
	}
	g := dial(t, addr)
	g.Write([]byte{0, 0xff, '\n'})
	io.ReadAll(g)
	x := dial(t, addr)
	x.SetLinger(0)
	x.Close()
	silent := dial(t, addr)
	if all, err := io.ReadAll(silent); string(all) != "hello\nworld\n!\n" || err != nil {
		t.Errorf("a client that says nothing got %q, %v", all, err)
	}
}
