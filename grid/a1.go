package grid

import (
	"strconv"
	"strings"
)

// ColName is the letters of a 0-based column: 0 is A, 27 is AB.
func ColName(c int) string {
	n := c + 1
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// Ref is the A1 name of a 0-based cell.
func Ref(r, c int) string {
	return ColName(c) + strconv.Itoa(r+1)
}

// ParseRef reads an A1 name, in either case and with optional $ signs,
// into a 0-based row and column; ok is false for anything else and for a
// cell past Excel's last column (XFD) or row (1048576).
func ParseRef(s string) (row, col int, ok bool) {
	s = strings.ReplaceAll(s, "$", "")
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		ch := s[i]
		if ch >= 'a' {
			ch -= 'a' - 'A'
		}
		col = col*26 + int(ch-'A'+1)
		i++
		if col > 16384 {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(s) {
		return 0, 0, false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(s[i]-'0')
		if row > 1<<20 {
			return 0, 0, false
		}
	}
	if row == 0 {
		return 0, 0, false
	}
	return row - 1, col - 1, true
}

// ParseRange reads a range such as A1:C3 into its corners.
func ParseRange(s string) (r1, c1, r2, c2 int, ok bool) {
	a, b, found := strings.Cut(s, ":")
	if !found {
		return 0, 0, 0, 0, false
	}
	r1, c1, ok1 := ParseRef(a)
	r2, c2, ok2 := ParseRef(b)
	return r1, c1, r2, c2, ok1 && ok2
}

// QuoteSheet writes a sheet's name as a reference names it: in quotes
// ('表 1'!C5) when it holds a space or a character a reference would read
// otherwise, a quote doubled.
func QuoteSheet(name string) string {
	if strings.ContainsAny(name, " !'-()") {
		return "'" + strings.ReplaceAll(name, "'", "''") + "'"
	}
	return name
}
