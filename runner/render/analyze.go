package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

// Info is what the display knows of one event beyond the event itself:
// its narration, the explainers it fired, and where its bytes sit in the
// stream. It is worked out from the events alone, so it holds for any
// client, also an outside one in `serve` mode.
type Info struct {
	Narration string        // the lesson's words for this step, "" for none
	Explain   []string      // explainers that fired, filled in
	Stream    string        // e.g. "client → server bytes 0..5", or the connection's addresses
	Table     []trace.Event // on a measure: it and the earlier ones of its key
	// Key names this step for the narration: "<role> <call> <k>", such as
	// "client recv 2", the k-th such call of that role, counted within
	// the lesson's part and prefixed by the part's name from the second
	// part on: "part-binary client recv 1". Questions are keyed by it too.
	Key string
	// Keys are every name the step answers to, most particular first: for
	// a numbered side such as "client 2" also "<side> <call> <k>", its
	// own k-th such call in the part ("part-concurrent client 2 waited
	// 1"), then Key.
	Keys []string
}

// Analyzer works out the Info of events in order. Feed it every event
// once, in order; Know may tell it of later sends first.
//
// It keeps only what later events can still need, so that a live view
// running for hours stays the same size: the sends a read may yet take
// bytes from (without their bytes), forgotten once read or once their
// connection is closed, and the counts of a numbered side until its
// connection ends.
type Analyzer struct {
	lesson, steps, expl *assets.Doc
	seen                map[string]int    // calls by "<role> <call>", in the whole lesson
	inPart              map[string]int    // calls by "<role or side> <call>", in this part
	part                string            // the part's name, "part-…": its tutor's note's key
	sends               map[string][]span // TCP sends not yet wholly read, by "from→to" address pair
	known               map[int]bool      // sends already in sends, by seq
	names               map[string]string // address → side name
	measures            map[string][]trace.Event
}

// NewAnalyzer starts an analysis with lesson n's narration (none if n is 0).
func NewAnalyzer(n int) *Analyzer {
	a := &Analyzer{
		steps: assets.Steps(), expl: assets.Explainers(),
		seen: map[string]int{}, inPart: map[string]int{}, sends: map[string][]span{},
		known: map[int]bool{}, names: map[string]string{},
		measures: map[string][]trace.Event{},
	}
	if n > 0 {
		a.lesson = assets.Lesson(n)
	}
	return a
}

// Know tells the analyzer of every send in events before they come up, so
// that a read can be matched with the sends it took bytes from even when
// the read returned first.
func (a *Analyzer) Know(events []trace.Event) {
	for _, e := range events {
		a.learn(e)
	}
}

// Name calls the socket at addr by name, for a party that records no
// events of its own, such as a learner's program under verify.
func (a *Analyzer) Name(addr, name string) { a.names[addr] = name }

// Role is the first word of a side's name: "client 2" plays "client".
func Role(side string) string {
	if i := strings.IndexByte(side, ' '); i > 0 {
		return side[:i]
	}
	return side
}

// Info analyses the next event.
func (a *Analyzer) Info(e trace.Event) Info {
	a.learn(e)
	var in Info
	vals := Vals(e)
	text, keys := a.narration(e)
	in.Narration, in.Key, in.Keys = assets.Fill(text, vals), keys[len(keys)-1], keys
	for _, key := range a.explainers(e, vals) {
		if text := a.expl.Section(key); text != "" {
			in.Explain = append(in.Explain, assets.Fill(text, vals))
		}
	}
	switch {
	case e.Data():
		in.Stream = a.stream(e)
	case e.Op == "connect" && e.Key == "udp":
		in.Stream = t("stream udp connected", "side", SideName(e.Side), "local", e.Local,
			"peer", a.name(e.Remote, t("stream peer")), "remote", e.Remote)
	case e.Op == "connect" || e.Op == "accept":
		peer := t("stream peer")
		if e.Key == relayed {
			peer = t("stream relay")
		}
		in.Stream = t("stream connection", "side", SideName(e.Side), "local", e.Local,
			"peer", a.name(e.Remote, peer), "remote", e.Remote)
	}
	if e.Op == "measure" {
		ms := append(a.measures[e.Key], e)
		if len(ms) > maxTable {
			ms = append(ms[:0:0], ms[len(ms)-maxTable:]...)
		}
		a.measures[e.Key] = ms
		in.Table = append([]trace.Event(nil), ms...)
	}
	a.forget(e)
	return in
}

