package main

import (
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// mplacement records where a matrix workbook put each value cell, and every
// text and merged range it wrote, so that the saved file can be checked.
type mplacement struct {
	sheet  string            // the submission's sheet: the one holding 二
	cells  map[string]mref   // key -> cell
	texts  []mtext           // every label, header and title written
	merges map[string]string // "sheet!A1:C3" -> the sheet, for every merged range
}

type mref struct{ sheet, ref string }

type mtext struct{ sheet, ref, text string }

// qualified is the cell as expect.json gives it: prefixed with its sheet when
// that is not the submission's.
func (p *mplacement) qualified(r mref) string {
	if r.sheet == p.sheet {
		return r.ref
	}
	return r.sheet + "!" + r.ref
}

// mwriter writes the sections of one matrix workbook.
type mwriter struct {
	f       *excelize.File
	w       *workbook
	m       *mcase
	st      styles
	section int // the style of a section heading: bold, no border
	p       *mplacement
	c0      int // the first column of every table
}

// build writes a matrix workbook with excelize.
func (m *mcase) build(w *workbook) (*excelize.File, *placement, error) {
	f := excelize.NewFile()
	sheets := m.sheets
	if sheets == nil {
		sheets = []msheet{{name: w.sheet, sections: []string{"二", "三", "四"}}}
	}
	names := make([]string, 0, len(w.before)+len(sheets))
	for _, c := range w.before {
		names = append(names, c.name)
	}
	for _, s := range sheets {
		names = append(names, s.name)
	}
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return nil, nil, err
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			return nil, nil, err
		}
	}
	st, err := newStyles(f, "")
	if err != nil {
		return nil, nil, err
	}
	section, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12}})
	if err != nil {
		return nil, nil, err
	}
	mw := &mwriter{f: f, w: w, m: m, st: st, section: section, c0: max(w.col, 1),
		p: &mplacement{sheet: sheets[0].name, cells: map[string]mref{}, merges: map[string]string{}}}
	for _, c := range w.before {
		for i, line := range c.lines {
			if err := mw.text(c.name, 2, 3+2*i, line, st.cover); err != nil {
				return nil, nil, err
			}
		}
	}
	for i, s := range sheets {
		if err := mw.sheet(s, i == 0, i == len(sheets)-1); err != nil {
			return nil, nil, err
		}
	}
	return f, &placement{sheet: mw.p.sheet, m: mw.p}, nil
}

// sheet writes one sheet: the titles (on the first), each section under its
// heading with gap empty rows between sections, and the notes (on the last).
func (mw *mwriter) sheet(s msheet, first, last bool) error {
	c0, r := mw.c0, max(mw.w.top, 1)
	widths := map[int]float64{c0: 26, c0 + 1: 16, c0 + 2: 34}
	for c := c0 + 3; c < c0+15; c++ {
		widths[c] = 11
	}
	for c, wd := range widths {
		name, _ := excelize.ColumnNumberToName(c)
		if err := mw.f.SetColWidth(s.name, name, name, wd); err != nil {
			return err
		}
	}
	if first {
		for _, t := range mw.w.titles {
			if err := mw.merge(s.name, c0, r, c0+9, r, t, mw.st.title); err != nil {
				return err
			}
			r++
		}
		r += mw.w.gap
	}
	for i, sec := range s.sections {
		if i > 0 {
			r += max(mw.w.gap, 1)
		}
		if h := mw.m.heading(sec); h != "" {
			if err := mw.text(s.name, c0, r, h, mw.section); err != nil {
				return err
			}
			r++
		}
		var err error
		switch sec {
		case "二":
			r, err = mw.blocks(s.name, r)
		case "三":
			r, err = mw.apply(s.name, r)
		case "四":
			r, err = mw.review(s.name, r)
		}
		if err != nil {
			return err
		}
	}
	if last {
		r++
		for _, n := range mw.w.notes {
			if err := mw.text(s.name, c0, r, n, 0); err != nil {
				return err
			}
			r++
		}
	}
	return nil
}

