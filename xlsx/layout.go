package xlsx

import (
	"fmt"

	"tally/schema"
)

// The official layout of a schema's tables, as tally writes it (the
// consolidated summary and the fill-in template), laid out to print on A4:
// a title, a 填报单位 line, then the tables one below another, each under
// its section's heading (二、主动公开政府信息情况) and its own title (第二十条
// 第（一）项) when it has them, with its header rows (a matrix prints its
// column groups above the columns: 行政诉讼 / 复议后起诉 / 结果维持, and a
// column's unit after its label) and its rows.
//
// A single-value table (the 2018 table) has a label, a unit and a value
// column. Tables of several columns (the 2019 and 2021 formats) are laid on
// a grid of narrow columns as many as the widest table has (四: 15): a
// table's labels span the grid's first columns, and its value columns
// share the rest, so that every table takes the page's width as the
// published reports print them. A section that would not fit on the rest
// of a page begins a new one.

// cellKind says what a layout cell is.
type cellKind int

const (
	kEmpty cellKind = iota
	kTitle
	kSub
	kSection
	kTableTitle
	kHeader
	kHeading
	kLabel
	kUnit
	kValue
	kNote
	kInput // a cell the township fills in: its name, who filled the table in
)

// lcell is a cell of the layout, spanning columns col..col+span-1 and rows
// down below its own.
type lcell struct {
	kind cellKind
	text string
	key  string // for a value cell
	col  int
	span int
	down int
}

// lrow is one sheet row of the layout.
type lrow struct {
	cells  []lcell
	height float64
	row    *schema.Row // a table row, or nil
	table  *ltable
	// section marks the first row of a section; pageBreak one that begins
	// a page.
	section, pageBreak bool
}

// ltable is where a table sits in the layout.
type ltable struct {
	table     *schema.Table
	header    int   // first header row, 0-based
	cols      []int // each value column's first grid column
	spans     []int // and how many grid columns it takes
	firstData int
}

type layout struct {
	rows   []lrow
	refs   map[string]string // cell key -> A1
	widths []float64         // of each grid column, in characters
	tables []*ltable
	single bool // one single-value table: label, unit and value columns
	// labelSpan is how many grid columns a label takes.
	labelSpan int
	lang      schema.Lang
}

// width is the number of grid columns.
func (l *layout) width() int { return len(l.widths) }

// The page tally lays the official tables out for: A4 portrait with
// margins of half an inch.
const (
	pageWidthPt  = 595.3 - 72
	pageHeightPt = 841.9 - 72
)

// planLayout lays a schema's tables out under a title and a 填报单位 line.
// fillIn leaves the unit's name to be typed after 填报单位：.
func planLayout(s *schema.Schema, title, filler string, fillIn bool, lang schema.Lang) *layout {
	l := &layout{refs: map[string]string{}, lang: lang, single: len(s.Tables) == 1 && s.Tables[0].Single()}
	l.grid(s)
	l.across(kTitle, title)
	if fillIn {
		l.fillInRow(filler)
	} else {
		l.across(kSub, filler)
	}
	for _, t := range s.Tables {
		lt := &ltable{table: t}
		l.tables = append(l.tables, lt)
		section := t.Section.In(lang)
		if section != "" {
			l.across(kSection, section)
			l.rows[len(l.rows)-1].section = true
		}
		if title := text(t.Title, or(t.En, t.Title), lang); len(s.Tables) > 1 && title != "" && t.Title != t.Section.Zh {
			l.across(kTableTitle, title)
		}
		l.place(lt)
		lt.header = len(l.rows)
		l.headers(lt, lang)
		lt.firstData = len(l.rows)
		for _, row := range t.Rows {
			r := len(l.rows)
			if row.Heading {
				l.rows = append(l.rows, lrow{cells: []lcell{{kind: kHeading, text: rowLabel(row, lang), span: l.width()}}, row: row, table: lt})
				continue
			}
			var cells []lcell
			if !row.Unlabeled || !l.single && len(t.Columns) < l.width() {
				label := rowLabel(row, lang)
				if row.Unlabeled {
					label = ""
				}
				cells = append(cells, lcell{kind: kLabel, text: label, span: l.labelSpan})
			}
			if t.Single() {
				cells = append(cells, lcell{kind: kUnit, text: row.Unit, col: 1, span: 1})
			}
			for i, c := range t.Columns {
				key := schema.Key(row.Code, c.Code)
				cells = append(cells, lcell{kind: kValue, key: key, col: lt.cols[i], span: lt.spans[i]})
				l.refs[key] = ref(r, lt.cols[i])
			}
			l.rows = append(l.rows, lrow{cells: cells, row: row, table: lt})
		}
	}
	return l
}

