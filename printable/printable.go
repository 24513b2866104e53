// Package printable shows text from submissions — cell texts, unit, sheet
// and file names — so that it cannot act on the terminal or the program
// that shows it: control characters, bytes that are not UTF-8, and the
// characters that reorder or break a line are written as escapes (\x1b,
// \n, \u202e), everything else as it is. A cell that holds an escape
// sequence cannot erase the line that reports it and print a false ✓.
package printable

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Line is s with every control character escaped, line breaks and tabs
// included: one line of a report stays one line.
func Line(s string) string { return escape(s, false) }

// Text is s with every control character escaped but the line break: a
// message of several lines keeps them.
func Text(s string) string { return escape(s, true) }

// unsafe reports a character that must not reach a terminal or a cell as
// it is: C0 and C1 controls, DEL, the line and paragraph separators and
// the bidirectional overrides and isolates (which make a line read other
// than it is written).
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

func escape(s string, keepNewline bool) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unsafe(r) && !(keepNewline && r == '\n') {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepNewline && r == '\n', !unsafe(r):
			b.WriteString(s[i : i+n])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// JSON escapes, in JSON that encoding/json wrote, the characters it leaves
// as they are and a terminal would act on: DEL, the C1 controls and the
// bidirectional controls, as \u escapes. (encoding/json escapes the C0
// controls and the line separators itself, and writes no byte that is not
// UTF-8.) These characters occur only inside strings, so the result is
// the same JSON.
func JSON(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r >= 0x7f && unsafe(r) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+32)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r >= 0x7f && unsafe(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}