// blocks writes section 二: each block a title row, a header row and its rows.
func (mw *mwriter) blocks(sheet string, r int) (int, error) {
	c0 := mw.c0
	for _, b := range mw.m.format.blocks {
		if err := mw.merge(sheet, c0, r, c0+3, r, b.title, mw.st.head); err != nil {
			return 0, err
		}
		r++
		span := mw.m.spanOne && len(b.cols) == 1
		if err := mw.text(sheet, c0, r, "信息内容", mw.st.head); err != nil {
			return 0, err
		}
		for j, c := range b.cols {
			if err := mw.spanned(sheet, c0+1+j, r, span, mw.m.colLabel(c), mw.st.head); err != nil {
				return 0, err
			}
		}
		r++
		for _, row := range b.rows {
			if err := mw.text(sheet, c0, r, mw.m.label(row), mw.st.label); err != nil {
				return 0, err
			}
			for j, c := range b.cols {
				if err := mw.value(sheet, c0+1+j, r, key(row.code, c.code), span); err != nil {
					return 0, err
				}
			}
			r++
		}
	}
	return r, nil
}

// spanned writes a header over one column, or over the three value columns.
func (mw *mwriter) spanned(sheet string, col, r int, span bool, text string, style int) error {
	if span {
		return mw.merge(sheet, col, r, col+2, r, text, style)
	}
	return mw.text(sheet, col, r, text, style)
}

// brokenLabels are the applicant labels as some renderings break them.
var brokenLabels = map[string]string{
	"commercial": "商业\n企业", "research": "科研\n机构", "public": "社会公益\n组织", "legal": "法律服务\n机构",
}

// apply writes section 三: the three header rows, the note merged over the
// three label columns, the group labels merged down their rows.
func (mw *mwriter) apply(sheet string, r int) (int, error) {
	c0, t := mw.c0, mw.m.format.apply
	heads := []struct {
		c1, r1, c2, r2 int
		text           string
	}{
		{c0, r, c0 + 2, r + 2, applyNote},
		{c0 + 3, r, c0 + 9, r, applyHead},
		{c0 + 3, r + 1, c0 + 3, r + 2, t.cols[0].label},
		{c0 + 4, r + 1, c0 + 8, r + 1, legalGroup},
		{c0 + 9, r + 1, c0 + 9, r + 2, t.cols[6].label},
	}
	for _, h := range heads {
		if err := mw.merge(sheet, h.c1, h.r1, h.c2, h.r2, h.text, mw.st.head); err != nil {
			return 0, err
		}
	}
	for j, c := range t.cols[1:6] {
		label := c.label
		if b, ok := brokenLabels[c.code]; ok && mw.m.broken {
			label = b
		}
		if err := mw.text(sheet, c0+4+j, r+2, label, mw.st.head); err != nil {
			return 0, err
		}
	}
	if err := mw.f.SetRowHeight(sheet, r, 36); err != nil {
		return 0, err
	}
	if mw.m.broken {
		if err := mw.f.SetRowHeight(sheet, r+2, 30); err != nil {
			return 0, err
		}
	}
	r += 3
	at := map[string]int{}
	rows := mw.m.applyRows()
	for _, row := range rows {
		if !row.heading {
			at[row.code] = r
			r++
		}
	}
	for _, row := range rows {
		if row.heading {
			var span []int
			for code, rr := range at {
				if strings.HasPrefix(code, row.code+".") {
					span = append(span, rr)
				}
			}
			col := c0 + row.depth() - 2
			if err := mw.merge(sheet, col, slices.Min(span), col, slices.Max(span), mw.m.label(row), mw.st.label); err != nil {
				return 0, err
			}
			continue
		}
		rr := at[row.code]
		if len([]rune(mw.m.label(row))) > 20 {
			if err := mw.f.SetRowHeight(sheet, rr, 30); err != nil {
				return 0, err
			}
		}
		from := c0 + row.depth() - 2
		if err := mw.merge(sheet, from, rr, c0+2, rr, mw.m.label(row), mw.st.label); err != nil {
			return 0, err
		}
		for j, c := range t.cols {
			if err := mw.value(sheet, c0+3+j, rr, key(row.code, c.code), false); err != nil {
				return 0, err
			}
		}
	}
	return r, nil
}

