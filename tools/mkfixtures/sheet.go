package main

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetWriter keeps the state of writing one table.
type sheetWriter struct {
	f      *excelize.File
	w      *workbook
	sheet  string
	styles styles
	// columns, 1-based; numCol is 0 without a numbering column, unitCol 0 without units
	numCol, labelCol, unitCol, valueCol int
}

type styles struct {
	title, head, label, heading, unit, value, cover int
}

// build writes the workbook with excelize. Formulas are written without cached
// values, as LibreOffice is to compute them.
func (w *workbook) build() (*excelize.File, *placement, error) {
	if w.matrix != nil {
		return w.matrix.build(w)
	}
	f := excelize.NewFile()
	if w.foreign != nil {
		return f, nil, w.foreign(f)
	}
	names := make([]string, 0, len(w.before)+1)
	for _, c := range w.before {
		names = append(names, c.name)
	}
	names = append(names, w.sheet)
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return nil, nil, err
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			return nil, nil, err
		}
	}
	st, err := newStyles(f, w.numFmt)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range w.before {
		for i, line := range c.lines {
			ref := cellName(2, 3+2*i)
			if err := f.SetCellStr(c.name, ref, line); err != nil {
				return nil, nil, err
			}
			if err := f.SetCellStyle(c.name, ref, ref, st.cover); err != nil {
				return nil, nil, err
			}
		}
	}
	sw := &sheetWriter{f: f, w: w, sheet: w.sheet, styles: st}
	p, err := sw.write()
	if err != nil {
		return nil, nil, err
	}
	return f, p, nil
}

func newStyles(f *excelize.File, numFmt string) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	font := &excelize.Font{Family: "宋体", Size: 11}
	bold := &excelize.Font{Family: "宋体", Size: 11, Bold: true}
	value := &excelize.Style{Border: border, Alignment: center, Font: font}
	if numFmt != "" {
		value.CustomNumFmt = &numFmt
	}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Family: "方正小标宋简体", Size: 16}, Alignment: center},
		{Border: border, Alignment: center, Font: bold},
		{Border: border, Alignment: left, Font: font},
		{Border: border, Alignment: left, Font: bold},
		{Border: border, Alignment: center, Font: font},
		value,
		{Font: &excelize.Font{Family: "黑体", Size: 18}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return styles{}, err
		}
		ids[i] = id
	}
	return styles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]}, nil
}

func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return name
}

// numberingPrefix matches the numbering in front of a label: 一、 (一) （一） 1. 1、
var numberingPrefix = regexp.MustCompile(`^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])\s*`)

func (s *sheetWriter) write() (*placement, error) {
	w := s.w
	first, r := max(w.col, 1), max(w.top, 1)
	s.labelCol = first
	if w.numbering {
		s.numCol, s.labelCol = first, first+1
	}
	s.valueCol = s.labelCol + 1
	if !w.noUnit {
		s.unitCol, s.valueCol = s.labelCol+1, s.labelCol+2
	}
	if err := s.widths(); err != nil {
		return nil, err
	}
	for _, t := range w.titles {
		if err := s.span(first, r, t, s.styles.title); err != nil {
			return nil, err
		}
		if err := s.f.SetRowHeight(s.sheet, r, 28); err != nil {
			return nil, err
		}
		r++
	}
	r += w.gap
	if err := s.header(first, r); err != nil {
		return nil, err
	}
	r++
	p := &placement{sheet: s.sheet, rows: map[string]placed{}}
	for _, code := range w.rowOrder() {
		n, err := s.row(code, r, p)
		if err != nil {
			return nil, err
		}
		r += n
		for _, x := range w.extra {
			if x.after != code {
				continue
			}
			if err := s.extraRow(x, r, p); err != nil {
				return nil, err
			}
			r++
		}
		if slices.Contains(w.breaks, code) {
			if err := s.header(first, r); err != nil {
				return nil, err
			}
			r++
		}
	}
	r++
	for _, n := range w.notes {
		if err := s.f.SetCellStr(s.sheet, cellName(first, r), n); err != nil {
			return nil, err
		}
		r++
	}
	return p, s.formulas(p)
}

