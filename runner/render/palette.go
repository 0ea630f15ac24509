package render

import "github.com/fatih/color"

// Palette is every colour socktour uses, decided in one place. With colour
// off each style returns its text unchanged; colour is never the only cue,
// as every line also has its lane, glyph or words.
type Palette struct {
	Client, Server, Tutor, Error, Note, Dim, Title, Key, Str, Comment *color.Color
}

// NewPalette returns the palette, with colour on or off.
func NewPalette(on bool) *Palette {
	p := &Palette{
		Client:  color.New(color.FgCyan),
		Server:  color.New(color.FgMagenta),
		Tutor:   color.New(color.FgYellow),
		Error:   color.New(color.FgRed, color.Bold),
		Note:    color.New(color.FgGreen),
		Dim:     color.New(color.Faint),
		Title:   color.New(color.Bold),
		Key:     color.New(color.FgBlue, color.Bold),
		Str:     color.New(color.FgGreen),
		Comment: color.New(color.FgHiBlack),
	}
	for _, c := range []*color.Color{p.Client, p.Server, p.Tutor, p.Error, p.Note, p.Dim, p.Title, p.Key, p.Str, p.Comment} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

// paint applies c to s, or returns s when c is nil.
func paint(c *color.Color, s string) string {
	if c == nil || s == "" {
		return s
	}
	return c.Sprint(s)
}
