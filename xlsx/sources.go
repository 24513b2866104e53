package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/schema"
)

// The widths of the sources sheet's columns: number, file, SHA-256 (in two
// lines), unit, year, format, sheet, status, errors, warnings, notes,
// summed.
var sourcesWidths = []float64{5, 26, 43, 12, 6, 14, 9, 8, 6, 6, 6, 7}

func writeSources(f *excelize.File, st *styles, res *consolidate.Result, sheet string, opt WriteOptions, late *lateRows) error {
	lang := opt.Lang
	if err := pageSetup(f, sheet, page{landscape: true, titleRows: [2]int{1, 1}, lang: lang}); err != nil {
		return err
	}
	heads := strings.Split(schema.Msg(msgWriteSourcesHead).Render(lang), "|")
	missing := missingUnits(res)
	facts := sourceFacts(res, opt)
	// The header, a row per file and per unit that sent nothing, a blank
	// row and the facts of the run.
	sw, err := newStream(f, sheet, 1+len(res.Submissions)+len(missing)+1+len(facts), len(heads))
	if err != nil {
		return err
	}
	widths := sourcesWidths
	for i, wd := range widths {
		_ = sw.SetColWidth(i+1, i+1, wd)
	}
	head := make([]any, len(heads))
	for i, h := range heads {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: rowHeight(widths, heads...)}); err != nil {
		return err
	}
	if len(res.Submissions)+len(missing) > 0 {
		err := late.add(sw, 2, func(rw *rowWriter) error {
			var row rowCells
			for i, s := range res.Submissions {
				counts := map[schema.Severity]int{schema.Error: s.Count(schema.Error),
					schema.Warning: s.Count(schema.Warning), schema.Info: s.Count(schema.Info)}
				year := any(nil)
				if s.Year != 0 {
					year = s.Year
				}
				id := ""
				if s.Schema != nil {
					id = s.Schema.ID
				}
				yes := schema.Msg(msgWriteNo).Render(lang)
				if s.Included {
					yes = schema.Msg(msgWriteYes).Render(lang)
				}
				row.reset()
				for _, v := range []any{i + 1, s.File, s.SHA256, s.Unit, year, id, s.Sheet,
					schema.Msg(statusNames[s.Status()]).Render(lang),
					counts[schema.Error], counts[schema.Warning], counts[schema.Info], yes} {
					row.add(st.text, v)
				}
				if err := rw.tallRow(i+2, listHeight(widths, row.cells), row.cells); err != nil {
					return err
				}
			}
			// The roster's units that sent nothing, after the files.
			for i, u := range missing {
				row.reset()
				for _, v := range []any{nil, nil, nil, u, nil, nil, nil, consolidate.Missing.Name(lang), nil, nil, nil, schema.Msg(msgWriteNo).Render(lang)} {
					row.add(st.absent, v)
				}
				if err := rw.row(len(res.Submissions)+i+2, row.cells); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	r := len(res.Submissions) + len(missing) + 3
	// A fact's text takes the width of the columns right of its name.
	last := colName(len(widths) - 1)
	wide := []float64{widths[1], 0}
	for _, w := range widths[2:] {
		wide[1] += w + 5.0/7 // a column's padding, in characters
	}
	for _, fact := range facts {
		cells := []any{nil, excelize.Cell{StyleID: st.header, Value: fact[0]}, excelize.Cell{StyleID: st.text, Value: fact[1]}}
		height := rowHeight(wide, fact[0], fact[1])
		if err := sw.SetRow(fmt.Sprintf("A%d", r), cells, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
		if err := sw.MergeCell(fmt.Sprintf("C%d", r), fmt.Sprintf("%s%d", last, r)); err != nil {
			return err
		}
		r++
	}
	return sw.Flush()
}

// sourceFacts are the facts of a run the sources sheet lists under its
// files, each a name and a text.
func sourceFacts(res *consolidate.Result, opt WriteOptions) [][2]string {
	lang := opt.Lang
	facts := [][2]string{
		{schema.Msg(msgWriteTool).Render(lang), "tally " + opt.Version},
		{schema.Msg(msgWriteCommand).Render(lang), strings.Join(opt.Command, " ")},
	}
	if res.Schema != nil {
		facts = append(facts,
			[2]string{schema.Msg(msgWriteSchema).Render(lang), res.Schema.ID + " " + res.Schema.Title},
			[2]string{schema.Msg(msgWriteSchemaHash).Render(lang), res.Schema.Hash()})
	}
	if res.Name != "" {
		facts = append(facts, [2]string{schema.Msg(msgWriteName).Render(lang), res.Name})
	}
	if res.Year != 0 {
		facts = append(facts, [2]string{schema.Msg(msgWriteYear).Render(lang), fmt.Sprint(res.Year)})
	}
	for _, pf := range res.PreviousFiles {
		facts = append(facts, [2]string{schema.Msg(msgWritePrevious).Render(lang),
			schema.Msg(msgWritePreviousFile, pf.Name, pf.SHA256, pf.Year, pf.Units).Render(lang)})
	}
	return facts
}
