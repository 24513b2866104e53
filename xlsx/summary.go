package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/schema"
)

// totalMarks are the findings of the rules the totals break, by the cell
// of the summary that shows the total.
type totalMarks struct {
	worst map[string]schema.Severity
	notes map[string][]string
	cells []string // in the order of the findings
}

func marksOf(res *consolidate.Result, sheet string, lang schema.Lang) totalMarks {
	m := totalMarks{worst: map[string]schema.Severity{}, notes: map[string][]string{}}
	for _, fd := range res.Findings {
		if fd.Sheet != sheet || fd.File != res.Out || fd.Cell == "" || strings.Contains(fd.Cell, "!") {
			continue
		}
		if _, seen := m.notes[fd.Cell]; !seen {
			m.cells = append(m.cells, fd.Cell)
		}
		m.notes[fd.Cell] = append(m.notes[fd.Cell], labelled(fd.Severity, fd.Message(lang), lang))
		if fd.Severity.Rank() > m.worst[fd.Cell].Rank() {
			m.worst[fd.Cell] = fd.Severity
		}
	}
	return m
}

func writeSummary(f *excelize.File, st *styles, res *consolidate.Result, names SheetNames, detailRefs map[string]string, opt WriteOptions) error {
	lang := opt.Lang
	n := res.SummedUnits()
	marks := marksOf(res, names.Summary, lang)
	l := planLayout(res.Schema, titleOf(res, lang), schema.Msg(msgWriteFiller, res.Name, n).Render(lang), false, lang)
	// The lines a clerk fills in by hand on the printed table, as on the
	// townships' (the consolidated table is a submission of its own).
	for _, label := range strings.Split(schema.Msg(msgTemplateFooter).Render(lang), "|") {
		l.footer(label)
	}
	l.note(kNote, schema.Msg(msgWriteSummaryNote, n, names.Detail).Render(lang))
	if missing := missingUnits(res); len(missing) > 0 {
		l.note(kNote, schema.Msg(msgWriteSummaryMissing, len(missing), strings.Join(missing, schema.Msg(consolidate.MsgTextListSep).Render(lang))).Render(lang))
	}
	if len(marks.cells) > 0 {
		l.note(kNote, schema.Msg(msgWriteSummaryMarks, names.Findings).Render(lang))
	}
	l.fit()
	// Page setup is part of the worksheet: set before streaming its rows.
	from, to := l.headerRows()
	if err := pageSetup(f, names.Summary, page{titleRows: [2]int{from, to}, lang: lang}); err != nil {
		return err
	}
	sw, err := newStream(f, names.Summary, len(l.rows), l.width())
	if err != nil {
		return err
	}
	for i, w := range l.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	grid := l.cellGrid(l.width(), func(c lcell) int {
		if c.kind == kInput {
			return st.line
		}
		return st.of(c.kind)
	})
	for i, lr := range l.rows {
		cells := make([]any, len(grid[i]))
		for c := range grid[i] {
			cell := grid[i][c]
			if lc := lr.startingAt(c); lc != nil && lc.kind == kValue {
				cell.Formula = quoted(names.Detail) + "!" + detailRefs[lc.key]
				cell.Value = num(res.Totals[lc.key])
				if sev, ok := marks.worst[ref(i, c)]; ok {
					cell.StyleID = st.marked(sev)
				}
			}
			cells[c] = cell
		}
		if lr.pageBreak {
			if err := sw.InsertPageBreak(ref(i, 0)); err != nil {
				return err
			}
		}
		if err := sw.SetRow(ref(i, 0), cells, excelize.RowOpts{Height: lr.height}); err != nil {
			return err
		}
	}
	for _, m := range l.merges() {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	// A comment on each marked total says which rule it breaks, with its
	// numbers and the units that cause it (comments are added before the
	// stream is flushed, or the sheet loses its link to them).
	for _, cell := range marks.cells {
		text := strings.Join(marks.notes[cell], "\n")
		if err := f.AddComment(names.Summary, excelize.Comment{Cell: cell, Author: schema.Msg(msgWriteCheckAuthor).Render(lang),
			Paragraph: []excelize.RichTextRun{{Text: text}}, Width: 320, Height: 160}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// startingAt is the layout cell that begins at column c of the row, if any.
func (lr lrow) startingAt(c int) *lcell {
	for i := range lr.cells {
		if lr.cells[i].col == c {
			return &lr.cells[i]
		}
	}
	return nil
}

// cellGrid lays a layout's cells out on width columns: each cell its text
// and style, and every cell a merged one covers its style, so that its
// borders are drawn all round.
func (l *layout) cellGrid(width int, style func(lcell) int) [][]excelize.Cell {
	grid := make([][]excelize.Cell, len(l.rows))
	for r := range grid {
		grid[r] = make([]excelize.Cell, width)
	}
	for r, lr := range l.rows {
		for _, c := range lr.cells {
			id := style(c)
			for dr := 0; dr <= c.down && r+dr < len(grid); dr++ {
				for dc := 0; dc < max(c.span, 1) && c.col+dc < width; dc++ {
					grid[r+dr][c.col+dc].StyleID = id
				}
			}
			if c.text != "" {
				grid[r][c.col].Value = c.text
			}
		}
	}
	return grid
}