// narration finds the words for e: the lesson's own for this occurrence
// (its keys, most particular first), else (on the first occurrence in
// the lesson only, for calls) the lesson's or the shared ones for the
// kind of call. Notes and measures speak every time.
//
// A part of a lesson begins at a tutor's note keyed "part-…": counting
// starts again there, and keys are prefixed by the part's name, so that a
// text keyed to the binary part's first read stays on it whatever the
// parts before it do.
func (a *Analyzer) narration(e trace.Event) (text string, keys []string) {
	role, base := Role(e.Side), e.Op
	switch e.Op {
	case "note", "measure":
		base = e.Key
	case "error":
		base = "error " + e.Call
	case "close":
		if e.Key == "listener" {
			base = "close listener"
			if e.Vals["why"] == "stopped" {
				base = "close listener stopped"
			}
		}
	case "bind":
		if e.Key == "udp" {
			base = "bind udp"
		}
	}
	if e.Key == relayed {
		base = relayed + " " + base
	}
	if e.Side == "tutor" && e.Op == "note" && strings.HasPrefix(e.Key, "part-") && e.Key != a.part {
		a.part, a.inPart = e.Key, map[string]int{}
	}
	prefix := ""
	if a.part != "" {
		prefix = a.part + " "
	}
	a.seen[role+" "+base]++
	if e.Side != role {
		a.inPart[e.Side+" "+base]++
		keys = append(keys, fmt.Sprintf("%s%s %s %d", prefix, e.Side, base, a.inPart[e.Side+" "+base]))
	}
	a.inPart[role+" "+base]++
	keys = append(keys, fmt.Sprintf("%s%s %s %d", prefix, role, base, a.inPart[role+" "+base]))
	if e.Op == "listen" && e.Vals["asked"] != "" {
		// The system listened with a backlog of its own, not the one the
		// lesson asked for (Go on Windows asks for SOMAXCONN): a lesson's
		// own words, which speak of its backlog, would be untrue, and the
		// general text for this system says what happened.
		return a.steps.Section(base), keys
	}
	for _, key := range keys {
		if t := a.lesson.Section(key); t != "" {
			return t, keys
		}
	}
	if a.seen[role+" "+base] > 1 && e.Op != "note" && e.Op != "measure" {
		return "", keys
	}
	for _, general := range []string{role + " " + base, base} {
		if t := a.lesson.Section(general); t != "" {
			return t, keys
		}
	}
	return a.steps.Section(base), keys
}

