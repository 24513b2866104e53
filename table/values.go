package table

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tally/grid"
	"tally/schema"

	"github.com/shopspring/decimal"
)

// values reads every value cell of a table from its placement.
func (r *reader) values(t *schema.Table, p *placement) {
	s := r.sub.Schema
	if len(r.sub.Values) == 0 {
		r.sub.Values = make(map[string]schema.Value, len(s.Keys()))
	}
	if p == nil {
		for _, row := range t.Rows {
			if !row.Heading {
				r.missingRow(row, "")
			}
		}
		return
	}
	g := p.g
	for _, b := range p.bands {
		for _, m := range b.misspelt {
			r.sub.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindSchema, Rule: "read:header-spelling",
				Sheet: g.Name, Cell: r.cellRef(g, m.row, m.col),
				Msg: schema.Msg(msgReadHeaderSpelling, oneLine(m.text), schema.Both{Zh: m.column.Label, En: columnName(m.column)})})
		}
	}
	rows, absent := r.legacyRows(t, p)
	for _, row := range t.Rows {
		if row.Heading {
			continue
		}
		if absent[row.Code] {
			// Not in the earlier format the table follows here: its cases
			// are counted in the row that stands for them (legacyRows).
			for _, col := range t.Columns {
				r.sub.Values[schema.Key(row.Code, col.Code)] = schema.Value{State: schema.Present}
			}
			continue
		}
		m, ok := rows[row.Code]
		if !ok {
			r.missingRow(row, g.Name)
			continue
		}
		r.unitScale(g, m, row)
		for _, col := range t.Columns {
			key := schema.Key(row.Code, col.Code)
			cell, _ := s.Cell(key)
			gc, ok := m.band.valueCol[col.Code]
			if !ok {
				r.sub.Values[key] = schema.Value{State: schema.Missing}
				continue
			}
			vr := m.valueRow(g, gc)
			var v schema.Value
			if a, spilled := g.Anchor(vr, gc); spilled && a.Col <= m.band.labelCol {
				// A title or label merged across the value column holds no value.
				v = r.interpret(g, vr, gc, cell, "", 0)
			} else {
				v = r.value(g, vr, gc, cell)
			}
			r.sub.Values[key] = v
			if v.State == schema.Empty {
				r.strayNumbers(g, m, vr, gc, key)
			}
		}
		r.checkUnit(g, m, row)
	}
	r.headingNumbers(t, p, rows)
	r.extraRows(p)
	r.extraColumns(t, p)
	for _, d := range p.dups {
		row, _ := s.Row(d.code)
		id := msgReadDuplicateRow
		if d.hidden {
			id = msgReadDuplicateHidden
		}
		r.sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindExtraRow, Rule: "read:duplicate-row",
			Sheet: g.Name, Cell: r.cellRef(g, d.row, d.col), Codes: []string{d.code},
			Msg: schema.Msg(id, rowName(row), d.kept+1, d.row+1)})
	}
}

// strayNumbers warns of numbers on an indicator's row in columns that are
// neither its value nor a column of other figures (last year's, a
// quarter's): most often a number typed one column off.
func (r *reader) strayNumbers(g *sheet, m *match, row, valueCol int, key string) {
	b := m.band
	for c := b.labelCol + 1; c < min(b.end, len(g.Row(row))); c++ {
		if c == valueCol || c == b.unitCol || g.IsFill(row, c) {
			continue
		}
		if class, known := b.classes[c]; known && class != classUnknown {
			continue
		}
		if schema.ParseNumber(g.At(row, c)).Form != schema.Number {
			continue
		}
		r.strays[cellAt{g, row, c}] = true
		r.sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindExtraRow, Rule: "read:stray-number",
			Sheet: g.Name, Cell: r.cellRef(g, row, c), Codes: []string{key},
			Msg: schema.Msg(msgReadStrayNumber, cellName(r.sub.Schema, key), r.cellRef(g, row, valueCol),
				r.cellRef(g, row, c), strings.TrimSpace(g.At(row, c)))})
	}
}

