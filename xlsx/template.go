package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"tally/schema"
)

// TemplateOptions say what a fill-in template carries.
type TemplateOptions struct {
	Lang schema.Lang
	// Unit and Year go into the title; both may be empty.
	Unit string
	Year int
	// Password protects the sheet (none by default: protection is a guard
	// against slips, not security).
	Password string
	// Contact is who to ask, printed in the instructions.
	Contact string
	Version string
}

// TemplateSheets are the names of a template's sheets.
func TemplateSheets(lang schema.Lang) (table, help string) {
	if lang == schema.En {
		return "Table", "Instructions"
	}
	return "统计表", "填表说明"
}

// WriteTemplate writes the workbook a district sends its townships: the
// official layout with the unit and year in the title, print-ready; labels
// and units locked, value cells open with data validation and an input
// message; beside each total, 其中 row and bound a live check that shows ✓
// or the difference and turns the row red; and a sheet of instructions.
func WriteTemplate(w io.Writer, s *schema.Schema, opt TemplateOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet, help := TemplateSheets(opt.Lang)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	t := &templater{f: f, s: s, opt: opt, sheet: sheet}
	if err := t.styles(); err != nil {
		return err
	}
	if err := t.table(); err != nil {
		return err
	}
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	if err := t.instructions(help); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Title: t.title(), Creator: "tally " + opt.Version,
		Created: "2006-09-16T00:00:00Z", Modified: "2006-09-16T00:00:00Z"}); err != nil {
		return err
	}
	return save(f, w, nil)
}

type templater struct {
	f     *excelize.File
	s     *schema.Schema
	opt   TemplateOptions
	sheet string
	st    *styles
	open  int // unlocked value cell
	check int // the check column
	bad   int // conditional format: a row whose check fails
	// refs is where each cell key is on the sheet.
	refs map[string]string
}

func (t *templater) styles() error {
	var err error
	if t.st, err = newStyles(t.f); err != nil {
		return err
	}
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	if t.open, err = t.f.NewStyle(&excelize.Style{Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFDE7"}},
		Font:       &excelize.Font{Size: 11, Family: "宋体"},
		Alignment:  &excelize.Alignment{Horizontal: "right", Vertical: "center"},
		Protection: &excelize.Protection{Locked: false}}); err != nil {
		return err
	}
	if t.check, err = t.f.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Size: 10, Color: "595959"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}); err != nil {
		return err
	}
	t.bad, err = t.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	return err
}

func (t *templater) title() string {
	lang := t.opt.Lang
	year := ""
	if t.opt.Year != 0 {
		year = fmt.Sprintf(" %d ", t.opt.Year)
		if lang != schema.En {
			year += "年度"
		}
	}
	title := t.s.Title
	if lang == schema.En && t.s.En != "" {
		title = t.s.En
	}
	return strings.TrimSpace(t.opt.Unit + year + title)
}

// checks groups the error-level relations by the row that shows them: the
// row of their first cell.
func (t *templater) checks() map[string][]schema.Relation {
	out := map[string][]schema.Relation{}
	for _, r := range t.s.Relations() {
		if r.Form == "expr" || r.Conditional || r.Severity != schema.Error {
			continue
		}
		row, _ := schema.SplitKey(r.Left[0])
		out[row] = append(out[row], r)
	}
	return out
}

