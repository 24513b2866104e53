package source

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"tally/grid"
)

// The number formats of the styles part, and what tally makes of a format
// code (grid.Format).

// builtinDates are the built-in number formats that show dates or times
// (including the CJK ones).
var builtinDates = map[int]bool{14: true, 15: true, 16: true, 17: true, 18: true, 19: true, 20: true, 21: true, 22: true,
	27: true, 28: true, 29: true, 30: true, 31: true, 32: true, 33: true, 34: true, 35: true, 36: true,
	45: true, 46: true, 47: true, 50: true, 51: true, 52: true, 53: true, 54: true, 55: true, 56: true, 57: true, 58: true}

var (
	quotedText = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]|\\.`)
	dateCode   = regexp.MustCompile(`[yYdD年月日]|m+/|/m+|[hH]+:m|m+:[sS]`)
)

// builtinFormats are the built-in number formats that matter to tally.
var builtinFormats = map[int]grid.Format{
	1: {Places: 0}, 2: {Places: 2}, 3: {Places: 0}, 4: {Places: 2},
	9: {Percent: true, Places: 0}, 10: {Percent: true, Places: 2},
	37: {Places: 0}, 38: {Places: 0}, 39: {Places: 2}, 40: {Places: 2},
}

var decimalsIn = regexp.MustCompile(`[0#?]\.([0#?]+)`)

// formatOf reads a format code.
func formatOf(code string) grid.Format {
	c := quotedText.ReplaceAllString(code, "")
	if i := strings.IndexByte(c, ';'); i >= 0 {
		c = c[:i] // the positive section
	}
	if strings.EqualFold(strings.TrimSpace(c), "general") || c == "" || c == "@" {
		return grid.Format{Places: -1}
	}
	f := grid.Format{Date: dateCode.MatchString(c), Percent: strings.Contains(c, "%"), Places: 0}
	if m := decimalsIn.FindStringSubmatch(c); m != nil {
		f.Places = len(m[1])
	}
	return f
}

// parseStyles returns, per cell style index, the cell's number format when
// it is not the general one. Each number format and each style with one is
// kept at the cost of a cell's; past the budget, reading stops (the
// caller asks budget.err).
func parseStyles(b []byte, budget *budget) map[int]grid.Format {
	custom := map[int]grid.Format{}
	out := map[int]grid.Format{}
	x := newSAX(bytes.NewReader(b))
	defer x.release()
	inXfs, xf := false, 0
	for {
		kind, name, tag, err := x.next()
		if err != nil {
			return out
		}
		switch kind {
		case saxStart:
			switch string(name) {
			case "numFmt":
				if !budget.keep(costFormat, 0) {
					return out
				}
				id, _ := strconv.Atoi(saxAttr(tag, "numFmtId"))
				custom[id] = formatOf(saxAttr(tag, "formatCode"))
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(saxAttr(tag, "numFmtId"))
					f, ok := custom[id]
					if !ok {
						f, ok = builtinFormats[id]
						if builtinDates[id] {
							f, ok = grid.Format{Date: true}, true
						}
					}
					if ok && f.Places != -1 {
						if !budget.keep(costFormat, 0) {
							return out
						}
						out[xf] = f
					}
					xf++
				}
			}
		case saxEnd:
			if string(name) == "cellXfs" {
				inXfs = false
			}
		}
	}
}
