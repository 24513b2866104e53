package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tally/grid"
)

// A worksheet's part: its rows and cells, hidden rows and columns, page
// headers, formulas and merged ranges, streamed into a grid.

// readSheet streams a worksheet into a grid, spending the budget: cells of
// the grid's rows, then a scan of the rest for the merged ranges.
func readSheet(f *zip.File, g *grid.Grid, budget *budget, sst []string, formats map[int]grid.Format) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	counted := &countingReader{r: rc, limit: budget.scanLeft(maxSheetScan)}
	defer func() { budget.scanned(counted.n) }()
	rest := &mergeScan{r: counted, budget: budget, parse: budget.parseLeft(maxSheetScan)}
	defer func() { budget.parsed(rest.passed) }()
	x := newSAX(rest)
	defer x.release()
	var (
		row, col = -1, -1
		cur      cellState
		merges   []string
		// done: past the rows tally reads, only the merged ranges that
		// follow the cells are read.
		done bool
		// header is the text of the page headers, all of them together
		// one cell's worth at most.
		header keptText
	)
	for {
		kind, name, b, err := x.next()
		if err == io.EOF || done && err == errUnclosed && rest.scanned {
			// past the rows tally reads, the XML ends where the scan
			// of the rest took over.
			break
		}
		if err != nil {
			if e := budget.err(); e != nil {
				return e
			}
			if errors.Is(err, ErrTooLarge) || counted.exceeded || rest.exceeded {
				return ErrTooLarge
			}
			return fmt.Errorf("damaged worksheet XML: %w", err)
		}
		if done {
			if kind == saxStart && string(name) == "mergeCell" {
				if !budget.keep(costMerge, 0) {
					return budget.err()
				}
				merges = append(merges, saxAttr(b, "ref"))
			}
			continue
		}
		switch kind {
		case saxStart:
			switch string(name) {
			case "row":
				var vals [2][]byte
				if !pickAttrs(b, rowAttrs, vals[:]) {
					saxAttrs(b, func(name, value []byte) {
						switch string(name) {
						case "r":
							vals[0] = value
						case "hidden":
							vals[1] = value
						}
					})
				}
				r, hidden := vals[0], vals[1]
				if n, ok := atoi(r); ok && n > 0 {
					row = n - 1
				} else {
					row++
				}
				col = -1
				if row >= g.RowLimit() {
					done, rest.done = true, true
				}
				if h := string(hidden); (h == "1" || h == "true") && row >= 0 && row < g.RowLimit() {
					g.HideRow(row)
				}
			case "col":
				if h := saxAttr(b, "hidden"); h == "1" || h == "true" {
					lo, _ := strconv.Atoi(saxAttr(b, "min"))
					hi, _ := strconv.Atoi(saxAttr(b, "max"))
					for c := max(lo, 1); c <= min(hi, g.ColLimit()); c++ {
						g.HideCol(c - 1)
					}
				}
			case "oddHeader", "firstHeader", "evenHeader":
				cur.in = 'h'
			case "c":
				cur.reset()
				var vals [3][]byte
				if !pickAttrs(b, cellAttrs, vals[:]) {
					saxAttrs(b, func(name, value []byte) {
						switch string(name) {
						case "r":
							vals[0] = value
						case "s":
							vals[1] = value
						case "t":
							vals[2] = value
						}
					})
				}
				r, st := vals[0], vals[1]
				if vals[2] != nil {
					cur.typ = string(vals[2])
				}
				if len(r) > 0 {
					if rr, c, ok := grid.ParseRef(string(r)); ok {
						col, row = c, rr
					} else {
						col++
					}
				} else {
					col++
				}
				if len(st) > 0 {
					if n, ok := atoi(st); ok {
						if f, ok := formats[n]; ok {
							cur.format = f
							cur.hasFormat = true
						}
					}
				}
				cur.row, cur.col, cur.open = row, col, true
			case "v":
				cur.in = 'v'
			case "f":
				cur.formula = true
				cur.in = 'f'
				cur.shared = saxAttr(b, "t") == "shared"
				cur.si = saxAttr(b, "si")
				cur.sharedRef = saxAttr(b, "ref")
			case "t":
				if cur.open && cur.inIS {
					cur.in = 't'
				}
			case "is":
				cur.inIS = true
			case "rPh":
				cur.phonetic++
			case "mergeCell":
				if !budget.keep(costMerge, 0) {
					return budget.err()
				}
				merges = append(merges, saxAttr(b, "ref"))
			}
		case saxText:
			switch cur.in {
			case 'v':
				cur.v.add(b)
			case 'f':
				cur.f.add(b)
			case 't':
				if cur.phonetic == 0 {
					cur.v.add(b)
				}
			case 'h':
				header.add(b)
			}
		case saxEnd:
			switch string(name) {
			case "v", "f", "t", "oddHeader", "firstHeader", "evenHeader":
				cur.in = 0
			case "rPh":
				cur.phonetic--
			case "is":
				cur.inIS = false
			case "c":
				if cur.open {
					put(g, &cur, sst)
					if e := budget.err(); e != nil {
						return e
					}
				}
				cur.reset()
			}
		}
	}
	g.Header = header.String()
	if !budget.keep(0, len(g.Header)) {
		return budget.err()
	}
	merges = append(merges, rest.merges...)
	for _, m := range merges {
		merge(g, m)
		if e := budget.err(); e != nil {
			return e
		}
	}
	return nil
}