func (t *templater) table() error {
	f, sh, st, lang := t.f, t.sheet, t.st, t.opt.Lang
	l := planLayout(t.s, t.title(), schema.Msg(msgTemplateFiller, t.opt.Unit).Render(lang), t.opt.Unit == "", lang)
	for _, label := range strings.Split(schema.Msg(msgTemplateFooter).Render(lang), "|") {
		l.footer(label)
	}
	l.fit()
	t.refs = l.refs
	// The check column, right of every table.
	check := l.width()
	for i, w := range append(append([]float64(nil), l.widths...), checkWidth(l)) {
		if err := f.SetColWidth(sh, colName(i), colName(i), w); err != nil {
			return err
		}
	}
	checks := t.checks()
	// The rows across the page's width reach the check column too, and the
	// titles and headings of a table that has one.
	for r := range l.rows {
		lt := l.rows[r].table
		if lt == nil && r+1 < len(l.rows) {
			lt = l.rows[r+1].table // a table's title: the table below it
		}
		for i, c := range l.rows[r].cells {
			if c.col+c.span != check {
				continue
			}
			switch c.kind {
			case kTableTitle, kHeading:
				if lt == nil || !t.hasChecks(lt.table, checks) {
					continue
				}
			case kTitle, kSub, kSection, kNote:
			default:
				continue
			}
			l.rows[r].cells[i].span++
		}
	}
	grid := l.cellGrid(check+1, func(c lcell) int {
		if c.kind == kValue || c.kind == kInput {
			return t.open
		}
		return st.of(c.kind)
	})
	set := func(cell string, v any, style int) error {
		if v != nil && v != "" {
			if err := f.SetCellValue(sh, cell, v); err != nil {
				return err
			}
		}
		return f.SetCellStyle(sh, cell, cell, style)
	}
	for i, lr := range l.rows {
		row := fmt.Sprint(i + 1)
		for c, cell := range grid[i] {
			if cell.StyleID == 0 && cell.Value == nil {
				continue
			}
			if err := set(ref(i, c), cell.Value, cell.StyleID); err != nil {
				return err
			}
			if lc := lr.startingAt(c); lc != nil && lc.kind == kValue {
				if err := t.validate(lc.key, ref(i, c)); err != nil {
					return err
				}
			}
		}
		if err := f.SetRowHeight(sh, i+1, lr.height); err != nil {
			return err
		}
		if lr.pageBreak {
			if err := f.InsertPageBreak(sh, ref(i, 0)); err != nil {
				return err
			}
		}
		lt := lr.table
		switch {
		case lt != nil && i == lt.header && t.hasChecks(lt.table, checks):
			// The check column's header spans the table's header rows.
			if err := set(ref(i, check), schema.Msg(msgTemplateCheckHead).Render(lang), st.header); err != nil {
				return err
			}
			if end := lt.firstData; end-1 > i {
				_ = f.SetCellStyle(sh, ref(i+1, check), ref(end-1, check), st.header)
				_ = f.MergeCell(sh, ref(i, check), ref(end-1, check))
			}
		case lr.row != nil && !lr.row.Heading && t.hasChecks(lt.table, checks):
			_ = f.SetCellStyle(sh, ref(i, check), ref(i, check), t.check)
			if rel := checks[lr.row.Code]; len(rel) > 0 {
				if err := t.liveCheck(colName(check), row, rel); err != nil {
					return err
				}
			}
		}
	}
	for _, m := range l.merges() {
		_ = f.MergeCell(sh, m[0], m[1])
	}
	if l.single {
		first := l.tables[0]
		if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: first.firstData, TopLeftCell: ref(first.firstData, 0), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	from, to := l.headerRows()
	if err := pageSetup(f, sh, page{titleRows: [2]int{from, to}, lang: lang}); err != nil {
		return err
	}
	return f.ProtectSheet(sh, &excelize.SheetProtectionOptions{Password: t.opt.Password,
		SelectLockedCells: true, SelectUnlockedCells: true})
}

// checkWidth is the width of a template's check column: room for 差 12 or
// over by 12.
func checkWidth(l *layout) float64 {
	if l.single {
		return 12
	}
	return 9
}

// hasChecks reports whether any row of a table has a live check.
func (t *templater) hasChecks(tb *schema.Table, checks map[string][]schema.Relation) bool {
	for _, r := range tb.Rows {
		if len(checks[r.Code]) > 0 {
			return true
		}
	}
	return false
}

// validate puts data validation and an input message on a value cell.
func (t *templater) validate(key, cell string) error {
	c, _ := t.s.Cell(key)
	lang := t.opt.Lang
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell
	name := t.s.CellName(key, lang)
	var rule string
	switch {
	case c.Kind() == schema.Decimal:
		places := c.Places()
		cond := fmt.Sprintf("ISNUMBER(%s)", cell)
		if !c.Negative() {
			cond += fmt.Sprintf(",%s>=0", cell)
		}
		if places > 0 {
			cond += fmt.Sprintf(",ROUND(%s,%d)=%s", cell, places, cell)
		}
		dv.Type = "custom"
		dv.Formula1 = "AND(" + cond + ")"
		rule = unitRule(c.Unit(), lang) + schema.Msg(msgTemplateRuleDecimal, places).Render(lang)
	case c.Negative():
		if err := dv.SetRange(-999999999, 999999999, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		rule = unitRule(c.Unit(), lang) + schema.Msg(msgTemplateRuleSigned).Render(lang)
	default:
		if err := dv.SetRange(0, 999999999, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		rule = unitRule(c.Unit(), lang) + schema.Msg(msgTemplateRuleCount).Render(lang)
	}
	for _, r := range t.s.Relations() {
		if r.Left[0] == key && r.Form != "expr" && !r.Conditional && r.Severity == schema.Error {
			rule += schema.Msg(msgTemplateRuleRelation, opSymbol(r.Op), names(t.s, r.Right, lang)).Render(lang)
		}
	}
	dv.SetInput(clip(name, 32), clip(rule, 250))
	dv.SetError(excelize.DataValidationErrorStyleStop, clip(name, 32), clip(rule, 250))
	return t.f.AddDataValidation(t.sheet, dv)
}

// unitRule begins a cell's input message with its unit, if it has one.
func unitRule(unit string, lang schema.Lang) string {
	if unit == "" {
		return ""
	}
	return schema.Msg(msgTemplateRuleUnit, unit).Render(lang)
}

// liveCheck writes a formula that shows ✓ while the row's relations hold
// and the first difference otherwise, and turns the row red meanwhile.
func (t *templater) liveCheck(col, row string, rels []schema.Relation) error {
	cell := col + row
	formula := `"✓"`
	for i := len(rels) - 1; i >= 0; i-- {
		r := rels[i]
		l, rt := t.sum(r.Left), t.sum(r.Right)
		var ok, diff string
		switch r.Op {
		case "=":
			ok, diff = fmt.Sprintf("%s=%s", l, rt), fmt.Sprintf(`"%s "&(%s-%s)`, schema.Msg(msgTemplateDiff).Render(t.opt.Lang), l, rt)
		case "<=", "<":
			ok, diff = fmt.Sprintf("%s%s%s", l, r.Op, rt), fmt.Sprintf(`"%s "&(%s-%s)`, schema.Msg(msgTemplateOver).Render(t.opt.Lang), l, rt)
		default:
			ok, diff = fmt.Sprintf("%s%s%s", l, r.Op, rt), fmt.Sprintf(`"%s "&(%s-%s)`, schema.Msg(msgTemplateUnder).Render(t.opt.Lang), rt, l)
		}
		formula = fmt.Sprintf("IF(%s,%s,%s)", ok, formula, diff)
	}
	if err := t.f.SetCellFormula(t.sheet, cell, formula); err != nil {
		return err
	}
	return t.f.SetConditionalFormat(t.sheet, "A"+row+":"+cell, []excelize.ConditionalFormatOptions{{
		Type: "formula", Criteria: fmt.Sprintf(`$%s$%s<>"✓"`, col, row), Format: &t.bad}})
}

// sum writes the cells of a relation side as a spreadsheet sum.
func (t *templater) sum(keys []string) string {
	refs := make([]string, len(keys))
	for i, k := range keys {
		refs[i] = t.refs[k]
	}
	if len(refs) == 1 {
		return refs[0]
	}
	return "SUM(" + strings.Join(refs, ",") + ")"
}

func opSymbol(op string) string {
	switch op {
	case "<=":
		return "≤"
	case ">=":
		return "≥"
	}
	return op
}

func names(s *schema.Schema, keys []string, lang schema.Lang) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = s.CellName(k, lang)
	}
	return strings.Join(out, "+")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
