package schema

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Form says what a cell's text turned out to be.
type Form int

// The forms of a cell's text.
const (
	// Blank: the cell is empty (read as 0, reported).
	Blank Form = iota
	// ZeroMark: a dash, slash or 无, written for zero.
	ZeroMark
	// Number: a number.
	Number
	// NotNumber: text that is not a number.
	NotNumber
	// OutOfRange: a number no table holds exactly (see InRange); its
	// value is not kept.
	OutOfRange
)

// A Parsed is the result of reading a cell's text as a number.
type Parsed struct {
	Value decimal.Decimal
	Form  Form
	// Unit is a unit written after the number ("135条" → "条").
	Unit string
}

var (
	zeroMarks = map[string]bool{
		"-": true, "--": true, "—": true, "——": true, "–": true, "―": true, "─": true,
		"/": true, "\\": true, "无": true, "暂无": true, "空": true,
	}
	plainNumber = regexp.MustCompile(`^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$`)
	grouped     = regexp.MustCompile(`^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$`)
)

// maxNumberText is the longest text read as a number, in bytes: the
// digits of the largest number a table holds, its spaces, separators and
// unit, many times over.
const maxNumberText = 256

// ParseNumber reads the text of a cell as a township writes numbers: with
// spaces, full-width digits, thousands separators, a trailing unit, an
// accounting negative "(5)", or a dash, slash or 无 for zero. It never
// fails: text that is not a number comes back with Form NotNumber.
func ParseNumber(text string) Parsed {
	if len(text) > maxNumberText {
		// No number is this long: a note or a pasted paragraph, refused
		// before it is folded and scanned.
		return Parsed{Form: NotNumber}
	}
	s := Fold(text)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return Parsed{Form: Blank}
	}
	if zeroMarks[s] {
		return Parsed{Form: ZeroMark}
	}
	num, unit := splitUnit(s)
	neg := false
	if strings.HasPrefix(num, "(") && strings.HasSuffix(num, ")") && len(num) > 2 {
		num, neg = num[1:len(num)-1], true
	}
	if grouped.MatchString(num) {
		num = strings.ReplaceAll(num, ",", "")
	}
	if !plainNumber.MatchString(num) {
		return Parsed{Form: NotNumber}
	}
	d, err := decimal.NewFromString(num)
	if err != nil {
		// Written as a number, with an exponent past what the decimal
		// package reads (1e999999999).
		return Parsed{Form: OutOfRange, Unit: unit}
	}
	if neg {
		if d.Sign() < 0 {
			return Parsed{Form: NotNumber}
		}
		d = d.Neg()
	}
	if !InRange(d) {
		return Parsed{Form: OutOfRange, Unit: unit}
	}
	return Parsed{Value: d, Form: Number, Unit: unit}
}

// The exact range: what a spreadsheet holds and shows as typed. Excel and
// WPS keep 15 significant digits; a number of 10^15 or more loses its
// last digits there, and one written with an exponent (1e9999) would
// print as thousands of digits in every output.
const (
	maxDigits = 15
	// minExponent: the smallest magnitude kept, 10^-20, far below any
	// figure a table holds, and above the rounding residue a formula
	// leaves (0.3-0.1-0.2 stores 5.55e-17).
	minExponent = -20
)

// InRange reports whether a number is in the exact range: at most 15
// significant digits, below 10^15, and zero or at least 10^-20.
func InRange(d decimal.Decimal) bool {
	if d.IsZero() {
		return true
	}
	// Read off the coefficient and exponent, never by comparing with a
	// bound: 1e999999999 would be expanded to a billion digits.
	coef := strings.TrimLeft(d.Coefficient().String(), "-")
	lead := int64(d.Exponent()) + int64(len(coef)) - 1 // the exponent of the leading digit
	significant := len(strings.TrimRight(coef, "0"))
	return lead < maxDigits && lead >= minExponent && significant <= maxDigits
}

// splitUnit separates a trailing unit made of letters (条, 万元, 人次) from
// the number before it.
func splitUnit(s string) (num, unit string) {
	i := len(s)
	for i > 0 {
		last, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.Is(unicode.Han, last) {
			break
		}
		i -= size
	}
	if i == 0 || i == len(s) {
		return s, ""
	}
	return s[:i], s[i:]
}

// ParseStoredNumber reads the raw value of a numeric cell, a double written
// by a spreadsheet program, as that program shows it: rounded to 15
// significant digits, so a cached 0.30000000000000004 reads as 0.3. A
// value out of the exact range is not read (ParseNumber says why).
func ParseStoredNumber(raw string) (decimal.Decimal, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(strconv.FormatFloat(f, 'g', 15, 64))
	if err != nil {
		return decimal.Decimal{}, false
	}
	return d, InRange(d)
}

// Format writes a value the way tally prints numbers: plain decimal, no
// exponent, no trailing zeros.
func Format(d decimal.Decimal) string {
	return d.String()
}
