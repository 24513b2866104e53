package xlsx

import (
	"path/filepath"
	"regexp"
	"strings"

	"tally/schema"
)

// fillerLine matches a 填报单位 line: "填报单位：掌政镇人民政府（盖章）".
var fillerLine = regexp.MustCompile(`^\s*(?:填报单位|报送单位|填报机关|单位名称|填表单位)\s*[:：]?\s*(.*)$`)

// datedLine marks texts whose year is a date of filling, not the report year.
var datedLine = regexp.MustCompile(`日期|时间|印发|报送于|填报于|[0-9０-９]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月`)

// identify finds the unit name and report year: from a 填报单位 line, the
// title rows above the table, a cover sheet, the sheet name, and last the
// file name.
func (r *reader) identify(pls []*placement) {
	var main *placement
	for _, p := range pls {
		if p != nil {
			main = p
			break
		}
	}
	sub := r.sub
	var texts []string // candidate texts, most telling first
	for _, g := range r.grids {
		for ri, row := range g.rows {
			for ci, t := range row {
				m := fillerLine.FindStringSubmatch(schema.Fold(t))
				if m == nil || g.isFill(ri, ci) {
					continue
				}
				v := strings.TrimSpace(m[1])
				if v == "" {
					v = nextText(row, ci)
				}
				texts = append(texts, v)
			}
		}
	}
	var titleTexts []string
	if main != nil {
		for ri := 0; ri < main.top && ri < len(main.g.rows); ri++ {
			for ci, t := range main.g.rows[ri] {
				if t != "" && !main.g.isFill(ri, ci) {
					titleTexts = append(titleTexts, t)
				}
			}
		}
	}
	texts = append(texts, titleTexts...)
	var coverTexts []string
	for _, g := range r.grids {
		if main != nil && g == main.g {
			continue
		}
		for ri, row := range g.rows {
			if ri > 40 {
				break
			}
			for ci, t := range row {
				if t != "" && !g.isFill(ri, ci) {
					coverTexts = append(coverTexts, t)
				}
			}
		}
	}
	texts = append(texts, coverTexts...)
	if main != nil {
		texts = append(texts, main.g.sheet)
	}

	for _, t := range texts {
		if u := schema.UnitName(t); u != "" && schema.HasAdminSuffix(u) && !isFormTitle(u) {
			sub.Unit = u
			break
		}
	}
	if sub.Unit == "" {
		sub.Unit = fileUnit(r.name)
		if !schema.HasAdminSuffix(sub.Unit) {
			sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindUnknownUnit, Rule: "read:unit-name",
				Msg: schema.Msg("read.no-unit-name", sub.Unit)})
		}
	}
	for _, group := range [][]string{titleTexts, coverTexts, {filepath.Base(r.name)}} {
		for _, t := range group {
			if datedLine.MatchString(t) {
				continue
			}
			if y := schema.ParseYear(t); y >= 1990 && y <= 2100 {
				sub.Year = y
				break
			}
		}
		if sub.Year != 0 {
			break
		}
	}
	if sub.Year == 0 {
		sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindYear, Rule: "read:year",
			Msg: schema.Msg("read.no-year")})
	}
}

// isFormTitle rejects names that are really the form's own words.
func isFormTitle(u string) bool {
	return strings.Contains(u, "统计") || strings.Contains(u, "信息公开")
}

func nextText(row []string, after int) string {
	for c := after + 1; c < len(row); c++ {
		if strings.TrimSpace(row[c]) != "" {
			return row[c]
		}
	}
	return ""
}

// fileUnit derives a unit name from a file name: "03-大新镇2018年统计表.xlsx"
// → 大新镇; the bare file name when nothing name-like is in it.
func fileUnit(name string) string {
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if u := schema.UnitName(base); u != "" {
		return u
	}
	return base
}
