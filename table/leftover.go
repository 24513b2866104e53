package table

import (
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"tally/grid"
	"tally/schema"

	"github.com/shopspring/decimal"
)

// Numbers that land in no cell. A table's rows and columns are read into the
// schema's cells; every other number inside the table is accounted for here,
// one finding per row or column, never silently dropped:
//
//   - the single row an earlier format printed in place of a heading and its
//     rows (（六）其他处理 in the 2019 format) is read into the row the schema
//     says stands for it (legacyRows);
//   - numbers on a heading's own row are the subtotal of the rows under it,
//     checked against them, when the schema says so, and count towards
//     nothing otherwise (headingNumbers);
//   - a labelled row that names no indicator (extraRows);
//   - a column that is no column of the table (extraColumns): a note when its
//     header says it is not this year's figures (上年数, a quarter, 序号, 行次,
//     备注) or it is hidden, a warning otherwise.

// cellAt is a cell of a sheet.
type cellAt struct {
	g    *sheet
	r, c int
}

// legacyRows returns the rows of a table's placement, with the single row of
// an earlier format standing for the rows under its heading when the table
// has numbers on that row (or a dash for zero) and none of those rows: the
// row's numbers are read into the row the schema names, with a warning, and
// the other rows under the heading (absent) read 0.
func (r *reader) legacyRows(t *schema.Table, p *placement) (rows map[string]*match, absent map[string]bool) {
	rows = p.rows
	for _, h := range t.Rows {
		if !h.Heading || h.Legacy == nil {
			continue
		}
		m := p.rows[h.Code]
		if m == nil {
			continue
		}
		under := h.Under()
		if slices.ContainsFunc(under, func(u *schema.Row) bool { return p.rows[u.Code] != nil }) {
			continue
		}
		cols := m.band.valuesOn(p.g, m.row)
		if len(cols) == 0 {
			continue
		}
		if absent == nil {
			rows, absent = maps.Clone(p.rows), map[string]bool{}
		}
		rows[h.Legacy.Into] = m
		delete(rows, h.Code) // its numbers are read: not a heading's any more
		var codes []string
		for _, u := range under {
			if u.Code != h.Legacy.Into {
				absent[u.Code] = true
			}
		}
		for _, col := range t.Columns {
			codes = append(codes, schema.Key(h.Legacy.Into, col.Code))
		}
		into, _ := r.sub.Schema.Row(h.Legacy.Into)
		label, _ := m.band.labelOf(p.g, m.row, newCandCache(p.ix, p.g))
		r.sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindSchema, Rule: "read:legacy-row",
			Sheet: p.g.Name, Cell: r.cellRef(p.g, m.row, cols[0]), Codes: codes,
			Msg: schema.Msg(msgReadLegacyRow, m.row+1, oneLine(label), h.Legacy.Year, r.span(p.g, m.row, cols),
				schema.Both{Zh: into.Label, En: into.DisplayName(schema.En) + " (" + into.Label + ")"})})
	}
	return rows, absent
}

// headingNumbers accounts for the numbers on the rows of a table's headings:
// a subtotal is checked against the rows under it; numbers on any other
// heading count towards nothing, a warning.
func (r *reader) headingNumbers(t *schema.Table, p *placement, rows map[string]*match) {
	g := p.g
	for _, h := range t.Rows {
		m := rows[h.Code]
		if !h.Heading || m == nil {
			continue
		}
		cols := m.band.numbersOn(g, m.row)
		if len(cols) == 0 {
			continue
		}
		under := h.Under()
		if h.Subtotal && slices.ContainsFunc(under, func(u *schema.Row) bool { return rows[u.Code] != nil }) {
			r.checkSubtotal(t, p, h, m, under)
			continue
		}
		label, _ := m.band.labelOf(g, m.row, newCandCache(p.ix, g))
		r.sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindExtraRow, Rule: "read:heading-numbers",
			Sheet: g.Name, Cell: r.cellRef(g, m.row, cols[0]),
			Msg: schema.Msg(msgReadHeadingNumbers, m.row+1, oneLine(label), r.span(g, m.row, cols), numbersText(g, m.row, cols))})
	}
}

