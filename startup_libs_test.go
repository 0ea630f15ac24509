package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// startupLibraries are the libraries whose start-up cost
// BenchmarkStartupOfLibraries measures: the product's chosen ones and
// net/http, which lesson 11's web server uses.
var startupLibraries = []struct{ name, path string }{
	{"gopacket-layers", "github.com/gopacket/gopacket/layers"},
	{"pcapgo", "github.com/gopacket/gopacket/pcapgo"},
	{"x-net-bpf", "golang.org/x/net/bpf"},
	{"x-ansi", "github.com/charmbracelet/x/ansi"},
	{"uniseg", "github.com/rivo/uniseg"},
	{"promptui", "github.com/manifoldco/promptui"},
	{"color", "github.com/fatih/color"},
	{"x-text-language", "golang.org/x/text/language"},
	{"x-term", "golang.org/x/term"},
	{"net", "net"},
	{"net-http", "net/http"},
}

// BenchmarkStartupOfLibraries measures what each library costs every
// start of a program that links it, whatever the command: a Go hello
// world (built as BenchmarkStartup builds it) against the same hello
// world with one blank import, one with the product's chosen libraries
// (all but net/http) and one with all of them, run in turn. It reports,
// for each library, its median start in µs over hello world's (the "+µs"
// metrics), and the ratios of the chosen ones and of all to hello world:
// the floors below which socktour's start-up cannot go while it links
// them. Go runs
// every linked package's initialisation at start, and a package's large
// tables (gopacket/layers fills two arrays of 65,536 entries) are written
// then.
//
//	go test -run '^$' -bench StartupOfLibraries -benchtime 200x .
func BenchmarkStartupOfLibraries(b *testing.B) {
	hello := binary(b, "hello")
	dir := b.TempDir()
	type prog struct{ name, bin string }
	progs := []prog{{"hello", hello}}
	var chosen, all []string
	for _, l := range startupLibraries {
		progs = append(progs, prog{l.name, buildWithImports(b, dir, l.name, l.path)})
		all = append(all, l.path)
		if l.path != "net/http" {
			chosen = append(chosen, l.path)
		}
	}
	libs := len(progs)
	progs = append(progs, prog{"chosen", buildWithImports(b, dir, "chosen", chosen...)},
		prog{"all", buildWithImports(b, dir, "all", all...)})
	argvs := make([][]string, len(progs))
	for i, p := range progs {
		argvs[i] = []string{p.bin}
	}
	med := startMedians(b, argvs)
	for i := 1; i < libs; i++ {
		b.ReportMetric(med[i]-med[0], progs[i].name+"+µs")
	}
	b.ReportMetric(med[0], "hello-µs")
	for i := libs; i < len(progs); i++ {
		b.ReportMetric(med[i]/med[0], progs[i].name+"/hello")
	}
}

// buildWithImports builds a hello world that imports paths (for their
// initialisation only) as a package of this module, so that the versions
// are go.mod's: its source is laid over the module with -overlay, and
// nothing is written into the tree.
func buildWithImports(b *testing.B, dir, name string, paths ...string) string {
	b.Helper()
	var src strings.Builder
	src.WriteString("package main\n\nimport (\n\t\"fmt\"\n")
	for _, p := range paths {
		fmt.Fprintf(&src, "\t_ %q\n", p)
	}
	src.WriteString(")\n\nfunc main() { fmt.Println(\"hello, world\") }\n")
	file := filepath.Join(dir, name+".go")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	root, err := os.Getwd()
	if err != nil {
		b.Fatal(err)
	}
	virtual := filepath.Join(root, "startup-probe-"+name, "main.go")
	overlay, _ := json.Marshal(map[string]map[string]string{"Replace": {virtual: file}})
	overlayFile := filepath.Join(dir, name+".json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", append(buildFlags, "-overlay", overlayFile, "-o", out, "./startup-probe-"+name)...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOWORK=off", "GOFLAGS=")
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("building %s: %v\n%s", name, err, msg)
	}
	return out
}
