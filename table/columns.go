package table

import (
	"strconv"
	"strings"

	"tally/grid"
	"tally/schema"
)

// findValueCols picks the value column(s). In a matrix each column is
// found by its header; in a single-value table the columns right of the
// labels are ranked by what their headers say (this year's over
// unmarked, a quarter or last year's; 行次 and 备注 never), hidden columns
// last, then by how many numbers they hold on indicator rows.
func (b *band) findValueCols(g *sheet, ix *labelIndex, cands *candCache, first int) {
	t := ix.table
	heads := map[int]string{}
	latest := 0
	end := min(b.end, g.Width()) // no column past the widest row holds anything
	for c := b.labelCol + 1; c < end; c++ {
		if c == b.unitCol {
			continue
		}
		if h := b.headerText(g, c, first); h != "" {
			heads[c] = h
			latest = max(latest, schema.ParseYear(h))
		}
	}
	if !t.Single() {
		b.matrixColumns(g, ix, first)
		return
	}
	counts := map[int]int{}
	seq := map[int][]float64{}
	for r := first; r < len(g.Rows()); r++ {
		if len(cands.get(g.At(r, b.labelCol))) == 0 {
			continue
		}
		for c := b.labelCol + 1; c < min(b.end, len(g.Rows()[r])); c++ {
			if c == b.unitCol || g.IsFill(r, c) {
				continue
			}
			text := g.Rows()[r][c]
			if g.OwnFlags(r, c)&grid.HasFormula != 0 && text == "" {
				counts[c]++ // a formula without a stored result
				continue
			}
			if f, ok := plainNumber(text); ok {
				counts[c]++
				seq[c] = append(seq[c], f)
				continue
			}
			p := schema.ParseNumber(text)
			if p.Form == schema.Number || p.Form == schema.ZeroMark {
				counts[c]++
				if p.Form == schema.Number {
					f, _ := p.Value.Float64()
					seq[c] = append(seq[c], f)
				}
			}
		}
	}
	best, bestRank := -1, [4]int{}
	for c := b.labelCol + 1; c < end; c++ {
		if c == b.unitCol {
			continue
		}
		class := classify(heads[c], ix.cols, latest)
		if class == classUnknown && isSequence(seq[c]) {
			class = classOther
		}
		if class != classUnknown {
			b.classes[c] = class // an unknown column is one not in the map
		}
		if class == classOther {
			continue
		}
		if counts[c] == 0 && class != classCurrent {
			continue
		}
		visible := 1
		if g.HiddenCol(c) {
			visible = 0
		}
		y := schema.ParseYear(heads[c])
		rank := [4]int{visible, int(class), y, counts[c]}
		if best < 0 || less(bestRank, rank) {
			best, bestRank = c, rank
		}
	}
	if best < 0 {
		// No numbers at all: the first column after the labels and units.
		best = b.labelCol + 1
		if best == b.unitCol {
			best++
		}
	}
	b.valueCol[t.Columns[0].Code] = best
}

// plainNumber reads the text of a number cell as a spreadsheet stores it
// (digits, a point, a sign), without the cost of schema.ParseNumber; ok is
// false for anything else, which ParseNumber then reads.
func plainNumber(text string) (float64, bool) {
	if text == "" || len(text) > 15 {
		return 0, false
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c < '0' || c > '9') && c != '.' && !(i == 0 && c == '-') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	return f, err == nil
}

