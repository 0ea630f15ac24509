package runner

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/socktour/socktour/assets"
)

// TestEveryMessageCanBeTranslated reads the commands' sources: every
// format given to usagef or errorf is a section of assets/errors.md, so
// that a translation of it can exist.
func TestEveryMessageCanBeTranslated(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`(?:usagef|errorf)\(("(?:[^"\\]|\\.)*")`)
	doc := assets.Parse(assets.Text("errors.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			format, err := strconv.Unquote(m[1])
			if err != nil {
				continue
			}
			if _, ok := doc.Sections[format]; !ok && f != "errors_test.go" {
				t.Errorf("%s: %q is not in assets/errors.md", f, format)
			}
		}
	}
}
