package serve

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"tally/grid"
	"tally/internal/files"
	"tally/schema"
	"tally/source"
)

// cellGrid is a finding's cell among those around it, drawn as the
// spreadsheet shows them: column letters over, row numbers beside, the
// cell marked (target), the other cells of its rule marked (part), and the
// label column of the table kept in view. The rule's cells too far from
// the cell to be drawn with it are Left out, by their rows (LeftRows).
type cellGrid struct {
	Sheet string
	Cols  []gridCol
	Rows  []gridRow
	// LeftRows are the rows (numbered as the spreadsheet numbers them) of
	// the rule's cells that are not drawn, LeftCells those cells (A1).
	LeftRows  []int
	LeftCells []string
	// Note says what is left out, in the page's language.
	Note string
}

type gridCol struct {
	Letter string
	Gap    bool
}

type gridRow struct {
	Num   int
	Cells []gridCell
}

type gridCell struct {
	Text, Class string
}

// The cells around a finding's: rows above and below, columns to each
// side. The grid grows to show every cell of the finding's rule (a sum's
// addends: 收到申请数 D26 = D27+D28+D29+D30), with a row past them, when
// they and the cell span at most ruleRows rows and ruleCols columns; past
// that it keeps to the cell's neighbours and says which of the rule's
// cells it leaves out.
const (
	aroundRows = 3
	aroundCols = 2
	ruleRows   = 12
	ruleCols   = 8
)

// cellGrid draws a finding's cell in its sheet, or nil when the file or
// the cell cannot be found.
func (ru *Run) cellGrid(sub *schema.Submission, f schema.Finding) *cellGrid {
	sheet, ref := splitCell(f.Cell, f.Sheet)
	row, col, ok := grid.ParseRef(ref)
	if !ok {
		return nil
	}
	book, err := ru.books.open(ru.diskPath(sub.File), sub.File)
	if err != nil {
		return nil
	}
	var g *grid.Grid
	for _, gr := range book.Grids {
		if gr.Name == sheet {
			g = gr
		}
	}
	if g == nil {
		return nil
	}
	parts := map[grid.Pos]bool{}
	for _, code := range f.Codes {
		if s, r := splitCell(sub.Ref(code), sub.Sheet); s == sheet {
			if pr, pc, ok := grid.ParseRef(r); ok {
				parts[grid.Pos{Row: pr, Col: pc}] = true
			}
		}
	}
	return drawGrid(g, row, col, parts)
}

// drawGrid draws the cells around (row, col) of g, and the other cells of
// its rule (parts) when they are near enough.
func drawGrid(g *grid.Grid, row, col int, parts map[grid.Pos]bool) *cellGrid {
	minR, maxR, minC, maxC := row, row, col, col
	for p := range parts {
		minR, maxR = min(minR, p.Row), max(maxR, p.Row)
		minC, maxC = min(minC, p.Col), max(maxC, p.Col)
	}
	r0, r1, keep := row-aroundRows, row+aroundRows, row
	if maxR-minR < ruleRows {
		r0, r1, keep = min(r0, minR-1), max(r1, maxR+1), maxR
	}
	r0 = max(0, r0)
	if last := len(g.Rows()) - 1; r1 > last {
		r1 = max(last, keep)
	}
	c0, c1 := col-aroundCols, col+aroundCols
	if maxC-minC < ruleCols {
		c0, c1 = min(c0, minC), max(c1, maxC)
	}
	c0 = max(0, c0)
	cols := []int{}
	if label := labelColumn(g, r0, r1, c0); label >= 0 {
		cols = append(cols, label)
		if label < c0-1 {
			cols = append(cols, -1)
		}
	}
	for c := c0; c <= c1; c++ {
		cols = append(cols, c)
	}
	cg := &cellGrid{Sheet: g.Name}
	for _, c := range cols {
		if c < 0 {
			cg.Cols = append(cg.Cols, gridCol{Letter: "…", Gap: true})
			continue
		}
		cg.Cols = append(cg.Cols, gridCol{Letter: grid.ColName(c)})
	}
	for r := r0; r <= r1; r++ {
		gr := gridRow{Num: r + 1}
		for _, c := range cols {
			cell := gridCell{}
			switch {
			case c < 0:
				cell.Class = "gap"
			case g.IsFill(r, c) && !(r == row && c == col):
				cell.Class = "fill"
			default:
				cell.Text = shown(g, r, c)
				if cell.Text != "" && g.Flags(r, c)&grid.Text == 0 {
					cell.Class = "num"
				}
			}
			switch {
			case r == row && c == col:
				cell.Class = strings.TrimSpace(cell.Class + " target")
			case c >= 0 && parts[grid.Pos{Row: r, Col: c}]:
				cell.Class = strings.TrimSpace(cell.Class + " part")
			}
			gr.Cells = append(gr.Cells, cell)
		}
		cg.Rows = append(cg.Rows, gr)
	}
	// The rule's cells not drawn, in the order of the sheet.
	var left []grid.Pos
	for p := range parts {
		if p.Row < r0 || p.Row > r1 || !slices.Contains(cols, p.Col) {
			left = append(left, p)
		}
	}
	slices.SortFunc(left, func(a, b grid.Pos) int { return cmp.Or(a.Row-b.Row, a.Col-b.Col) })
	for _, p := range left {
		cg.LeftCells = append(cg.LeftCells, grid.ColName(p.Col)+strconv.Itoa(p.Row+1))
		if p.Row < r0 || p.Row > r1 {
			if n := len(cg.LeftRows); n == 0 || cg.LeftRows[n-1] != p.Row+1 {
				cg.LeftRows = append(cg.LeftRows, p.Row+1)
			}
		}
	}
	return cg
}

