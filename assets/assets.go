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
	"runtime"
	"strconv"
	"strings"
	"sync"
)

//go:embed lessons/*.md exercises/*.md solutions/*/main.go solutions/*/*.py *.md *.txt all:zh all:ko
var files embed.FS

// Doc is one parsed text file.
type Doc struct {
	Title    string
	Summary  string
	Sections map[string]string // body text by key, paragraphs separated by blank lines
	// Sources are, in a translation, the hash of the English text each
	// section was made from ("## key @1a2b3c4d"); the title line's hash
	// ("# Title @…") is under "" and covers the title and the summary.
	Sources map[string]string
}

// Section returns the text under key, or "". Where a fact differs by
// system, a section "key on windows" (or "on darwin"…) says it for the
// learner's own and is returned instead on that system.
func (d *Doc) Section(key string) string {
	if d == nil {
		return ""
	}
	if text, ok := d.Sections[key+" on "+goos]; ok {
		return text
	}
	return d.Sections[key]
}

// goos is the system the learner runs socktour on.
var goos = runtime.GOOS

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
	comment := false // inside an HTML comment: a note for whoever edits the text, such as its source
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if comment || strings.HasPrefix(trimmed, "<!--") {
			comment = !strings.HasSuffix(trimmed, "-->")
			continue
		}
		switch {
		case strings.HasPrefix(line, "# ") && d.Title == "":
			d.Title = d.source("", strings.TrimSpace(line[2:]))
		case strings.HasPrefix(line, "## "):
			flush()
			key = strings.TrimSpace(line[3:])
			key = d.source(key, key)
		default:
			body = append(body, line)
		}
	}
	flush()
	return d
}

// source takes a translation's "@hash" off the end of a header line,
// noting it under key, and returns the rest.
func (d *Doc) source(key, line string) string {
	i := strings.LastIndex(line, " @")
	if i < 0 || !isHash(line[i+2:]) {
		return line
	}
	if d.Sources == nil {
		d.Sources = map[string]string{}
	}
	head := strings.TrimSpace(line[:i])
	if key != "" {
		key = head
	}
	d.Sources[key] = line[i+2:]
	return head
}

func isHash(s string) bool {
	if len(s) != 8 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// parsed holds the files parsed so far. Nothing is parsed at start-up: a
// file is parsed the first time a command asks for it.
var (
	mu     sync.Mutex
	parsed map[string]*Doc
)

// load returns an embedded file in the language set, parsed once: the
// English file, with each section the translation has in its place.
func load(name string) *Doc {
	mu.Lock()
	defer mu.Unlock()
	return loadIn(current, name)
}

// loadIn is load in language l, with mu held.
func loadIn(l, name string) *Doc {
	key := l + "/" + name
	if d, ok := parsed[key]; ok {
		return d
	}
	var d *Doc
	if l == English {
		src, err := files.ReadFile(name)
		if err != nil {
			return nil
		}
		d = Parse(string(src))
	} else {
		d = translated(loadIn(English, name), loadRaw(l+"/"+name))
	}
	if parsed == nil {
		parsed = map[string]*Doc{}
	}
	parsed[key] = d
	return d
}

// loadRaw parses a file as it is, or returns nil when there is none.
func loadRaw(name string) *Doc {
	src, err := files.ReadFile(name)
	if err != nil {
		return nil
	}
	return Parse(string(src))
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
	if l := Language(); l != English {
		if d := load(name); d != nil {
			return d.Title // a translated title: the whole file, merged
		}
		return ""
	}
	mu.Lock()
	d, ok := parsed[English+"/"+name]
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

// Text returns a plain text file, such as the usage message, in the
// language set when it has been translated (a translation's first line is
// "@hash" of the English it was made from).
func Text(name string) string {
	if l := Language(); l != English {
		if b, err := files.ReadFile(l + "/" + name); err == nil {
			_, text := textSource(string(b))
			return text
		}
	}
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: missing " + name) // a build without its assets is a programmer's mistake
	}
	return string(b)
}

// textSource splits a translated plain text into its source hash and the
// text.
func textSource(s string) (hash, text string) {
	first, rest, ok := strings.Cut(s, "\n")
	if ok && strings.HasPrefix(first, "@") && isHash(first[1:]) {
		return first[1:], rest
	}
	return "", s
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

// Message is the error message whose English format is format, in the
// language set: assets/errors.md keys each by the English itself. A
// format it does not hold is returned as it is.
func Message(format string) string {
	if Language() == English {
		return format
	}
	if m := load("errors.md").Section(format); m != "" {
		return m
	}
	return format
}

// UI is the interface text key of ui.md in the language set, with its
// {name} templates filled from kv, name and value pairs.
func UI(key string, kv ...string) string {
	text := Section("ui", key)
	if len(kv) == 0 {
		return text
	}
	vals := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		vals[kv[i]] = kv[i+1]
	}
	return Fill(text, vals)
}
