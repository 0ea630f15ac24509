package assets

import "testing"

func TestFillWorksOnNumbers(t *testing.T) {
	vals := map[string]string{"count": "149802", "ms": "151.3", "size": "5", "text": "hi"}
	for in, want := range map[string]string{
		"{count}":            "149802",
		"{count*7}":          "1048614",
		"{count/7}":          "21400",
		"{ms/100}":           "1.5",
		"{ms*2} ms":          "302.6 ms",
		"listen({size+1})":   "listen(6)",
		"{size-1}":           "4",
		"{text*2}":           "{text*2}",
		"{nosuch+1} {json}":  "{nosuch+1} {json}",
		`{"1":"Client"} {n}`: `{"1":"Client"} {n}`,
	} {
		if got := Fill(in, vals); got != want {
			t.Errorf("Fill(%q) = %q, want %q", in, got, want)
		}
	}
}
