package table

import "tally/schema"

// block is one run of indicators in a band: one table.
type block struct {
	band    *band
	rows    map[string]*match
	first   int
	last    int
	year    int
	extra   []int // unrecognised labelled rows with a number in a value column
	dups    []dupRow
	matched int
}

// extraRow is a labelled row that names no indicator but carries a number
// in a value column of its band.
type extraRow struct {
	row  int
	band *band
}

type dupRow struct {
	code   string
	row    int
	col    int
	hidden bool
	kept   int  // the row that was used
	swap   bool // the visible duplicate replaced a hidden first one
}

// placement is where a table was found on a sheet.
type placement struct {
	g        *sheet
	ix       *labelIndex
	rows     map[string]*match
	bands    []*band
	extra    []extraRow
	dups     []dupRow
	others   []*block // other tables on the sheet, not read
	matched  int
	total    int
	year     int
	top      int
	headText []string // the value columns' headers, for the year
}

// score is the share of the table's indicator rows found on the sheet.
func (p *placement) score() float64 {
	if p == nil || p.total == 0 {
		return 0
	}
	rows := float64(p.matched) / float64(p.total)
	if p.ix.table.Single() {
		return rows
	}
	cols := 0
	for _, b := range p.bands {
		cols = max(cols, len(b.valueCol))
	}
	return rows * float64(cols) / float64(len(p.ix.table.Columns))
}

// blockYear is the year in the rows above a block (its title) or in its
// value column's header.
func blockYear(g *sheet, bl *block, from int) int {
	for r := bl.first - 1; r >= max(from, bl.first-8); r-- {
		if r == bl.band.header {
			continue // the header's years name columns, not the table
		}
		for c := 0; c < len(g.Row(r)); c++ {
			if t := g.At(r, c); t != "" && !datedLine.MatchString(t) {
				if y := schema.ParseYear(t); y >= 1990 && y <= 2100 {
					return y
				}
			}
		}
	}
	return 0
}

// choose builds the placement from a sheet's blocks: the fullest block
// (among near-equals, the one of the wanted or the latest year), joined by
// blocks of other bands that hold other indicators.
func choose(g *sheet, ix *labelIndex, blocks []*block, want int) *placement {
	if len(blocks) == 0 {
		return nil
	}
	prevEnd := 0
	for _, bl := range blocks {
		bl.year = blockYear(g, bl, prevEnd)
		prevEnd = bl.last + 1
	}
	mainIdx := 0
	for i, bl := range blocks {
		m := blocks[mainIdx]
		switch {
		case bl.matched*10 < m.matched*9:
		case m.matched*10 < bl.matched*9:
			mainIdx = i
		case preferYear(bl.year, m.year, want):
			mainIdx = i
		}
	}
	main := blocks[mainIdx]
	p := &placement{g: g, ix: ix, rows: make(map[string]*match, len(main.rows)), year: main.year}
	for _, r := range ix.table.Rows {
		if !r.Heading {
			p.total++
		}
	}
	add := func(bl *block) {
		for code, m := range bl.rows {
			p.rows[code] = m
		}
		for _, r := range bl.extra {
			p.extra = append(p.extra, extraRow{row: r, band: bl.band})
		}
		p.dups = append(p.dups, bl.dups...)
		p.matched += bl.matched
		for _, b := range p.bands {
			if b == bl.band {
				return
			}
		}
		p.bands = append(p.bands, bl.band)
	}
	add(main)
	for i, bl := range blocks {
		if i == mainIdx {
			continue
		}
		overlap := 0
		for code := range bl.rows {
			if p.rows[code] != nil {
				overlap++
			}
		}
		if overlap*5 <= len(bl.rows) && bl.band != main.band {
			add(bl) // the other half of a table printed side by side
		} else {
			p.others = append(p.others, bl)
		}
	}
	p.top = main.band.top
	if main.first >= 0 && main.first < p.top || p.top > main.first {
		p.top = main.first
	}
	if main.band.header >= 0 && main.band.header < main.first && main.band.header >= main.first-8 {
		p.top = min(p.top, main.band.header)
	}
	for _, c := range main.band.valueCol {
		p.headText = append(p.headText, main.band.headerText(g, c, main.first))
	}
	if p.year == 0 {
		for _, h := range p.headText {
			if y := schema.ParseYear(h); y >= 1990 && y <= 2100 {
				p.year = y
			}
		}
	}
	return p
}
