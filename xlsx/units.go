package xlsx

import (
	"strings"

	"tally/schema"
)

// Limits for reading the detail sheet of a consolidated workbook: a column
// per unit up to Excel's last column, or a row per unit beyond that; and
// its budget of cells and text, in place of a workbook's (maxBookCells,
// maxBookText): a province's 16,380 townships by the 200 indicators of the
// 2021 tables are 3.3 million cells of numbers, some 60 MB.
const (
	detailMaxCols  = 16384
	detailMaxRows  = 1 << 20
	detailMaxCells = 4_000_000
	detailMaxText  = 64 << 20
)

// ReadUnits reads last year's tables from a file, for comparing with last
// year: a township's workbook is one table; a workbook tally consolidated
// gives one table per unit of its detail sheet (明细), which holds every
// unit's figures. When the detail sheet cannot be used, the consolidated
// table itself stands for the district.
func ReadUnits(data []byte, name string, opt Options) []*schema.Submission {
	sub := Read(data, name, opt)
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
	if f, _ := sniffBook(data); f != fmtXLSX {
		return nil
	}
	isDetail := func(sheet string) bool {
		return sheet == Names(schema.Zh).Detail || sheet == Names(schema.En).Detail
	}
	book, err := readSheets(data, nil, isDetail, detailMaxRows, detailMaxCols,
		&budget{scan: maxBookScan, cells: detailMaxCells, text: detailMaxText})
	if err != nil || book.category != Marker || len(book.sheets) == 0 {
		return nil
	}
	g := book.sheets[0]
	s := total.Schema
	totalHead := map[string]bool{}
	for _, lang := range []schema.Lang{schema.Zh, schema.En} {
		heads := strings.Split(schema.Msg("write.detail-head").Render(lang), "|")
		totalHead[heads[len(heads)-1]] = true
	}
	newUnit := func(unit string) *schema.Submission {
		return &schema.Submission{File: name, SHA256: total.SHA256, Unit: strings.TrimSpace(unit), Year: total.Year,
			Sheet: g.sheet, Schema: s, Values: map[string]schema.Value{}, Included: true}
	}
	value := func(u *schema.Submission, key string, r, c int) {
		text := strings.TrimSpace(g.at(r, c))
		if text == "" {
			return // not read from the unit: no value
		}
		n := schema.ParseNumber(text)
		v := schema.Value{Ref: ref(r, c)}
		if n.Form == schema.Number {
			v.State, v.Num = schema.Present, n.Value
		} else {
			v.State = schema.Invalid
		}
		u.Set(key, v)
	}
	var units []*schema.Submission
	if _, ok := s.Cell(strings.TrimSpace(g.at(2, 0))); ok {
		// A row per cell key, a column per unit.
		rows := map[int]string{}
		for r := 2; r < len(g.rows); r++ {
			if k := strings.TrimSpace(g.at(r, 0)); k != "" {
				if _, ok := s.Cell(k); ok {
					rows[r] = k
				}
			}
		}
		for c := 3; c < len(g.rows[0]); c++ {
			unit := g.at(0, c)
			if strings.TrimSpace(unit) == "" || totalHead[strings.TrimSpace(unit)] {
				continue
			}
			u := newUnit(unit)
			for r, k := range rows {
				value(u, k, r, c)
			}
			units = append(units, u)
		}
		return units
	}
	if len(g.rows) == 0 {
		return nil
	}
	// A row per unit, a column per cell key.
	cols := map[int]string{}
	for c := 2; c < len(g.rows[0]); c++ {
		if _, ok := s.Cell(strings.TrimSpace(g.at(0, c))); ok {
			cols[c] = strings.TrimSpace(g.at(0, c))
		}
	}
	if len(cols) == 0 {
		return nil
	}
	for r := 2; r < len(g.rows); r++ {
		unit := g.at(r, 0)
		if strings.TrimSpace(unit) == "" || totalHead[strings.TrimSpace(unit)] {
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
