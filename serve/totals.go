package serve

import (
	"strings"

	"tally/run"
	"tally/schema"
)

// totalsView is the district's totals as the official table: each table
// of the format with its rows, units and columns, a total that breaks a
// rule marked bad (an error) or warn (a warning), as the findings below
// the table mark their severities.
type totalsView struct {
	Title  string
	Tables []totalsTable
}

type totalsTable struct {
	Caption, Section string
	Head             [][]headCell
	Rows             []totalsRow
	Single           bool
	Width            int
}

type headCell struct {
	Text             string
	ColSpan, RowSpan int
}

type totalsRow struct {
	Label, Unit string
	Heading     bool
	Cells       []totalsCell
}

type totalsCell struct {
	Key, Text, Class, Title string
}

// totals lays out the totals of a consolidated run.
func totals(res *run.Result, lang schema.Lang) *totalsView {
	w := wordsIn(lang)
	sc := res.Schema
	// The findings of each total, and the most serious of them.
	bad := map[string][]string{}
	worst := map[string]schema.Severity{}
	for _, f := range res.Findings {
		if f.Kind != schema.KindMissingUnit && len(f.Codes) > 0 && f.File == res.Out {
			key := f.Codes[0]
			bad[key] = append(bad[key], f.Message(lang))
			if f.Severity.Rank() > worst[key].Rank() {
				worst[key] = f.Severity
			}
		}
	}
	v := &totalsView{Title: res.Name}
	for _, t := range sc.Tables {
		tt := totalsTable{Caption: schema.Text{Zh: t.Title, En: t.En}.In(lang), Section: t.Section.In(lang), Single: t.Single()}
		if tt.Section == tt.Caption {
			tt.Section = ""
		}
		label := t.Header.Label
		if label == "" || lang == schema.En {
			label = w.Indicator
		}
		if tt.Single {
			unit := t.Header.Unit
			if unit == "" || lang == schema.En {
				unit = w.UnitCol
			}
			tt.Head = [][]headCell{{{Text: label}, {Text: unit}, {Text: w.Value}}}
			tt.Width = 3
		} else {
			tt.Head = matrixHead(t, label, lang)
			tt.Width = 1 + len(t.Columns)
		}
		for _, r := range t.Rows {
			row := totalsRow{Label: r.Label, Unit: r.Unit, Heading: r.Heading}
			if lang == schema.En && r.En != "" {
				row.Label = r.En
			}
			if r.Heading {
				tt.Rows = append(tt.Rows, row)
				continue
			}
			for _, c := range t.Columns {
				key := schema.Key(r.Code, c.Code)
				cell := totalsCell{Key: key, Class: "num"}
				if cl, ok := sc.Cell(key); ok && tt.Single {
					row.Unit = cl.Unit()
				}
				if v, ok := res.Totals[key]; ok {
					cell.Text = v.String()
				}
				if msgs := bad[key]; len(msgs) > 0 {
					switch worst[key] {
					case schema.Error:
						cell.Class += " bad"
					case schema.Warning:
						cell.Class += " warn"
					}
					cell.Title = strings.Join(msgs, "\n")
				}
				row.Cells = append(row.Cells, cell)
			}
			tt.Rows = append(tt.Rows, row)
		}
		v.Tables = append(v.Tables, tt)
	}
	return v
}

// matrixHead is the header rows of a table of several columns: the
// columns' groups over their labels, a group spanning its columns, the
// label column spanning every row.
func matrixHead(t *schema.Table, label string, lang schema.Lang) [][]headCell {
	depth := 1
	for _, c := range t.Columns {
		depth = max(depth, len(c.Group)+1)
	}
	head := make([][]headCell, depth)
	head[0] = append(head[0], headCell{Text: label, RowSpan: depth})
	name := func(c *schema.Column) string {
		if lang == schema.En && c.En != "" {
			return c.En
		}
		return c.Label
	}
	for level := range depth {
		for i := 0; i < len(t.Columns); i++ {
			c := t.Columns[i]
			switch {
			case level < len(c.Group):
				// A group: over the columns next to it that share it and
				// the groups above it.
				span := 1
				for i+span < len(t.Columns) && sameGroup(t.Columns[i+span], c, level) {
					span++
				}
				head[level] = append(head[level], headCell{Text: c.Group[level], ColSpan: span})
				i += span - 1
			case level == len(c.Group):
				head[level] = append(head[level], headCell{Text: name(c), RowSpan: depth - level})
			}
		}
	}
	return head
}

// sameGroup reports whether column o shares c's groups down to level.
func sameGroup(o, c *schema.Column, level int) bool {
	if len(o.Group) <= level {
		return false
	}
	for l := 0; l <= level; l++ {
		if o.Group[l] != c.Group[l] {
			return false
		}
	}
	return true
}
