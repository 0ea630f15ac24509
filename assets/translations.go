package assets

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:generate go run ./cmd/translations

// Stale lists, for each translation, what is out of step with the
// English it was made from: a section whose English has changed since (or
// that records no source), a section the English no longer has, a whole
// text whose English changed. Each entry reads "zh/lessons/3.md: client
// close: the English has changed since". Missing sections are not stale:
// they fall back to English (see Missing).
func Stale() []string {
	var out []string
	for _, l := range Languages[1:] {
		for _, name := range translatedFiles(l) {
			out = append(out, staleIn(l, name)...)
		}
	}
	sort.Strings(out)
	return out
}

// Missing lists the English sections that language l has not translated
// yet, as "lessons/3.md: client close".
func Missing(l string) []string {
	var out []string
	for _, name := range englishFiles() {
		if strings.HasSuffix(name, ".txt") {
			if _, err := files.ReadFile(l + "/" + name); err != nil {
				out = append(out, name)
			}
			continue
		}
		en, tr := loadRaw(name), loadRaw(l+"/"+name)
		if tr == nil {
			out = append(out, name)
			continue
		}
		if tr.Title == "" {
			out = append(out, name+": title")
		}
		for _, k := range sortedKeys(en.Sections) {
			if _, ok := tr.Sections[k]; !ok {
				out = append(out, name+": "+k)
			}
		}
	}
	return out
}

func staleIn(l, name string) []string {
	full := l + "/" + name
	src, err := files.ReadFile(name)
	if err != nil {
		return []string{full + ": no English text of that name"}
	}
	if strings.HasSuffix(name, ".txt") {
		b, _ := files.ReadFile(full)
		if hash, _ := textSource(string(b)); hash != Hash(string(src)) {
			return []string{full + ": the English has changed since"}
		}
		return nil
	}
	en, tr := Parse(string(src)), loadRaw(full)
	var out []string
	if tr.Title != "" && tr.Sources[""] != Hash(en.Title+"\n"+en.Summary) {
		out = append(out, full+": title: the English has changed since")
	}
	for _, k := range sortedKeys(tr.Sections) {
		switch body, ok := en.Sections[k]; {
		case !ok:
			out = append(out, full+": "+k+": the English has no such section")
		case tr.Sources[k] != Hash(body):
			out = append(out, full+": "+k+": the English has changed since")
		}
	}
	return out
}

// Stamp returns a translation's source text with every header that has no
// "@hash" given the hash of the English it stands for now: for a
// translator who has just translated those sections.
func Stamp(name, src string) (string, error) {
	enSrc, err := files.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("%s: no English text of that name", name)
	}
	if strings.HasSuffix(name, ".txt") {
		if hash, _ := textSource(src); hash != "" {
			return src, nil
		}
		return "@" + Hash(string(enSrc)) + "\n" + src, nil
	}
	en := Parse(string(enSrc))
	lines := strings.Split(src, "\n")
	titled := false
	for i, line := range lines {
		switch {
		case strings.HasPrefix(line, "# ") && !titled:
			titled = true
			if !hasSource(line) {
				lines[i] = strings.TrimRight(line, " ") + " @" + Hash(en.Title+"\n"+en.Summary)
			}
		case strings.HasPrefix(line, "## ") && !hasSource(line):
			key := strings.TrimSpace(line[3:])
			if body, ok := en.Sections[key]; ok {
				lines[i] = strings.TrimRight(line, " ") + " @" + Hash(body)
			}
		}
	}
	return strings.Join(lines, "\n"), nil
}

func hasSource(line string) bool {
	i := strings.LastIndex(line, " @")
	return i >= 0 && isHash(strings.TrimSpace(line[i+2:]))
}

// englishFiles are the texts that can be translated.
func englishFiles() []string {
	var out []string
	fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && (p == Chinese || p == Korean || p == "solutions" || p == "cmd") {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(p); ext == ".md" || ext == ".txt" {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// translatedFiles are language l's translations, by their English name.
func translatedFiles(l string) []string {
	var out []string
	fs.WalkDir(files, l, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Base(p) != "glossary.md" {
			out = append(out, strings.TrimPrefix(p, l+"/"))
		}
		return nil
	})
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
