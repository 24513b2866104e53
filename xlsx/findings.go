package xlsx

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/schema"
)

// eachSorted calls do with every finding of the run, errors first, then
// warnings, then notes, each in the order of the report: a pass over the
// run per severity, so that no more than one submission's findings are
// held at a time.
func eachSorted(res *consolidate.Result, do func(*schema.Finding) error) error {
	for _, sev := range []schema.Severity{schema.Error, schema.Warning, schema.Info, ""} {
		for _, s := range res.Submissions {
			fs := s.FindingsOf(sev)
			for i := range fs {
				if err := do(&fs[i]); err != nil {
					return err
				}
			}
		}
		for i := range res.Findings {
			if res.Findings[i].Severity.Rank() == sev.Rank() {
				if err := do(&res.Findings[i]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// The widths of the findings sheet's columns: severity, kind, file, unit,
// sheet, cell, codes, rule, expected, actual, message. Together they take
// a landscape A4 page at a legible size; the long texts wrap, the codes one
// to a line at most (a sum of 21 parts lists 22 codes).
var findingsWidths = []float64{8, 8, 16, 10, 7, 9, 22, 29, 8, 8, 48, 14}

// startList begins a sheet that is a list of n rows under one header row
// (the findings, the units): printed landscape with the header on every
// page, the header frozen, the columns as wide as widths.
func startList(f *excelize.File, st *styles, sheet string, heads []string, widths []float64, n int, lang schema.Lang) (*excelize.StreamWriter, error) {
	if err := pageSetup(f, sheet, page{landscape: true, titleRows: [2]int{1, 1}, lang: lang}); err != nil {
		return nil, err
	}
	sw, err := newStream(f, sheet, 1+n, len(heads))
	if err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	head := make([]any, len(heads))
	for i, h := range heads {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	return sw, sw.SetRow("A1", head, excelize.RowOpts{Height: rowHeight(widths, heads...)})
}

func writeFindings(f *excelize.File, st *styles, res *consolidate.Result, sheet string, opt WriteOptions, late *lateRows) error {
	lang := opt.Lang
	heads := strings.Split(schema.Msg(msgWriteFindingsHead).Render(lang), "|")
	widths := findingsWidths
	n := res.CountFindings()
	sw, err := startList(f, st, sheet, heads, widths, n, lang)
	if err != nil {
		return err
	}
	if n > 0 {
		err := late.add(sw, 2, func(rw *rowWriter) error {
			var row rowCells
			r := 2
			return eachSorted(res, func(fd *schema.Finding) error {
				style := st.severity(fd.Severity)
				ref := fd.Cell
				if ref != "" && !strings.Contains(ref, "!") && fd.Sheet != "" {
					ref = quoteSheet(fd.Sheet) + "!" + ref
				}
				row.reset()
				row.add(style, fd.Severity.Name(lang))
				row.add(style, schema.KindName(fd.Kind, lang))
				row.add(style, fd.File)
				row.add(style, fd.Unit)
				row.add(style, fd.Sheet)
				row.add(style, ref)
				row.add(style, strings.Join(fd.Codes, " "))
				row.add(style, fd.RuleText(lang))
				row.add(style, numValue(fd.Expected))
				row.add(style, numValue(fd.Actual))
				row.add(style, fd.Message(lang))
				row.add(style, fd.Rule)
				r++
				return rw.tallRow(r-1, listHeight(widths, row.cells), row.cells)
			})
		})
		if err != nil {
			return err
		}
	}
	last := max(n+1, 2)
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", colName(len(heads)-1), last), nil); err != nil {
		return err
	}
	return sw.Flush()
}

// numValue is a number as written, nil for none.
func numValue(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return num(*d)
}