// valueRow is the row holding an indicator's value: the first row of its
// label's span (a label merged down rows, or broken over rows) with
// something in the value column.
func (m *match) valueRow(g *sheet, c int) int {
	end := m.row + m.span - 1
	for rr := end + 1; rr < len(g.Rows()); rr++ {
		a, ok := g.Anchor(rr, m.band.labelCol)
		if !ok || a.Row != m.row {
			break
		}
		end = rr
	}
	for rr := m.row; rr <= end; rr++ {
		if strings.TrimSpace(g.At(rr, c)) != "" || g.OwnFlags(rr, c)&grid.HasFormula != 0 {
			return rr
		}
	}
	return m.row
}

func (r *reader) missingRow(row *schema.Row, sheet string) {
	t := row.Table()
	for _, col := range t.Columns {
		r.sub.Values[schema.Key(row.Code, col.Code)] = schema.Value{State: schema.Missing}
	}
	r.sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindMissingRow, Rule: "read:missing-row",
		Sheet: sheet, Codes: []string{row.Code}, Msg: schema.Msg(msgReadMissingRow, rowName(row), row.Label)})
}

// cellRef names a cell for the submission: prefixed with its sheet when
// that is not the submission's sheet.
func (r *reader) cellRef(g *sheet, row, col int) string {
	a1 := grid.Ref(row, col)
	if g.Name != r.sub.Sheet {
		return grid.QuoteSheet(g.Name) + "!" + a1
	}
	return a1
}

var excelErrors = regexp.MustCompile(`^#(?:REF!|DIV/0!|VALUE!|N/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$`)

// value reads one value cell. A formula without a stored result is left
// for computePending.
func (r *reader) value(g *sheet, row, col int, cell schema.Cell) schema.Value {
	if at := g.AnchorOf(row, col); g.OwnFlags(at.Row, at.Col)&grid.NoCache != 0 {
		r.pending = append(r.pending, pendingCell{g: g, row: row, col: col, cell: cell})
		return schema.Value{Ref: r.cellRef(g, row, col), State: schema.Missing}
	}
	return r.interpret(g, row, col, cell, g.At(row, col), g.Flags(row, col))
}

// pendingCell is a value cell whose formula has no stored result.
type pendingCell struct {
	g        *sheet
	row, col int
	cell     schema.Cell
}

