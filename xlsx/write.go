package xlsx

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/schema"
)

// Marker is the category tally writes into the document properties of a
// consolidated workbook; the reader then reads its first sheet only.
const Marker = "tally consolidation"

// SheetNames are the names of the sheets tally writes, in one language.
type SheetNames struct {
	Summary, Status, Detail, Findings, Sources, Issues, YearOnYear string
}

// Names returns the sheet names for a language.
func Names(lang schema.Lang) SheetNames {
	if lang == schema.En {
		return SheetNames{"Summary", "Status", "Detail", "Findings", "Sources", "Issues", "Year on year"}
	}
	return SheetNames{"汇总", "报送情况", "明细", "差异", "来源", "问题清单", "同比"}
}

// WriteOptions say how tally's workbooks are written.
type WriteOptions struct {
	Lang    schema.Lang
	Version string
	// Command is the command line of the run, recorded in the sources sheet.
	Command []string
}

// styles holds the style ids of a workbook being written.
type styles struct {
	title, sub, header, label, heading, unit, value, total, text, missing, note, err, warn, info, percent, absent int
	markErr, markWarn, section, small, line                                                                       int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Bold: bold, Size: size, Family: "宋体"}
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	defs := []*excelize.Style{
		{Font: font(true, 16), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font(false, 11), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}},
		{Font: font(true, 11), Border: border, Fill: fill("DDEBF7"), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font(false, 11), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		{Font: font(true, 11), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		{Font: font(false, 11), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Font: font(false, 11), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(true, 11), Border: border, Fill: fill("F2F2F2"), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(false, 11), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Border: border, Fill: fill("D9D9D9")},
		{Font: &excelize.Font{Italic: true, Size: 10, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Fill: fill("FFC7CE"), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Fill: fill("FFEB9C"), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Border: border, NumFmt: 10, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(false, 11), Fill: fill("D9D9D9"), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Border: border, Fill: fill(fills[schema.Error]), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(false, 11), Border: border, Fill: fill(fills[schema.Warning]), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(true, 12), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		{Font: font(false, smallSize), Border: border, Fill: fill("DDEBF7"), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font(false, 11), Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return &styles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], ids[8], ids[9], ids[10], ids[11], ids[12], ids[13], ids[14], ids[15], ids[16], ids[17], ids[18], ids[19], ids[20]}, nil
}

// smallSize is the font size of secondary header text (the file names
// over the detail sheet's units).
const smallSize = 9

// num is a decimal as the number a spreadsheet stores.
func num(d decimal.Decimal) any {
	if d.Exponent() == 0 && d.Cmp(maxExact) <= 0 && d.Cmp(minExact) >= 0 {
		return d.IntPart() // a whole number: written as digits, no float formatting
	}
	return excelFloat(d.InexactFloat64())
}

// excelFloat rounds a number to the 15 significant digits a spreadsheet
// keeps: excelize cuts the digits past 15 off, where Excel and LibreOffice
// round them.
func excelFloat(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	if err != nil {
		return x
	}
	return r
}

// Whole numbers within these are written as integers.
var (
	maxExact = decimal.NewFromInt(1 << 50)
	minExact = decimal.NewFromInt(-1 << 50)
)

// WriteConsolidated writes the district workbook: the summary in the
// official layout (every total a formula over the detail sheet, stored with
// its value), the detail (one column per included submission), the findings
// and the sources.
func WriteConsolidated(w io.Writer, res *consolidate.Result, opt WriteOptions) error {
	if res.Schema == nil {
		return fmt.Errorf("no submission could be read, so there is nothing to consolidate")
	}
	names := Names(opt.Lang)
	sheets := []string{names.Summary, names.Status, names.Detail, names.Findings, names.Sources}
	if res.YearOnYear != nil {
		sheets = []string{names.Summary, names.Status, names.Detail, names.YearOnYear, names.Findings, names.Sources}
	}
	f, st, err := newBook(sheets...)
	if err != nil {
		return err
	}
	defer f.Close()
	late := newLateRows()
	if err := writeSummary(f, st, res, names, detailPlan(res), opt); err != nil {
		return err
	}
	if err := writeStatus(f, st, res, names.Status, opt, late); err != nil {
		return err
	}
	if err := writeDetail(f, st, res, names, opt, late); err != nil {
		return err
	}
	if res.YearOnYear != nil {
		if err := writeYearOnYear(f, st, res, names.YearOnYear, opt, late); err != nil {
			return err
		}
	}
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	return finishLog(w, f, st, res, names, opt, late)
}

// newBook makes a workbook with the given sheets, in order, and tally's
// styles.
func newBook(sheets ...string) (*excelize.File, *styles, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err == nil {
		err = f.SetSheetName("Sheet1", sheets[0])
	}
	for _, n := range sheets[1:] {
		if err == nil {
			_, err = f.NewSheet(n)
		}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	// Set while the sheets are empty: excelize reads every sheet back to
	// set it, and the streamed ones can be large.
	f.SetActiveSheet(0)
	return f, st, nil
}

// finishLog writes the findings and sources sheets and the document
// properties, and saves the workbook to w.
func finishLog(w io.Writer, f *excelize.File, st *styles, res *consolidate.Result, names SheetNames, opt WriteOptions, late *lateRows) error {
	if err := writeFindings(f, st, res, names.Findings, opt, late); err != nil {
		return err
	}
	if err := writeSources(f, st, res, names.Sources, opt, late); err != nil {
		return err
	}
	if err := setProps(f, res, opt); err != nil {
		return err
	}
	return save(f, w, late)
}

// WriteLog writes the findings and sources sheets alone: the discrepancy
// log as a workbook.
func WriteLog(w io.Writer, res *consolidate.Result, opt WriteOptions) error {
	names := Names(opt.Lang)
	f, st, err := newBook(names.Status, names.Findings, names.Sources)
	if err != nil {
		return err
	}
	defer f.Close()
	late := newLateRows()
	if err := writeStatus(f, st, res, names.Status, opt, late); err != nil {
		return err
	}
	return finishLog(w, f, st, res, names, opt, late)
}

func setProps(f *excelize.File, res *consolidate.Result, opt WriteOptions) error {
	title := ""
	if res.Schema != nil {
		title = titleOf(res, opt.Lang)
	}
	return f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "tally " + opt.Version, Category: Marker,
		Description: "tally " + opt.Version + " " + strings.Join(opt.Command, " "),
		Created:     "2006-09-16T00:00:00Z", Modified: "2006-09-16T00:00:00Z",
	})
}

func titleOf(res *consolidate.Result, lang schema.Lang) string {
	year := ""
	if res.Year != 0 {
		year = fmt.Sprintf(" %d ", res.Year)
	}
	if lang == schema.En {
		return strings.TrimSpace(res.Name + year + res.Schema.En)
	}
	if year != "" {
		year += "年度"
	}
	return strings.TrimSpace(res.Name + year + res.Schema.Title)
}

// included lists the submissions that count in the totals, in input order.
func included(res *consolidate.Result) []*schema.Submission {
	var out []*schema.Submission
	for _, s := range res.Submissions {
		if s.Included {
			out = append(out, s)
		}
	}
	return out
}

// maxColumns is the most columns a sheet has in Excel (XFD); a variable
// so that a test can make the limit small.
var maxColumns = 16384

// detailByRows reports whether the detail sheet lists the units down its
// rows: when one column per unit would pass the last column of a sheet.
func detailByRows(res *consolidate.Result) bool {
	return 3+len(included(res))+1 > maxColumns
}

// detailPlan gives, per cell key, the cell of the detail sheet that holds
// its total: the total column (units as columns) or the total row (units as
// rows).
func detailPlan(res *consolidate.Result) map[string]string {
	refs := map[string]string{}
	n := len(included(res))
	for i, k := range res.Schema.Keys() {
		if detailByRows(res) {
			refs[k] = ref(2+n, 2+i)
		} else {
			refs[k] = ref(i+2, 3+n)
		}
	}
	return refs
}

func quoted(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// missingUnits are the roster's units that sent nothing.
func missingUnits(res *consolidate.Result) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Kind == schema.KindMissingUnit {
			out = append(out, f.Unit)
		}
	}
	return out
}

