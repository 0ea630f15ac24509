package tui

import (
	"io"
	"sync/atomic"
	"time"
)

// MenuReader is where the menu's keys come from. Closing it makes a read
// that is still waiting return io.EOF without taking a key: promptui's
// line reader keeps a goroutine reading after the menu closes, and it
// must not swallow the first key meant for the player.
type MenuReader interface {
	io.ReadCloser
}

// MenuReader returns a fresh reader of the menu's keys.
func (o *Console) menuReader() MenuReader {
	if o.MenuIn != nil {
		return o.MenuIn()
	}
	return &plainMenuReader{r: o.In}
}

// plainMenuReader reads a test's script.
type plainMenuReader struct {
	r      io.Reader
	closed atomic.Bool
}

func (p *plainMenuReader) Read(b []byte) (int, error) {
	if p.closed.Load() {
		return 0, io.EOF
	}
	return p.r.Read(b)
}

func (p *plainMenuReader) Close() error { p.closed.Store(true); return nil }

// menuKeys turns the keys the menu offers beyond promptui's into ones it
// knows: a lesson's number moves the cursor there (as arrow presses: up
// to the top, then down), two digits typed together for lessons 10 and
// up ("1" moves to lesson 1, "3" right after it on to 13); and a row's
// letter (c to go on, e for the exercise, q to quit) moves there and
// chooses it.
type menuKeys struct {
	r       io.Reader
	items   int
	first   int          // the row of lesson 1
	lessons int          // how many lessons the menu lists
	letters map[byte]int // rows chosen by a letter
	buf     []byte
	inEsc   bool // inside an escape sequence, whose digits are not numbers
	number  int  // the lesson the digits typed so far name, 0 for none
	typedAt time.Time
	now     func() time.Time // time.Now, or a test's clock
}

// numberPause is how long after a digit the next one still adds to it: a
// digit typed later starts a number of its own.
const numberPause = time.Second

func (m *menuKeys) Read(b []byte) (int, error) {
	for len(m.buf) == 0 {
		raw := make([]byte, 32)
		n, err := m.r.Read(raw)
		m.translate(raw[:n])
		if err != nil && len(m.buf) == 0 {
			return 0, err
		}
	}
	n := copy(b, m.buf)
	m.buf = m.buf[n:]
	return n, nil
}

const arrowUp, arrowDown = "\x1b[A", "\x1b[B"

func (m *menuKeys) translate(raw []byte) {
	for _, c := range raw {
		switch {
		case m.inEsc:
			m.buf = append(m.buf, c)
			if c >= 0x40 && c <= 0x7e && c != '[' && c != 'O' {
				m.inEsc = false
			}
		case c == 0x1b:
			m.inEsc, m.number = true, 0
			m.buf = append(m.buf, c)
		case c >= '0' && c <= '9':
			m.digit(int(c - '0'))
		case m.hasLetter(c):
			m.number = 0
			m.moveTo(m.letters[c|0x20])
			m.buf = append(m.buf, '\r')
		default:
			m.number = 0
			m.buf = append(m.buf, c)
		}
	}
}

// digit moves to the lesson the digits typed so far name, with d added,
// if there is one; else to lesson d alone; else nowhere.
func (m *menuKeys) digit(d int) {
	now := time.Now
	if m.now != nil {
		now = m.now
	}
	t := now()
	if t.Sub(m.typedAt) > numberPause {
		m.number = 0
	}
	m.typedAt = t
	switch n := m.number*10 + d; {
	case m.number > 0 && n <= m.lessons:
		m.number = n
	case d >= 1 && d <= m.lessons:
		m.number = d
	default:
		return
	}
	m.moveTo(m.number - 1 + m.first)
}

func (m *menuKeys) hasLetter(c byte) bool {
	_, ok := m.letters[c|0x20] // either case
	return ok && c >= 'A'
}

// moveTo presses ↑ enough to reach the top, then ↓ i times.
func (m *menuKeys) moveTo(i int) {
	for range m.items {
		m.buf = append(m.buf, arrowUp...)
	}
	for range i {
		m.buf = append(m.buf, arrowDown...)
	}
}

func (m *menuKeys) Close() error {
	if c, ok := m.r.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