// review writes section 四: its header rows and the one row of fifteen values.
func (mw *mwriter) review(sheet string, r int) (int, error) {
	c0, t := mw.c0, mw.m.format.review
	merge := func(c1, r1, c2, r2 int, text string) error {
		return mw.merge(sheet, c1, r1, c2, r2, text, mw.st.head)
	}
	if mw.m.reviewRows == 2 {
		for g := range 3 {
			if err := merge(c0+5*g, r, c0+5*g+4, r, t.cols[5*g].group[len(t.cols[5*g].group)-1]); err != nil {
				return 0, err
			}
		}
		for j, c := range t.cols {
			if err := mw.text(sheet, c0+j, r+1, c.label, mw.st.head); err != nil {
				return 0, err
			}
		}
		r += 2
	} else {
		if err := merge(c0, r, c0+4, r, reviewGroup); err != nil {
			return 0, err
		}
		if err := merge(c0+5, r, c0+14, r, suitGroup); err != nil {
			return 0, err
		}
		for j, c := range t.cols[:5] {
			if err := merge(c0+j, r+1, c0+j, r+2, c.label); err != nil {
				return 0, err
			}
		}
		for g := 1; g < 3; g++ {
			if err := merge(c0+5*g, r+1, c0+5*g+4, r+1, t.cols[5*g].group[1]); err != nil {
				return 0, err
			}
		}
		for j, c := range t.cols[5:] {
			if err := mw.text(sheet, c0+5+j, r+2, c.label, mw.st.head); err != nil {
				return 0, err
			}
		}
		r += 3
	}
	for j, c := range t.cols {
		if err := mw.value(sheet, c0+j, r, key("4", c.code), false); err != nil {
			return 0, err
		}
	}
	return r + 1, nil
}

// text writes a text cell and records it.
func (mw *mwriter) text(sheet string, col, r int, text string, style int) error {
	ref := cellName(col, r)
	if err := mw.f.SetCellStr(sheet, ref, text); err != nil {
		return err
	}
	mw.p.texts = append(mw.p.texts, mtext{sheet, ref, text})
	if style == 0 {
		return nil
	}
	return mw.f.SetCellStyle(sheet, ref, ref, style)
}

// merge writes text into a range and merges it.
func (mw *mwriter) merge(sheet string, c1, r1, c2, r2 int, text string, style int) error {
	if err := mw.text(sheet, c1, r1, text, style); err != nil {
		return err
	}
	if c1 == c2 && r1 == r2 {
		return nil
	}
	from, to := cellName(c1, r1), cellName(c2, r2)
	if err := mw.f.MergeCell(sheet, from, to); err != nil {
		return err
	}
	mw.p.merges[sheet+"!"+from+":"+to] = sheet
	return mw.f.SetCellStyle(sheet, from, to, style)
}

// value writes a value cell as the case says, merged over the three value
// columns when span is set.
func (mw *mwriter) value(sheet string, col, r int, k string, span bool) error {
	ref := cellName(col, r)
	mw.p.cells[k] = mref{sheet, ref}
	c := mw.m.cells[k]
	switch c.kind {
	case cNumber:
		if err := setNumber(mw.f, sheet, ref, c.value); err != nil {
			return err
		}
	case cText:
		if err := mw.f.SetCellStr(sheet, ref, c.text); err != nil {
			return err
		}
	}
	if span {
		to := cellName(col+2, r)
		if err := mw.f.MergeCell(sheet, ref, to); err != nil {
			return err
		}
		mw.p.merges[sheet+"!"+ref+":"+to] = sheet
		return mw.f.SetCellStyle(sheet, ref, to, mw.st.value)
	}
	return mw.f.SetCellStyle(sheet, ref, ref, mw.st.value)
}
