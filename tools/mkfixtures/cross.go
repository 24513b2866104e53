package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// crossRoster is cross/roster.txt: 丽景街街道 has no file, 文化街街道 has a
// file but is not listed.
var crossRoster = []string{"大新镇", "凤凰北街街道", "银古路街道", "胜利街街道", "富宁街街道", "丽景街街道"}

// rosterEntries returns the unit lines of a roster as written: without
// comments (from #) and blank lines.
func rosterEntries(lines []string) []string {
	var out []string
	for _, l := range lines {
		l, _, _ = strings.Cut(l, "#")
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// rosterUnits returns the units a roster lists, in the form the workbooks'
// units are given in: 凤凰北街街道办事处 is 凤凰北街街道. nil for no roster.
func rosterUnits(lines []string) []string {
	if lines == nil {
		return nil
	}
	units := []string{}
	for _, l := range rosterEntries(lines) {
		if s, ok := strings.CutSuffix(l, "街道办事处"); ok {
			l = s + "街道"
		}
		units = append(units, l)
	}
	return units
}

// crossBooks builds the cross/ workbooks: each is clean on its own; the
// findings come from comparing them with each other and with the roster.
func crossBooks() []workbook {
	book := func(unit string, shift int, about string, want ...string) workbook {
		w := town("兴庆区", unit, baseData.shifted(shift))
		w.about, w.want = about, want
		return w
	}
	first := book("大新镇", 1, "大新镇第一次报送；同一单位另有一份修改稿", "duplicate-unit")
	second := book("大新镇", 2, "大新镇修改稿（文件名不同、数不同）：同一单位两份", "duplicate-unit")
	second.file = "大新镇（修改稿）.xlsx"
	old := book("胜利街街道", 6, "标题年度为 2017，其余均为 2018", "year")
	old.year = 2017
	old.titles = []string{title("兴庆区", "胜利街街道", "2017")}
	return []workbook{
		first, second,
		book("凤凰北街街道", 5, "与银古路街道的数完全相同（抄报）", "identical-values"),
		book("银古路街道", 5, "与凤凰北街街道的数完全相同（抄报）", "identical-values"),
		old,
		book("富宁街街道", 7, "正常报送，名单内，无任何提示"),
		book("文化街街道", 8, "不在名单 roster.txt 中", "unknown-unit"),
	}
}

// crossCheck adds the cross-submission findings to each expectation and
// returns those that belong to no file (a roster unit without a file). Only
// workbooks whose table was read take part. roster is nil when there is none.
func crossCheck(exps []*expectation, roster []string) []finding {
	var tables []*expectation
	for _, e := range exps {
		if e.Codes != nil {
			tables = append(tables, e)
		}
	}
	years := map[int]int{}
	for _, e := range tables {
		years[e.Year]++
	}
	majority := 0
	for _, y := range slices.Sorted(maps.Keys(years)) {
		if years[y] > years[majority] {
			majority = y
		}
	}
	for _, e := range tables {
		add := func(kind, severity string) {
			e.Findings = append(e.Findings, finding{Kind: kind, Severity: severity})
		}
		if slices.ContainsFunc(tables, func(o *expectation) bool { return o != e && o.Unit == e.Unit }) {
			// The later version (修改稿 in its name) is summed and the other
			// superseded, a warning on both; only when the names tell no
			// version apart is it an error.
			severity := "error"
			if slices.ContainsFunc(tables, func(o *expectation) bool {
				return o.Unit == e.Unit && strings.Contains(o.File, "修改稿")
			}) {
				severity = "warning"
			}
			add("duplicate-unit", severity)
		}
		if slices.ContainsFunc(tables, func(o *expectation) bool { return o.Unit != e.Unit && sameValues(o, e) }) {
			add("identical-values", "warning")
		}
		if e.Year != majority {
			add("year", "warning")
		}
		if roster != nil && !slices.Contains(roster, e.Unit) {
			add("unknown-unit", "warning")
		}
	}
	var top []finding
	for _, u := range roster {
		if !slices.ContainsFunc(tables, func(e *expectation) bool { return e.Unit == u }) {
			top = append(top, finding{Kind: "missing-unit", Severity: "error", Unit: u})
		}
	}
	return top
}

func sameValues(a, b *expectation) bool {
	for _, code := range a.Codes {
		va, vb := a.Values[code], b.Values[code]
		if (va == nil) != (vb == nil) || (va != nil && va.Cmp(vb) != 0) {
			return false
		}
	}
	return true
}

// noCross fails when workbooks meant to be independent would trigger a
// cross-submission finding when read together.
func noCross(exps []*expectation) error {
	clones := make([]*expectation, len(exps))
	for i, e := range exps {
		c := *e
		c.Findings = nil
		clones[i] = &c
	}
	crossCheck(clones, nil)
	for _, c := range clones {
		if len(c.Findings) > 0 {
			return fmt.Errorf("%s: read together with the others it gets %s", c.File, c.Findings[0].Kind)
		}
	}
	return nil
}

// formatYears warns of a workbook whose year its format is not for (a
// 2021 table in the 2019 format).
func formatYears(exps []*expectation) {
	for _, e := range exps {
		from, to, ok := formatSpan(e.Schema)
		if e.Codes == nil || !ok || e.Year == 0 {
			continue
		}
		if e.Year < from || to != 0 && e.Year > to {
			e.Findings = append(e.Findings, finding{Kind: "year", Severity: "warning", noCodes: true})
		}
	}
}

// formatSpan is the report years a built-in format is for.
func formatSpan(id string) (from, to int, ok bool) {
	switch id {
	case "", "gov-info-2018":
		return 2008, 2018, true
	case "gov-info-2019":
		return 2019, 2020, true
	case "gov-info-2021":
		return 2021, 0, true
	}
	return 0, 0, false
}

// otherFormats gives each workbook in a format other than the folder's
// majority a schema warning: the district mixes formats, and its totals
// leave that workbook out.
func otherFormats(exps []*expectation) {
	m := majority(exps)
	for _, e := range exps {
		if e.Codes != nil && e.Schema != m {
			e.Findings = append(e.Findings, finding{Kind: "schema", Severity: "warning", noCodes: true})
		}
	}
}
