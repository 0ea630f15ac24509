package progress

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// TestConcurrentUpdatesLoseNothing runs 20 processes that each make 50
// updates to one progress file at once, every update a hint of its own:
// all 1,000 must be in the file at the end.
func TestConcurrentUpdatesLoseNothing(t *testing.T) {
	procs, each := 20, 50
	if testing.Short() {
		procs, each = 5, 20
	}
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, procs)
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestUpdaterProcess$")
			cmd.Env = append(os.Environ(), "PROGRESS_UPDATER="+dir, "PROGRESS_ID="+strconv.Itoa(i),
				"PROGRESS_EACH="+strconv.Itoa(each))
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("updater %d: %v: %s", i, err, out)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	p, note := (&Store{Dir: dir}).Load()
	if note != "" {
		t.Fatal(note)
	}
	lost := 0
	for i := range procs {
		for k := range each {
			if p.Peek(1) == nil || p.Peek(1).Hints[fmt.Sprintf("p%d-%d", i, k)] != 1 {
				lost++
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d updates lost", lost, procs*each)
	}
}

// TestUpdaterProcess is the body of one updating process of
// TestConcurrentUpdatesLoseNothing; run on its own it does nothing.
func TestUpdaterProcess(t *testing.T) {
	dir := os.Getenv("PROGRESS_UPDATER")
	if dir == "" {
		t.Skip("run by TestConcurrentUpdatesLoseNothing")
	}
	each, _ := strconv.Atoi(os.Getenv("PROGRESS_EACH"))
	s := &Store{Dir: dir}
	for k := range each {
		key := fmt.Sprintf("p%s-%d", os.Getenv("PROGRESS_ID"), k)
		if _, err := s.Update(func(p *Progress) {
			l := p.Lesson(1)
			if l.Hints == nil {
				l.Hints = map[string]int{}
			}
			l.Hints[key]++
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDamagedCopiesKeepNamesOfTheirOwn: two damaged files set aside in
// the same second are both kept.
func TestDamagedCopiesKeepNamesOfTheirOwn(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: dir}
	for _, junk := range []string{"{first", "{second"} {
		if err := os.WriteFile(s.Path(), []byte(junk), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, note := s.Load(); note == "" {
			t.Fatal("a damaged file was not reported")
		}
	}
	aside, _ := filepath.Glob(s.Path() + ".damaged-*")
	kept := map[string]bool{}
	for _, f := range aside {
		data, _ := os.ReadFile(f)
		kept[string(data)] = true
	}
	if !kept["{first"] || !kept["{second"] {
		t.Errorf("set aside %v, holding %v; want both damaged files kept", aside, kept)
	}
}
