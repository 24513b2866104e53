package table

import (
	"sort"
	"strings"

	"tally/grid"
	"tally/schema"
)

// Finding a table on a sheet. A sheet is read in bands: a label column and
// the columns right of it up to the next label column (a table printed in
// two halves side by side has two bands). In a band, the header says which
// column holds this year's values (headers.go, columns.go); rows are
// matched to indicators by label and order, a label Word split over two
// rows is joined again (rows.go), and the matches form blocks: the row
// sequence starting over means a second table (last year's above this
// year's). The placement is the best block, with the blocks of other bands
// that complete it (blocks.go).

// band is a label column and the columns it governs.
type band struct {
	labelCol int
	firstCol int // the first label column (numbering or a parent label may sit left of labelCol)
	end      int // first column past the band
	unitCol  int // -1: none
	valueCol map[string]int
	classes  map[int]colClass
	header   int // the header row, -1 when there is none
	top      int // first row of the band's table
	// headerRows remembers isHeaderRow by row: 0 not asked yet, 1 yes, 2 no.
	headerRows []int8
	// misspelt are the header cells read as a column they name with a slip.
	misspelt []misspelt
}

// misspelt is a header cell whose text is a slip for a column's label.
type misspelt struct {
	row, col int
	text     string
	column   *schema.Column
}

// locate finds a table on a sheet; nil when not one label is on it.
func locate(g *sheet, ix *labelIndex, want int) *placement {
	if rows := ix.table.Rows; len(rows) == 1 && rows[0].Unlabeled {
		return locateUnlabeled(g, ix)
	}
	cands := newCandCache(ix, g)
	counts := map[int]int{}
	total := 0
	for r, row := range g.Rows() {
		for c, text := range row {
			if text == "" || g.IsFill(r, c) || g.HiddenCol(c) {
				continue
			}
			if len(cands.get(text)) > 0 {
				counts[c]++
				total++
			}
		}
	}
	if total == 0 {
		return nil
	}
	var labelCols []int
	strong := map[int]bool{}
	for c, n := range counts {
		if n >= 3 && n*8 >= total || n*2 >= total {
			strong[c] = true
		}
	}
	for c, n := range counts {
		// A column of parent labels just left of the labels (一、…, 三、本年度办理结果
		// merged down its rows) holds few labels of its own.
		if strong[c] || n >= 2 && (strong[c+1] || strong[c+2]) {
			labelCols = append(labelCols, c)
		}
	}
	sort.Ints(labelCols)
	if len(labelCols) == 0 {
		best := -1
		for c, n := range counts {
			if best < 0 || n > counts[best] || n == counts[best] && c < best {
				best = c
			}
		}
		labelCols = []int{best}
	}
	// Label columns next to each other are one band (numbering in a column
	// of its own, or labels indented by column).
	var bands []*band
	for i, c := range labelCols {
		if i > 0 && c-labelCols[i-1] <= 2 && len(bands) > 0 {
			bands[len(bands)-1].labelCol = c
			continue
		}
		first := c
		for first > 0 && (i == 0 || first-1 >= labelCols[i-1]+1) && isNumberingColumn(g, first-1) {
			first--
		}
		bands = append(bands, &band{labelCol: c, firstCol: first, unitCol: -1, header: -1, valueCol: map[string]int{}, classes: map[int]colClass{}})
	}
	for i, b := range bands {
		b.end = grid.MaxCols
		if i+1 < len(bands) {
			b.end = bands[i+1].labelCol
			// The next band's own label column may have a numbering column
			// before it.
			for b.end-1 > b.labelCol && counts[b.end-1] == 0 && isNumberingColumn(g, b.end-1) {
				b.end--
			}
		}
	}
	var blocks []*block
	for _, b := range bands {
		b.setUp(g, ix, cands)
		blocks = append(blocks, b.match(g, ix, cands)...)
	}
	return choose(g, ix, blocks, want)
}

// locateUnlabeled finds a table of one unlabeled row by its header: the
// rows that hold its column labels, and the first row under them.
func locateUnlabeled(g *sheet, ix *labelIndex) *placement {
	var best *placement
	for r := range g.Rows() {
		hits := 0
		for c, t := range g.Rows()[r] {
			if t != "" && !g.IsFill(r, c) && ix.header[g.norm(t)] {
				hits++
			}
		}
		if hits < 3 {
			continue
		}
		// r is a header row; the header ends where its texts end.
		end := r + 1
		for end < len(g.Rows()) && end < r+4 && rowHasHeader(g, ix, end) {
			end++
		}
		b := &band{labelCol: -1, firstCol: 0, end: grid.MaxCols, unitCol: -1, header: r, top: r,
			valueCol: map[string]int{}, classes: map[int]colClass{}}
		b.matrixColumns(g, ix, end)
		if len(b.valueCol) == 0 {
			continue
		}
		p := &placement{g: g, ix: ix, rows: map[string]*match{ix.table.Rows[0].Code: {row: end, span: 1, band: b}},
			bands: []*band{b}, matched: 1, total: 1, top: r}
		if best == nil || len(b.valueCol) > len(best.bands[0].valueCol) {
			best = p
		}
		if len(b.valueCol) == len(ix.table.Columns) {
			break
		}
	}
	return best
}

func rowHasHeader(g *sheet, ix *labelIndex, r int) bool {
	for _, t := range g.Row(r) {
		if t != "" && ix.header[g.norm(t)] {
			return true
		}
	}
	return false
}

// isNumberingColumn reports a column of item numbers only: (一), 1., 一、
func isNumberingColumn(g *sheet, c int) bool {
	n := 0
	for r := range g.Rows() {
		t := strings.TrimSpace(g.At(r, c))
		if t == "" {
			continue
		}
		if g.norm(t) != "" && schema.StripNumbering(t) != "" {
			return false
		}
		n++
	}
	return n > 0
}

// firstValueCol is the leftmost value column of a band.
func (b *band) firstValueCol() int {
	first := -1
	for _, c := range b.valueCol {
		if first < 0 || c < first {
			first = c
		}
	}
	return first
}

// numbersOn returns the value columns of a band that hold a number on a
// sheet row, left to right.
func (b *band) numbersOn(g *sheet, r int) []int {
	var out []int
	for _, c := range b.valueCol {
		if !g.IsFill(r, c) && schema.ParseNumber(g.At(r, c)).Form == schema.Number {
			out = append(out, c)
		}
	}
	sort.Ints(out)
	return out
}

// valuesOn returns the value columns of a band that hold a number, or a
// dash or 无 written for zero, on a sheet row, left to right.
func (b *band) valuesOn(g *sheet, r int) []int {
	var out []int
	for _, c := range b.valueCol {
		if f := schema.ParseNumber(g.At(r, c)).Form; !g.IsFill(r, c) && (f == schema.Number || f == schema.ZeroMark) {
			out = append(out, c)
		}
	}
	sort.Ints(out)
	return out
}

// valueEmpty reports whether every value cell of a row is empty.
func (b *band) valueEmpty(g *sheet, r int) bool {
	for _, c := range b.valueCol {
		if strings.TrimSpace(g.At(r, c)) != "" || g.OwnFlags(r, c)&grid.HasFormula != 0 {
			return false
		}
	}
	return true
}
