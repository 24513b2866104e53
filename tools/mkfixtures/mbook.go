package main

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// mcase is what makes a workbook a 2019- or 2021-format report: its format,
// how each value cell is written, and the layout options of those tables.
// The options shared with the 2018 table (the sheet, cover sheets, the first
// column and row, titles, notes) live in the workbook's layout.
type mcase struct {
	format *mformat
	cells  map[string]mcell // every key of the format
	mlayout
}

// mcell is one value cell: how it is written and what a reader must read.
type mcell struct {
	content
	value *big.Rat // nil: not a number
}

// mlayout is how a clerk laid out the three sections.
type mlayout struct {
	// sheets puts the sections on sheets of their own (二, 三, 四); nil: all
	// three on the workbook's sheet, one under another.
	sheets []msheet
	heads  map[string]string // section headings that differ from the template's; "" drops one
	// broken writes the applicant labels over two lines (商业\n企业).
	broken bool
	// reviewRows is the number of header rows of 四: 3 (the template) or 2
	// (行政复议 | 未经复议直接起诉 | 复议后起诉 over the fifteen labels).
	reviewRows int
	// spanOne merges a one-column block's value over the three value
	// columns, as Word tables converted to Excel do.
	spanOne   bool
	labels    map[string]string // row labels that differ from the template's
	colLabels map[string]string // column labels of 二 that differ, by column code
	// legacy prints 三's （六）其他处理 of the 2021 format as the 2019
	// format's single row: its cells are 3.其他's, and 1. and 2. are not
	// printed (a reader counts them 0).
	legacy bool
}

// legacyInto is the row whose cells the 2019 format's single （六）其他处理
// row holds in a 2021 table; legacyAbsent are the rows it leaves out.
const legacyInto = "3.3.6.3"

var legacyAbsent = []string{"3.3.6.1", "3.3.6.2"}

// applyRows are the rows of 三 as the workbook prints them.
func (m *mcase) applyRows() []mrow {
	rows := m.format.apply.rows
	if !m.legacy {
		return rows
	}
	var out []mrow
	for _, r := range rows {
		switch {
		case r.code == "3.3.6" || slices.Contains(legacyAbsent, r.code):
		case r.code == legacyInto:
			out = append(out, mrow{code: r.code, label: "（六）其他处理", level: 3})
		default:
			out = append(out, r)
		}
	}
	return out
}

// absent reports a key the workbook does not print (legacy).
func (m *mcase) absent(k string) bool {
	row, _, _ := strings.Cut(k, "@")
	return m.legacy && slices.Contains(legacyAbsent, row)
}

// msheet is one sheet of a workbook that spreads the sections over sheets.
type msheet struct {
	name     string
	sections []string // 二, 三, 四
}

// heading returns the heading printed over a section ("" for none).
func (m *mcase) heading(section string) string {
	if h, ok := m.heads[section]; ok {
		return h
	}
	return sectionTitles[section]
}

// colLabel returns the header the workbook prints over a column of 二.
func (m *mcase) colLabel(c mcol) string {
	if l, ok := m.colLabels[c.code]; ok {
		return l
	}
	return c.label
}

// label returns the label the workbook prints for a row.
func (m *mcase) label(r mrow) string {
	if l, ok := m.labels[r.code]; ok {
		return l
	}
	return r.label
}

// mfigures reads a case's figures, one table row a line: "ROW: v v v". A
// value is a number (a number cell), _ (an empty cell, read as 0) or any
// other text (a text cell: "251000元", "+19", "见附件"). Rows not given are
// zeros. A row of 三 given with six values gets its 总计, 四 given with
// twelve values gets its three 总计, as a clerk adds them up; （七）总计 not
// given is the sum of the outcome rows, and 四、结转下年度 not given is 一 +
// 二 − （七）总计.
func mfigures(f *mformat, s string) map[string]mcell {
	cells := map[string]mcell{}
	for _, k := range f.keys {
		cells[k] = mcell{content{kind: cNumber}, new(big.Rat)}
	}
	given := map[string]bool{}
	for line := range strings.SplitSeq(strings.TrimSpace(s), "\n") {
		code, vals, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			panic("figures: no ':' in " + line)
		}
		code, toks := strings.TrimSpace(code), strings.Fields(vals)
		if given[code] {
			panic("figures: row " + code + " given twice")
		}
		given[code] = true
		t := f.tableOf(code)
		switch {
		case t == &f.apply && len(toks) == 6:
			toks = append(toks, sumOf(toks))
		case t == &f.review && len(toks) == 12:
			toks = slicesInsert(toks, sumOf(toks[0:4]), sumOf(toks[4:8]), sumOf(toks[8:12]))
		}
		if len(toks) != len(t.cols) {
			panic(fmt.Sprintf("figures: row %s has %d values, its table %d columns", code, len(toks), len(t.cols)))
		}
		for i, tok := range toks {
			cells[key(code, t.cols[i].code)] = cellOf(tok, t.cols[i].unit)
		}
	}
	for _, c := range f.apply.cols {
		if !given["3.3.7"] {
			total := new(big.Rat)
			for _, r := range f.apply.rows {
				if !r.heading && strings.HasPrefix(r.code, "3.3.") && r.code != "3.3.7" {
					total.Add(total, cells[key(r.code, c.code)].value)
				}
			}
			cells[key("3.3.7", c.code)] = mcell{content{kind: cNumber}, total}
		}
		if !given["3.4"] {
			out := new(big.Rat).Add(cells[key("3.1", c.code)].value, cells[key("3.2", c.code)].value)
			out.Sub(out, cells[key("3.3.7", c.code)].value)
			if out.Sign() < 0 {
				panic("figures: more outcomes than requests in column " + c.code)
			}
			cells[key("3.4", c.code)] = mcell{content{kind: cNumber}, out}
		}
	}
	return cells
}

