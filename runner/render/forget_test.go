package render

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// connection feeds a the events of one served connection, as `serve 1`
// records them: the server side only, its client outside.
func connection(a *Analyzer, seq *int, k int) {
	client := fmt.Sprintf("127.0.0.1:%d", 10000+k%50000)
	server := "127.0.0.1:9000"
	hello := []byte(strings.Repeat("你好", 100))
	for _, e := range []trace.Event{
		{Side: "server", Op: "accept", Sock: 2, Local: server, Remote: client},
		{Side: "handler " + fmt.Sprint(k), Op: "recv", Size: 1024, N: len(hello), Hex: hello, Local: server, Remote: client},
		{Side: "handler " + fmt.Sprint(k), Op: "send", N: len(hello), Hex: hello, Local: server, Remote: client},
		{Side: "handler " + fmt.Sprint(k), Op: "close", Local: server, Remote: client},
	} {
		*seq++
		e.Seq = *seq
		a.Info(e)
	}
}

func heapInuse() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestAnalyzerForgetsClosedConnections is `serve` left running all day:
// what the analyzer holds does not grow with the connections it has seen.
func TestAnalyzerForgetsClosedConnections(t *testing.T) {
	a := NewAnalyzer(1)
	seq := 0
	for k := range 1000 {
		connection(a, &seq, k)
	}
	before := heapInuse()
	for k := range 20000 {
		connection(a, &seq, 1000+k)
	}
	after := heapInuse()
	if grew := int64(after) - int64(before); grew > 1<<20 {
		t.Errorf("the heap grew %d KB over 20,000 connections", grew>>10)
	}
	if n := len(a.sends) + len(a.known) + len(a.inPart); n > 20 {
		t.Errorf("after 21,000 closed connections the analyzer holds %d sends and counts", n)
	}
	runtime.KeepAlive(a)
}

// TestRelayedTrafficIsNotKept: the relay's reads are never matched with
// sends, so nothing of them is kept, however many pass.
func TestRelayedTrafficIsNotKept(t *testing.T) {
	a := NewAnalyzer(0)
	for i := range 10000 {
		k := fmt.Sprint(i / 100)
		a.Info(trace.Event{Seq: i + 1, Side: "client " + k, Op: "send", Key: relayed, N: 5, Hex: []byte("hello"), Off: int64(i%100) * 5, Local: "127.0.0.1:5000" + k, Remote: "127.0.0.1:9000"})
		if i%100 == 99 {
			a.Info(trace.Event{Side: "tutor", Op: "note", Key: "relay done", Vals: map[string]string{"conn": k}})
		}
	}
	if n := len(a.sends) + len(a.known) + len(a.names) + len(a.inPart); n > 4 {
		t.Errorf("after 100 relayed connections the analyzer holds %d entries", n)
	}
}

func TestMeasurementTablesKeepTheLatest(t *testing.T) {
	a := NewAnalyzer(0)
	var in Info
	for i := range 100 {
		in = a.Info(trace.Event{Seq: i + 1, Side: "client", Op: "measure", Key: "bulk", Size: i + 1})
	}
	if len(in.Table) != maxTable || in.Table[maxTable-1].Size != 100 {
		t.Errorf("table of %d rows, last %+v", len(in.Table), in.Table[len(in.Table)-1])
	}
}

// TestElidedPayloadSaysWhatIsMissing: the text and the dump of a payload
// whose middle was not kept show its edges and count the rest.
func TestElidedPayloadSaysWhatIsMissing(t *testing.T) {
	data := []byte(strings.Repeat("abcdefghijklmnop", 2048)) // 32 KiB
	kept, elided := trace.Keep(data)
	e := trace.Event{Side: "client 1", Op: "send", Key: relayed, N: len(data), Hex: kept, Elided: elided}
	r := &Renderer{Width: 100, Pal: NewPalette(false)}
	out := strings.Join(r.Details(e, Info{}), "\n")
	gap := fmt.Sprintf("… %d bytes not kept …", len(data)-2*trace.Edge)
	if strings.Count(out, gap) != 2 {
		t.Errorf("text and dump should each say %q:\n%s", gap, out)
	}
	if !strings.Contains(out, fmt.Sprintf("%08x  61 62", len(data)-trace.Edge)) {
		t.Errorf("the tail is not dumped at its own offset:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if Width(l) > 100 {
			t.Errorf("%d columns: %q", Width(l), l)
		}
	}
}