func (s *sheetWriter) widths() error {
	set := func(col int, width float64) error {
		name, _ := excelize.ColumnNumberToName(col)
		return s.f.SetColWidth(s.sheet, name, name, width)
	}
	if s.numCol > 0 {
		if err := set(s.numCol, 6); err != nil {
			return err
		}
	}
	if err := set(s.labelCol, 46); err != nil {
		return err
	}
	if s.unitCol > 0 {
		if err := set(s.unitCol, 8); err != nil {
			return err
		}
	}
	return set(s.valueCol, 12)
}

// span writes text merged from column first to the value column.
func (s *sheetWriter) span(first, r int, text string, style int) error {
	from, to := cellName(first, r), cellName(s.valueCol, r)
	if err := s.f.SetCellStr(s.sheet, from, text); err != nil {
		return err
	}
	if err := s.f.MergeCell(s.sheet, from, to); err != nil {
		return err
	}
	return s.f.SetCellStyle(s.sheet, from, to, style)
}

func (s *sheetWriter) header(first, r int) error {
	h := s.w.header
	if err := s.setStr(cellName(first, r), h[0], s.styles.head); err != nil {
		return err
	}
	if first < s.labelCol {
		from, to := cellName(first, r), cellName(s.labelCol, r)
		if err := s.f.MergeCell(s.sheet, from, to); err != nil {
			return err
		}
		if err := s.f.SetCellStyle(s.sheet, from, to, s.styles.head); err != nil {
			return err
		}
	}
	if s.unitCol > 0 {
		if err := s.setStr(cellName(s.unitCol, r), h[1], s.styles.head); err != nil {
			return err
		}
	}
	return s.setStr(cellName(s.valueCol, r), h[2], s.styles.head)
}

// row writes one table row and returns how many sheet rows it took.
func (s *sheetWriter) row(code string, r int, p *placement) (int, error) {
	w := s.w
	label := w.labelOf(code)
	if s.numCol > 0 {
		num, rest := splitNumbering(label)
		if err := s.setStr(cellName(s.numCol, r), num, s.styles.label); err != nil {
			return 0, err
		}
		label = rest
	}
	if rowOf(code).heading() {
		if err := s.span(s.labelCol, r, label, s.styles.heading); err != nil {
			return 0, err
		}
		return 1, nil
	}
	height := 1
	if w.tall && strings.Contains(label, "\n") {
		height = 2
	}
	pl := placed{label: cellName(s.labelCol, r), labelText: label, value: cellName(s.valueCol, r)}
	if err := s.setStr(pl.label, label, s.styles.label); err != nil {
		return 0, err
	}
	if s.unitCol > 0 {
		pl.unit, pl.unitText = cellName(s.unitCol, r), w.unitOf(code)
		if err := s.setStr(pl.unit, pl.unitText, s.styles.unit); err != nil {
			return 0, err
		}
	}
	if err := s.value(code, pl.value, &pl); err != nil {
		return 0, err
	}
	if height == 2 {
		for _, c := range [][2]int{{s.labelCol, s.styles.label}, {s.unitCol, s.styles.unit}, {s.valueCol, s.styles.value}} {
			if c[0] == 0 {
				continue
			}
			from, to := cellName(c[0], r), cellName(c[0], r+1)
			if err := s.f.MergeCell(s.sheet, from, to); err != nil {
				return 0, err
			}
			if err := s.f.SetCellStyle(s.sheet, from, to, c[1]); err != nil {
				return 0, err
			}
		}
	} else if strings.Contains(label, "\n") {
		if err := s.f.SetRowHeight(s.sheet, r, 30); err != nil {
			return 0, err
		}
	}
	p.rows[code] = pl
	return height, nil
}

func (s *sheetWriter) extraRow(x extraRow, r int, p *placement) error {
	pl := placed{label: cellName(s.labelCol, r), labelText: x.label, value: cellName(s.valueCol, r)}
	if err := s.setStr(pl.label, x.label, s.styles.label); err != nil {
		return err
	}
	if s.unitCol > 0 {
		pl.unit, pl.unitText = cellName(s.unitCol, r), x.unit
		if err := s.setStr(pl.unit, x.unit, s.styles.unit); err != nil {
			return err
		}
	}
	if err := s.number(pl.value, dec(x.value)); err != nil {
		return err
	}
	p.extras = append(p.extras, pl)
	return nil
}