// labelColumn is the column left of c0 with the most text in rows r0 to
// r1 (the labels of the indicators), or -1.
func labelColumn(g *grid.Grid, r0, r1, c0 int) int {
	best, most := -1, 0
	for c := 0; c < c0; c++ {
		n := 0
		for r := r0; r <= r1; r++ {
			if strings.IndexFunc(g.At(r, c), unicode.IsLetter) >= 0 {
				n++
			}
		}
		if n > most {
			best, most = c, n
		}
	}
	return best
}

// shown is a cell's text as a spreadsheet shows it, near enough: a number
// with at most 15 significant digits (0.35, not 0.35000000000000003),
// a long text cut.
func shown(g *grid.Grid, r, c int) string {
	t := g.At(r, c)
	if g.Flags(r, c)&(grid.Text|grid.ErrorValue|grid.Bool) == 0 && t != "" {
		if v, err := strconv.ParseFloat(t, 64); err == nil {
			if v, err = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64); err == nil {
				t = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
	}
	if utf8.RuneCountInString(t) > 40 {
		t = string([]rune(t)[:39]) + "…"
	}
	return t
}

// splitCell splits a finding's cell into its sheet and its A1 reference
// (表三!K24), the sheet being dflt when the cell names none.
func splitCell(cell, dflt string) (string, string) {
	i := strings.LastIndex(cell, "!")
	if i < 0 {
		return dflt, cell
	}
	sheet := cell[:i]
	if len(sheet) >= 2 && sheet[0] == '\'' && sheet[len(sheet)-1] == '\'' {
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	return sheet, cell[i+1:]
}

// books are the files of a run opened into grids (package source), each
// once, for the cells of their findings; a legacy file is converted again
// (from LibreOffice's cache of the run's conversions, when it is there).
type books struct {
	mu sync.Mutex
	m  map[string]*openBook
}

type openBook struct {
	once sync.Once
	book *source.Book
	err  error
}

func newBooks() *books { return &books{m: map[string]*openBook{}} }

// open reads the file at path (named name in the run) into its grids.
func (b *books) open(path, name string) (*source.Book, error) {
	b.mu.Lock()
	ob, ok := b.m[path]
	if !ok {
		ob = &openBook{}
		b.m[path] = ob
	}
	b.mu.Unlock()
	ob.once.Do(func() {
		data, err := files.Read(path)
		if err != nil {
			ob.err = err
			return
		}
		var opt source.Options
		if conv := source.FindSoffice(); conv != nil {
			opt.Converter = conv
		}
		ob.book, ob.err = source.Open(data, name, opt)
	})
	return ob.book, ob.err
}