// checkSubtotal compares the numbers on a heading's row with the sum of the
// rows under it, column by column; a column where a row under it has no
// usable value is not compared.
func (r *reader) checkSubtotal(t *schema.Table, p *placement, h *schema.Row, m *match, under []*schema.Row) {
	g := p.g
	for _, col := range t.Columns {
		c, ok := m.band.valueCol[col.Code]
		if !ok || g.IsFill(m.row, c) {
			continue
		}
		got, ok := numberAt(g, m.row, c)
		if !ok {
			continue
		}
		sum, keys, usable := decimal.Zero, []string{}, true
		for _, u := range under {
			k := schema.Key(u.Code, col.Code)
			v := r.sub.Values[k]
			switch v.State {
			case schema.Present:
				sum = sum.Add(v.Num)
			case schema.Empty:
			default:
				usable = false
			}
			keys = append(keys, k)
		}
		if !usable || sum.Equal(got) {
			continue
		}
		cref := r.cellRef(g, m.row, c)
		r.sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindSum, Rule: "read:subtotal",
			Sheet: g.Name, Cell: cref, Codes: keys, Expected: &sum, Actual: &got,
			Msg: schema.Msg(msgReadSubtotal, headingCellName(t, h, col), cref, got, sum, got.Sub(sum).Abs())})
	}
}

// headingCellName names a heading's cell in a column: 不予公开·自然人.
func headingCellName(t *schema.Table, h *schema.Row, col *schema.Column) schema.Both {
	zh, en := h.DisplayName(schema.Zh), h.DisplayName(schema.En)
	if !t.Single() {
		name := col.Label
		if col.Name != "" {
			name = col.Name
		}
		zh += "·" + name
		if col.En != "" {
			en += "·" + col.En
		} else {
			en += "·" + name
		}
	}
	return schema.Both{Zh: zh, En: en}
}

// extraRows reports each labelled row that names no indicator but carries
// numbers in the table's value columns: one warning per row.
func (r *reader) extraRows(p *placement) {
	g := p.g
	for _, e := range p.extra {
		cols := e.band.numbersOn(g, e.row)
		if len(cols) == 0 {
			continue
		}
		text, _ := e.band.labelOf(g, e.row, newCandCache(p.ix, g))
		msg := schema.Msg(msgReadExtraRow, e.row+1, oneLine(text), strings.TrimSpace(g.At(e.row, cols[0])))
		if len(cols) > 1 {
			msg = schema.Msg(msgReadExtraRowNumbers, e.row+1, oneLine(text), r.span(g, e.row, cols), numbersText(g, e.row, cols))
		}
		r.sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindExtraRow, Rule: "read:extra-row",
			Sheet: g.Name, Cell: r.cellRef(g, e.row, cols[0]), Msg: msg})
	}
}

// extraColumns reports each column inside a table that is no column of it
// and holds numbers on the table's rows: one finding per column, naming its
// header cell, the range of its numbers and what the header says. The
// table ends at the first empty column right of its labels; a number
// already reported as typed beside its empty value cell is left out.
func (r *reader) extraColumns(t *schema.Table, p *placement) {
	g := p.g
	for _, b := range p.bands {
		var rows []int
		for _, m := range p.rows {
			if m.band != b {
				continue
			}
			for rr := m.row; rr < m.row+m.span; rr++ {
				rows = append(rows, rr)
			}
		}
		if len(rows) == 0 {
			continue
		}
		sort.Ints(rows)
		first, last := rows[0], rows[len(rows)-1]
		top := first
		if b.header >= 0 && b.header < first {
			top = b.header
		}
		known := map[int]bool{b.unitCol: true}
		for _, c := range b.valueCol {
			known[c] = true
		}
		scan := func(c int) bool {
			if columnEmpty(g, c, top, last) {
				return false // the table ends here
			}
			var hits []int
			for _, rr := range rows {
				if text := g.At(rr, c); !g.IsFill(rr, c) && !r.strays[cellAt{g, rr, c}] && !itemNumber.MatchString(text) &&
					numberForm(schema.ParseNumber(text).Form) {
					hits = append(hits, rr)
				}
			}
			if len(hits) > 0 {
				r.extraColumn(t, p, b, c, hits, first)
			}
			return true
		}
		// Right of the labels, then left of them (a 序号 column).
		for c := b.labelCol + 1; c < min(b.end, g.Width()); c++ {
			if !known[c] && !scan(c) {
				break
			}
		}
		for c := b.firstCol - 1; c >= 0 && !inBand(p.bands, c) && scan(c); c-- {
		}
	}
}

// itemNumber is an item's number in a column of its own (1. 2、), not a
// figure.
var itemNumber = regexp.MustCompile(`^\s*\d{1,2}\s*[.、．]\s*$`)

// inBand reports a column of one of the bands.
func inBand(bands []*band, c int) bool {
	for _, b := range bands {
		if c >= b.firstCol && c < b.end {
			return true
		}
	}
	return false
}

