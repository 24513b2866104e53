package xlsx

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/schema"
)

// maxSheetRows is the last row of a worksheet in Excel (a variable for
// tests).
var maxSheetRows = 1 << 20

// writeYearOnYear writes the 同比 sheet: for the district and then for each
// unit matched with last year, every comparable figure that is not zero in
// both years, with this year, last year, the change and the change as a
// share of last year (formulas, stored with their values). A filter on the
// header row selects a unit or an indicator.
func writeYearOnYear(f *excelize.File, st *styles, res *consolidate.Result, sheet string, opt WriteOptions, late *lateRows) error {
	lang := opt.Lang
	yoy := res.YearOnYear
	link := yoy.Link
	if err := pageSetup(f, sheet, page{landscape: true, titleRows: [2]int{1, 1}, lang: lang}); err != nil {
		return err
	}
	// The header, the figures that fit, and a note of those that do not:
	// the figures are counted first, to declare the sheet's used range, and
	// their rows made as the workbook is saved.
	listed := 0
	_ = eachFigure(res, lang, func(_ string, _ schema.Figure, now, was decimal.Decimal, okNow, okWas bool) error {
		if shown(now, was, okNow, okWas) {
			listed++
		}
		return nil
	})
	fit := min(listed, maxSheetRows-2)
	rows := 1 + fit
	if listed > fit {
		rows++
	}
	sw, err := newStream(f, sheet, rows, 7)
	if err != nil {
		return err
	}
	widths := []float64{16, 16, 36, 12, 12, 12, 10}
	for i, w := range widths {
		_ = sw.SetColWidth(i+1, i+1, w)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	heads := strings.Split(schema.Msg(msgWriteYoyHead, yearLabel(res.Year, lang), yearLabel(yoy.Year, lang)).Render(lang), "|")
	head := make([]any, len(heads))
	for i, h := range heads {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: rowHeight(widths, heads...)}); err != nil {
		return err
	}
	if fit > 0 {
		err := late.add(sw, 2, func(rw *rowWriter) error {
			var row rowCells
			r := 2
			return eachFigure(res, lang, func(unit string, fig schema.Figure, now, was decimal.Decimal, okNow, okWas bool) error {
				if !shown(now, was, okNow, okWas) || r >= 2+fit {
					return nil
				}
				code, name := strings.Join(fig.This, "+"), figureName(link, fig, lang)
				row.reset()
				row.add(st.label, unit)
				row.add(st.label, code)
				row.add(st.label, name)
				for range 4 {
					row.add(st.missing, nil)
				}
				cells := row.cells[3:]
				if okNow {
					cells[0] = excelize.Cell{StyleID: st.value, Value: num(now)}
				}
				if okWas {
					cells[1] = excelize.Cell{StyleID: st.value, Value: num(was)}
				}
				if okNow && okWas {
					change := now.Sub(was)
					cells[2] = excelize.Cell{StyleID: st.value, Value: num(change), Formula: fmt.Sprintf("D%d-E%d", r, r)}
					if !was.IsZero() {
						share := excelFloat(change.InexactFloat64() / was.InexactFloat64())
						cells[3] = excelize.Cell{StyleID: st.percent, Value: share, Formula: fmt.Sprintf("F%d/E%d", r, r)}
					}
				}
				r++
				return rw.tallRow(r-1, rowHeight(widths, unit, code, name), row.cells)
			})
		})
		if err != nil {
			return err
		}
	}
	// The row after the figures says how many did not fit, if any.
	r := 2 + fit
	if left := listed - fit; left > 0 {
		text := schema.Msg(msgWriteYoyLeft, left).Render(lang)
		across := 0.0
		for _, w := range widths {
			across += w
		}
		note := excelize.Cell{StyleID: st.note, Value: text}
		if err := sw.SetRow(fmt.Sprintf("A%d", r), []any{note}, excelize.RowOpts{Height: rowHeight([]float64{across}, text)}); err != nil {
			return err
		}
		if err := sw.MergeCell(fmt.Sprintf("A%d", r), fmt.Sprintf("G%d", r)); err != nil {
			return err
		}
	}
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:G%d", max(r-1, 2)), nil); err != nil {
		return err
	}
	return sw.Flush()
}

// eachFigure calls do with every comparable figure of the district and
// then of each unit summed that was matched with last year: the unit's
// name (the district's in lang), the figure, this year's and last year's value and whether each is
// known.
func eachFigure(res *consolidate.Result, lang schema.Lang, do func(unit string, fig schema.Figure, now, was decimal.Decimal, okNow, okWas bool) error) error {
	yoy := res.YearOnYear
	district := schema.Msg(msgWriteYoyDistrict, res.Name).Render(lang)
	for i, fig := range yoy.Link.Pairs {
		var now decimal.Decimal
		for _, k := range fig.This {
			now = now.Add(res.Totals[k])
		}
		if err := do(district, fig, now, yoy.LastTotals[i], true, true); err != nil {
			return err
		}
	}
	for _, u := range yoy.Units {
		if !u.This.Included {
			continue
		}
		for _, fig := range yoy.Link.Pairs {
			now, ok1 := fig.Value(u.This, false)
			was, ok2 := fig.Value(u.Last, true)
			if err := do(u.This.Unit, fig, now, was, ok1, ok2); err != nil {
				return err
			}
		}
	}
	return nil
}

// shown reports whether the sheet lists a figure: when it is not zero in
// both years.
func shown(now, was decimal.Decimal, okNow, okWas bool) bool {
	return okNow && !now.IsZero() || okWas && !was.IsZero()
}

// figureName names a comparable figure; with last year's name after it
// when the two tables call it differently.
func figureName(link *schema.Link, fig schema.Figure, lang schema.Lang) string {
	join := func(s *schema.Schema, keys []string) string {
		var parts []string
		for _, k := range keys {
			parts = append(parts, s.CellName(k, lang))
		}
		return strings.Join(parts, "+")
	}
	this, last := join(link.This, fig.This), join(link.Last, fig.Last)
	if this == last {
		return this
	}
	return schema.Msg(msgWriteYoyLastName, this, last).Render(lang)
}

func yearLabel(y int, lang schema.Lang) string {
	if y == 0 {
		return ""
	}
	if lang == schema.En {
		return fmt.Sprintf(" %d", y)
	}
	return fmt.Sprintf("（%d）", y)
}
