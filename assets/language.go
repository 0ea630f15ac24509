package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// The languages socktour speaks. English is the source of every text;
// the others are translations of it, section by section.
const (
	English = "en"
	Chinese = "zh" // Simplified Chinese
	Korean  = "ko"
)

// Languages are the languages, in the order the menu offers them.
var Languages = []string{English, Chinese, Korean}

// current is the language texts are shown in.
var current = English

// SetLanguage shows every text from now on in l (one of Languages); a
// text not translated into l is shown in English, section by section,
// never as a blank or a key.
func SetLanguage(l string) {
	mu.Lock()
	defer mu.Unlock()
	current = l
}

// Language is the language texts are shown in.
func Language() string {
	mu.Lock()
	defer mu.Unlock()
	return current
}

// translated is the English doc en with the sections that the
// translation tr has put in their place. Where tr lacks a section (or
// the title), the English one stays.
func translated(en, tr *Doc) *Doc {
	if en == nil || tr == nil {
		return en
	}
	d := &Doc{Title: en.Title, Summary: en.Summary, Sections: make(map[string]string, len(en.Sections))}
	for k, v := range en.Sections {
		d.Sections[k] = v
	}
	if tr.Title != "" {
		d.Title = tr.Title
	}
	if tr.Summary != "" {
		d.Summary = tr.Summary
	}
	for k, v := range tr.Sections {
		if _, ok := en.Sections[k]; ok && v != "" {
			d.Sections[k] = v
		}
	}
	return d
}

// Hash is the short hash of an English text that a translation of it
// records: the first 8 hex digits of its SHA-256, of the text trimmed.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(text)))
	return hex.EncodeToString(sum[:4])
}