// grid sets the layout's columns: label, unit and value for a single-value
// table; else as many narrow columns as the widest table takes, labels
// spanning the first of them, as even as fits the page.
func (l *layout) grid(s *schema.Schema) {
	if l.single {
		l.widths, l.labelSpan = []float64{58, 9, 13}, 1
		return
	}
	w, labeled := 0, 0
	for _, t := range s.Tables {
		if unlabeled(t) {
			w = max(w, len(t.Columns))
		} else {
			w = max(w, len(t.Columns)+1)
			labeled = max(labeled, len(t.Columns))
		}
	}
	if w-labeled < 2 {
		// No wide table sets the grid: a label column, and the values.
		l.labelSpan = 1
		l.widths = []float64{40}
		v := min(13, max(7, charsFor((pageWidthPt-colPoints(40))/float64(w-1))))
		for range w - 1 {
			l.widths = append(l.widths, v)
		}
		return
	}
	l.labelSpan = w - labeled
	each := charsFor(pageWidthPt / float64(w))
	for range w {
		l.widths = append(l.widths, each)
	}
}

// charsFor is the widest column width (characters) that takes at most pt
// points in Excel.
func charsFor(pt float64) float64 {
	w := (pt/0.75 - 5) / 7
	return float64(int(w*10)) / 10
}

// unlabeled reports a table of one unlabeled row (四), which prints no
// label column.
func unlabeled(t *schema.Table) bool {
	return len(t.Rows) == 1 && t.Rows[0].Unlabeled
}

// place sets the grid columns of a table's value columns.
func (l *layout) place(lt *ltable) {
	t := lt.table
	n := len(t.Columns)
	first := l.labelSpan
	switch {
	case l.single:
		first = 2
	case unlabeled(t) && n >= l.width():
		first = 0
	}
	room := l.width() - first
	for i := range n {
		span := room / n
		if i >= n-room%n {
			span++ // the last columns take what does not divide evenly
		}
		if l.single {
			span = 1
		}
		lt.spans = append(lt.spans, span)
		if i == 0 {
			lt.cols = append(lt.cols, first)
		} else {
			lt.cols = append(lt.cols, lt.cols[i-1]+lt.spans[i-1])
		}
	}
}

// across adds a row of one cell across the layout's width.
func (l *layout) across(kind cellKind, text string) {
	l.rows = append(l.rows, lrow{cells: []lcell{{kind: kind, text: text, span: l.width()}}})
}

// fillInRow adds a row of a label and a cell to type in after it.
func (l *layout) fillInRow(label string) {
	span := l.labelSpan
	if !l.single {
		span = max(2, min(l.labelSpan, l.width()/4))
	}
	l.rows = append(l.rows, lrow{cells: []lcell{{kind: kSub, text: label, span: span},
		{kind: kInput, col: span, span: l.width() - span}}})
}

// headers lays out a table's header rows: over the label (and unit)
// columns the header texts, over the value columns their groups, outer
// first, and their labels; equal neighbours are merged.
func (l *layout) headers(lt *ltable, lang schema.Lang) {
	t := lt.table
	depth := 1
	for _, c := range t.Columns {
		depth = max(depth, len(c.Group)+1)
	}
	top := len(l.rows)
	for range depth {
		l.rows = append(l.rows, lrow{table: lt})
	}
	add := func(r int, c lcell) { l.rows[top+r].cells = append(l.rows[top+r].cells, c) }
	if lt.cols[0] > 0 {
		add(0, lcell{kind: kHeader, text: text(t.Header.Label, "Indicator", lang), span: l.labelSpan, down: depth - 1})
		if t.Single() {
			add(0, lcell{kind: kHeader, text: text(t.Header.Unit, "Unit", lang), col: 1, span: 1, down: depth - 1})
		}
	}
	for d := range depth {
		for i := 0; i < len(t.Columns); i++ {
			c := t.Columns[i]
			col := lt.cols[i]
			if d >= len(c.Group) {
				if d == len(c.Group) {
					// The column's own label spans the rows under its last group.
					add(d, lcell{kind: kHeader, text: columnHeader(c, lang), col: col, span: lt.spans[i], down: depth - 1 - d})
				}
				continue
			}
			// A group over this column and the neighbours that share it.
			j := i + 1
			for j < len(t.Columns) && sameGroup(c, t.Columns[j], d) {
				j++
			}
			span := 0
			for k := i; k < j; k++ {
				span += lt.spans[k]
			}
			add(d, lcell{kind: kHeader, text: c.Group[d], col: col, span: span})
			i = j - 1
		}
	}
}

