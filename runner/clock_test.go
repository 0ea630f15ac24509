package runner

import (
	"time"

	"github.com/socktour/socktour/lessons"
)

// The runs of lessons 9 and 11 carry the time (lesson 9's answers begin
// with it, lesson 11's server sends a Date header). The golden
// transcripts of this package's tests need the same bytes every run, so
// here those lessons run on a fixed clock: the moment of the tutorial's
// own output, Thu Sep 15 23:53:31 2016. Outside the tests they use the
// real time.
func init() {
	lessons.Now = func() time.Time { return time.Date(2016, time.September, 15, 23, 53, 31, 0, time.UTC) }
}
