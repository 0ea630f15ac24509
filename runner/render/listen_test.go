package render

import (
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// TestListenRowNamesTheBacklog: a listen's row shows the backlog asked
// for, by its constant's name where the event gives one (Windows'
// SOMAXCONN), not as a ten-digit number.
func TestListenRowNamesTheBacklog(t *testing.T) {
	r := plainRenderer()
	for _, c := range []struct {
		e    trace.Event
		want string
	}{
		{trace.Event{Op: "listen", Size: 5}, "listen(backlog 5)"},
		{trace.Event{Op: "listen", Size: 0x7fffffff, Vals: map[string]string{"backlog": "SOMAXCONN"}}, "listen(backlog SOMAXCONN)"},
	} {
		if got := r.summary(c.e); got != c.want {
			t.Errorf("%+v: %q, want %q", c.e, got, c.want)
		}
	}
}