// totalMarks are the findings of the rules the totals break, by the cell
// of the summary that shows the total.
type totalMarks struct {
	worst map[string]schema.Severity
	notes map[string][]string
	cells []string // in the order of the findings
}

func marksOf(res *consolidate.Result, sheet string, lang schema.Lang) totalMarks {
	m := totalMarks{worst: map[string]schema.Severity{}, notes: map[string][]string{}}
	for _, fd := range res.Findings {
		if fd.Sheet != sheet || fd.File != res.Out || fd.Cell == "" || strings.Contains(fd.Cell, "!") {
			continue
		}
		if _, seen := m.notes[fd.Cell]; !seen {
			m.cells = append(m.cells, fd.Cell)
		}
		m.notes[fd.Cell] = append(m.notes[fd.Cell], labelled(fd.Severity, fd.Message(lang), lang))
		if fd.Severity.Rank() > m.worst[fd.Cell].Rank() {
			m.worst[fd.Cell] = fd.Severity
		}
	}
	return m
}

func writeSummary(f *excelize.File, st *styles, res *consolidate.Result, names SheetNames, detailRefs map[string]string, opt WriteOptions) error {
	lang := opt.Lang
	n := res.SummedUnits()
	marks := marksOf(res, names.Summary, lang)
	l := planLayout(res.Schema, titleOf(res, lang), schema.Msg("write.filler", res.Name, n).Render(lang), false, lang)
	// The lines a clerk fills in by hand on the printed table, as on the
	// townships' (the consolidated table is a submission of its own).
	for _, label := range strings.Split(schema.Msg("template.footer").Render(lang), "|") {
		l.footer(label)
	}
	l.note(kNote, schema.Msg("write.summary-note", n, names.Detail).Render(lang))
	if missing := missingUnits(res); len(missing) > 0 {
		l.note(kNote, schema.Msg("write.summary-missing", len(missing), strings.Join(missing, schema.Msg("text.list-sep").Render(lang))).Render(lang))
	}
	if len(marks.cells) > 0 {
		l.note(kNote, schema.Msg("write.summary-marks", names.Findings).Render(lang))
	}
	l.fit()
	// Page setup is part of the worksheet: set before streaming its rows.
	from, to := l.headerRows()
	if err := pageSetup(f, names.Summary, page{titleRows: [2]int{from, to}, lang: lang}); err != nil {
		return err
	}
	sw, err := newStream(f, names.Summary, len(l.rows), l.width())
	if err != nil {
		return err
	}
	for i, w := range l.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	grid := l.cellGrid(l.width(), func(c lcell) int {
		if c.kind == kInput {
			return st.line
		}
		return st.of(c.kind)
	})
	for i, lr := range l.rows {
		cells := make([]any, len(grid[i]))
		for c := range grid[i] {
			cell := grid[i][c]
			if lc := lr.startingAt(c); lc != nil && lc.kind == kValue {
				cell.Formula = quoted(names.Detail) + "!" + detailRefs[lc.key]
				cell.Value = num(res.Totals[lc.key])
				if sev, ok := marks.worst[ref(i, c)]; ok {
					cell.StyleID = st.marked(sev)
				}
			}
			cells[c] = cell
		}
		if lr.pageBreak {
			if err := sw.InsertPageBreak(ref(i, 0)); err != nil {
				return err
			}
		}
		if err := sw.SetRow(ref(i, 0), cells, excelize.RowOpts{Height: lr.height}); err != nil {
			return err
		}
	}
	for _, m := range l.merges() {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	// A comment on each marked total says which rule it breaks, with its
	// numbers and the units that cause it (comments are added before the
	// stream is flushed, or the sheet loses its link to them).
	for _, cell := range marks.cells {
		text := strings.Join(marks.notes[cell], "\n")
		if err := f.AddComment(names.Summary, excelize.Comment{Cell: cell, Author: schema.Msg("write.check-author").Render(lang),
			Paragraph: []excelize.RichTextRun{{Text: text}}, Width: 320, Height: 160}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// startingAt is the layout cell that begins at column c of the row, if any.
func (lr lrow) startingAt(c int) *lcell {
	for i := range lr.cells {
		if lr.cells[i].col == c {
			return &lr.cells[i]
		}
	}
	return nil
}

// cellGrid lays a layout's cells out on width columns: each cell its text
// and style, and every cell a merged one covers its style, so that its
// borders are drawn all round.
func (l *layout) cellGrid(width int, style func(lcell) int) [][]excelize.Cell {
	grid := make([][]excelize.Cell, len(l.rows))
	for r := range grid {
		grid[r] = make([]excelize.Cell, width)
	}
	for r, lr := range l.rows {
		for _, c := range lr.cells {
			id := style(c)
			for dr := 0; dr <= c.down && r+dr < len(grid); dr++ {
				for dc := 0; dc < max(c.span, 1) && c.col+dc < width; dc++ {
					grid[r+dr][c.col+dc].StyleID = id
				}
			}
			if c.text != "" {
				grid[r][c.col].Value = c.text
			}
		}
	}
	return grid
}

// severity is the style of a finding's row: red for an error, yellow for
// a warning.
func (st *styles) severity(s schema.Severity) int {
	switch s {
	case schema.Error:
		return st.err
	case schema.Warning:
		return st.warn
	}
	return st.info
}

// marked is the style of a total that breaks a rule: red for an error,
// yellow for a warning.
func (st *styles) marked(s schema.Severity) int {
	if s == schema.Error {
		return st.markErr
	}
	return st.markWarn
}

// of is the style of a layout cell.
func (st *styles) of(k cellKind) int {
	switch k {
	case kTitle:
		return st.title
	case kSub:
		return st.sub
	case kSection:
		return st.section
	case kNote:
		return st.note
	case kTableTitle, kHeading:
		return st.heading
	case kHeader:
		return st.header
	case kLabel:
		return st.label
	case kUnit:
		return st.unit
	case kValue:
		return st.value
	}
	return 0
}

// page is how a sheet prints: on A4, portrait unless landscape, all its
// columns fitted to the page's width unless across (then as many pages
// across as it takes, at full size), with titleRows (1-based, from and to;
// 0 for none) repeated at the top of every page and titleCols (1-based) at
// the left.
type page struct {
	landscape, across    bool
	titleRows, titleCols [2]int
	// lang is the language of the page numbers in the footer.
	lang schema.Lang
}

// pageSetup sets a sheet's page: A4, its orientation and fit, margins of
// half an inch (the header and footer a quarter), and its print titles.
func pageSetup(f *excelize.File, sheet string, p page) error {
	size, orientation, fit, one, zero := 9, "portrait", !p.across, 1, 0
	if p.landscape {
		orientation = "landscape"
	}
	opts := &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation}
	if fit {
		opts.FitToWidth, opts.FitToHeight = &one, &zero
	}
	if err := f.SetPageLayout(sheet, opts); err != nil {
		return err
	}
	side, edge := 0.5, 0.25
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &side, Bottom: &side, Header: &edge, Footer: &edge}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&C" + schema.Msg("write.page-number").Render(p.lang)}); err != nil {
		return err
	}
	var titles []string
	if p.titleCols[0] > 0 {
		titles = append(titles, fmt.Sprintf("%s!$%s:$%s", quoted(sheet), colName(p.titleCols[0]-1), colName(p.titleCols[1]-1)))
	}
	if p.titleRows[0] > 0 {
		titles = append(titles, fmt.Sprintf("%s!$%d:$%d", quoted(sheet), p.titleRows[0], p.titleRows[1]))
	}
	if len(titles) == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: strings.Join(titles, ",")})
}

