package table

import (
	"path/filepath"
	"regexp"
	"strings"

	"tally/schema"
)

// fillerLine matches a 填报单位 line: "填报单位：掌政镇人民政府（盖章）".
var fillerLine = regexp.MustCompile(`^\s*(?:填报单位|报送单位|填报机关|单位名称|填表单位)\s*[:：]?\s*(.*)$`)

// datedLine marks texts whose year is a date of filling or printing, not
// the report year ("填报日期：2019年1月10日").
var datedLine = regexp.MustCompile(`日期|时间：|印发|报送|填报于|打印|制表`)

// identify finds the unit name and report year. The unit: a 填报单位 line
// on the table's sheet, the title above the table, the printed page
// header, the sheet's name, then the other visible sheets (a cover), and
// last the file name. A district's name in the title where the file names
// a township (a district template not retitled) gives way to the file name,
// with a warning. The year: the table's own title or header, the title
// rows, the sheet name, the page header, a cover, the file name.
func (r *reader) identify(pls []*placement) {
	var main *placement
	for _, p := range pls {
		if p != nil {
			main = p
			break
		}
	}
	sub := r.sub
	var own, others []string // candidate texts, most telling first
	if main != nil {
		own = append(own, fillerTexts(main.g)...)
		own = append(own, titleTexts(main)...)
		own = append(own, main.g.Header, main.g.Name)
	}
	for _, g := range r.grids {
		if main != nil && g == main.g || g.Hidden {
			continue
		}
		others = append(others, fillerTexts(g)...)
		for ri, row := range g.Rows() {
			if ri > 40 {
				break
			}
			for ci, t := range row {
				if t != "" && !g.IsFill(ri, ci) {
					others = append(others, t)
				}
			}
		}
	}
	for _, t := range append(own, others...) {
		if u := schema.UnitName(t); u != "" && schema.IsUnitName(u) && !isFormTitle(u) {
			sub.Unit = u
			break
		}
	}
	fromFile := schema.FileUnit(r.sub.File)
	switch {
	case sub.Unit == "":
		sub.Unit = fromFile
		if !schema.IsUnitName(sub.Unit) {
			sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindUnknownUnit, Rule: "read:unit-name",
				Msg: schema.Msg(msgReadNoUnitName, sub.Unit)})
		}
	case schema.UpperLevel(sub.Unit) && schema.LowerLevel(fromFile):
		sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindUnknownUnit, Rule: "read:unit-name",
			Msg: schema.Msg(msgReadUnitMismatch, sub.Unit, fromFile)})
		sub.Unit = fromFile
	}
	var years []string
	if main != nil {
		if main.year != 0 {
			sub.Year = main.year
		}
		years = append(years, titleTexts(main)...)
		years = append(years, main.headText...)
		years = append(years, main.g.Name, main.g.Header)
	}
	years = append(years, others...)
	years = append(years, filepath.Base(r.sub.File))
	for _, t := range years {
		if sub.Year != 0 {
			break
		}
		if datedLine.MatchString(t) {
			continue
		}
		if y := schema.ParseYear(t); y >= 1990 && y <= 2100 {
			sub.Year = y
		}
	}
	if sub.Year == 0 {
		sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindYear, Rule: "read:year",
			Msg: schema.Msg(msgReadNoYear)})
	}
}

// fillerTexts are the unit names given on 填报单位 lines of a sheet.
func fillerTexts(g *sheet) []string {
	var out []string
	for ri, row := range g.Rows() {
		for ci, t := range row {
			if !strings.Contains(t, "单位") && !strings.Contains(t, "机关") {
				continue // every filler label names one or the other
			}
			m := fillerLine.FindStringSubmatch(foldText(t))
			if m == nil || g.IsFill(ri, ci) {
				continue
			}
			v := strings.TrimSpace(m[1])
			if v == "" || schema.UnitName(v) == "" {
				v = nextText(row, ci)
			}
			out = append(out, v)
		}
	}
	return out
}

// titleTexts are the texts of the rows above a table, nearest first, up to
// the table above it on the same sheet.
func titleTexts(p *placement) []string {
	from := 0
	for _, o := range p.others {
		if o.last < p.top {
			from = max(from, o.last+1)
		}
	}
	var out []string
	for ri := min(p.top, len(p.g.Rows())) - 1; ri >= from; ri-- {
		for ci, t := range p.g.Rows()[ri] {
			if t != "" && !p.g.IsFill(ri, ci) {
				out = append(out, t)
			}
		}
	}
	return out
}

// isFormTitle rejects names that are really the form's own words (a 统计局
// is a unit).
func isFormTitle(u string) bool {
	return strings.Contains(strings.ReplaceAll(u, "统计局", ""), "统计") || strings.Contains(u, "信息公开")
}

func nextText(row []string, after int) string {
	for c := after + 1; c < len(row); c++ {
		if strings.TrimSpace(row[c]) != "" {
			return row[c]
		}
	}
	return ""
}
