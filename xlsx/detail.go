package xlsx

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/schema"
)

// maxColumns is the most columns a sheet has in Excel (XFD); a variable
// so that a test can make the limit small.
var maxColumns = 16384

// detailByRows reports whether the detail sheet lists the units down its
// rows: when one column per unit would pass the last column of a sheet.
func detailByRows(res *consolidate.Result) bool {
	return 3+len(included(res))+1 > maxColumns
}

// detailPlan gives, per cell key, the cell of the detail sheet that holds
// its total: the total column (units as columns) or the total row (units as
// rows).
func detailPlan(res *consolidate.Result) map[string]string {
	refs := map[string]string{}
	n := len(included(res))
	for i, k := range res.Schema.Keys() {
		if detailByRows(res) {
			refs[k] = ref(2+n, 2+i)
		} else {
			refs[k] = ref(i+2, 3+n)
		}
	}
	return refs
}

func writeDetail(f *excelize.File, st *styles, res *consolidate.Result, names SheetNames, opt WriteOptions, late *lateRows) error {
	// The unit columns take the sheet's default width: a width per column
	// makes excelize scan every column's entry for every cell written.
	// Printed, each page repeats the header rows and the label columns; the
	// units fit the page's width when they are few enough to stay legible,
	// else they run on to pages alongside at full size.
	keys := res.Schema.Keys()
	labels, values, width := detailLabels(res), len(keys), valueWidth(res)
	if !detailByRows(res) {
		values = len(included(res)) + 1
	}
	if err := f.SetSheetProps(names.Detail, &excelize.SheetPropsOptions{DefaultColWidth: &width}); err != nil {
		return err
	}
	total := float64(values) * width
	for _, w := range labels {
		total += w
	}
	p := page{landscape: true, across: !fitsLegibly(total, true), titleRows: [2]int{1, 2}, titleCols: [2]int{1, len(labels)}, lang: opt.Lang}
	if err := pageSetup(f, names.Detail, p); err != nil {
		return err
	}
	subs := included(res)
	if detailByRows(res) {
		// A row of codes, a row of names, the units and the totals; a
		// column for the unit, one for the file and one per key.
		sw, err := newStream(f, names.Detail, 3+len(subs), 2+len(keys))
		if err != nil {
			return err
		}
		return writeDetailRows(sw, st, res, opt, late, labels, width)
	}
	// Two header rows and a row per key; three label columns, one per
	// unit and the totals.
	totalCol := 3 + len(subs)
	sw, err := newStream(f, names.Detail, 2+len(keys), totalCol+1)
	if err != nil {
		return err
	}
	lang := opt.Lang
	for i, w := range labels {
		_ = sw.SetColWidth(i+1, i+1, w)
	}
	h := schema.Msg(msgWriteDetailHead).Render(lang)
	heads := strings.Split(h, "|")
	row1 := []any{excelize.Cell{StyleID: st.header, Value: heads[0]}, excelize.Cell{StyleID: st.header, Value: heads[1]},
		excelize.Cell{StyleID: st.header, Value: heads[2]}}
	row2 := []any{excelize.Cell{StyleID: st.header}, excelize.Cell{StyleID: st.header, Value: heads[3]}, excelize.Cell{StyleID: st.header}}
	for _, s := range subs {
		row1 = append(row1, excelize.Cell{StyleID: st.header, Value: s.Unit})
		row2 = append(row2, excelize.Cell{StyleID: st.small, Value: filepath.Base(s.File)})
	}
	row1 = append(row1, excelize.Cell{StyleID: st.header, Value: heads[4]})
	row2 = append(row2, excelize.Cell{StyleID: st.header})
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 3, YSplit: 2, TopLeftCell: "D3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", row1, excelize.RowOpts{Height: headerHeight(11, labels, width, row1)}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", row2, excelize.RowOpts{Height: max(headerHeight(11, labels, width, row2[:len(labels)]),
		headerHeight(smallSize, labels, width, row2))}); err != nil {
		return err
	}
	if len(keys) > 0 {
		err := late.add(sw, 3, func(rw *rowWriter) error {
			// One row of cells, used again for every key: thousands of
			// units make millions of cells.
			var row rowCells
			for i, k := range keys {
				r := i + 3
				c, _ := res.Schema.Cell(k)
				row.reset()
				row.add(st.label, k)
				row.add(st.label, res.Schema.CellName(k, lang))
				row.add(st.unit, c.Unit())
				for _, s := range subs {
					if v, ok := s.Get(k); ok {
						row.add(st.value, num(v))
					} else {
						row.add(st.missing, nil)
					}
				}
				total := row.add(st.total, num(res.Totals[k]))
				if len(subs) > 0 {
					total.Formula = fmt.Sprintf("SUM(D%d:%s%d)", r, colName(totalCol-1), r)
				}
				if err := rw.tallRow(r, listHeight(labels, row.cells[:len(labels)]), row.cells); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return sw.Flush()
}

// detailLabels are the widths of the detail sheet's label columns: code
// (as long as the longest), indicator and unit; or unit and file when the
// units run down the sheet.
func detailLabels(res *consolidate.Result) []float64 {
	if detailByRows(res) {
		return []float64{16, 30}
	}
	code := 0
	for _, k := range res.Schema.Keys() {
		code = max(code, len(k))
	}
	return []float64{max(7, float64(code)+2), 32, 7}
}

// valueWidth is the width of the detail sheet's value columns: room for
// the longest total, and for a unit's name on two lines.
func valueWidth(res *consolidate.Result) float64 {
	longest := 0
	for _, t := range res.Totals {
		longest = max(longest, len(t.String()))
	}
	return max(11, float64(longest)+2)
}

// headerHeight is the height of a header row of cells at font size size:
// the first in the label columns' widths, the rest in the value columns'.
func headerHeight(size float64, labels []float64, width float64, cells []any) float64 {
	widths := append([]float64(nil), labels...)
	texts := make([]string, 0, len(cells))
	for i, c := range cells {
		if i >= len(labels) {
			widths = append(widths, width)
		}
		if cell, ok := c.(excelize.Cell); ok {
			texts = append(texts, cellText(cell.Value))
		} else {
			texts = append(texts, "")
		}
	}
	return rowHeightAt(size, widths, texts...)
}

// writeDetailRows writes the detail sheet with a row per unit and a column
// per cell key, for more units than a sheet has columns: a row of codes, a
// row of names, the units, and a row of totals at the bottom.
func writeDetailRows(sw *excelize.StreamWriter, st *styles, res *consolidate.Result, opt WriteOptions, late *lateRows, labels []float64, width float64) error {
	lang := opt.Lang
	subs := included(res)
	keys := res.Schema.Keys()
	heads := strings.Split(schema.Msg(msgWriteDetailHead).Render(lang), "|")
	for i, w := range labels {
		_ = sw.SetColWidth(i+1, i+1, w)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 2, TopLeftCell: "C3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	codes := []any{excelize.Cell{StyleID: st.header, Value: heads[0]}, excelize.Cell{StyleID: st.header}}
	names := []any{excelize.Cell{StyleID: st.header, Value: schema.Msg(msgWriteDetailUnit).Render(lang)},
		excelize.Cell{StyleID: st.header, Value: heads[3]}}
	for _, k := range keys {
		c, _ := res.Schema.Cell(k)
		codes = append(codes, excelize.Cell{StyleID: st.header, Value: k})
		name := res.Schema.CellName(k, lang)
		if u := c.Unit(); u != "" {
			name += "（" + u + "）"
		}
		names = append(names, excelize.Cell{StyleID: st.header, Value: name})
	}
	if err := sw.SetRow("A1", codes, excelize.RowOpts{Height: headerHeight(11, labels, width, codes)}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", names, excelize.RowOpts{Height: headerHeight(11, labels, width, names)}); err != nil {
		return err
	}
	if len(subs) > 0 {
		err := late.add(sw, 3, func(rw *rowWriter) error {
			var row rowCells
			for i, s := range subs {
				row.reset()
				row.add(st.label, s.Unit)
				row.add(st.label, filepath.Base(s.File))
				for _, k := range keys {
					if v, ok := s.Get(k); ok {
						row.add(st.value, num(v))
					} else {
						row.add(st.missing, nil)
					}
				}
				if err := rw.tallRow(3+i, listHeight(labels, row.cells[:len(labels)]), row.cells); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	last := 2 + len(subs) // the total row, 0-based
	totals := []any{excelize.Cell{StyleID: st.total, Value: heads[4]}, excelize.Cell{StyleID: st.total}}
	for i, k := range keys {
		cell := excelize.Cell{StyleID: st.total, Value: num(res.Totals[k])}
		if len(subs) > 0 {
			col := colName(2 + i)
			cell.Formula = fmt.Sprintf("SUM(%s3:%s%d)", col, col, last)
		}
		totals = append(totals, cell)
	}
	if err := sw.SetRow(ref(last, 0), totals); err != nil {
		return err
	}
	return sw.Flush()
}
