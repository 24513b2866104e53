package xlsx

import "strconv"

// Limits on how much of a sheet is scanned for the table. Statistics tables
// are a few hundred rows by a few dozen columns; anything beyond is ignored.
const (
	maxRows = 5000
	maxCols = 256
)

// grid is one worksheet as text: raw cell values (no number formats), with
// every merged range filled from its top-left cell, and what else tally
// needs to know of its cells.
type grid struct {
	sheet  string
	index  int // position among the workbook's sheets
	hidden bool
	rows   [][]string
	// anchor maps a filled cell of a merged range to its top-left cell.
	anchor map[[2]int][2]int
	// flags, formats and formulas describe the cells that are not plain
	// numbers in the general format.
	flags    [][]cellFlags // by row and column, like rows
	formats  map[[2]int]numFmt
	formulas map[[2]int]formula
	// hiddenRows and hiddenCols are hidden by the sheet.
	hiddenRows map[int]bool
	hiddenCols map[int]bool
	// header is the text of the printed page header.
	header string
	// norms holds the normal forms of the sheet's texts, see norm.
	norms map[string]string
	// maxRows and maxCols, when set, replace the limits of the same names.
	maxRows, maxCols int
	// budget is the workbook's, which the cells kept are spent from; nil
	// for none.
	budget *budget
}

func (g *grid) rowCap() int {
	if g.maxRows > 0 {
		return g.maxRows
	}
	return maxRows
}

func (g *grid) colCap() int {
	if g.maxCols > 0 {
		return g.maxCols
	}
	return maxCols
}

// norm is the normal form of a label on the sheet (schema.NormalizeLabel),
// worked out once per text: every table of every schema asks for it.
func (g *grid) norm(text string) string {
	if n, ok := g.norms[text]; ok {
		return n
	}
	if g.norms == nil {
		g.norms = map[string]string{}
	}
	n := normLabel(text)
	g.norms[text] = n
	return n
}

// width is the number of columns of the widest row.
func (g *grid) width() int {
	w := 0
	for _, row := range g.rows {
		w = max(w, len(row))
	}
	return w
}

// at returns the text of the cell at 0-based row r, column c.
func (g *grid) at(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// flag returns the flags of a cell (of its anchor for a merged cell).
func (g *grid) flag(r, c int) cellFlags {
	if a, ok := g.anchor[[2]int{r, c}]; ok {
		r, c = a[0], a[1]
	}
	return g.rawFlag(r, c)
}

// rawFlag returns the flags stored at a cell itself.
func (g *grid) rawFlag(r, c int) cellFlags {
	if r < 0 || r >= len(g.flags) || c < 0 || c >= len(g.flags[r]) {
		return 0
	}
	return g.flags[r][c]
}

// setFlag stores the flags of a cell; a filled cell of a merge stays one.
func (g *grid) setFlag(r, c int, f cellFlags) {
	for len(g.flags) <= r {
		g.flags = append(g.flags, nil)
	}
	if len(g.flags[r]) <= c {
		g.flags[r] = append(g.flags[r], make([]cellFlags, c+1-len(g.flags[r]))...)
	}
	g.flags[r][c] = f | g.flags[r][c]&flagFill
}

// isFill reports whether the cell is a filled (non-anchor) part of a merge:
// one with an entry in anchor, marked in its flags to spare the lookup.
func (g *grid) isFill(r, c int) bool {
	return g.rawFlag(r, c)&flagFill != 0
}

func (g *grid) hiddenRow(r int) {
	if g.hiddenRows == nil {
		g.hiddenRows = map[int]bool{}
	}
	g.hiddenRows[r] = true
}

func (g *grid) hiddenCol(c int) {
	if g.hiddenCols == nil {
		g.hiddenCols = map[int]bool{}
	}
	g.hiddenCols[c] = true
}

// set stores the text of a cell. It spends from the budget the slots the
// grid grows by (a row is as wide as its last cell, and each row is a slot
// of its own) and the text; past the budget nothing more is stored.
func (g *grid) set(r, c int, v string) {
	if !g.budget.keep(0, 0) {
		return
	}
	slots := len(g.rows)
	for len(g.rows) <= r {
		g.rows = append(g.rows, nil)
	}
	slots = len(g.rows) - slots
	row := g.rows[r]
	if len(row) <= c {
		slots -= cap(row)
		if len(row) == 0 && r > 0 {
			// A new row is made as wide as the one above it at once.
			row = make([]string, 0, max(c+1, len(g.rows[r-1])))
		}
		row = append(row, make([]string, c+1-len(row))...)
		g.rows[r] = row
		slots += cap(row)
	}
	row[c] = v
	g.budget.keep(slots, len(v))
}

// colName is the letters of a 0-based column.
func colName(c int) string {
	n := c + 1
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// ref is the A1 name of a 0-based cell.
func ref(r, c int) string {
	return colName(c) + strconv.Itoa(r+1)
}