// slicesInsert puts the three 总计 of 四 after each group of four.
func slicesInsert(toks []string, t1, t2, t3 string) []string {
	out := append(append([]string{}, toks[0:4]...), t1)
	out = append(append(out, toks[4:8]...), t2)
	return append(append(out, toks[8:12]...), t3)
}

// sumOf adds up figures written as number tokens (an empty cell adds 0).
func sumOf(toks []string) string {
	s := new(big.Rat)
	for _, t := range toks {
		if v := cellOf(t, "").value; v != nil {
			s.Add(s, v)
		}
	}
	return fmtDec(s)
}

// cellOf reads one value token of a figures line.
func cellOf(tok, unit string) mcell {
	switch {
	case tok == "_":
		return mcell{emptyCell, new(big.Rat)}
	case decimalPattern.MatchString(tok):
		return mcell{content{kind: cNumber}, dec(tok)}
	}
	rd := parseText(tok, unit)
	var v *big.Rat
	if rd.usable() {
		v = rd.value
	}
	return mcell{text(tok), v}
}

// tableOf returns the table that has a value row with the code.
func (f *mformat) tableOf(code string) *mtable {
	for _, t := range f.tables() {
		for _, r := range t.rows {
			if r.code == code && !r.heading {
				return t
			}
		}
	}
	panic("figures: no value row " + code + " in " + f.id)
}

// The edits of a matrix workbook (see edit in district.go).

// onSheets spreads the sections over sheets: 二 on the first, 三 on the
// second, 四 on the third.
func onSheets(names ...string) edit {
	return func(w *workbook) {
		w.matrix.sheets = nil
		for i, n := range names {
			w.matrix.sheets = append(w.matrix.sheets, msheet{name: n, sections: []string{[]string{"二", "三", "四"}[i]}})
		}
		w.sheet = names[0]
	}
}

// headingOf replaces the heading of a section; "" leaves it out.
func headingOf(section, text string) edit {
	return func(w *workbook) {
		if w.matrix.heads == nil {
			w.matrix.heads = map[string]string{}
		}
		w.matrix.heads[section] = text
	}
}

// relabeled replaces the label of a row (a clerk's typo).
func relabeled(code, label string) edit {
	return func(w *workbook) {
		w.matrix.format.tableOf(code)
		if w.matrix.labels == nil {
			w.matrix.labels = map[string]string{}
		}
		w.matrix.labels[code] = label
	}
}

// mistyped is a figure the clerk got wrong: the cell says tok instead.
func mistyped(k, tok string) edit {
	return func(w *workbook) {
		_, _, c := w.matrix.format.cell(k)
		w.matrix.cells[k] = cellOf(tok, c.unit)
	}
}

// colLabeled replaces the header of a column of 二 (a note added to it).
func colLabeled(code, label string) edit {
	return func(w *workbook) {
		if w.matrix.colLabels == nil {
			w.matrix.colLabels = map[string]string{}
		}
		w.matrix.colLabels[code] = label
	}
}

// blankZerosIn leaves every zero of the sections named empty, as many
// published tables do.
func blankZerosIn(sections ...string) edit {
	return func(w *workbook) {
		f := w.matrix.format
		tables := map[string][]*mtable{"二": nil, "三": {&f.apply}, "四": {&f.review}}
		for i := range f.blocks {
			tables["二"] = append(tables["二"], &f.blocks[i])
		}
		for _, s := range sections {
			for _, t := range tables[s] {
				for _, r := range t.rows {
					for _, c := range t.cols {
						k := key(r.code, c.code)
						if cell, ok := w.matrix.cells[k]; ok && cell.kind == cNumber && cell.value.Sign() == 0 {
							w.matrix.cells[k] = mcell{emptyCell, new(big.Rat)}
						}
					}
				}
			}
		}
	}
}

// legacyOther prints （六）其他处理 as the 2019 format's single row; its
// figures are those of 3.其他, and 1. and 2. must be zero.
var legacyOther edit = func(w *workbook) {
	if w.matrix.format.id != "gov-info-2021" {
		panic("legacyOther: only a 2021 table has rows under （六）其他处理")
	}
	w.matrix.legacy = true
	for k, c := range w.matrix.cells {
		if w.matrix.absent(k) && c.value != nil && c.value.Sign() != 0 {
			panic("legacyOther: " + k + " is not printed, so it must be 0")
		}
	}
}

var (
	brokenHeads  edit = func(w *workbook) { w.matrix.broken = true }
	twoRowReview edit = func(w *workbook) { w.matrix.reviewRows = 2 }
	spanOne      edit = func(w *workbook) { w.matrix.spanOne = true }
	blankZeros        = blankZerosIn("二", "三", "四")
)
