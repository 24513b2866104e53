package xlsx

import (
	"github.com/xuri/excelize/v2"
)

// Limits on how much of a sheet is scanned for the table. Statistics tables
// are a few hundred rows by a few dozen columns; anything beyond is ignored.
const (
	maxRows = 5000
	maxCols = 256
)

// grid is one worksheet as text: raw cell values (no number formats), with
// every merged range filled from its top-left cell.
type grid struct {
	sheet  string
	index  int // position among the workbook's sheets
	hidden bool
	rows   [][]string
	// anchor maps a filled cell of a merged range to its top-left cell.
	anchor map[[2]int][2]int
}

// at returns the text of the cell at 0-based row r, column c.
func (g *grid) at(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// isFill reports whether the cell is a filled (non-anchor) part of a merge.
func (g *grid) isFill(r, c int) bool {
	_, ok := g.anchor[[2]int{r, c}]
	return ok
}

// readGrids reads every worksheet of an open workbook.
func readGrids(f *excelize.File) ([]*grid, error) {
	raw := excelize.Options{RawCellValue: true}
	var out []*grid
	for i, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, raw)
		if err != nil {
			// A chartsheet or dialog sheet has no cells; skip it.
			continue
		}
		if len(rows) > maxRows {
			rows = rows[:maxRows]
		}
		for j := range rows {
			if len(rows[j]) > maxCols {
				rows[j] = rows[j][:maxCols]
			}
		}
		g := &grid{sheet: name, index: i, rows: rows, anchor: map[[2]int][2]int{}}
		if visible, err := f.GetSheetVisible(name); err == nil {
			g.hidden = !visible
		}
		merges, err := f.GetMergeCells(name)
		if err == nil {
			for _, m := range merges {
				g.fillMerge(m)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

func (g *grid) fillMerge(m excelize.MergeCell) {
	c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
	c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
	if err1 != nil || err2 != nil || r1 > r2 || c1 > c2 {
		return
	}
	r1, c1, r2, c2 = r1-1, c1-1, min(r2-1, maxRows-1), min(c2-1, maxCols-1)
	if (r2-r1+1)*(c2-c1+1) > 10000 {
		return // a merge over a whole area holds no table
	}
	v := g.at(r1, c1)
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if r == r1 && c == c1 {
				continue
			}
			g.set(r, c, v)
			g.anchor[[2]int{r, c}] = [2]int{r1, c1}
		}
	}
}

func (g *grid) set(r, c int, v string) {
	for len(g.rows) <= r {
		g.rows = append(g.rows, nil)
	}
	for len(g.rows[r]) <= c {
		g.rows[r] = append(g.rows[r], "")
	}
	g.rows[r][c] = v
}

// ref is the A1 name of a 0-based cell.
func ref(r, c int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return name
}
