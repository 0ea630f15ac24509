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
	"fmt"
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

var (
	mu     sync.Mutex
	parsed = map[string]*Doc{}
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
	parsed[name] = d
	return d
}

// Lesson returns the narration of lesson n, or nil when it has none.
func Lesson(n int) *Doc { return load(fmt.Sprintf("lessons/%d.md", n)) }

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