// interpret reads a value cell's text as a number, with the findings its
// form calls for.
func (r *reader) interpret(g *sheet, row, col int, cell schema.Cell, text string, fl grid.Flags) schema.Value {
	cref := r.cellRef(g, row, col)
	v := schema.Value{Ref: cref}
	key := cell.Key
	add := func(sev schema.Severity, kind string, msg schema.Message) {
		r.sub.Add(schema.Finding{Severity: sev, Kind: kind, Rule: "read:" + kind, Sheet: g.Name,
			Cell: cref, Codes: []string{key}, Msg: msg})
	}
	name := cellName(r.sub.Schema, key)
	trimmed := strings.TrimSpace(text)
	at := g.AnchorOf(row, col)
	formula, _ := g.Formula(at.Row, at.Col)
	switch {
	case fl&grid.ErrorValue != 0 || excelErrors.MatchString(trimmed):
		v.State = schema.Invalid
		add(schema.Error, schema.KindFormulaError, schema.Msg(msgReadFormulaError, name, trimmed, formulaText(formula.Text)))
		return v
	case fl&grid.Bool != 0:
		v.State = schema.Invalid
		word := "TRUE"
		if trimmed == "0" || strings.EqualFold(trimmed, "false") {
			word = "FALSE"
		}
		add(schema.Error, schema.KindNotANumber, schema.Msg(msgReadBoolean, name, word))
		return v
	case fl&grid.Date != 0:
		v.State = schema.Invalid
		add(schema.Error, schema.KindNotANumber, schema.Msg(msgReadDate, name, schema.Both(dateText(trimmed))))
		return v
	}
	var p schema.Parsed
	if fl&grid.Text == 0 && trimmed != "" {
		if d, ok := schema.ParseStoredNumber(trimmed); ok {
			p = schema.Parsed{Value: d, Form: schema.Number}
		} else {
			p = schema.ParseNumber(text)
		}
	} else {
		p = schema.ParseNumber(text)
	}
	switch p.Form {
	case schema.Blank:
		v.State = schema.Empty
		add(schema.Info, schema.KindBlank, schema.Msg(msgReadBlank, name))
	case schema.ZeroMark:
		v.State = schema.Present
	case schema.NotNumber:
		v.State = schema.Invalid
		add(schema.Error, schema.KindNotANumber, schema.Msg(msgReadNotANumber, name, oneLine(text)))
	case schema.OutOfRange:
		v.State = schema.Invalid
		r.sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindNotANumber, Rule: "read:out-of-range", Sheet: g.Name,
			Cell: cref, Codes: []string{key}, Msg: schema.Msg(msgReadOutOfRange, name, oneLine(text))})
	case schema.Number:
		v.State, v.Num = schema.Present, p.Value
		format, formatted := g.Format(at.Row, at.Col)
		shown := ""
		if formatted && fl&grid.Text == 0 {
			shown = shownAs(p.Value, format)
		}
		if p.Value.Sign() < 0 && !cell.Negative() {
			add(schema.Error, schema.KindNegative, schema.Msg(msgReadNegative, name, p.Value))
		}
		if cell.Kind() == schema.Integer && !p.Value.IsInteger() {
			if shown != "" {
				add(schema.Error, schema.KindNonInteger, schema.Msg(msgReadNonIntegerShown, name, shown, p.Value))
			} else {
				add(schema.Error, schema.KindNonInteger, schema.Msg(msgReadNonInteger, name, p.Value))
			}
		}
		if p.Unit != "" {
			r.ownUnit[key] = true
		} else if f, ok := r.scale[key]; ok {
			// The row's unit cell names another money unit: the number is
			// in that unit (checkUnit says so).
			r.typed[key] = p.Value
			v.Num = p.Value.Mul(f)
		}
		if p.Unit != "" && !p.Value.IsZero() && !sameUnit(p.Unit, cell.Unit()) {
			if factor, ok := moneyFactor(p.Unit, cell.Unit()); ok {
				// The amount names its unit: convert it, and say so.
				v.Num = p.Value.Mul(factor)
				add(schema.Info, schema.KindUnit, schema.Msg(msgReadUnitConverted, name, oneLine(text), v.Num, cell.Unit()))
			} else {
				sev := unitSeverity(cell.Unit(), p.Unit)
				add(sev, schema.KindUnit, schema.Msg(msgReadUnitInValue, name, oneLine(text), cell.Unit()))
			}
		}
	}
	return v
}

// shownAs is how a number appears in its cell when the format changes it
// (a percentage, or decimals rounded away); "" when it shows as stored.
func shownAs(d decimal.Decimal, f grid.Format) string {
	switch {
	case f.Percent:
		return d.Mul(decimal.NewFromInt(100)).Round(int32(max(f.Places, 0))).String() + "%"
	case f.Places >= 0 && !f.Date && !d.Equal(d.Round(int32(f.Places))):
		return d.Round(int32(f.Places)).StringFixed(int32(f.Places))
	}
	return ""
}

// dateText renders a date serial as the cell shows it, in both languages.
func dateText(serial string) schema.Text {
	f, err := strconv.ParseFloat(serial, 64)
	if err != nil || f < 1 || f > 2958465 {
		return schema.Text{Zh: serial, En: serial}
	}
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(f * 24 * float64(time.Hour)))
	return schema.Text{Zh: fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day()), En: t.Format("2006-01-02")}
}

func formulaText(f string) schema.Both {
	if f == "" {
		return schema.Both{}
	}
	return schema.Both{Zh: "（公式 =" + f + "）", En: " (formula =" + f + ")"}
}

// columnName names a column in English messages: its English name and the
// table's own words.
func columnName(c *schema.Column) string {
	if c.En == "" {
		return c.Label
	}
	return c.En + " (" + c.Label + ")"
}

func rowName(row *schema.Row) schema.Both {
	return schema.Both{Zh: row.DisplayName(schema.Zh), En: row.DisplayName(schema.En)}
}

func cellName(s *schema.Schema, key string) schema.Both {
	return schema.Both{Zh: s.CellName(key, schema.Zh), En: s.CellName(key, schema.En)}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}
