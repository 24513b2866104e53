package source

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"tally/schema"
)

// budget is what reading one workbook may still spend, shared by all its
// parts and sheets: bytes inflated (maxBookScan), of which bytes of sheets
// tokenized as XML (maxBookParse), cells kept (maxBookCells) and bytes of
// text kept (maxBookText). A nil budget is unlimited.
type budget struct {
	scan  int64
	parse int64
	cells int
	text  int
	// at says where reading is, for the finding when cells or text run
	// out: a sheet, the shared strings, a line of a CSV.
	at schema.Both
	// the budget of cells and text when reading began, for the finding
	allCells, allText int
}

// What keeping a thing costs of a workbook's budget of cells, counted in
// slots of a sheet's rows (16 bytes of a text's header and a byte of
// flags, the cost of a cell with its text): about the memory it takes.
// What a grid keeps of a cell (its slot, a filled cell of a merged range,
// a number format, a formula) the grid spends itself ([grid.Budget]).
const (
	costString = 2 // a shared string: its header, and the list's growth
	costMerge  = 2 // a merged range found: its reference, until it is filled
	costFormat = 3 // a number format of the style sheet: an entry of a map, as a cell's costs the grid
)

func newBudget() *budget {
	return limits(maxBookScan, maxBookParse, maxBookCells, maxBookText)
}

// limits is a budget of scan bytes inflated, parse of them tokenized, cells
// and text.
func limits(scan, parse int64, cells, text int) *budget {
	return &budget{scan: scan, parse: parse, cells: cells, text: text, allCells: cells, allText: text}
}

// keep spends cells and bytes of text, and reports whether the workbook
// is still within its budget. Once it is not, nothing more is kept.
func (b *budget) keep(cells, text int) bool {
	if b == nil {
		return true
	}
	if b.cells < 0 || b.text < 0 {
		return false
	}
	b.cells -= cells
	b.text -= text
	return b.cells >= 0 && b.text >= 0
}

// Keep implements [grid.Budget].
func (b *budget) Keep(cells, text int) bool { return b.keep(cells, text) }

// err is the error of a workbook past its budget of cells or text, nil
// while it is within it.
func (b *budget) err() error {
	switch {
	case b == nil:
		return nil
	case b.cells < 0:
		return &TooMuch{At: b.at, Limit: schema.Both{Zh: fmt.Sprintf("%d 万个单元格", b.allCells/10_000),
			En: fmt.Sprintf("%d million cells", b.allCells/1_000_000)}}
	case b.text < 0:
		return &TooMuch{At: b.at, Limit: schema.Both{Zh: fmt.Sprintf("%d MB 文字", b.allText>>20), En: fmt.Sprintf("%d MB of text", b.allText>>20)}}
	}
	return nil
}

// scanLeft is limit, or less when the workbook has less left to inflate.
func (b *budget) scanLeft(limit int64) int64 {
	if b == nil {
		return limit
	}
	return max(0, min(limit, b.scan))
}

// scanned spends n bytes inflated.
func (b *budget) scanned(n int64) {
	if b != nil {
		b.scan -= n
	}
}

// parseLeft is what the workbook's sheets may still have tokenized as XML,
// at most limit.
func (b *budget) parseLeft(limit int64) int64 {
	if b == nil {
		return limit
	}
	return max(0, min(limit, b.parse))
}

// parsed spends n bytes tokenized.
func (b *budget) parsed(n int64) {
	if b != nil {
		b.parse -= n
	}
}

// sheetAt names a sheet for the finding of a workbook past its budget.
func sheetAt(name string) schema.Both {
	return schema.Both{Zh: "工作表“" + name + "”", En: fmt.Sprintf("sheet %q", name)}
}

// TooMuch is the error of a file that holds more cells or text than tally
// keeps of one (maxBookCells, maxBookText): it is not read at all, rather
// than read in part.
type TooMuch struct {
	// At says where reading stopped (a sheet, the shared strings, a line
	// of a CSV); Limit the limit passed.
	At, Limit schema.Both
}

func (e *TooMuch) Error() string {
	return fmt.Sprintf("the workbook holds more than %s (at %s)", e.Limit.En, e.At.En)
}

// keptText is a text kept up to MaxCellText bytes; the rest is cut, where a
// character begins, and an ellipsis marks the cut: a cut text is never
// read as a number.
type keptText struct {
	strings.Builder
	cut bool
}

// add appends b, or what fits of it.
func (c *keptText) add(b []byte) {
	if c.cut {
		return
	}
	room := MaxCellText - c.Len()
	if len(b) <= room {
		c.Write(b)
		return
	}
	c.Write(b[:runeStart(b, room)])
	c.WriteString(ellipsis)
	c.cut = true
}

// reset empties the text.
func (c *keptText) reset() {
	c.Reset()
	c.cut = false
}

// capText is s cut to MaxCellText bytes, with an ellipsis, as keptText cuts.
func capText(s string) string {
	if len(s) <= MaxCellText {
		return s
	}
	n := MaxCellText
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + ellipsis
}

const ellipsis = "…"

// runeStart is n, or less to the start of the character n falls in.
func runeStart(b []byte, n int) int {
	for n > 0 && n < len(b) && !utf8.RuneStart(b[n]) {
		n--
	}
	return n
}
