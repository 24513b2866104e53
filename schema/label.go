package schema

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// numbering matches one leading item number of a label: (一) 一、 (1) 1. 1、 ①
// and the 其中 prefix of an of-which row.
var numbering = regexp.MustCompile(`^\s*(?:\(\s*[一二三四五六七八九十〇零]+\s*\)|[一二三四五六七八九十]+\s*[、.]|\(\s*\d{1,2}\s*\)|\d{1,2}\s*[.、]|其中\s*[:：]?)\s*`)

// Fold applies the width and compatibility folding every comparison uses:
// full-width letters, digits, brackets and colons become their ASCII forms
// and the ideographic space becomes a space.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			// Bytes that are not UTF-8 would stop NFKC from folding the
			// letter after them; they become U+FFFD first.
			return norm.NFKC.String(strings.ToValidUTF8(s, "\uFFFD"))
		}
	}
	return s // NFKC leaves ASCII as it is
}

// StripNumbering removes the item numbers and 其中 prefix at the start of a
// label, and the notes in parentheses after it, leaving the indicator's
// name: "(一) 收到申请数" → "收到申请数".
func StripNumbering(label string) string {
	s := strings.TrimSpace(label)
	s = strings.TrimLeft(s, "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳ \t")
	s = strings.TrimSpace(Fold(s))
	// Every item number ends in ) . or 、, or is 其中: a label with none of
	// them is not numbered, and most cells are such labels or numbers.
	numbered := strings.HasPrefix(s, "其中") || strings.ContainsAny(s, ").、")
	for numbered {
		loc := numbering.FindStringIndex(s)
		if loc == nil || loc[1] == 0 {
			break
		}
		rest := s[loc[1]:]
		// "1.5倍" starts with a number, not with an item number.
		if r := []rune(rest); len(r) > 0 && unicode.IsDigit(r[0]) && strings.Contains(s[:loc[1]], ".") {
			break
		}
		s = rest
	}
	s = stripNotes(s)
	return strings.Join(strings.Fields(s), " ")
}

// stripNotes removes every parenthesised note, and an unclosed one at the end.
func stripNotes(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(':
			depth++
			continue
		case ')':
			if depth > 0 {
				depth--
				continue
			}
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NormalizeLabel reduces a label to the form rows are matched by: folded,
// without numbering, notes, spaces, line breaks and punctuation. Two labels
// name the same indicator when their normal forms are equal.
func NormalizeLabel(label string) string {
	return normalStripped(StripNumbering(label))
}

// normalStripped is NormalizeLabel of a label StripNumbering has stripped.
func normalStripped(stripped string) string {
	n := lettersLower(stripped)
	// A lower-case letter can have a compatibility form of its own
	// (ǅ → ǆ → dž): folding again until nothing changes makes the form
	// stable; the rounds are bounded, and one more has sufficed on every
	// input the fuzzer has found.
	for range 4 {
		f := Fold(n)
		if f == n {
			break
		}
		n = lettersLower(f)
	}
	return n
}

// lettersLower keeps the letters and digits of s, in lower case.
func lettersLower(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// NormalizeUnit reduces a unit cell's text to its comparable form:
// "（条）" → "条", "人 次" → "人次".
func NormalizeUnit(s string) string {
	s = Fold(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	u := b.String()
	u = strings.TrimPrefix(u, "单位")
	return u
}