// The attributes of rows and cells readSheet uses.
var (
	rowAttrs  = []string{"r", "hidden"}
	cellAttrs = []string{"r", "s", "t"}
)

// atoi reads a non-negative decimal number of at most nine digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// cellState is a cell being read.
type cellState struct {
	row, col  int
	typ       string
	v, f      keptText
	in        byte
	inIS      bool
	phonetic  int
	formula   bool
	shared    bool
	si        string
	sharedRef string
	format    grid.Format
	hasFormat bool
	open      bool
}

// reset makes the cell state that of no cell.
func (c *cellState) reset() { *c = cellState{} }

// put stores a finished cell in the grid: its text, its flags, its number
// format when it has one and text, its formula. What is stored is spent
// from the workbook's budget.
func put(g *grid.Grid, c *cellState, sst []string) {
	if c.row < 0 || c.col < 0 || c.row >= g.RowLimit() || c.col >= g.ColLimit() {
		return
	}
	text := c.v.String()
	var flags grid.Flags
	switch c.typ {
	case "s":
		n, err := strconv.Atoi(strings.TrimSpace(text))
		if err != nil || n < 0 || n >= len(sst) {
			text = ""
		} else {
			text = sst[n]
		}
		flags |= grid.Text
	case "inlineStr", "str":
		flags |= grid.Text
	case "e":
		flags |= grid.ErrorValue
	case "b":
		flags |= grid.Bool
	case "d":
		flags |= grid.Date
	default:
		if c.format.Date && text != "" {
			flags |= grid.Date
		}
	}
	if c.formula {
		flags |= grid.HasFormula
		if c.v.Len() == 0 {
			flags |= grid.NoCache
		}
		if !g.SetFormula(c.row, c.col, grid.Formula{Text: c.f.String(), Shared: c.shared, Group: c.si, Ref: c.sharedRef}) {
			return
		}
	}
	if text == "" && flags&grid.HasFormula == 0 {
		// An empty cell, formatted or not: its format shows nothing.
		return
	}
	if c.hasFormat && flags&(grid.Text|grid.ErrorValue|grid.Bool) == 0 && !g.SetFormat(c.row, c.col, c.format) {
		return
	}
	g.Set(c.row, c.col, text)
	if flags != 0 {
		g.SetFlags(c.row, c.col, flags)
	}
}

// merge fills a merged range (A1:C1) from its top-left cell.
func merge(g *grid.Grid, ref string) {
	if r1, c1, r2, c2, ok := grid.ParseRange(ref); ok {
		g.Merge(r1, c1, r2, c2)
	}
}

// countingReader fails once more than limit bytes have been read, or when
// the text between two tags runs past maxText (the XML decoder would hold
// it all in memory).
type countingReader struct {
	r     io.Reader
	n     int64
	limit int64
	run   int // bytes since the last '<'
	// exceeded records a limit passed, whatever error the XML decoder
	// makes of it.
	exceeded bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if i := bytes.LastIndexByte(p[:n], '<'); i >= 0 {
		c.run = n - i - 1
	} else {
		c.run += n
	}
	if c.n > c.limit || c.run > maxText {
		c.exceeded = true
		return n, ErrTooLarge
	}
	return n, err
}
