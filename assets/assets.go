// Package assets holds every text socktour shows that is not computed: the
// lessons' narration, the notes for each step, the explainers and the help.
// The texts are embedded, so the binary runs from any directory.
//
// A text file is a small Markdown subset: a "# Title" line, a first
// paragraph (the summary), then sections under "## key" headers. Keys are
// how narration joins the recorded events; see Doc.Lookup.
package assets

import (
	"embed"
	"io"
	"strconv"
	"strings"
	"sync"
)

//go:embed lessons/*.md exercises/*.md solutions/*/main.go solutions/*/*.py *.md *.txt
var files embed.FS

// Doc is one parsed text file.
type Doc struct {
	Title    string
	Summary  string
	Sections map[string]string // body text by key, paragraphs separated by blank lines
}

// Section returns the text under key, or "".
func (d *Doc) Section(key string) string {
	if d == nil {
		return ""
	}
	return d.Sections[key]
}

// Parse reads the Markdown subset described in the package comment.
func Parse(src string) *Doc {
	d := &Doc{Sections: map[string]string{}}
	var key string
	var body []string
	flush := func() {
		text := strings.TrimSpace(strings.Join(body, "\n"))
		if key == "" {
			d.Summary = text
		} else {
			d.Sections[key] = text
		}
		body = body[:0]
	}
	for _, line := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(line, "# ") && d.Title == "":
			d.Title = strings.TrimSpace(line[2:])
		case strings.HasPrefix(line, "## "):
			flush()
			key = strings.TrimSpace(line[3:])
		default:
			body = append(body, line)
		}
	}
	flush()
	return d
}

// parsed holds the files parsed so far. Nothing is parsed at start-up: a
// file is parsed the first time a command asks for it.
var (
	mu     sync.Mutex
	parsed map[string]*Doc
)

// load parses an embedded file once.
func load(name string) *Doc {
	mu.Lock()
	defer mu.Unlock()
	if d, ok := parsed[name]; ok {
		return d
	}
	src, err := files.ReadFile(name)
	if err != nil {
		return nil
	}
	d := Parse(string(src))
	if parsed == nil {
		parsed = map[string]*Doc{}
	}
	parsed[name] = d
	return d
}

// Lesson returns the narration of lesson n, or nil when it has none.
func Lesson(n int) *Doc { return load(lessonFile(n)) }

func lessonFile(n int) string { return "lessons/" + strconv.Itoa(n) + ".md" }

// LessonTitle is lesson n's title, as Lesson(n).Title, or "" when it has
// none. It reads only the file's first lines when the title is among them,
// as it always is: `list` and the menu need the titles of every lesson,
// and parsing all the narration for them would be most of their work.
func LessonTitle(n int) string {
	name := lessonFile(n)
	mu.Lock()
	d, ok := parsed[name]
	mu.Unlock()
	if ok {
		return d.Title
	}
	f, err := files.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	if t, ok := headTitle(f); ok {
		return t
	}
	return load(name).Title
}

// headTitle looks for the "# Title" line, as Parse reads it, among the
// whole lines of the first 512 bytes of r. ok is false when it is not
// there (it may then be further down).
func headTitle(r io.Reader) (title string, ok bool) {
	var buf [512]byte
	n, err := io.ReadFull(r, buf[:])
	head := string(buf[:n])
	if err == nil { // more may follow: keep only whole lines
		i := strings.LastIndexByte(head, '\n')
		if i < 0 {
			return "", false
		}
		head = head[:i+1]
	}
	for line := range strings.Lines(head) {
		if t, found := strings.CutPrefix(line, "# "); found {
			return strings.TrimSpace(t), true
		}
	}
	return "", false
}

// Steps returns the narration shared by all lessons: what each kind of
// socket call does, and the templates of notes.
func Steps() *Doc { return load("steps.md") }

// Explainers returns the texts that fire on what happened: a short read,
// the end of a stream, a reset…
func Explainers() *Doc { return load("explain.md") }

// Exercise returns an exercise's statement, hints and checks by its key
// ("hello", "whole"…), or nil.
func Exercise(key string) *Doc { return load("exercises/" + key + ".md") }

// Verdicts returns the words verify uses for what it found.
func Verdicts() *Doc { return load("exercises/verdicts.md") }

// Solution returns an exercise's worked solution in Go and in Python.
// They are real programs: the tests build them and verify them.
func Solution(key string) (goSrc, pySrc string) {
	g, _ := files.ReadFile("solutions/" + key + "/main.go")
	p, _ := files.ReadFile("solutions/" + key + "/" + strings.ReplaceAll(key, "-", "_") + ".py")
	return string(g), string(p)
}

// Text returns a plain text file, such as the usage message.
func Text(name string) string {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: missing " + name) // a build without its assets is a programmer's mistake
	}
	return string(b)
}

// Section returns the text under key in the named file ("ui" for
// ui.md), or "".
func Section(file, key string) string { return load(file + ".md").Section(key) }

// Fill replaces each {name} in text by vals[name]. A number can also be
// worked on, {name*2}, {name/7}, {name+1}, {name-1}: the result is written
// with as many decimals as the value itself has. That is how a question
// offers wrong choices of the same shape as the run's answer.
func Fill(text string, vals map[string]string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	pairs := make([]string, 0, 2*len(vals))
	for k, v := range vals {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return fillArithmetic(strings.NewReplacer(pairs...).Replace(text), vals)
}