// Vals is what narration, explainer and question templates may refer to
// for event e: {n}, {size}, {unread}, {count}, a note's own values…
func Vals(e trace.Event) map[string]string {
	v := map[string]string{
		"side": SideName(e.Side), "n": strconv.Itoa(e.N), "size": strconv.Itoa(e.Size),
		"unread": strconv.Itoa(e.Unread), "count": strconv.Itoa(e.Count),
		"mib":   strconv.FormatFloat(float64(e.N)/(1<<20), 'f', -1, 64),
		"local": e.Local, "remote": e.Remote, "err": e.Err,
	}
	for k, x := range e.Vals { // escaped: a client may send anything
		q := strconv.Quote(x)
		v[k] = strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`) // but a quote inside shows as itself
	}
	return v
}

// explainers lists the keys of the explainers e fires, adding what they
// need to vals.
func (a *Analyzer) explainers(e trace.Event, vals map[string]string) []string {
	var keys []string
	op := e.Op
	if op == "recv" && e.Key == "udp" { // a connected UDP socket's recv reads a datagram
		op = "recvfrom"
	}
	switch op {
	case "recv":
		sends := a.sendsIn(e)
		switch {
		case e.EOF:
			keys = append(keys, "eof")
		case e.N < e.Size:
			keys = append(keys, "short-read")
		case len(sends) != 1:
			keys = append(keys, "full-read")
		}
		if len(sends) > 1 {
			vals["writes"] = strconv.Itoa(len(sends))
			keys = append(keys, "merged")
		} else if len(sends) == 1 && (e.Off > sends[0].off || e.Off+int64(e.N) < sends[0].off+int64(sends[0].n)) {
			keys = append(keys, "split-send")
		}
	case "recvfrom":
		if e.Trunc {
			keys = append(keys, "datagram-cut")
		}
	case "close":
		if e.Unread > 0 {
			keys = append(keys, "unread-close")
		}
	case "error":
		if key := failureKey(e); key != "" {
			keys = append(keys, key)
		}
	}
	if e.Data() && e.N > 0 {
		start, end, want := splitRunes(e.Head(), e.Tail())
		if start > 0 {
			vals["k"] = strconv.Itoa(start)
			keys = append(keys, "split-start")
		}
		if end > 0 && !e.Trunc {
			vals["k"], vals["want"] = strconv.Itoa(end), strconv.Itoa(want)
			keys = append(keys, "split-end")
		}
	}
	return keys
}

// splitRunes looks at the edges of a payload for UTF-8 characters cut by
// the read: start counts continuation bytes at the front (the end of a
// character begun earlier); end counts the bytes of a character begun at
// the back but not finished, which wants want bytes in all. Bytes that
// are not UTF-8 text at all report nothing. A payload whose middle was
// not kept comes as its head and tail (tail nil when it is whole); only
// what was kept is looked at.
func splitRunes(head, tail []byte) (start, end, want int) {
	start = frontCut(head)
	if tail == nil {
		end, want = backCut(head, start)
		if !utf8.Valid(head[start : len(head)-end]) {
			return 0, 0, 0
		}
		return start, end, want
	}
	end, want = backCut(tail, 0)
	headEnd, _ := backCut(head, start)
	if !utf8.Valid(head[start:len(head)-headEnd]) || !utf8.Valid(tail[frontCut(tail):len(tail)-end]) {
		return 0, 0, 0
	}
	return start, end, want
}

// frontCut counts the continuation bytes at the front of b, at most 3.
func frontCut(b []byte) int {
	n := 0
	for n < len(b) && n < 3 && b[n]&0xC0 == 0x80 {
		n++
	}
	return n
}

// backCut finds a character begun in the last bytes of b (from index
// from on) but not finished: its bytes there, and how many it wants.
func backCut(b []byte, from int) (end, want int) {
	for i := len(b) - 1; i >= from && i >= len(b)-3; i-- {
		c := b[i]
		if c < 0x80 {
			return 0, 0
		}
		if c >= 0xC0 {
			switch {
			case c >= 0xF0:
				want = 4
			case c >= 0xE0:
				want = 3
			default:
				want = 2
			}
			if len(b)-i < want {
				return len(b) - i, want
			}
			return 0, 0
		}
	}
	return 0, 0
}

// stream names the direction and byte range of a data event.
func (a *Analyzer) stream(e trace.Event) string {
	from, to := a.name(e.Local, SideName(e.Side)), a.name(e.Remote, "")
	if e.Key == relayed {
		from, to = SideName(e.Side), SideName(relayPeer(e.Side))
	}
	if e.Op == "recv" || e.Op == "recvfrom" {
		from, to = to, from
	}
	switch {
	case e.Op == "sendto" || e.Op == "send" && e.Key == "udp":
		return t("stream datagram to", "peer", a.name(e.Remote, t("stream peer")), "remote", e.Remote)
	case e.Op == "recvfrom" || e.Op == "recv" && e.Key == "udp":
		return t("stream datagram from", "peer", a.name(e.Remote, t("stream peer")), "remote", e.Remote)
	}
	if e.N == 0 {
		return t("stream none", "from", from, "to", to, "off", strconv.FormatInt(e.Off, 10))
	}
	return t("stream bytes", "from", from, "to", to, "first", strconv.FormatInt(e.Off, 10),
		"last", strconv.FormatInt(e.Off+int64(e.N)-1, 10))
}

// name is the side name of the socket at addr, or the address itself.
func (a *Analyzer) name(addr, fallback string) string {
	if n, ok := a.names[addr]; ok {
		return SideName(n)
	}
	if fallback != "" {
		return fallback
	}
	return addr
}

// failureKeys name the explainer of a failure by its system error: the
// same on Linux and macOS, Winsock's on Windows. On Windows a refusal of
// a datagram (an ICMP port unreachable) comes as WSAECONNRESET.
var failureKeys = map[string]string{
	"ECONNRESET": "reset", "WSAECONNRESET": "reset",
	"ECONNREFUSED": "refused", "WSAECONNREFUSED": "refused",
	"EPIPE":      "broken-pipe",
	"EADDRINUSE": "in-use", "WSAEADDRINUSE": "in-use",
	"EAGAIN": "would-block", "EWOULDBLOCK": "would-block", "WSAEWOULDBLOCK": "would-block",
	"WSAEMSGSIZE": "datagram-cut", // Windows fails a recvfrom that cut its datagram
}

// failureKey is the explainer of failure e: by its system error where
// the event names one, else by the system's words (Go's own "i/o
// timeout", and recordings made before events named their errors).
func failureKey(e trace.Event) string {
	key, ok := failureKeys[e.Errno]
	if !ok {
		for _, m := range []struct{ words, key string }{
			{"reset", "reset"}, {"refused", "refused"}, {"timeout", "timeout"},
			{"broken pipe", "broken-pipe"}, {"already in use", "in-use"},
			{"temporarily unavailable", "would-block"},
		} {
			if strings.Contains(e.Err, m.words) {
				key = m.key
				break
			}
		}
	}
	if e.Key == "udp" && (key == "refused" || e.Errno == "WSAECONNRESET") {
		key = "refused-udp" // an ICMP answer to a datagram, not a handshake
	}
	return key
}
