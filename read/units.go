package read

import (
	"slices"
	"strings"

	"tally/grid"
	"tally/schema"
	"tally/source"
)

// The detail sheet (明细) of a workbook tally consolidated, as package xlsx
// writes it: its names, and the head of its totals column or row, in
// either language. (Package read does not import xlsx; its tests hold
// these to xlsx's own.)
var (
	detailSheets = []string{"明细", "Detail"}
	totalHeads   = []string{"合计", "Total"}
)

// Limits for reading the detail sheet of a consolidated workbook: a column
// per unit up to Excel's last column, or a row per unit beyond that; and
// its budget of cells and text, in place of a workbook's, and all of its
// XML read element by element (the whole sheet is its rows): a province's
// 16,380 townships by the 200 indicators of the 2021 tables are 3.3
// million cells of numbers, some 60 MB.
const (
	detailMaxCols  = 16384
	detailMaxRows  = 1 << 20
	detailMaxCells = 4_000_000
	detailMaxText  = 64 << 20
)

// Units reads last year's tables from a file, for comparing with last
// year: a township's workbook is one table; a workbook tally consolidated
// gives one table per unit of its detail sheet (明细), which holds every
// unit's figures. When the detail sheet cannot be used, the consolidated
// table itself stands for the district.
func Units(data []byte, name string, opt Options) []*schema.Submission {
	sub := File(data, name, opt)
	if sub.Unreadable || sub.Schema == nil {
		return []*schema.Submission{sub}
	}
	if units := readDetail(data, name, sub); len(units) > 0 {
		return units
	}
	return []*schema.Submission{sub}
}

// readDetail reads the units of a consolidated workbook's detail sheet, in
// either layout: a row per cell key and a column per unit (the cell keys in
// column A from row 3, the units in row 1 from column D), or a row per unit
// and a column per cell key (the keys in row 1 from column C, the units in
// column A from row 3). The totals column or row is left out.
func readDetail(data []byte, name string, total *schema.Submission) []*schema.Submission {
	if source.Sniff(data) != source.XLSX {
		return nil
	}
	book, err := source.Open(data, name, source.Options{
		Only:    func(sheet string) bool { return slices.Contains(detailSheets, sheet) },
		MaxRows: detailMaxRows, MaxCols: detailMaxCols, MaxCells: detailMaxCells, MaxText: detailMaxText,
		WholeSheets: true})
	if err != nil || book.Category != source.Consolidated || len(book.Grids) == 0 {
		return nil
	}
	g := book.Grids[0]
	s := total.Schema
	newUnit := func(unit string) *schema.Submission {
		return &schema.Submission{File: name, SHA256: total.SHA256, Unit: strings.TrimSpace(unit), Year: total.Year,
			Sheet: g.Name, Schema: s, Values: map[string]schema.Value{}, Included: true}
	}
	value := func(u *schema.Submission, key string, r, c int) {
		text := strings.TrimSpace(g.At(r, c))
		if text == "" {
			return // not read from the unit: no value
		}
		n := schema.ParseNumber(text)
		v := schema.Value{Ref: grid.Ref(r, c)}
		if n.Form == schema.Number {
			v.State, v.Num = schema.Present, n.Value
		} else {
			v.State = schema.Invalid
		}
		u.Set(key, v)
	}
	isTotal := func(unit string) bool { return slices.Contains(totalHeads, strings.TrimSpace(unit)) }
	rows := g.Rows()
	var units []*schema.Submission
	if _, ok := s.Cell(strings.TrimSpace(g.At(2, 0))); ok {
		// A row per cell key, a column per unit.
		keys := map[int]string{}
		for r := 2; r < len(rows); r++ {
			if k := strings.TrimSpace(g.At(r, 0)); k != "" {
				if _, ok := s.Cell(k); ok {
					keys[r] = k
				}
			}
		}
		for c := 3; c < len(rows[0]); c++ {
			unit := g.At(0, c)
			if strings.TrimSpace(unit) == "" || isTotal(unit) {
				continue
			}
			u := newUnit(unit)
			for r, k := range keys {
				value(u, k, r, c)
			}
			units = append(units, u)
		}
		return units
	}
	if len(rows) == 0 {
		return nil
	}
	// A row per unit, a column per cell key.
	cols := map[int]string{}
	for c := 2; c < len(rows[0]); c++ {
		if _, ok := s.Cell(strings.TrimSpace(g.At(0, c))); ok {
			cols[c] = strings.TrimSpace(g.At(0, c))
		}
	}
	if len(cols) == 0 {
		return nil
	}
	for r := 2; r < len(rows); r++ {
		unit := g.At(r, 0)
		if strings.TrimSpace(unit) == "" || isTotal(unit) {
			continue
		}
		u := newUnit(unit)
		for c, k := range cols {
			value(u, k, r, c)
		}
		units = append(units, u)
	}
	return units
}
