package table

import (
	"strings"

	"tally/schema"

	"github.com/shopspring/decimal"
)

// moneyFactor is what an amount typed in one money unit is multiplied by
// to be in the table's: 元 and 万元 convert both ways.
func moneyFactor(typed, want string) (decimal.Decimal, bool) {
	t, w := normUnit(typed), normUnit(want)
	if t == "万" {
		t = "万元"
	}
	switch {
	case t == "万元" && w == "元":
		return decimal.NewFromInt(10000), true
	case t == "元" && w == "万元":
		return decimal.New(1, -4), true
	}
	return decimal.Decimal{}, false
}

// sameUnit compares a unit typed after a number with the table's: 万 is
// short for 万元.
func sameUnit(typed, want string) bool {
	t, w := normUnit(typed), normUnit(want)
	return t == w || t == "万" && w == "万元"
}

// unitCell is the text of a row's unit cell and where it is; "" when the
// band has no unit column or the row's is empty.
func unitCell(g *sheet, m *match) (text string, row int) {
	b := m.band
	if b.unitCol < 0 {
		return "", m.row
	}
	for rr := m.row; rr < m.row+m.span; rr++ {
		if t := g.At(rr, b.unitCol); strings.TrimSpace(t) != "" {
			return t, rr
		}
	}
	return "", m.row
}

// unitScale notes, before a row's numbers are read, what they are to be
// multiplied by when its unit cell names another money unit than the
// table's (元 on a 万元 row: 26500 is 2.65 万元).
func (r *reader) unitScale(g *sheet, m *match, row *schema.Row) {
	if row.Unit == "" {
		return
	}
	text, _ := unitCell(g, m)
	if n := normUnit(text); n == "" || n == normUnit(row.Unit) {
		return
	}
	if f, ok := moneyFactor(text, row.Unit); ok {
		if r.scale == nil {
			r.scale = map[string]decimal.Decimal{}
		}
		for _, col := range row.Table().Columns {
			r.scale[schema.Key(row.Code, col.Code)] = f
		}
	}
}

// checkUnit compares a row's unit cell with the schema's unit. A money unit
// the table's converts to (元 on a 万元 row) has had the row's numbers
// converted (unitScale): a warning says so.
func (r *reader) checkUnit(g *sheet, m *match, row *schema.Row) {
	if m.band.unitCol < 0 || row.Unit == "" {
		return
	}
	got, gr := unitCell(g, m)
	n := normUnit(got)
	if n == "" || n == normUnit(row.Unit) {
		return
	}
	key := schema.Key(row.Code, row.Table().Columns[0].Code)
	f := schema.Finding{Severity: unitSeverity(row.Unit, got), Kind: schema.KindUnit, Rule: "read:unit",
		Sheet: g.Name, Cell: r.cellRef(g, gr, m.band.unitCol), Codes: []string{key},
		Msg: schema.Msg(msgReadUnit, rowName(row), oneLine(got), row.Unit)}
	if _, scaled := r.scale[key]; scaled {
		// The numbers are in the table's unit now: converted here, or read
		// in the unit they name themselves (26500元).
		v := r.sub.Values[key]
		f.Severity = schema.Warning
		switch typed, ok := r.typed[key]; {
		case r.ownUnit[key]:
		case ok && !typed.IsZero():
			f.Msg = schema.Msg(msgReadUnitCellConverted, rowName(row), oneLine(got), row.Unit, v.Ref, typed, v.Num)
		case v.State == schema.Missing && v.Ref != "":
			// A formula computed later (computePending) is converted then.
			f.Msg = schema.Msg(msgReadUnitCellScaled, rowName(row), oneLine(got), row.Unit, v.Ref)
		}
	}
	r.sub.Add(f)
}

// unitSeverity: a money amount in the wrong unit is off by a factor of
// 10,000 and would corrupt the totals; other unit slips are warnings.
func unitSeverity(want, got string) schema.Severity {
	money := func(s string) bool { return strings.Contains(normUnit(s), "元") }
	if money(want) || money(got) {
		return schema.Error
	}
	return schema.Warning
}
