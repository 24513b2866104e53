package grid

import (
	"fmt"
	"strings"
)

// Parse reads a grid written as text, for tests and examples; it panics
// on a line it cannot read. Each line is a row, the first line row 1 (a
// text that starts with a line break starts on the next line); an empty
// line is an empty row. A row's cells are separated by "|", each trimmed
// of spaces and tabs, so columns may be lined up:
//
//	# name 表三
//	银川市兴庆区大新镇2018年度政府信息公开情况统计表
//	统计指标                 | 单位 | 统计数
//	一、主动公开情况
//	（一）主动公开政府信息数 | 条   | 135
//	其中：主动公开规范性文件数 | 件 | =C4-100 => 35
//	# merge A1:C1
//
// A cell is
//
//   - a number as a spreadsheet stores one (12, -0.5, 1E3): a number;
//   - TRUE or FALSE: a boolean, stored as 1 or 0;
//   - an error value (#REF!, #DIV/0!, #N/A, #VALUE!, #NAME?, #NUM!,
//     #NULL!): an error;
//   - =FORMULA: a formula whose result the file does not store;
//   - =FORMULA => RESULT: a formula and its stored result, itself a cell
//     as above (a number, an error, a quoted text);
//   - "quoted": text, spaces and "|" kept, "" for a quote, "12" a number
//     stored as text;
//   - anything else: text.
//
// A line that starts with "#" and a space says more of the grid:
//
//	# merge A1:C1 B3:B5   merged ranges, filled from their first cell
//	# hide 5 D            hidden rows (numbers) and columns (letters)
//	# name 表三           the sheet's name (Sheet1 when not given)
//	# hidden              the sheet is hidden
//	# header TEXT         the text of the printed page header
//
// and with any other word it is a comment.
func Parse(text string) *Grid {
	g := &Grid{Name: "Sheet1"}
	text = strings.TrimPrefix(text, "\n")
	text = strings.TrimSuffix(text, "\n")
	var merges []string
	r := 0
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		if rest, ok := strings.CutPrefix(trimmed, "# "); ok {
			word, arg, _ := strings.Cut(strings.TrimSpace(rest), " ")
			arg = strings.TrimSpace(arg)
			switch word {
			case "merge":
				merges = append(merges, strings.Fields(arg)...)
			case "hide":
				for _, f := range strings.Fields(arg) {
					if n, ok := atoi(f); ok && n > 0 {
						g.HideRow(n - 1)
					} else if _, c, ok := ParseRef(f + "1"); ok {
						g.HideCol(c)
					} else {
						panic(fmt.Sprintf("grid.Parse: hide %q: neither a row nor a column", f))
					}
				}
			case "name":
				g.Name = arg
			case "hidden":
				g.Hidden = true
			case "header":
				g.Header = arg
			}
			continue
		}
		for c, cell := range splitCells(line) {
			g.parseCell(r, c, cell)
		}
		r++
	}
	for _, m := range merges {
		r1, c1, r2, c2, ok := ParseRange(m)
		if !ok {
			panic(fmt.Sprintf("grid.Parse: merge %q: not a range such as A1:C1", m))
		}
		g.Merge(r1, c1, r2, c2)
	}
	return g
}

// splitCells splits a line at the "|" outside quotes, each cell trimmed.
func splitCells(line string) []string {
	var cells []string
	var b strings.Builder
	quoted := false
	for i := 0; i < len(line); i++ {
		switch ch := line[i]; {
		case ch == '"':
			quoted = !quoted
			b.WriteByte(ch)
		case ch == '|' && !quoted:
			cells = append(cells, strings.Trim(b.String(), " \t"))
			b.Reset()
		default:
			b.WriteByte(ch)
		}
	}
	if quoted {
		panic(fmt.Sprintf("grid.Parse: %q: a quote is not closed", line))
	}
	if last := strings.Trim(b.String(), " \t"); last != "" || len(cells) == 0 {
		cells = append(cells, last)
	}
	return cells
}

// errorValues are the error values a cell may hold.
var errorValues = map[string]bool{"#REF!": true, "#DIV/0!": true, "#N/A": true, "#VALUE!": true,
	"#NAME?": true, "#NUM!": true, "#NULL!": true}

// parseCell stores one cell written as text (see Parse).
func (g *Grid) parseCell(r, c int, cell string) {
	if formula, ok := strings.CutPrefix(cell, "="); ok {
		text, result, cached := strings.Cut(formula, "=>")
		g.SetFormula(r, c, Formula{Text: strings.TrimSpace(text)})
		if !cached {
			g.Set(r, c, "")
			g.SetFlags(r, c, HasFormula|NoCache)
			return
		}
		value, flags := parseValue(strings.TrimSpace(result))
		g.Set(r, c, value)
		g.SetFlags(r, c, flags|HasFormula)
		return
	}
	if cell == "" {
		return
	}
	value, flags := parseValue(cell)
	g.Set(r, c, value)
	if flags != 0 {
		g.SetFlags(r, c, flags)
	}
}

// parseValue reads a cell's value written as text: its stored text and
// flags.
func parseValue(cell string) (string, Flags) {
	switch {
	case len(cell) >= 2 && cell[0] == '"' && cell[len(cell)-1] == '"':
		return strings.ReplaceAll(cell[1:len(cell)-1], `""`, `"`), Text
	case cell == "TRUE":
		return "1", Bool
	case cell == "FALSE":
		return "0", Bool
	case errorValues[cell]:
		return cell, ErrorValue
	case isNumber(cell):
		return cell, 0
	}
	return cell, Text
}

// isNumber reports a number as a spreadsheet stores one: a sign, digits,
// a point and decimals, an exponent.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'E' || s[i] == 'e') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// atoi reads a positive decimal number of at most seven digits.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 7 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