func less(a, b [4]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// isSequence reports row numbers: 1, 2, 3, … on most indicator rows.
func isSequence(v []float64) bool {
	if len(v) < 5 {
		return false
	}
	up := 0
	for i := 1; i < len(v); i++ {
		if v[i] == v[i-1]+1 {
			up++
		}
	}
	return up*10 >= (len(v)-1)*8
}

// matrixColumns finds each column of a matrix by its header: its own label
// and the group labels above it (结果维持 under 行政诉讼 / 复议后起诉). Of
// several columns that fit, the leftmost not yet taken is used.
func (b *band) matrixColumns(g *sheet, ix *labelIndex, first int) {
	top, end := b.headerRegion(g, ix, first)
	texts := map[int]map[string]bool{}
	for c := b.labelCol + 1; c < b.end; c++ {
		set := map[string]bool{}
		for r := top; r < end; r++ {
			if n := g.norm(g.At(r, c)); n != "" {
				set[n] = true
			}
		}
		if len(set) > 0 {
			texts[c] = set
		}
	}
	all := map[string]bool{}
	for _, set := range texts {
		for n := range set {
			all[n] = true
		}
	}
	taken := map[int]bool{}
	found := map[*schema.Column]int{}
	for _, col := range ix.table.Columns {
		for c := b.labelCol + 1; c < b.end; c++ {
			set := texts[c]
			if set == nil || taken[c] || !fits(col, set, all) {
				continue
			}
			b.valueCol[col.Code] = c
			taken[c] = true
			found[col] = c
			b.classes[c] = classCurrent
			break
		}
	}
	if len(found) < len(ix.table.Columns) {
		b.misspeltColumns(g, ix, top, end, texts, all, taken, found)
	}
	if top < first && (b.header < 0 || b.header > top) {
		b.header = top
	}
}

// misspeltColumns finds the columns still missing under headers that name
// them with a slip (本年废纸件数 for 本年废止件数), with the likeness row labels
// are matched with: as alike as a label anywhere (0.8), or, for the column
// expected there (after the column found to its left, at most three on, and
// before the one found to its right), as alike as the row expected next
// (0.6). Only a header cell that names no column of the table is read so.
func (b *band) misspeltColumns(g *sheet, ix *labelIndex, top, end int, texts map[int]map[string]bool, all map[string]bool,
	taken map[int]bool, found map[*schema.Column]int) {
	index := map[*schema.Column]int{}
	for i, col := range ix.table.Columns {
		index[col] = i
	}
	for c := b.labelCol + 1; c < b.end; c++ {
		set := texts[c]
		if set == nil || taken[c] {
			continue
		}
		named := false
		for n := range set {
			named = named || len(ix.cols[n]) > 0
		}
		if named {
			continue
		}
		// The columns found on either side bound the columns expected here.
		left, right := -1, len(ix.table.Columns)
		for col, fc := range found {
			if fc < c {
				left = max(left, index[col])
			} else {
				right = min(right, index[col])
			}
		}
		for r := top; r < end; r++ {
			text := g.At(r, c)
			n := g.norm(text)
			if n == "" || g.IsFill(r, c) || ix.header[n] {
				continue
			}
			pick := func(min float64, window bool) *schema.Column {
				return ix.fuzzyColumn(n, min, func(col *schema.Column, i int) bool {
					if _, ok := found[col]; ok || !fitsGroup(col, set, all) {
						return false
					}
					return !window || i > left && i <= left+3 && i < right
				})
			}
			col := pick(0.6, true)
			if col == nil {
				col = pick(0.8, false)
			}
			if col == nil {
				continue
			}
			b.valueCol[col.Code] = c
			taken[c] = true
			found[col] = c
			b.classes[c] = classCurrent
			b.misspelt = append(b.misspelt, misspelt{row: r, col: c, text: strings.TrimSpace(text), column: col})
			break
		}
	}
}

// fits reports whether a column's header texts name the schema column: its
// label or an alias, and every label of its group that the header prints
// at all (a header may leave out 申请人情况).
func fits(col *schema.Column, texts, all map[string]bool) bool {
	own := false
	for _, l := range columnLabels(col) {
		if texts[normLabel(l)] {
			own = true
		}
	}
	return own && fitsGroup(col, texts, all)
}

// fitsGroup reports whether a column's header texts hold every label of the
// column's group that the header prints at all.
func fitsGroup(col *schema.Column, texts, all map[string]bool) bool {
	for _, gl := range col.Group {
		if n := normLabel(gl); all[n] && !texts[n] {
			return false
		}
	}
	return true
}
