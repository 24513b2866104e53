package xlsx

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// mendXML replaces, in an XML part, what XML does not allow and a strict
// reader refuses: bytes that are not UTF-8 (by U+FFFD), control characters
// (by their pictures: ␛ for an escape) and references to them (&#27;).
// A part with none is returned as it is.
func mendXML(b []byte) []byte {
	if !needsMending(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		if b[i] == '&' && i+2 < len(b) && b[i+1] == '#' {
			if r, n, ok := charRef(b[i:]); ok {
				if !xmlChar(r) {
					out = utf8.AppendRune(out, picture(r))
				} else {
					out = append(out, b[i:i+n]...)
				}
				i += n
				continue
			}
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			out = utf8.AppendRune(out, utf8.RuneError)
		case !xmlChar(r):
			out = utf8.AppendRune(out, picture(r))
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func needsMending(b []byte) bool {
	if !utf8.Valid(b) {
		return true
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return true
		case c == '&' && i+2 < len(b) && b[i+1] == '#':
			if r, _, ok := charRef(b[i:]); ok && !xmlChar(r) {
				return true
			}
		case c == 0xEF && i+2 < len(b) && b[i+1] == 0xBF && (b[i+2] == 0xBE || b[i+2] == 0xBF):
			return true // U+FFFE, U+FFFF
		}
	}
	return false
}

// charRef reads a character reference (&#27; or &#x1b;) at the start of b.
func charRef(b []byte) (rune, int, bool) {
	end := bytes.IndexByte(b[:min(len(b), 16)], ';')
	if end < 3 {
		return 0, 0, false
	}
	digits, base := string(b[2:end]), 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return 0, 0, false
	}
	return rune(v), end + 1, true
}

// xmlChar reports a character XML 1.0 allows.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// picture is the character that shows a control character (U+2400…,
// ␛ for an escape), or U+FFFD.
func picture(r rune) rune {
	if r >= 0 && r < 0x20 {
		return 0x2400 + r
	}
	return utf8.RuneError
}

// xmlUnescape decodes the entities and character references of an
// attribute value, leaving any other byte as it is.
func xmlUnescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	var s strings.Builder
	for i := 0; i < len(b); {
		if b[i] == '&' {
			if r, n, ok := charRef(b[i:]); ok {
				s.WriteRune(r)
				i += n
				continue
			}
			matched := false
			for ent, r := range map[string]string{"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": `"`, "&apos;": "'"} {
				if bytes.HasPrefix(b[i:], []byte(ent)) {
					s.WriteString(r)
					i += len(ent)
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		s.WriteByte(b[i])
		i++
	}
	return s.String()
}

func xmlEscapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}
