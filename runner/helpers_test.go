package runner

import (
	"io"
	"strconv"

	"github.com/socktour/socktour/runner/render"
)

func itoa(n int) string { return strconv.Itoa(n) }

func ioPipe() (*io.PipeReader, *io.PipeWriter) { return io.Pipe() }

func renderWidth(s string) int { return render.Width(s) }
