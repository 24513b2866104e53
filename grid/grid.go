// Package grid is one sheet of a file as text: the cells of a worksheet, or
// of a table in a document, with what else is known of them. Sources of
// grids (package source) fill grids from workbook bytes; the table finder
// (package table) reads them. A grid can also be written as text, for
// tests and examples ([Parse]).
//
// A grid holds each cell's text as the file stores it (a number's raw
// value, not as its number format shows it), with every merged range filled
// from its top-left cell, the anchor, and for each cell:
//
//   - what kind of value it holds ([Flags]): text, a number (no flag), a
//     boolean, an error value such as #REF!, a date;
//   - its formula ([Formula]) and whether the file stores its result;
//   - its number format, when it changes how the number shows ([Format]);
//   - whether its row or column is hidden.
//
// A grid knows its sheet's name, position and visibility and the text of
// its printed page header. Cells are addressed by 0-based row and column;
// [Ref] and [ParseRef] convert to and from A1 names.
//
// Package grid imports only the standard library, and nothing that reads
// files.
package grid

import "iter"

// Limits on how much of a sheet a grid holds. Statistics tables are a few
// hundred rows by a few dozen columns; anything beyond is not kept. A grid
// may be given other limits ([Grid.Limit]).
const (
	MaxRows = 5000
	MaxCols = 256
)

// Flags describe a cell beyond its text. A cell with no flags holds a
// number, or nothing.
type Flags uint8

const (
	Text       Flags = 1 << iota // a text cell (a shared or inline string, a formula's text result, CSV)
	ErrorValue                   // an error value (#REF!)
	Bool                         // a boolean, stored as 1 or 0
	HasFormula                   // the cell has a formula
	NoCache                      // a formula whose result the file does not store
	Date                         // a number shown as a date or a time
	Fill                         // filled from a merged range's top-left cell
)

// Format is what a cell's number format does to how its number shows.
type Format struct {
	Date    bool
	Percent bool
	// Places is the number of decimals a fixed format shows ("0" shows
	// none, "0.0" one); -1 for the general format, which shows them all.
	Places int
}

// Formula is a cell's formula as the file stores it. Of a shared formula,
// the master cell holds the text and the range it is shared over (Ref);
// the other cells hold only its group (Group) and no text.
type Formula struct {
	Text   string // without the leading =
	Shared bool
	Group  string
	Ref    string
}

// Pos is a cell's position: 0-based row and column.
type Pos struct{ Row, Col int }

// Grid is one sheet as text. The zero value is an empty sheet with no name;
// the setters fill it.
type Grid struct {
	// Name is the sheet's name; Index its position among the file's
	// sheets, hidden ones included; Hidden whether the sheet is hidden.
	Name   string
	Index  int
	Hidden bool
	// Header is the text of the printed page header.
	Header string

	rows [][]string
	// flags are by row and column, like rows.
	flags [][]Flags
	// anchor maps a filled cell of a merged range to its top-left cell.
	anchor     map[Pos]Pos
	formats    map[Pos]Format
	formulas   map[Pos]Formula
	hiddenRows map[int]bool
	hiddenCols map[int]bool
	// maxRows and maxCols, when set, replace MaxRows and MaxCols.
	maxRows, maxCols int
	budget           Budget
}

// A Budget limits how much a grid keeps, counted in cells (a slot of a
// row: about 16 bytes) and bytes of text. Before a cell is stored, Keep is
// asked with nothing to spend: once it reports false, nothing more is
// stored. Storing spends each slot the rows grow by (a row is kept as wide
// as its last cell, and each row is a slot of its own) and the text, and
// what else a cell costs: an entry of a map for a merged range's filled
// cell, a number format or a formula (fillCost, formatCost, formulaCost).
type Budget interface {
	Keep(cells, text int) bool
}

