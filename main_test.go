package main

import (
	"bufio"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildFlags build socktour as the README says users should: pure Go,
// static, no cgo resolver. The hello world it is compared with is built
// the same way.
var buildFlags = []string{"build", "-trimpath"}

// built builds socktour and a Go hello world once per test binary, into a
// directory of their own.
var built = sync.OnceValues(func() (dir string, err error) {
	dir, err = os.MkdirTemp("", "socktour-startup-")
	if err != nil {
		return "", err
	}
	builtDir = dir
	hello := filepath.Join(dir, "hello-src")
	if err := os.Mkdir(hello, 0o755); err != nil {
		return "", err
	}
	src := "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n"
	if err := os.WriteFile(filepath.Join(hello, "main.go"), []byte(src), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(hello, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644); err != nil {
		return "", err
	}
	for _, b := range []struct{ srcDir, out string }{{".", "socktour"}, {hello, "hello"}} {
		cmd := exec.Command("go", append(buildFlags, "-o", filepath.Join(dir, b.out), ".")...)
		cmd.Dir = b.srcDir
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", &buildError{b.out, string(out), err}
		}
	}
	return dir, nil
})

// builtDir is the directory built made, for TestMain to remove.
var builtDir string

type buildError struct {
	what, out string
	err       error
}

func (e *buildError) Error() string {
	return "building " + e.what + ": " + e.err.Error() + "\n" + e.out
}

// binary is the path of a built program ("socktour" or "hello").
func binary(tb testing.TB, name string) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("builds socktour")
	}
	if _, err := exec.LookPath("go"); err != nil {
		tb.Skip("no go command to build with")
	}
	dir, err := built()
	if err != nil {
		tb.Fatal(err)
	}
	return filepath.Join(dir, name)
}

// TestStaticBuild: the build the README gives (CGO_ENABLED=0) is a static
// binary, with no dynamic loader and no shared library to find at start.
func TestStaticBuild(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("static ELF binaries are a Linux matter")
	}
	f, err := elf.Open(binary(t, "socktour"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("the binary has a %v program header: it is linked dynamically", p.Type)
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the binary needs shared libraries %v", libs)
	}
}

// TestCtrlCEndsWaitingCommands: the built program, sent SIGINT while it
// waits (serve) exits 130, after closing its listening socket; SIGTERM
// too. The commands that never wait do not catch signals at all, which
// main_test cannot see; runner's TestOnlyWaitingCommandsCatchCtrlC does.
func TestCtrlCEndsWaitingCommands(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send")
	}
	bin := binary(t, "socktour")
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd := exec.Command(bin, "serve", "1")
		cmd.Env = append(os.Environ(), "SOCKTOUR_HOME="+t.TempDir())
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		if !lines.Scan() || !strings.HasPrefix(lines.Text(), "listening on 127.0.0.1:") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("serve 1 began with %q", lines.Text())
		}
		cmd.Process.Signal(sig)
		go func() {
			for lines.Scan() {
			}
		}()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("serve 1 did not stop on %v", sig)
		}
		if code := cmd.ProcessState.ExitCode(); code != 130 {
			t.Errorf("serve 1 stopped by %v: exit %d (%v), want 130", sig, code, cmd.ProcessState)
		}
	}
}

// BenchmarkStartup compares socktour's start-up with a Go hello world
// built the same way (CGO_ENABLED=0 go build -trimpath): each iteration
// runs hello, `socktour --version` and `socktour list` once, interleaved so
// that the machine's ups and downs fall on all three alike. It reports the
// median time of each, in µs, and socktour's medians over hello's (the
// target: at most 1.5). ns/op is the three runs together. Each run is
// started from this test process, which adds the same cost of starting a
// process to all three: hyperfine, where it is installed, measures closer
// to the bone (see the README).
//
//	go test -run '^$' -bench Startup -benchtime 300x .
//
// SOCKTOUR_STARTUP_BINARY=path measures another build of socktour
// instead, an older one say, against the same hello world.
func BenchmarkStartup(b *testing.B) {
	hello, socktour := binary(b, "hello"), binary(b, "socktour")
	if other := os.Getenv("SOCKTOUR_STARTUP_BINARY"); other != "" {
		socktour = other // another build to compare, such as an older one
	}
	runs := []struct {
		name string
		argv []string
	}{
		{"hello", []string{hello}},
		{"version", []string{socktour, "--version"}},
		{"list", []string{socktour, "list"}},
	}
	argvs := make([][]string, len(runs))
	for i, r := range runs {
		argvs[i] = r.argv
	}
	med := startMedians(b, argvs)
	for i := range runs {
		b.ReportMetric(med[i], runs[i].name+"-µs")
	}
	for i := 1; i < len(runs); i++ {
		b.ReportMetric(med[i]/med[0], runs[i].name+"/hello")
	}
}

// startMedians runs each program of argvs once per iteration, in turn, so
// that the machine's ups and downs fall on all alike, and returns each
// one's median time, in µs.
func startMedians(b *testing.B, argvs [][]string) []float64 {
	times := make([][]time.Duration, len(argvs))
	for b.Loop() {
		for i, argv := range argvs {
			t0 := time.Now()
			if err := exec.Command(argv[0], argv[1:]...).Run(); err != nil {
				b.Fatalf("%v: %v", argv, err)
			}
			times[i] = append(times[i], time.Since(t0))
		}
	}
	med := make([]float64, len(argvs))
	for i, ts := range times {
		slices.Sort(ts)
		med[i] = float64(ts[len(ts)/2].Nanoseconds()) / 1e3
	}
	return med
}

// TestMain removes the built programs.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}