// columnHeader is what a column's header says: its label, and its unit
// when it has one (本年收费金额（单位：万元）).
func columnHeader(c *schema.Column, lang schema.Lang) string {
	if lang == schema.En && c.En != "" {
		return c.En
	}
	if c.Unit != "" {
		return fmt.Sprintf("%s（单位：%s）", c.Label, c.Unit)
	}
	return c.Label
}

// sameGroup reports whether two columns share their groups down to depth d.
func sameGroup(a, b *schema.Column, d int) bool {
	if len(a.Group) <= d || len(b.Group) <= d {
		return false
	}
	for i := 0; i <= d; i++ {
		if a.Group[i] != b.Group[i] {
			return false
		}
	}
	return true
}

// note adds a row of text across the layout's width under the tables,
// after an empty row when it is the first.
func (l *layout) note(kind cellKind, text string) {
	if len(l.rows) > 0 && l.rows[len(l.rows)-1].cells[0].kind != kind {
		l.rows = append(l.rows, lrow{cells: []lcell{{kind: kEmpty, span: 1}}})
	}
	l.across(kind, text)
}

// footer adds a row of a label and a cell to type in after it, under the
// tables (填表人：).
func (l *layout) footer(label string) {
	if len(l.rows) > 0 && l.rows[len(l.rows)-1].cells[0].kind != kSub {
		l.rows = append(l.rows, lrow{cells: []lcell{{kind: kEmpty, span: 1}}})
	}
	l.fillInRow(label)
}

// merges lists the ranges of the cells that span several.
func (l *layout) merges() [][2]string {
	var out [][2]string
	for r, lr := range l.rows {
		for _, c := range lr.cells {
			if c.span > 1 || c.down > 0 {
				out = append(out, [2]string{ref(r, c.col), ref(r+c.down, c.col+max(c.span, 1)-1)})
			}
		}
	}
	return out
}

// fontSize is the size of a layout cell's text.
func fontSize(k cellKind) float64 {
	switch k {
	case kTitle:
		return 16
	case kSection:
		return 12
	case kNote:
		return 10
	}
	return 11
}

// fit sets every row's height to hold its cells' text, and where a page
// must begin: before a section that would not fit on the rest of the page.
func (l *layout) fit() {
	for r := range l.rows {
		h := 11*1.45 + cellPad
		for _, c := range l.rows[r].cells {
			if c.down == 0 && c.text != "" {
				h = max(h, textHeight(c.text, fontSize(c.kind), spanWidth(l.widths, c.col, c.col+max(c.span, 1))))
			}
		}
		l.rows[r].height = roundHeight(h)
	}
	// A cell merged down its rows: the last of them takes what it lacks.
	for r := range l.rows {
		for _, c := range l.rows[r].cells {
			if c.down == 0 || c.text == "" {
				continue
			}
			need := textHeight(c.text, fontSize(c.kind), spanWidth(l.widths, c.col, c.col+max(c.span, 1)))
			have := 0.0
			for k := r; k <= r+c.down; k++ {
				have += l.rows[k].height
			}
			if need > have {
				l.rows[r+c.down].height = roundHeight(l.rows[r+c.down].height + need - have)
			}
		}
	}
	used := 0.0
	for start := 0; start < len(l.rows); {
		end := start + 1
		for end < len(l.rows) && !l.rows[end].section {
			end++
		}
		h := 0.0
		for r := start; r < end; r++ {
			h += l.rows[r].height
		}
		if used > 0 && used+h > pageHeightPt*0.97 {
			l.rows[start].pageBreak = true
			used = 0
		}
		used += h
		for used > pageHeightPt {
			used -= pageHeightPt // a section longer than a page runs on
		}
		start = end
	}
}

// headerRows are the 1-based rows of the first table's header, repeated on
// every printed page when the layout holds one table; 0, 0 when it holds
// several (each section then begins its page with its own header).
func (l *layout) headerRows() (int, int) {
	if len(l.tables) != 1 {
		return 0, 0
	}
	t := l.tables[0]
	return t.header + 1, t.firstData
}

// SummaryRefs says which cell of the summary sheet shows each cell key
// (none without a schema: a run that read nothing).
func SummaryRefs(s *schema.Schema) map[string]string {
	if s == nil {
		return map[string]string{}
	}
	return planLayout(s, "", "", false, schema.Zh).refs
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