// extraColumn reports one column of numbers that is no column of the table.
func (r *reader) extraColumn(t *schema.Table, p *placement, b *band, c int, hits []int, first int) {
	g := p.g
	hr, head := b.headerCell(g, c, first)
	class, ok := b.classes[c]
	if !ok {
		class = classUnknown
		if !t.Single() || c < b.labelCol {
			// Columns the value column was not chosen among.
			class = classify(head, p.ix.cols, 0)
			var seq []float64
			for _, rr := range hits {
				if d, ok := numberAt(g, rr, c); ok {
					f, _ := d.Float64()
					seq = append(seq, f)
				}
			}
			if class == classUnknown && isSequence(seq) {
				class = classOther
			}
		}
	}
	cell := r.cellRef(g, hits[0], c)
	about := schema.Both{Zh: "（没有表头）", En: " (no header)"}
	if head != "" {
		at := g.AnchorOf(hr, c)
		cell = r.cellRef(g, at.Row, at.Col)
		about = schema.Both{Zh: "（表头“" + oneLine(head) + "”）", En: " (header \"" + oneLine(head) + "\")"}
	}
	span := r.cellRef(g, hits[0], c)
	if len(hits) > 1 {
		span += ":" + grid.Ref(hits[len(hits)-1], c)
	}
	letter := grid.ColName(c)
	var what schema.Both
	switch {
	case g.HiddenCol(c):
		what = schema.Both{Zh: "隐藏列中的数", En: "a hidden column's figures"}
	case class == classPrevious:
		what = schema.Both{Zh: "上年或往期的数", En: "last year's or an earlier period's figures"}
	case class == classPartial:
		what = schema.Both{Zh: "季度、半年或月份的数", En: "a quarter's, a half year's or a month's figures"}
	case class == classOther:
		what = schema.Both{Zh: "序号、行次、代码或备注", En: "row numbers, codes or remarks"}
	}
	f := schema.Finding{Severity: schema.Warning, Kind: schema.KindExtraRow, Rule: "read:extra-column",
		Sheet: g.Name, Cell: cell, Msg: schema.Msg(msgReadExtraColumn, letter, about, span)}
	if what.Zh != "" {
		f.Severity = schema.Info
		f.Msg = schema.Msg(msgReadExtraColumnOther, letter, about, span, what)
	}
	r.sub.Add(f)
}

// headerCell is where a column's header is and what it says: every text of
// the column's header rows above the first indicator, top down ("统计数 /
// 上年数" under a merged 统计数), at its first cell of its own (the anchor of
// a merge when it has none); row -1 and "" when there is none.
func (b *band) headerCell(g *sheet, c, first int) (int, string) {
	from := b.header
	if from < 0 {
		from = max(0, first-3)
	}
	row, anchor := -1, -1
	var texts []string
	for r := from; r < first; r++ {
		t := strings.TrimSpace(g.At(r, c))
		if t == "" {
			continue
		}
		if !slices.Contains(texts, t) {
			texts = append(texts, t)
		}
		if row < 0 && !g.IsFill(r, c) {
			row = r
		}
		anchor = r
	}
	if row < 0 {
		row = anchor
	}
	return row, strings.Join(texts, " / ")
}

// columnEmpty reports a column with nothing in it from row top to last.
func columnEmpty(g *sheet, c, top, last int) bool {
	for r := top; r <= last; r++ {
		if strings.TrimSpace(g.At(r, c)) != "" || g.OwnFlags(r, c)&grid.HasFormula != 0 {
			return false
		}
	}
	return true
}

// numberAt reads the number in a cell as a value cell is read: a number
// the spreadsheet stored as one as it shows it, text by ParseNumber.
func numberAt(g *sheet, r, c int) (decimal.Decimal, bool) {
	text := strings.TrimSpace(g.At(r, c))
	if g.Flags(r, c)&grid.Text == 0 {
		if d, ok := schema.ParseStoredNumber(text); ok {
			return d, true
		}
	}
	p := schema.ParseNumber(text)
	return p.Value, p.Form == schema.Number
}

// span names the cells of a row's columns: D41, or D41:J41.
func (r *reader) span(g *sheet, row int, cols []int) string {
	s := r.cellRef(g, row, cols[0])
	if len(cols) > 1 {
		s += ":" + grid.Ref(row, cols[len(cols)-1])
	}
	return s
}

// numbersText lists the numbers of a row's cells as typed, at most eight.
func numbersText(g *sheet, row int, cols []int) schema.Both {
	var ns []string
	for _, c := range cols {
		if len(ns) == 8 {
			ns = append(ns, "…")
			break
		}
		ns = append(ns, strings.TrimSpace(g.At(row, c)))
	}
	return schema.Both{Zh: strings.Join(ns, "、"), En: strings.Join(ns, ", ")}
}

// numberForm: a number, or one out of the exact range (still a number
// typed beside the table, reported as one).
func numberForm(f schema.Form) bool {
	return f == schema.Number || f == schema.OutOfRange
}
