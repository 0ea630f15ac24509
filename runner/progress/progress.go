// Package progress keeps a learner's progress in a readable JSON file:
// lessons finished, where they stopped, questions answered, hints seen and
// exercises passed. It lives in os.UserConfigDir()/socktour, or in the
// directory SOCKTOUR_HOME names (for shared lab machines). A damaged file
// is set aside, never a reason to crash; a home that cannot be written
// costs the saving, not the lesson.
package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// FileName is the progress file's name within its directory.
const FileName = "progress.json"

// Progress is everything saved.
type Progress struct {
	Version int `json:"version"`
	// Lang is the language chosen in the menu: en, zh or ko.
	Lang string `json:"lang,omitempty"`
	// Last is where the learner last stopped in a lesson.
	Last *Place `json:"last,omitempty"`
	// Lessons by number ("1", "2"…), as JSON keys are strings.
	Lessons map[string]*Lesson `json:"lessons,omitempty"`
}

// Place is a step of a lesson.
type Place struct {
	Lesson int `json:"lesson"`
	Step   int `json:"step"`
}

// Lesson is one lesson's progress.
type Lesson struct {
	Finished *time.Time `json:"finished,omitempty"`
	// Step is where the learner last left this lesson: a lesson begun
	// stays begun when another is opened.
	Step int `json:"step,omitempty"`
	// Questions answered, by question key: true when answered right.
	Questions map[string]bool `json:"questions,omitempty"`
	// Exercises passed, by part ("client", "server"), with when.
	Exercises map[string]time.Time `json:"exercises_passed,omitempty"`
	// Hints seen, by part.
	Hints map[string]int `json:"hints_seen,omitempty"`
}

// Lesson returns lesson n's progress, made if need be.
func (p *Progress) Lesson(n int) *Lesson {
	if p.Lessons == nil {
		p.Lessons = map[string]*Lesson{}
	}
	k := strconv.Itoa(n)
	if p.Lessons[k] == nil {
		p.Lessons[k] = &Lesson{}
	}
	return p.Lessons[k]
}

// Peek returns lesson n's progress, or nil when there is none.
func (p *Progress) Peek(n int) *Lesson { return p.Lessons[strconv.Itoa(n)] }

// Reset forgets lesson n, or every lesson when n is 0.
func (p *Progress) Reset(n int) {
	if n == 0 {
		*p = Progress{Version: 1}
		return
	}
	delete(p.Lessons, strconv.Itoa(n))
	if p.Last != nil && p.Last.Lesson == n {
		p.Last = nil
	}
}

// Store is the progress file.
type Store struct {
	Dir string // "" keeps progress in memory only
	mem *Progress
}

// DefaultDir is SOCKTOUR_HOME if set, else os.UserConfigDir()/socktour,
// else "" (no saving) when the system has no config directory.
func DefaultDir(getenv func(string) string) string {
	if d := getenv("SOCKTOUR_HOME"); d != "" {
		return d
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "socktour")
}

// Path is the progress file's path, or "".
func (s *Store) Path() string {
	if s.Dir == "" {
		return ""
	}
	return filepath.Join(s.Dir, FileName)
}

// Load reads the progress. A missing file is a fresh start. A damaged one
// is renamed aside and reported in note, and progress starts afresh.
func (s *Store) Load() (p *Progress, note string) {
	if s.Dir == "" {
		if s.mem == nil {
			s.mem = &Progress{Version: 1}
		}
		return s.mem, ""
	}
	if _, err := os.Stat(s.Dir); err != nil {
		return s.load() // nothing saved yet, or nowhere to save: no lock to take
	}
	unlock := s.lock()
	defer unlock()
	return s.load()
}

// load is Load, with the lock held (or no file to lock).
func (s *Store) load() (p *Progress, note string) {
	data, err := os.ReadFile(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return &Progress{Version: 1}, ""
	}
	if err != nil {
		return &Progress{Version: 1}, fmt.Sprintf("cannot read your progress in %s (%v); carrying on without it", s.Path(), pathErr(err))
	}
	p = &Progress{}
	if err := json.Unmarshal(data, p); err != nil || p.Version != 1 {
		aside := freeName(s.Path() + ".damaged-" + time.Now().UTC().Format("20060102T150405"))
		if rerr := os.Rename(s.Path(), aside); rerr != nil {
			return &Progress{Version: 1}, fmt.Sprintf("your progress file %s is damaged and cannot be moved aside (%v); carrying on without it", s.Path(), pathErr(rerr))
		}
		return &Progress{Version: 1}, fmt.Sprintf("your progress file was damaged: it is kept as %s, and progress starts afresh", aside)
	}
	return p, ""
}

// Lang is the language saved in the progress file, or "": read without
// the lock and without setting a damaged file aside (the next Load does).
func (s *Store) Lang() string {
	if s.Dir == "" {
		if s.mem != nil {
			return s.mem.Lang
		}
		return ""
	}
	data, err := os.ReadFile(s.Path())
	if err != nil {
		return ""
	}
	var p struct {
		Lang string `json:"lang"`
	}
	if json.Unmarshal(data, &p) != nil {
		return ""
	}
	return p.Lang
}

// Save writes the progress, whole or not at all (a new file renamed over
// the old one). To change what is saved, use Update: a Load then a Save
// can lose what another socktour saved in between.
func (s *Store) Save(p *Progress) error {
	if s.Dir == "" {
		s.mem = p
		return nil
	}
	unlock := s.lock()
	defer unlock()
	return s.save(p)
}

// save is Save, with the lock held.
func (s *Store) save(p *Progress) error {
	p.Version = 1
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return fmt.Errorf("cannot save your progress in %s: %v", s.Dir, pathErr(err))
	}
	tmp, err := os.CreateTemp(s.Dir, ".progress-*.json")
	if err != nil {
		return fmt.Errorf("cannot save your progress in %s: %v", s.Dir, pathErr(err))
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), s.Path())
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot save your progress in %s: %v", s.Dir, pathErr(werr))
	}
	return nil
}

// Update loads, changes and saves the progress, holding the file's lock
// from the read to the write: when several socktour processes update it
// at once (a lab's shared SOCKTOUR_HOME), each change is made to what the
// one before saved, and none is lost. Its note is Load's.
func (s *Store) Update(change func(*Progress)) (note string, err error) {
	if s.Dir == "" {
		p, _ := s.Load()
		change(p)
		return "", nil
	}
	unlock := s.lock()
	defer unlock()
	p, note := s.load()
	change(p)
	return note, s.save(p)
}

// lock takes the lock of the progress file, a file of its own beside it
// (the progress file itself is replaced on every save), and returns what
// releases it. Where no lock can be had (a home that cannot be written),
// it goes on without: the save will fail and say so.
func (s *Store) lock() (unlock func()) {
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return func() {}
	}
	f, err := os.OpenFile(s.Path()+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return func() {}
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		unlockFile(f)
		f.Close()
	}
}

// freeName is name, or name-2, name-3… if that is taken: a file set aside
// never replaces another set aside in the same second.
func freeName(name string) string {
	try := name
	for i := 2; ; i++ {
		if _, err := os.Lstat(try); errors.Is(err, fs.ErrNotExist) {
			return try
		}
		try = name + "-" + strconv.Itoa(i)
	}
}

func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
