// Command translations tells a translator what to do: it prints every
// translated section whose English has changed since it was translated
// (and exits 1 if there is any), and with -missing the English sections
// each language still lacks. With -stamp it records, in each translated
// file, the hash of the English text of every section that has none yet:
// run it once the sections are translated.
//
//	go run ./assets/cmd/translations [-missing] [-stamp]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/socktour/socktour/assets"
)

func main() {
	missing := flag.Bool("missing", false, "also list the English sections not yet translated")
	stamp := flag.Bool("stamp", false, "record the English hash of every translated section that has none")
	flag.Parse()
	dir := assetsDir()
	if *stamp {
		for _, l := range assets.Languages[1:] {
			filepath.WalkDir(filepath.Join(dir, l), func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || filepath.Base(p) == "glossary.md" {
					return err
				}
				name, _ := filepath.Rel(filepath.Join(dir, l), p)
				src, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				out, err := assets.Stamp(filepath.ToSlash(name), string(src))
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					return nil
				}
				if out != string(src) {
					return os.WriteFile(p, []byte(out), 0o644)
				}
				return nil
			})
		}
		fmt.Println("stamped; rebuild (go run ./assets/cmd/translations) to check")
		return
	}
	stale := assets.Stale()
	for _, s := range stale {
		fmt.Println(s)
	}
	if *missing {
		for _, l := range assets.Languages[1:] {
			for _, m := range assets.Missing(l) {
				fmt.Printf("%s: not translated: %s\n", l, m)
			}
		}
	}
	if len(stale) > 0 {
		os.Exit(1)
	}
}

// assetsDir is the assets directory of the module this runs in.
func assetsDir() string {
	wd, _ := os.Getwd()
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "assets")
		}
		if filepath.Dir(d) == d {
			return strings.TrimSuffix(wd, "/") + "/assets"
		}
	}
}
