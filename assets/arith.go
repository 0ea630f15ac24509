package assets

import (
	"strconv"
	"strings"
)

// fillArithmetic replaces each {name op number} left in text, where op is
// one of + - * / and vals[name] is a number, by the result. Anything else
// in braces is left as it is.
func fillArithmetic(text string, vals map[string]string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		end += open
		b.WriteString(text[:open])
		if v, ok := compute(text[open+1:end], vals); ok {
			b.WriteString(v)
		} else {
			b.WriteString(text[open : end+1])
		}
		text = text[end+1:]
	}
	if b.Len() == 0 {
		return text
	}
	b.WriteString(text)
	return b.String()
}

// compute works out "name*2" from vals, or says it cannot.
func compute(expr string, vals map[string]string) (string, bool) {
	i := strings.LastIndexAny(expr, "+-*/")
	if i <= 0 {
		return "", false
	}
	v, ok := vals[strings.TrimSpace(expr[:i])]
	if !ok {
		return "", false
	}
	x, err1 := strconv.ParseFloat(v, 64)
	k, err2 := strconv.ParseFloat(strings.TrimSpace(expr[i+1:]), 64)
	if err1 != nil || err2 != nil {
		return "", false
	}
	switch expr[i] {
	case '+':
		x += k
	case '-':
		x -= k
	case '*':
		x *= k
	case '/':
		if k == 0 {
			return "", false
		}
		x /= k
	}
	decimals := 0
	if dot := strings.IndexByte(v, '.'); dot >= 0 {
		decimals = len(v) - dot - 1
	}
	return strconv.FormatFloat(x, 'f', decimals, 64), true
}
