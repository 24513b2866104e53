package xlsx

import (
	"fmt"
	"strings"

	"tally/schema"
)

// instructions writes the 填表说明 sheet.
func (t *templater) instructions(sheet string) error {
	f, lang := t.f, t.opt.Lang
	// One column as wide as a portrait page takes in any client, every
	// line wrapped in it.
	width := []float64{charsFor(pageWidthPt) * 0.75}
	_ = f.SetColWidth(sheet, "A", "A", width[0])
	lines := []string{schema.Msg(msgTemplateHelpTitle, t.title()).Render(lang), ""}
	where := msgTemplateHelpWhere
	if !t.single() {
		where = msgTemplateHelpWhereMatrix
	}
	lines = append(lines,
		schema.Msg(where).Render(lang),
		schema.Msg(msgTemplateHelpBlank).Render(lang),
		t.numbersHelp(),
		schema.Msg(msgTemplateHelpCheck).Render(lang),
		schema.Msg(msgTemplateHelpRows, schema.Both{Zh: t.s.Title, En: or(t.s.En, t.s.Title)}, t.s.ID).Render(lang),
		schema.Msg(msgTemplateHelpSend, t.exampleName()).Render(lang),
		"", schema.Msg(msgTemplateHelpRules).Render(lang))
	for _, line := range relationLines(t.s, lang) {
		lines = append(lines, "  · "+line)
	}
	contact := schema.Msg(msgTemplateHelpNocontact).Render(lang)
	if t.opt.Contact != "" {
		contact = schema.Msg(msgTemplateHelpContact, t.opt.Contact).Render(lang)
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
			a := schema.Msg(msgTemplateHelpAmount, unitWord(c.Unit(), lang), c.Places()).Render(lang)
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
	units := msgTemplateHelpUnitsColumn
	if !t.single() {
		units = msgTemplateHelpUnitsHeader
	}
	text := schema.Msg(msgTemplateHelpNumbers, schema.Msg(units)).Render(lang)
	for _, a := range amounts {
		text += schema.Msg(msgTemplateHelpThen, a).Render(lang)
	}
	if len(negatives) > 0 {
		text += schema.Msg(msgTemplateHelpThen, schema.Msg(msgTemplateHelpNegative, strings.Join(negatives, "、"))).Render(lang)
	}
	return text + schema.Msg(msgTemplateHelpEnd).Render(lang)
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
		unit = schema.Msg(msgTemplateExampleUnit).Render(t.opt.Lang)
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
			each := msgTemplateHelpEachCol
			if r.Each == "row" {
				each = msgTemplateHelpEachRow
			}
			line = schema.Msg(each).Render(lang) + name(r.Left, next.Left) + " " + opSymbol(r.Op) + " " + name(r.Right, next.Right)
		} else {
			line = names(s, r.Left, lang) + " " + opSymbol(r.Op) + " " + names(s, r.Right, lang)
		}
		if r.Severity != schema.Error {
			line += schema.Msg(msgTemplateHelpSoft).Render(lang)
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
