package xlsx

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/schema"
)

// statusWidths are the widths of the status sheet's columns: the file and
// the problem wrap.
var statusWidths = []float64{5, 14, 10, 7, 9, 30, 58}

// writeStatus writes the list of whom to chase: one row per unit, by
// status (未报送, 需重报, 需核实, 通过), with its problems counted, the
// file that stands for it and its most serious problem in words.
func writeStatus(f *excelize.File, st *styles, res *consolidate.Result, sheet string, opt WriteOptions, late *lateRows) error {
	lang := opt.Lang
	heads := strings.Split(schema.Msg(msgWriteStatusHead).Render(lang), "|")
	widths := statusWidths
	units := res.Units()
	sw, err := startList(f, st, sheet, heads, widths, len(units), lang)
	if err != nil {
		return err
	}
	if len(units) > 0 {
		err := late.add(sw, 2, func(rw *rowWriter) error {
			var row rowCells
			for i, u := range units {
				style := st.info
				switch u.Status {
				case consolidate.Missing:
					style = st.absent
				case consolidate.Resend:
					style = st.err
				case consolidate.Check:
					style = st.warn
				}
				file, problem := "", ""
				if u.File != nil {
					file = filepath.Base(u.File.File)
					if p := u.Problem(); p != nil {
						problem = p.Message(lang)
						if more := u.Errors + u.Warnings - 1; more > 0 {
							problem += schema.Msg(msgWriteStatusMore, more).Render(lang)
						}
					}
				} else {
					problem = schema.Msg(msgWriteStatusMissing).Render(lang)
				}
				if n := len(u.Superseded); n > 0 {
					var names []string
					for _, s := range u.Superseded {
						names = append(names, filepath.Base(s.File))
					}
					file += schema.Msg(msgWriteStatusSuperseded, n, strings.Join(names, schema.Msg(consolidate.MsgTextListSep).Render(lang))).Render(lang)
				}
				row.reset()
				row.add(style, i+1)
				row.add(style, u.Name)
				row.add(style, u.Status.Name(lang))
				if u.Status == consolidate.Missing {
					row.add(style, nil) // nothing was sent, so nothing was counted
					row.add(style, nil)
				} else {
					row.add(style, u.Errors)
					row.add(style, u.Warnings)
				}
				row.add(style, file)
				row.add(style, problem)
				if err := rw.tallRow(i+2, listHeight(widths, row.cells), row.cells); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	last := max(len(units)+1, 2)
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", colName(len(heads)-1), last), nil); err != nil {
		return err
	}
	return sw.Flush()
}