// value writes a value cell as the case describes it. Formulas come later, once
// every row has its cell.
func (s *sheetWriter) value(code, ref string, pl *placed) error {
	if err := s.f.SetCellStyle(s.sheet, ref, ref, s.styles.value); err != nil {
		return err
	}
	c := s.w.contentOf(code)
	switch c.kind {
	case cNumber:
		return s.number(ref, s.w.data[code])
	case cText:
		pl.isText = true
		return s.f.SetCellStr(s.sheet, ref, c.text)
	case cFormula, cSum:
		pl.isFormula = true
	case cEmpty:
		pl.blank = true
	}
	return nil
}

func (s *sheetWriter) number(ref string, v *big.Rat) error { return setNumber(s.f, s.sheet, ref, v) }

// setNumber writes a decimal as a number cell, an integer as an integer.
func setNumber(f *excelize.File, sheet, ref string, v *big.Rat) error {
	if v.IsInt() {
		return f.SetCellInt(sheet, ref, v.Num().Int64())
	}
	fl, _ := v.Float64()
	return f.SetCellFloat(sheet, ref, fl, -1, 64)
}

func (s *sheetWriter) setStr(ref, text string, style int) error {
	if err := s.f.SetCellStr(s.sheet, ref, text); err != nil {
		return err
	}
	return s.f.SetCellStyle(s.sheet, ref, ref, style)
}

var placeholder = regexp.MustCompile(`\{([0-9.]+|row)\}`)

// formulas writes every formula cell now that all rows have their cells.
func (s *sheetWriter) formulas(p *placement) error {
	for _, code := range s.w.rowOrder() {
		pl, ok := p.rows[code]
		if !ok || !pl.isFormula {
			continue
		}
		c := s.w.contentOf(code)
		tmpl := c.text
		if c.kind == cSum {
			tmpl = sumTemplate(code, p)
		}
		var err error
		pl.formula = placeholder.ReplaceAllStringFunc(tmpl, func(m string) string {
			key := m[1 : len(m)-1]
			if key == "row" {
				_, r, _ := excelize.CellNameToCoordinates(pl.value)
				return strconv.Itoa(r)
			}
			ref, ok := p.rows[key]
			if !ok {
				err = fmt.Errorf("formula of %s refers to row %s, which is not in the sheet", code, key)
			}
			return ref.value
		})
		if err != nil {
			return err
		}
		if err := s.f.SetCellFormula(s.sheet, pl.value, pl.formula); err != nil {
			return err
		}
		p.rows[code] = pl
	}
	return nil
}

// sumTemplate writes a total as a clerk would: SUM over a range when the parts
// sit in consecutive rows, otherwise SUM over the list of cells.
func sumTemplate(code string, p *placement) string {
	parts := sumParts[code]
	if parts == nil {
		panic("no sum rule for " + code)
	}
	var present []string
	for _, c := range parts {
		if _, ok := p.rows[c]; ok {
			present = append(present, c)
		}
	}
	contiguous := true
	for i := 1; i < len(present); i++ {
		_, r0, _ := excelize.CellNameToCoordinates(p.rows[present[i-1]].value)
		_, r1, _ := excelize.CellNameToCoordinates(p.rows[present[i]].value)
		contiguous = contiguous && r1 == r0+1
	}
	if contiguous {
		return "SUM({" + present[0] + "}:{" + present[len(present)-1] + "})"
	}
	return "SUM({" + strings.Join(present, "},{") + "})"
}

// splitNumbering splits "(一) 主动公开政府信息数" into "(一)" and the rest.
func splitNumbering(label string) (string, string) {
	m := numberingPrefix.FindStringSubmatchIndex(label)
	if m == nil {
		return "", label
	}
	return strings.TrimSpace(label[m[2]:m[3]]), label[m[1]:]
}
