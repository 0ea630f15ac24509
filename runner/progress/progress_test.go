package progress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	s := &Store{Dir: filepath.Join(t.TempDir(), "home")}
	when := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	if _, err := s.Update(func(p *Progress) {
		p.Lesson(3).Finished = &when
		p.Lesson(3).Questions = map[string]bool{"ask client recv 1": true}
		p.Lesson(7).Exercises = map[string]time.Time{"server": when}
		p.Lesson(1).Hints = map[string]int{"client": 2}
		p.Last = &Place{Lesson: 4, Step: 9}
	}); err != nil {
		t.Fatal(err)
	}
	p, note := s.Load()
	if note != "" {
		t.Fatal(note)
	}
	if !p.Peek(3).Finished.Equal(when) || !p.Peek(3).Questions["ask client recv 1"] ||
		!p.Peek(7).Exercises["server"].Equal(when) || p.Peek(1).Hints["client"] != 2 || *p.Last != (Place{4, 9}) {
		t.Errorf("read back %+v", p)
	}
	data, _ := os.ReadFile(s.Path())
	if !strings.Contains(string(data), "\n  \"lessons\": {") {
		t.Errorf("the file is not indented for reading:\n%s", data)
	}
	p.Reset(3)
	if p.Peek(3) != nil || p.Peek(7) == nil {
		t.Errorf("reset 3 left %+v", p.Lessons)
	}
	p.Reset(0)
	if len(p.Lessons) != 0 || p.Last != nil {
		t.Errorf("reset all left %+v", p)
	}
}

func TestDamagedFileIsSetAside(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: dir}
	if err := os.WriteFile(s.Path(), []byte(`{"version":1,"lessons":{"1":`), 0o644); err != nil {
		t.Fatal(err)
	}
	p, note := s.Load()
	if p == nil || len(p.Lessons) != 0 || !strings.Contains(note, "damaged") {
		t.Fatalf("progress %+v, note %q", p, note)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, FileName+".damaged-*"))
	if len(aside) != 1 || !strings.Contains(note, aside[0]) {
		t.Errorf("damaged file kept as %v; note %q", aside, note)
	}
	if _, err := os.Stat(s.Path()); !os.IsNotExist(err) {
		t.Error("the damaged file is still in place")
	}
}

func TestReadOnlyHome(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere: a read-only directory cannot be tested as root")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	s := &Store{Dir: dir}
	_, err := s.Update(func(p *Progress) { p.Lesson(1) })
	if err == nil || !strings.Contains(err.Error(), "cannot save your progress in "+dir) {
		t.Errorf("error %v", err)
	}
}

func TestHomeIsAFile(t *testing.T) {
	// Works as root too: a directory cannot be made where a file is.
	file := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(file, nil, 0o644)
	s := &Store{Dir: file}
	if _, err := s.Update(func(p *Progress) { p.Lesson(1) }); err == nil || !strings.Contains(err.Error(), "cannot save your progress") {
		t.Errorf("error %v", err)
	}
	if p, _ := s.Load(); p == nil {
		t.Error("no progress from an unreadable home")
	}
}

func TestDefaultDir(t *testing.T) {
	if d := DefaultDir(func(k string) string { return map[string]string{"SOCKTOUR_HOME": "/lab/st"}[k] }); d != "/lab/st" {
		t.Errorf("SOCKTOUR_HOME ignored: %s", d)
	}
}
