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
	l := planLayout(t.s, t.title(), schema.Msg("template.filler", t.opt.Unit).Render(lang), t.opt.Unit == "", lang)
	for _, label := range strings.Split(schema.Msg("template.footer").Render(lang), "|") {
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
			if err := set(ref(i, check), schema.Msg("template.check-head").Render(lang), st.header); err != nil {
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
		rule = unitRule(c.Unit(), lang) + schema.Msg("template.rule-decimal", places).Render(lang)
	case c.Negative():
		if err := dv.SetRange(-999999999, 999999999, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		rule = unitRule(c.Unit(), lang) + schema.Msg("template.rule-signed").Render(lang)
	default:
		if err := dv.SetRange(0, 999999999, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		rule = unitRule(c.Unit(), lang) + schema.Msg("template.rule-count").Render(lang)
	}
	for _, r := range t.s.Relations() {
		if r.Left[0] == key && r.Form != "expr" && !r.Conditional && r.Severity == schema.Error {
			rule += schema.Msg("template.rule-relation", opSymbol(r.Op), names(t.s, r.Right, lang)).Render(lang)
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
	return schema.Msg("template.rule-unit", unit).Render(lang)
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
			ok, diff = fmt.Sprintf("%s=%s", l, rt), fmt.Sprintf(`"%s "&(%s-%s)`, schema.Msg("template.diff").Render(t.opt.Lang), l, rt)
		case "<=", "<":
			ok, diff = fmt.Sprintf("%s%s%s", l, r.Op, rt), fmt.Sprintf(`"%s "&(%s-%s)`, schema.Msg("template.over").Render(t.opt.Lang), l, rt)
		default:
			ok, diff = fmt.Sprintf("%s%s%s", l, r.Op, rt), fmt.Sprintf(`"%s "&(%s-%s)`, schema.Msg("template.under").Render(t.opt.Lang), rt, l)
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

// instructions writes the 填表说明 sheet.
func (t *templater) instructions(sheet string) error {
	f, lang := t.f, t.opt.Lang
	// One column as wide as a portrait page takes in any client, every
	// line wrapped in it.
	width := []float64{charsFor(pageWidthPt) * 0.75}
	_ = f.SetColWidth(sheet, "A", "A", width[0])
	lines := []string{schema.Msg("template.help-title", t.title()).Render(lang), ""}
	where := "template.help-where"
	if !t.single() {
		where = "template.help-where-matrix"
	}
	lines = append(lines,
		schema.Msg(where).Render(lang),
		schema.Msg("template.help-blank").Render(lang),
		t.numbersHelp(),
		schema.Msg("template.help-check").Render(lang),
		schema.Msg("template.help-rows", schema.Both{Zh: t.s.Title, En: or(t.s.En, t.s.Title)}, t.s.ID).Render(lang),
		schema.Msg("template.help-send", t.exampleName()).Render(lang),
		"", schema.Msg("template.help-rules").Render(lang))
	for _, line := range relationLines(t.s, lang) {
		lines = append(lines, "  · "+line)
	}
	contact := schema.Msg("template.help-nocontact").Render(lang)
	if t.opt.Contact != "" {
		contact = schema.Msg("template.help-contact", t.opt.Contact).Render(lang)
	}
	lines = append(lines, "", contact)
	for i, l := range lines {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellValue(sheet, cell, l); err != nil {
			return err
		}
		style := t.st.text
		if i == 0 {
			style = t.st.heading
		}
		_ = f.SetCellStyle(sheet, cell, cell, style)
		_ = f.SetRowHeight(sheet, i+1, rowHeight(width, l))
	}
	return pageSetup(f, sheet, page{lang: lang})
}

// single reports a table of one value column with a unit column (the 2018
// table), where the instructions can name the columns.
func (t *templater) single() bool {
	for _, tb := range t.s.Tables {
		if !tb.Single() {
			return false
		}
	}
	return true
}

// numbersHelp says what numbers the table takes: whole counts, and the
// amounts in their units with their decimal places, or a decrease as a
// negative number, as the schema says.
func (t *templater) numbersHelp() string {
	lang := t.opt.Lang
	var amounts, negatives []string
	seen := map[string]bool{}
	for _, k := range t.s.Keys() {
		c, _ := t.s.Cell(k)
		switch {
		case c.Kind() == schema.Decimal:
			a := schema.Msg("template.help-amount", unitWord(c.Unit(), lang), c.Places()).Render(lang)
			if !seen[a] {
				seen[a] = true
				amounts = append(amounts, a)
			}
		case c.Negative():
			name := c.Row.DisplayName(lang)
			if c.Column != nil && !c.Table.Single() {
				name = c.Column.Label // as its header prints it
				if lang == schema.En && c.Column.En != "" {
					name = c.Column.En
				}
			}
			if !seen["-"+name] {
				seen["-"+name] = true
				negatives = append(negatives, name)
			}
		}
	}
	units := "template.help-units-column"
	if !t.single() {
		units = "template.help-units-header"
	}
	text := schema.Msg("template.help-numbers", schema.Msg(units)).Render(lang)
	for _, a := range amounts {
		text += schema.Msg("template.help-then", a).Render(lang)
	}
	if len(negatives) > 0 {
		text += schema.Msg("template.help-then", schema.Msg("template.help-negative", strings.Join(negatives, "、"))).Render(lang)
	}
	return text + schema.Msg("template.help-end").Render(lang)
}

// unitWord is a money unit in words of the language.
func unitWord(unit string, lang schema.Lang) string {
	if lang == schema.En {
		switch unit {
		case "万元":
			return "10,000 yuan"
		case "元":
			return "yuan"
		}
	}
	return unit
}

// exampleName is the file name the instructions give as an example: the
// template's unit and year, or a township's name and the year the format
// is for.
func (t *templater) exampleName() string {
	unit := t.opt.Unit
	if unit == "" {
		unit = schema.Msg("template.example-unit").Render(t.opt.Lang)
	}
	year := t.opt.Year
	if year == 0 {
		year = t.s.Years.To
		if year == 0 {
			year = t.s.Years.From
		}
	}
	if year == 0 {
		return unit + ".xlsx"
	}
	return fmt.Sprintf("%s%d.xlsx", unit, year)
}

// relationLines states the relations the numbers must satisfy, one line a
// rule: a rule the schema writes once for every column (or every row) of a
// table is stated once, by its rows (or its columns).
func relationLines(s *schema.Schema, lang schema.Lang) []string {
	var rels []schema.Relation
	for _, r := range s.Relations() {
		if r.Form != "expr" {
			rels = append(rels, r)
		}
	}
	var lines []string
	for i := 0; i < len(rels); {
		r := rels[i]
		j := i + 1
		for j < len(rels) && r.Each != "" && rels[j].Rule == r.Rule {
			j++
		}
		var line string
		if j-i > 1 {
			// The cells that change from one instance to the next stand
			// for every column (or row): name them by their row (column).
			next := rels[i+1]
			name := func(keys, others []string) string {
				out := make([]string, len(keys))
				for n, k := range keys {
					out[n] = s.CellName(k, lang)
					if n < len(others) && others[n] != k {
						out[n] = partName(s, k, r.Each, lang)
					}
				}
				return strings.Join(out, "+")
			}
			each := "template.help-each-col"
			if r.Each == "row" {
				each = "template.help-each-row"
			}
			line = schema.Msg(each).Render(lang) + name(r.Left, next.Left) + " " + opSymbol(r.Op) + " " + name(r.Right, next.Right)
		} else {
			line = names(s, r.Left, lang) + " " + opSymbol(r.Op) + " " + names(s, r.Right, lang)
		}
		if r.Severity != schema.Error {
			line += schema.Msg("template.help-soft").Render(lang)
		}
		lines = append(lines, line)
		i = j
	}
	return lines
}

// partName names a cell by its row (each is "col": the rule holds in every
// column) or by its column (each is "row").
func partName(s *schema.Schema, key, each string, lang schema.Lang) string {
	c, ok := s.Cell(key)
	if !ok {
		return key
	}
	if each == "row" && c.Column != nil {
		return columnShortName(c.Column, lang)
	}
	return c.Row.DisplayName(lang)
}

// columnShortName is a column's short name in a language.
func columnShortName(c *schema.Column, lang schema.Lang) string {
	if lang == schema.En && c.En != "" {
		return c.En
	}
	return or(c.Name, c.Label)
}

func init() {
	schema.Register(map[string]schema.Text{
		"template.filler":            {Zh: "填报单位：%s", En: "Unit: %s"},
		"template.check-head":        {Zh: "校验", En: "Check"},
		"template.footer":            {Zh: "填表人：|联系电话：|填报日期：", En: "Filled in by:|Telephone:|Date:"},
		"template.diff":              {Zh: "差", En: "off by"},
		"template.over":              {Zh: "超", En: "over by"},
		"template.under":             {Zh: "少", En: "short by"},
		"template.rule-unit":         {Zh: "单位：%s。", En: "Unit: %s. "},
		"template.rule-count":        {Zh: "填写不小于 0 的整数，没有请填 0。", En: "A whole number, 0 or more; 0 if none."},
		"template.rule-signed":       {Zh: "填写整数，减少时填负数。", En: "A whole number; negative for a decrease."},
		"template.rule-decimal":      {Zh: "填写不小于 0 的数，最多 %d 位小数，没有请填 0。", En: "A number, 0 or more, at most %d decimal places; 0 if none."},
		"template.rule-relation":     {Zh: "应 %s %s。", En: " Must be %s %s."},
		"template.help-title":        {Zh: "%s 填表说明", En: "How to fill in: %s"},
		"template.help-where":        {Zh: "1. 只在“统计数”一列（浅黄色单元格）填写数字，其余单元格已锁定；请勿增删行、修改指标名称或移动表格。", En: "1. Type numbers only in the value column (the pale yellow cells); the rest is locked. Do not add or remove rows, rename indicators or move the table."},
		"template.help-where-matrix": {Zh: "1. 只在浅黄色单元格填写数字，其余单元格已锁定；请勿增删行列、修改指标名称或移动表格。", En: "1. Type numbers only in the pale yellow cells; the rest is locked. Do not add or remove rows or columns, rename indicators or move the tables."},
		"template.help-blank":        {Zh: "2. 没有发生的事项请填 0。留空的单元格按 0 计算，但会被标注为“未填写”；不要填“无”“—”或文字说明。", En: "2. Type 0 where nothing happened. A blank cell counts as 0 but is flagged as blank; do not type 无, — or words."},
		"template.help-numbers":      {Zh: "3. 只填数字，不带单位（单位见%s）；件数、次数、人数为整数", En: "3. Numbers only, without units (see %s); counts are whole numbers"},
		"template.help-units-column": {Zh: "“单位”一列", En: "the unit column"},
		"template.help-units-header": {Zh: "表头", En: "the headers"},
		"template.help-then":         {Zh: "，%s", En: ", %s"},
		"template.help-amount":       {Zh: "金额以%s为单位，最多保留 %d 位小数", En: "amounts are in %s with at most %d decimal places"},
		"template.help-negative":     {Zh: "“%s”减少时填负数", En: "%s is negative for a decrease"},
		"template.help-end":          {Zh: "。", En: "."},
		"template.help-check":        {Zh: "4. “校验”一列自动检查合计与分项：显示 ✓ 即无误；显示“差 1”“超 2”等时该行变红，说明合计与分项之和不符或“其中”项超过总数，请改正后再报送。", En: "4. The check column tests totals against their parts: ✓ means correct; \"off by 1\", \"over by 2\" and a red row mean a total and its parts disagree or an of-which item exceeds its total. Correct it before sending."},
		"template.help-rows":         {Zh: "5. 本表式为《%[1]s》(%[2]s)。表格下方请填写填表人、联系电话和填报日期。", En: "5. This is the %[1]s table (%[2]s). Below the table, give who filled it in, a telephone number and the date."},
		"template.help-send":         {Zh: "6. 请以 .xlsx 格式报送，文件名用“单位名称+年度”，如“%s”。", En: "6. Send it as .xlsx, named after the unit and year, e.g. %s."},
		"template.example-unit":      {Zh: "掌政镇", En: "掌政镇"},
		"template.help-each-col":     {Zh: "每一列：", En: "in every column: "},
		"template.help-each-row":     {Zh: "每一行：", En: "on every row: "},
		"template.help-rules":        {Zh: "表中数字须满足的关系：", En: "The relations the numbers must satisfy:"},
		"template.help-soft":         {Zh: "（一般应满足，不满足时请核实）", En: " (usually; check when it does not hold)"},
		"template.help-contact":      {Zh: "如有疑问，请联系：%s", En: "Questions: %s"},
		"template.help-nocontact":    {Zh: "如有疑问，请联系汇总单位（区政府办公室）。", En: "Questions: ask the office that sent this table."},
	})
}