func text(zh, en string, lang schema.Lang) string {
	if lang == schema.En {
		return en
	}
	return zh
}

// rowLabel is a row's label as printed, its note on a second line.
func rowLabel(r *schema.Row, lang schema.Lang) string {
	if lang == schema.En && r.En != "" {
		return r.En
	}
	if r.Note != "" {
		return r.Label + "\n（" + r.Note + "）"
	}
	return r.Label
}

func writeDetail(f *excelize.File, st *styles, res *consolidate.Result, names SheetNames, opt WriteOptions, late *lateRows) error {
	// The unit columns take the sheet's default width: a width per column
	// makes excelize scan every column's entry for every cell written.
	// Printed, each page repeats the header rows and the label columns; the
	// units fit the page's width when they are few enough to stay legible,
	// else they run on to pages alongside at full size.
	keys := res.Schema.Keys()
	labels, values, width := detailLabels(res), len(keys), valueWidth(res)
	if !detailByRows(res) {
		values = len(included(res)) + 1
	}
	if err := f.SetSheetProps(names.Detail, &excelize.SheetPropsOptions{DefaultColWidth: &width}); err != nil {
		return err
	}
	total := float64(values) * width
	for _, w := range labels {
		total += w
	}
	p := page{landscape: true, across: !fitsLegibly(total, true), titleRows: [2]int{1, 2}, titleCols: [2]int{1, len(labels)}, lang: opt.Lang}
	if err := pageSetup(f, names.Detail, p); err != nil {
		return err
	}
	subs := included(res)
	if detailByRows(res) {
		// A row of codes, a row of names, the units and the totals; a
		// column for the unit, one for the file and one per key.
		sw, err := newStream(f, names.Detail, 3+len(subs), 2+len(keys))
		if err != nil {
			return err
		}
		return writeDetailRows(sw, st, res, opt, late, labels, width)
	}
	// Two header rows and a row per key; three label columns, one per
	// unit and the totals.
	totalCol := 3 + len(subs)
	sw, err := newStream(f, names.Detail, 2+len(keys), totalCol+1)
	if err != nil {
		return err
	}
	lang := opt.Lang
	for i, w := range labels {
		_ = sw.SetColWidth(i+1, i+1, w)
	}
	h := schema.Msg("write.detail-head").Render(lang)
	heads := strings.Split(h, "|")
	row1 := []any{excelize.Cell{StyleID: st.header, Value: heads[0]}, excelize.Cell{StyleID: st.header, Value: heads[1]},
		excelize.Cell{StyleID: st.header, Value: heads[2]}}
	row2 := []any{excelize.Cell{StyleID: st.header}, excelize.Cell{StyleID: st.header, Value: heads[3]}, excelize.Cell{StyleID: st.header}}
	for _, s := range subs {
		row1 = append(row1, excelize.Cell{StyleID: st.header, Value: s.Unit})
		row2 = append(row2, excelize.Cell{StyleID: st.small, Value: filepath.Base(s.File)})
	}
	row1 = append(row1, excelize.Cell{StyleID: st.header, Value: heads[4]})
	row2 = append(row2, excelize.Cell{StyleID: st.header})
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: 2, TopLeftCell: "D3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", row1, excelize.RowOpts{Height: headerHeight(11, labels, width, row1)}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", row2, excelize.RowOpts{Height: max(headerHeight(11, labels, width, row2[:len(labels)]),
		headerHeight(smallSize, labels, width, row2))}); err != nil {
		return err
	}
	if len(keys) > 0 {
		err := late.add(sw, 3, func(rw *rowWriter) error {
			// One row of cells, used again for every key: thousands of
			// units make millions of cells.
			var row rowCells
			for i, k := range keys {
				r := i + 3
				c, _ := res.Schema.Cell(k)
				row.reset()
				row.add(st.label, k)
				row.add(st.label, res.Schema.CellName(k, lang))
				row.add(st.unit, c.Unit())
				for _, s := range subs {
					if v, ok := s.Get(k); ok {
						row.add(st.value, num(v))
					} else {
						row.add(st.missing, nil)
					}
				}
				total := row.add(st.total, num(res.Totals[k]))
				if len(subs) > 0 {
					total.Formula = fmt.Sprintf("SUM(D%d:%s%d)", r, colName(totalCol-1), r)
				}
				if err := rw.tallRow(r, listHeight(labels, row.cells[:len(labels)]), row.cells); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return sw.Flush()
}

// detailLabels are the widths of the detail sheet's label columns: code
// (as long as the longest), indicator and unit; or unit and file when the
// units run down the sheet.
func detailLabels(res *consolidate.Result) []float64 {
	if detailByRows(res) {
		return []float64{16, 30}
	}
	code := 0
	for _, k := range res.Schema.Keys() {
		code = max(code, len(k))
	}
	return []float64{max(7, float64(code)+2), 32, 7}
}

// valueWidth is the width of the detail sheet's value columns: room for
// the longest total, and for a unit's name on two lines.
func valueWidth(res *consolidate.Result) float64 {
	longest := 0
	for _, t := range res.Totals {
		longest = max(longest, len(t.String()))
	}
	return max(11, float64(longest)+2)
}

// fitsLegibly reports whether columns of total width (characters) fit an
// A4 page's width (landscape or portrait) at 70% or more, as wide as any
// client sets them (a character of LibreOffice's default font can take 7
// points where Excel's takes 5.25).
func fitsLegibly(total float64, landscape bool) bool {
	width := pageWidthPt
	if landscape {
		width = pageHeightPt
	}
	return total*7*0.7 <= width
}

// headerHeight is the height of a header row of cells at font size size:
// the first in the label columns' widths, the rest in the value columns'.
func headerHeight(size float64, labels []float64, width float64, cells []any) float64 {
	widths := append([]float64(nil), labels...)
	texts := make([]string, 0, len(cells))
	for i, c := range cells {
		if i >= len(labels) {
			widths = append(widths, width)
		}
		if cell, ok := c.(excelize.Cell); ok {
			texts = append(texts, cellText(cell.Value))
		} else {
			texts = append(texts, "")
		}
	}
	return rowHeightAt(size, widths, texts...)
}

// rowCells is a row of cells, kept from one row to the next.
type rowCells struct {
	cells []excelize.Cell
}

func (r *rowCells) reset() { r.cells = r.cells[:0] }

// add appends a cell and returns it, valid until the next add.
func (r *rowCells) add(style int, value any) *excelize.Cell {
	r.cells = append(r.cells, excelize.Cell{StyleID: style, Value: value})
	return &r.cells[len(r.cells)-1]
}

// writeDetailRows writes the detail sheet with a row per unit and a column
// per cell key, for more units than a sheet has columns: a row of codes, a
// row of names, the units, and a row of totals at the bottom.
func writeDetailRows(sw *excelize.StreamWriter, st *styles, res *consolidate.Result, opt WriteOptions, late *lateRows, labels []float64, width float64) error {
	lang := opt.Lang
	subs := included(res)
	keys := res.Schema.Keys()
	heads := strings.Split(schema.Msg("write.detail-head").Render(lang), "|")
	for i, w := range labels {
		_ = sw.SetColWidth(i+1, i+1, w)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	codes := []any{excelize.Cell{StyleID: st.header, Value: heads[0]}, excelize.Cell{StyleID: st.header}}
	names := []any{excelize.Cell{StyleID: st.header, Value: schema.Msg("write.detail-unit").Render(lang)},
		excelize.Cell{StyleID: st.header, Value: heads[3]}}
	for _, k := range keys {
		c, _ := res.Schema.Cell(k)
		codes = append(codes, excelize.Cell{StyleID: st.header, Value: k})
		name := res.Schema.CellName(k, lang)
		if u := c.Unit(); u != "" {
			name += "（" + u + "）"
		}
		names = append(names, excelize.Cell{StyleID: st.header, Value: name})
	}
	if err := sw.SetRow("A1", codes, excelize.RowOpts{Height: headerHeight(11, labels, width, codes)}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", names, excelize.RowOpts{Height: headerHeight(11, labels, width, names)}); err != nil {
		return err
	}
	if len(subs) > 0 {
		err := late.add(sw, 3, func(rw *rowWriter) error {
			var row rowCells
			for i, s := range subs {
				row.reset()
				row.add(st.label, s.Unit)
				row.add(st.label, filepath.Base(s.File))
				for _, k := range keys {
					if v, ok := s.Get(k); ok {
						row.add(st.value, num(v))
					} else {
						row.add(st.missing, nil)
					}
				}
				if err := rw.tallRow(3+i, listHeight(labels, row.cells[:len(labels)]), row.cells); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	last := 2 + len(subs) // the total row, 0-based
	totals := []any{excelize.Cell{StyleID: st.total, Value: heads[4]}, excelize.Cell{StyleID: st.total}}
	for i, k := range keys {
		cell := excelize.Cell{StyleID: st.total, Value: num(res.Totals[k])}
		if len(subs) > 0 {
			col := colName(2 + i)
			cell.Formula = fmt.Sprintf("SUM(%s3:%s%d)", col, col, last)
		}
		totals = append(totals, cell)
	}
	if err := sw.SetRow(ref(last, 0), totals); err != nil {
		return err
	}
	return sw.Flush()
}

// eachSorted calls do with every finding of the run, errors first, then
// warnings, then notes, each in the order of the report: a pass over the
// run per severity, so that no more than one submission's findings are
// held at a time.
func eachSorted(res *consolidate.Result, do func(*schema.Finding) error) error {
	for _, sev := range []schema.Severity{schema.Error, schema.Warning, schema.Info, ""} {
		for _, s := range res.Submissions {
			fs := s.FindingsOf(sev)
			for i := range fs {
				if err := do(&fs[i]); err != nil {
					return err
				}
			}
		}
		for i := range res.Findings {
			if res.Findings[i].Severity.Rank() == sev.Rank() {
				if err := do(&res.Findings[i]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// The widths of the findings sheet's columns: severity, kind, file, unit,
// sheet, cell, codes, rule, expected, actual, message. Together they take
// a landscape A4 page at a legible size; the long texts wrap, the codes one
// to a line at most (a sum of 21 parts lists 22 codes).
var findingsWidths = []float64{8, 8, 16, 10, 7, 9, 22, 29, 8, 8, 48, 14}

// startList begins a sheet that is a list of n rows under one header row
// (the findings, the units): printed landscape with the header on every
// page, the header frozen, the columns as wide as widths.
func startList(f *excelize.File, st *styles, sheet string, heads []string, widths []float64, n int, lang schema.Lang) (*excelize.StreamWriter, error) {
	if err := pageSetup(f, sheet, page{landscape: true, titleRows: [2]int{1, 1}, lang: lang}); err != nil {
		return nil, err
	}
	sw, err := newStream(f, sheet, 1+n, len(heads))
	if err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	head := make([]any, len(heads))
	for i, h := range heads {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	return sw, sw.SetRow("A1", head, excelize.RowOpts{Height: rowHeight(widths, heads...)})
}

func writeFindings(f *excelize.File, st *styles, res *consolidate.Result, sheet string, opt WriteOptions, late *lateRows) error {
	lang := opt.Lang
	heads := strings.Split(schema.Msg("write.findings-head").Render(lang), "|")
	widths := findingsWidths
	n := res.CountFindings()
	sw, err := startList(f, st, sheet, heads, widths, n, lang)
	if err != nil {
		return err
	}
	if n > 0 {
		err := late.add(sw, 2, func(rw *rowWriter) error {
			var row rowCells
			r := 2
			return eachSorted(res, func(fd *schema.Finding) error {
				style := st.severity(fd.Severity)
				ref := fd.Cell
				if ref != "" && !strings.Contains(ref, "!") && fd.Sheet != "" {
					ref = quoteSheet(fd.Sheet) + "!" + ref
				}
				row.reset()
				row.add(style, fd.Severity.Name(lang))
				row.add(style, schema.KindName(fd.Kind, lang))
				row.add(style, fd.File)
				row.add(style, fd.Unit)
				row.add(style, fd.Sheet)
				row.add(style, ref)
				row.add(style, strings.Join(fd.Codes, " "))
				row.add(style, fd.RuleText(lang))
				row.add(style, numValue(fd.Expected))
				row.add(style, numValue(fd.Actual))
				row.add(style, fd.Message(lang))
				row.add(style, fd.Rule)
				r++
				return rw.tallRow(r-1, listHeight(widths, row.cells), row.cells)
			})
		})
		if err != nil {
			return err
		}
	}
	last := max(n+1, 2)
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", colName(len(heads)-1), last), nil); err != nil {
		return err
	}
	return sw.Flush()
}

// numValue is a number as written, nil for none.
func numValue(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return num(*d)
}

// The widths of the sources sheet's columns: number, file, SHA-256 (in two
// lines), unit, year, format, sheet, status, errors, warnings, notes,
// summed.
var sourcesWidths = []float64{5, 26, 43, 12, 6, 14, 9, 8, 6, 6, 6, 7}

func writeSources(f *excelize.File, st *styles, res *consolidate.Result, sheet string, opt WriteOptions, late *lateRows) error {
	lang := opt.Lang
	if err := pageSetup(f, sheet, page{landscape: true, titleRows: [2]int{1, 1}, lang: lang}); err != nil {
		return err
	}
	heads := strings.Split(schema.Msg("write.sources-head").Render(lang), "|")
	missing := missingUnits(res)
	facts := sourceFacts(res, opt)
	// The header, a row per file and per unit that sent nothing, a blank
	// row and the facts of the run.
	sw, err := newStream(f, sheet, 1+len(res.Submissions)+len(missing)+1+len(facts), len(heads))
	if err != nil {
		return err
	}
	widths := sourcesWidths
	for i, wd := range widths {
		_ = sw.SetColWidth(i+1, i+1, wd)
	}
	head := make([]any, len(heads))
	for i, h := range heads {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: rowHeight(widths, heads...)}); err != nil {
		return err
	}
	if len(res.Submissions)+len(missing) > 0 {
		err := late.add(sw, 2, func(rw *rowWriter) error {
			var row rowCells
			for i, s := range res.Submissions {
				counts := map[schema.Severity]int{schema.Error: s.Count(schema.Error),
					schema.Warning: s.Count(schema.Warning), schema.Info: s.Count(schema.Info)}
				year := any(nil)
				if s.Year != 0 {
					year = s.Year
				}
				id := ""
				if s.Schema != nil {
					id = s.Schema.ID
				}
				yes := schema.Msg("write.no").Render(lang)
				if s.Included {
					yes = schema.Msg("write.yes").Render(lang)
				}
				row.reset()
				for _, v := range []any{i + 1, s.File, s.SHA256, s.Unit, year, id, s.Sheet,
					schema.Msg("status." + string(s.Status())).Render(lang),
					counts[schema.Error], counts[schema.Warning], counts[schema.Info], yes} {
					row.add(st.text, v)
				}
				if err := rw.tallRow(i+2, listHeight(widths, row.cells), row.cells); err != nil {
					return err
				}
			}
			// The roster's units that sent nothing, after the files.
			for i, u := range missing {
				row.reset()
				for _, v := range []any{nil, nil, nil, u, nil, nil, nil, consolidate.Missing.Name(lang), nil, nil, nil, schema.Msg("write.no").Render(lang)} {
					row.add(st.absent, v)
				}
				if err := rw.row(len(res.Submissions)+i+2, row.cells); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	r := len(res.Submissions) + len(missing) + 3
	// A fact's text takes the width of the columns right of its name.
	last := colName(len(widths) - 1)
	wide := []float64{widths[1], 0}
	for _, w := range widths[2:] {
		wide[1] += w + 5.0/7 // a column's padding, in characters
	}
	for _, fact := range facts {
		cells := []any{nil, excelize.Cell{StyleID: st.header, Value: fact[0]}, excelize.Cell{StyleID: st.text, Value: fact[1]}}
		height := rowHeight(wide, fact[0], fact[1])
		if err := sw.SetRow(fmt.Sprintf("A%d", r), cells, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
		if err := sw.MergeCell(fmt.Sprintf("C%d", r), fmt.Sprintf("%s%d", last, r)); err != nil {
			return err
		}
		r++
	}
	return sw.Flush()
}

// sourceFacts are the facts of a run the sources sheet lists under its
// files, each a name and a text.
func sourceFacts(res *consolidate.Result, opt WriteOptions) [][2]string {
	lang := opt.Lang
	facts := [][2]string{
		{schema.Msg("write.tool").Render(lang), "tally " + opt.Version},
		{schema.Msg("write.command").Render(lang), strings.Join(opt.Command, " ")},
	}
	if res.Schema != nil {
		facts = append(facts,
			[2]string{schema.Msg("write.schema").Render(lang), res.Schema.ID + " " + res.Schema.Title},
			[2]string{schema.Msg("write.schema-hash").Render(lang), res.Schema.Hash()})
	}
	if res.Name != "" {
		facts = append(facts, [2]string{schema.Msg("write.name").Render(lang), res.Name})
	}
	if res.Year != 0 {
		facts = append(facts, [2]string{schema.Msg("write.year").Render(lang), fmt.Sprint(res.Year)})
	}
	for _, pf := range res.PreviousFiles {
		facts = append(facts, [2]string{schema.Msg("write.previous").Render(lang),
			schema.Msg("write.previous-file", pf.Name, pf.SHA256, pf.Year, pf.Units).Render(lang)})
	}
	return facts
}

func init() {
	schema.Register(map[string]schema.Text{
		"write.filler":          {Zh: "填报单位：%[1]s（汇总 %[2]d 个单位）", En: "Unit: %[1]s (%[2]d units consolidated)"},
		"write.summary-note":    {Zh: "说明：本表汇总 %[1]d 个单位的报表，每个数字是各单位数字之和，公式引用“%[2]s”工作表。", En: "Note: the tables of %[1]d units summed; each number is the sum of the units' numbers, a formula over the %[2]s sheet."},
		"write.summary-missing": {Zh: "未报送：名单中有 %[1]d 个单位没有报送报表，未计入合计：%[2]s。", En: "Not sent: %[1]d units on the roster sent no table and are not in the totals: %[2]s."},
		"write.summary-marks":   {Zh: "标色的合计数不符合表内的勾稽关系（红色为错误，黄色须核实），原因见该单元格的批注和“%[1]s”工作表。", En: "A coloured total breaks a rule of the table (red: an error; yellow: to be checked); its comment and the %[1]s sheet say why."},
		"write.check-author":    {Zh: "校核", En: "Check"},
		"write.page-number":     {Zh: "第 &P 页，共 &N 页", En: "Page &P of &N"},
		"write.detail-head":     {Zh: "代码|指标|单位|文件|合计", En: "Code|Indicator|Unit|File|Total"},
		"write.detail-unit":     {Zh: "填报单位", En: "Reporting unit"},
		"write.previous":        {Zh: "上年数据", En: "Last year"},
		"write.previous-file":   {Zh: "%s（SHA-256 %s，%d 年度，%d 个单位）", En: "%s (SHA-256 %s, %d, %d units)"},
		"write.findings-head":   {Zh: "严重程度|类别|文件|单位|工作表|单元格|代码|规则|应为|实际|说明|规则代码", En: "Severity|Kind|File|Unit|Sheet|Cell|Codes|Rule|Expected|Actual|Message|Rule code"},
		"write.sources-head":    {Zh: "序号|文件|SHA-256|单位|年度|表式|工作表|状态|错误|警告|提示|计入合计", En: "No.|File|SHA-256|Unit|Year|Format|Sheet|Status|Errors|Warnings|Notes|Summed"},
		"write.yes":             {Zh: "是", En: "yes"},
		"write.no":              {Zh: "否", En: "no"},
		"write.tool":            {Zh: "工具", En: "Tool"},
		"write.command":         {Zh: "命令", En: "Command"},
		"write.schema":          {Zh: "表式", En: "Format"},
		"write.schema-hash":     {Zh: "表式 SHA-256", En: "Format SHA-256"},
		"write.name":            {Zh: "汇总单位", En: "Consolidated unit"},
		"write.year":            {Zh: "年度", En: "Year"},
		"status.ok":             {Zh: "无问题", En: "ok"},
		"status.warnings":       {Zh: "有警告", En: "warnings"},
		"status.errors":         {Zh: "有错误", En: "errors"},
		"status.unreadable":     {Zh: "无法读取", En: "unreadable"},
	})
}