// What a cell costs of a budget besides its slot, in slots: about the
// memory it takes.
const (
	fillCost    = 3 // a filled cell of a merged range: an entry of a map
	formatCost  = 3 // a cell's number format: an entry of a map
	formulaCost = 6 // a cell's formula: an entry of a map; its texts count as text
)

// keep spends from the budget, if any, and reports whether the grid is
// still within it.
func (g *Grid) keep(cells, text int) bool {
	return g.budget == nil || g.budget.Keep(cells, text)
}

// SetBudget makes the grid spend from b; nil for no limit.
func (g *Grid) SetBudget(b Budget) { g.budget = b }

// Limit sets the most rows and columns the grid holds (0: MaxRows,
// MaxCols). Cells beyond them are not stored.
func (g *Grid) Limit(rows, cols int) { g.maxRows, g.maxCols = rows, cols }

// RowLimit is the most rows the grid holds.
func (g *Grid) RowLimit() int {
	if g.maxRows > 0 {
		return g.maxRows
	}
	return MaxRows
}

// ColLimit is the most columns the grid holds.
func (g *Grid) ColLimit() int {
	if g.maxCols > 0 {
		return g.maxCols
	}
	return MaxCols
}

// inside reports a cell within the grid's limits.
func (g *Grid) inside(r, c int) bool {
	return r >= 0 && c >= 0 && r < g.RowLimit() && c < g.ColLimit()
}

// Rows is the text of every cell, row by row; a row is as long as its last
// cell. The slices are the grid's own: read them, never change them.
func (g *Grid) Rows() [][]string { return g.rows }

// Row is the text of a row's cells (nil past the last row); the grid's
// own, like Rows.
func (g *Grid) Row(r int) []string {
	if r < 0 || r >= len(g.rows) {
		return nil
	}
	return g.rows[r]
}

