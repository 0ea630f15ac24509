package runner

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"path"
	"strings"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/tui"
)

// code prints the Go source of a lesson's functions, cut from the very
// files that are compiled into socktour.
func code(args []string, io *IO) error {
	f := newFlags("code")
	pos, err := parse(f, args)
	if err != nil {
		return err
	}
	l, err := lessonArg(pos, "code")
	if err != nil {
		return err
	}
	pal := render.NewPalette(io.color(f.noColor))
	funcs, err := lessonSource(l)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "%s\n", pal.Title.Sprintf("// Lesson %d · %s: the code that runs", l.Number, tui.Title(l.Number)))
	for _, fn := range funcs {
		fmt.Fprintf(io.Out, "\n%s\n%s\n", pal.Comment.Sprint("// from lessons/"+fn.file), highlight(fn.src, pal))
	}
	return nil
}

// funcSource is one function's source and the file it is in.
type funcSource struct{ file, src string }

// lessonSource finds each function named in l.Code in the embedded
// lesson files, with its doc comment.
func lessonSource(l *lessons.Lesson) ([]funcSource, error) {
	files, err := fs.Glob(lessons.Source, "*.go")
	if err != nil {
		return nil, err
	}
	found := map[string]funcSource{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := fs.ReadFile(lessons.Source, name)
		if err != nil {
			return nil, err
		}
		file, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			start := fn.Pos()
			if fn.Doc != nil {
				start = fn.Doc.Pos()
			}
			from, to := fset.Position(start).Offset, fset.Position(fn.End()).Offset
			found[fn.Name.Name] = funcSource{file: path.Base(name), src: string(src[from:to])}
		}
	}
	var out []funcSource
	for _, name := range l.Code {
		fn, ok := found[name]
		if !ok {
			return nil, errorf("lesson %d names a function %s that its files do not have", l.Number, name)
		}
		out = append(out, fn)
	}
	return out, nil
}

// highlight colours Go source with the standard library's scanner:
// keywords, strings and comments. Everything else is copied as it is.
func highlight(src string, pal *render.Palette) string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	s.Init(file, []byte(src), nil, scanner.ScanComments)
	var b strings.Builder
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		style := pal.Comment
		switch {
		case tok.IsKeyword():
			style = pal.Key
		case tok == token.STRING || tok == token.CHAR:
			style = pal.Str
		case tok == token.COMMENT:
		default:
			continue
		}
		off := file.Offset(pos)
		if off < last || !strings.HasPrefix(src[off:], lit) {
			continue
		}
		b.WriteString(src[last:off])
		b.WriteString(style.Sprint(lit))
		last = off + len(lit)
	}
	b.WriteString(src[last:])
	return b.String()
}
