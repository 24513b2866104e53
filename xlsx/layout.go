package xlsx

import "tally/schema"

// The official layout of a schema's tables, as tally writes it (the
// consolidated summary and the fill-in template): a title, a 填报单位 line,
// then per table its title (when the schema has several), its header rows
// (a matrix prints its column groups above the columns: 行政诉讼 /
// 复议后起诉 / 结果维持) and its rows. A single-value table has a unit
// column; a matrix has none.

// cellKind says what a layout cell is.
type cellKind int

const (
	kEmpty cellKind = iota
	kTitle
	kSub
	kTableTitle
	kHeader
	kHeading
	kLabel
	kUnit
	kValue
)

type lcell struct {
	kind cellKind
	text string
	key  string // for a value cell
}

// lrow is one sheet row of the layout.
type lrow struct {
	cells  []lcell
	height float64
	row    *schema.Row // a table row, or nil
	table  *ltable
}

// ltable is where a table sits in the layout.
type ltable struct {
	table     *schema.Table
	header    int // first header row, 0-based
	valueCol  int // first value column, 0-based
	checkCol  int // the column after the values
	firstData int
}

type layout struct {
	rows   []lrow
	merges [][2]string
	refs   map[string]string // cell key -> A1
	width  int
	tables []*ltable
}

// firstHeaderRow is the 1-based row of the first table's header, repeated
// on every printed page.
func (l *layout) firstHeaderRow() int { return l.tables[0].header + 1 }

// planLayout lays a schema's tables out under a title and a 填报单位 line.
func planLayout(s *schema.Schema, title, filler string, lang schema.Lang) *layout {
	l := &layout{refs: map[string]string{}}
	for _, t := range s.Tables {
		w := len(t.Columns) + 1
		if t.Single() {
			w++
		}
		l.width = max(l.width, w)
	}
	l.add(lrow{cells: []lcell{{kind: kTitle, text: title}}, height: 36}, true)
	l.add(lrow{cells: []lcell{{kind: kSub, text: filler}}}, true)
	for _, t := range s.Tables {
		lt := &ltable{table: t, valueCol: 1}
		if t.Single() {
			lt.valueCol = 2
		}
		lt.checkCol = lt.valueCol + len(t.Columns)
		l.tables = append(l.tables, lt)
		if len(s.Tables) > 1 {
			l.add(lrow{cells: []lcell{{kind: kTableTitle, text: text(t.Title, or(t.Title, t.ID), lang)}}}, true)
		}
		lt.header = len(l.rows)
		l.headers(lt, lang)
		lt.firstData = len(l.rows)
		for _, row := range t.Rows {
			r := len(l.rows)
			if row.Heading {
				l.add(lrow{cells: []lcell{{kind: kHeading, text: rowLabel(row, lang)}}, row: row, table: lt}, true)
				continue
			}
			cells := []lcell{{kind: kLabel, text: rowLabel(row, lang)}}
			if row.Unlabeled {
				cells[0] = lcell{kind: kLabel}
			}
			if t.Single() {
				cells = append(cells, lcell{kind: kUnit, text: row.Unit})
			}
			for i, c := range t.Columns {
				key := schema.Key(row.Code, c.Code)
				cells = append(cells, lcell{kind: kValue, key: key})
				l.refs[key] = ref(r, lt.valueCol+i)
			}
			h := 0.0
			if row.Note != "" {
				h = 32
			}
			l.add(lrow{cells: cells, height: h, row: row, table: lt}, false)
		}
	}
	return l
}

// add appends a row; a lone first cell of a full-width row is merged across.
func (l *layout) add(r lrow, across bool) {
	n := len(l.rows)
	l.rows = append(l.rows, r)
	if across && l.width > 1 {
		l.merges = append(l.merges, [2]string{ref(n, 0), ref(n, l.width-1)})
	}
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
	for d := 0; d < depth; d++ {
		cells := []lcell{{kind: kHeader, text: text(t.Header.Label, "Indicator", lang)}}
		if t.Single() {
			cells = append(cells, lcell{kind: kHeader, text: text(t.Header.Unit, "Unit", lang)})
		}
		for _, c := range t.Columns {
			cells = append(cells, lcell{kind: kHeader, text: headerText(c, d, lang)})
		}
		l.rows = append(l.rows, lrow{cells: cells, height: 22, table: lt})
	}
	if depth == 1 {
		return
	}
	// The label and unit headers span every header row.
	for c := 0; c < lt.valueCol; c++ {
		l.merges = append(l.merges, [2]string{ref(top, c), ref(top+depth-1, c)})
	}
	for i, c := range t.Columns {
		col := lt.valueCol + i
		// A column's own label spans the rows under its last group.
		if g := len(c.Group); g < depth-1 {
			l.merges = append(l.merges, [2]string{ref(top+g, col), ref(top+depth-1, col)})
		}
	}
	for d := 0; d < depth-1; d++ {
		start := 0
		for i := 1; i <= len(t.Columns); i++ {
			if i < len(t.Columns) && sameGroup(t.Columns[start], t.Columns[i], d) {
				continue
			}
			if i-start > 1 && d < len(t.Columns[start].Group) {
				l.merges = append(l.merges, [2]string{ref(top+d, lt.valueCol+start), ref(top+d, lt.valueCol+i-1)})
			}
			start = i
		}
	}
}

// headerText is what a column shows on header row d.
func headerText(c *schema.Column, d int, lang schema.Lang) string {
	if d < len(c.Group) {
		return c.Group[d]
	}
	if lang == schema.En && c.En != "" {
		return c.En
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

// SummaryRefs says which cell of the summary sheet shows each cell key.
func SummaryRefs(s *schema.Schema) map[string]string {
	return planLayout(s, "", "", schema.Zh).refs
}