// At is the text of a cell.
func (g *Grid) At(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// Width is the number of columns of the widest row.
func (g *Grid) Width() int {
	w := 0
	for _, row := range g.rows {
		w = max(w, len(row))
	}
	return w
}

// Flags are the flags of a cell, or of its anchor for a filled cell of a
// merged range (whose own flags say Fill).
func (g *Grid) Flags(r, c int) Flags {
	if a, ok := g.anchor[Pos{r, c}]; ok {
		r, c = a.Row, a.Col
	}
	return g.OwnFlags(r, c)
}

// OwnFlags are the flags stored at a cell itself.
func (g *Grid) OwnFlags(r, c int) Flags {
	if r < 0 || r >= len(g.flags) || c < 0 || c >= len(g.flags[r]) {
		return 0
	}
	return g.flags[r][c]
}

// IsFill reports a filled (non-anchor) cell of a merged range.
func (g *Grid) IsFill(r, c int) bool {
	return g.OwnFlags(r, c)&Fill != 0
}

// Anchor is the top-left cell of the merged range a filled cell is part
// of; ok is false for any other cell (an anchor itself included).
func (g *Grid) Anchor(r, c int) (at Pos, ok bool) {
	at, ok = g.anchor[Pos{r, c}]
	return at, ok
}

// AnchorOf is the cell that holds a cell's value: its anchor when it is
// filled from a merged range, else itself.
func (g *Grid) AnchorOf(r, c int) Pos {
	if a, ok := g.anchor[Pos{r, c}]; ok {
		return a
	}
	return Pos{r, c}
}

// Merges is the number of filled cells of merged ranges.
func (g *Grid) Merges() int { return len(g.anchor) }

// Format is a cell's own number format, when it has one that is not the
// general format.
func (g *Grid) Format(r, c int) (Format, bool) {
	f, ok := g.formats[Pos{r, c}]
	return f, ok
}

// Formula is a cell's own formula.
func (g *Grid) Formula(r, c int) (Formula, bool) {
	f, ok := g.formulas[Pos{r, c}]
	return f, ok
}

// Formulas yields every cell with a formula and its formula, in no order.
func (g *Grid) Formulas() iter.Seq2[Pos, Formula] {
	return func(yield func(Pos, Formula) bool) {
		for at, f := range g.formulas {
			if !yield(at, f) {
				return
			}
		}
	}
}

// HiddenRow reports a row the sheet hides.
func (g *Grid) HiddenRow(r int) bool { return g.hiddenRows[r] }

// HiddenCol reports a column the sheet hides.
func (g *Grid) HiddenCol(c int) bool { return g.hiddenCols[c] }

// Set stores the text of a cell.
func (g *Grid) Set(r, c int, text string) {
	if !g.inside(r, c) || !g.keep(0, 0) {
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
	row[c] = text
	g.keep(slots, len(text))
}

// SetFlags stores the flags of a cell; a filled cell of a merged range
// stays one.
func (g *Grid) SetFlags(r, c int, f Flags) {
	if !g.inside(r, c) {
		return
	}
	for len(g.flags) <= r {
		g.flags = append(g.flags, nil)
	}
	if len(g.flags[r]) <= c {
		g.flags[r] = append(g.flags[r], make([]Flags, c+1-len(g.flags[r]))...)
	}
	g.flags[r][c] = f | g.flags[r][c]&Fill
}

// SetFormat stores a cell's number format; false when the budget has no
// room for it.
func (g *Grid) SetFormat(r, c int, f Format) bool {
	if !g.inside(r, c) || !g.keep(formatCost, 0) {
		return false
	}
	if g.formats == nil {
		g.formats = map[Pos]Format{}
	}
	g.formats[Pos{r, c}] = f
	return true
}

// SetFormula stores a cell's formula; false when the budget has no room
// for it.
func (g *Grid) SetFormula(r, c int, f Formula) bool {
	if !g.inside(r, c) || !g.keep(formulaCost, len(f.Text)+len(f.Group)+len(f.Ref)) {
		return false
	}
	if g.formulas == nil {
		g.formulas = map[Pos]Formula{}
	}
	g.formulas[Pos{r, c}] = f
	return true
}

// HideRow marks a row hidden.
func (g *Grid) HideRow(r int) {
	if !g.inside(r, 0) {
		return
	}
	if g.hiddenRows == nil {
		g.hiddenRows = map[int]bool{}
	}
	g.hiddenRows[r] = true
}

// HideCol marks a column hidden.
func (g *Grid) HideCol(c int) {
	if !g.inside(0, c) {
		return
	}
	if g.hiddenCols == nil {
		g.hiddenCols = map[int]bool{}
	}
	g.hiddenCols[c] = true
}

// maxMerge is the most cells a merged range may cover to be filled: a
// merge over a whole area holds no table.
const maxMerge = 10000

// Merge fills a merged range, rows r1 to r2 and columns c1 to c2, from its
// top-left cell: each other cell gets its text and points at it (Anchor).
// The range is cut to the grid's limits; a range past them, or covering
// more than 10,000 cells, is left out. Past the budget the rest of the
// range is not filled.
func (g *Grid) Merge(r1, c1, r2, c2 int) {
	if r1 < 0 || c1 < 0 || r1 > r2 || c1 > c2 || r1 >= g.RowLimit() || c1 >= g.ColLimit() {
		return
	}
	r2, c2 = min(r2, g.RowLimit()-1), min(c2, g.ColLimit()-1)
	if (r2-r1+1)*(c2-c1+1) > maxMerge {
		return
	}
	if g.anchor == nil {
		g.anchor = map[Pos]Pos{}
	}
	v := g.At(r1, c1)
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if r == r1 && c == c1 {
				continue
			}
			if !g.keep(fillCost, 0) {
				return
			}
			g.Set(r, c, v)
			g.anchor[Pos{r, c}] = Pos{r1, c1}
			g.SetFlags(r, c, g.OwnFlags(r, c)|Fill)
		}
	}
}
