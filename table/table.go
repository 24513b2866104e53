package table

import (
	"fmt"
	"regexp"
	"strings"

	"tally/grid"
	"tally/schema"

	"github.com/shopspring/decimal"
)

// Options say which tables to look for.
type Options struct {
	// Schemas are the formats a workbook may be in; the best match is used.
	Schemas []*schema.Schema
	// Forced says the single schema was chosen by the user: a workbook
	// that matches it poorly is still reported against it.
	Forced bool
	// Year is the report year asked for (--year); it decides between
	// tables of several years in one workbook. 0: the latest.
	Year int
}

// minScore is the share of a table's indicator labels a sheet must show
// for the workbook to count as that table.
const minScore = 0.3

// Read finds the table of one of the schemas on the grids of one file and
// reads its values into sub, whose File names the file: the schema, sheet,
// unit and year, every value cell with its reference, and the findings of
// reading (the schema's rules are checked separately,
// [schema.Schema.Check]). A file whose grids hold no table is marked
// Unreadable, with a finding that says why.
//
// Value cells whose formulas have no stored result are left missing and
// returned: the caller may have a spreadsheet program compute them and
// read its copy instead, or compute them on the grid ([Pending.Compute]).
// Read returns nil when there are none.
func Read(sub *schema.Submission, grids []*grid.Grid, opt Options) *Pending {
	r := &reader{sub: sub, grids: sheetsOf(grids),
		typed: map[string]decimal.Decimal{}, ownUnit: map[string]bool{}, strays: map[cellAt]bool{}}
	r.read(opt)
	if len(r.pending) == 0 {
		return nil
	}
	return &Pending{r: r}
}

// Pending are the value cells of a table read by [Read] whose formulas
// have no stored result.
type Pending struct{ r *reader }

// Compute computes the formulas on the grids, as a spreadsheet would, and
// reads their results into the submission: the arithmetic of statistics
// tables (references, ranges, + - * / and SUM, ROUND, IF and the like); a
// formula that uses anything else, or refers to itself, is a finding.
func (p *Pending) Compute() { p.r.computePending() }

// reader finds a table in the sheets of one file and reads its cells.
type reader struct {
	sub   *schema.Submission
	grids []*sheet
	// pending are value cells whose formulas have no stored result.
	pending []pendingCell
	// others are placements of the chosen schema's tables on sheets that
	// were not chosen.
	others []*placement
	// scale holds, by cell key, what the numbers of a row whose unit cell
	// names another money unit (元 on a 万元 row) are multiplied by; typed
	// holds a number read so as it was typed, and ownUnit the keys whose
	// number named its unit itself (26500元), which wins over the unit cell.
	scale   map[string]decimal.Decimal
	typed   map[string]decimal.Decimal
	ownUnit map[string]bool
	// strays are the cells reported as a number typed beside its empty
	// value cell (strayNumbers): their column is not reported again.
	strays map[cellAt]bool
}

// unreadable marks a submission unreadable with a finding.
func unreadable(sub *schema.Submission, id *schema.Def, args ...any) {
	sub.Unreadable = true
	kind := schema.KindUnreadable
	if id == msgReadNoSchema || id == msgReadNoData {
		kind = schema.KindSchema
	}
	sub.Add(schema.Finding{Severity: schema.Error, Kind: kind, Rule: "read:" + kind, Msg: schema.Msg(id, args...)})
}

func (r *reader) read(opt Options) {
	var (
		best       *schema.Schema
		bestPl     []*placement
		bestOthers []*placement
		bestScore  = -1.0
	)
	for _, s := range opt.Schemas {
		r.others = nil
		pls, score := r.place(s, opt.Year)
		if score > bestScore {
			best, bestPl, bestOthers, bestScore = s, pls, r.others, score
		}
		if bestScore >= 1 {
			break // every row of every table found: no schema can do better
		}
	}
	r.others = bestOthers
	if best == nil || empty(r.grids) {
		unreadable(r.sub, msgReadNoData)
		return
	}
	matched := 0
	for _, p := range bestPl {
		if p != nil {
			matched += p.matched
		}
	}
	if bestScore < minScore || matched < 5 {
		r.sub.Schema = best
		if opt.Forced {
			unreadable(r.sub, msgReadNoMatchForced, schema.Both{Zh: best.Title, En: best.En}, best.ID, percent(bestScore))
		} else {
			unreadable(r.sub, msgReadNoSchema, titles(opt.Schemas), percent(bestScore))
		}
		return
	}
	r.sub.Schema = best
	for _, p := range bestPl {
		if p != nil && r.sub.Sheet == "" {
			r.sub.Sheet = p.g.Name
		}
	}
	for i, t := range best.Tables {
		r.values(t, bestPl[i])
	}
	r.identify(bestPl)
	r.noteOtherSheets(bestPl)
}

// place finds every table of a schema on the sheets, and the schema's score.
func (r *reader) place(s *schema.Schema, want int) ([]*placement, float64) {
	out := make([]*placement, len(s.Tables))
	total := 0.0
	for i, t := range s.Tables {
		ix := labelIndexOf(s, t)
		var all []*placement
		for _, g := range r.grids {
			if p := locate(g, ix, want); p != nil {
				all = append(all, p)
			}
		}
		out[i] = chooseSheet(all, want)
		for _, p := range all {
			if p != out[i] && p.score() >= minScore {
				r.others = append(r.others, p)
			}
		}
		total += out[i].score()
	}
	return out, total / float64(len(s.Tables))
}

// partialPeriod marks sheets of a quarter, a half year or a month.
var partialPeriod = regexp.MustCompile(`季度|季报|上半年|下半年|半年|\d{1,2}\s*月|[一二三四五六七八九十]+月`)

// chooseSheet picks the sheet to read among those holding the table: of the
// near-best matches, a visible sheet before a hidden one, the wanted (else
// the latest) year, a whole year before a quarter or a month, then the
// better match, then the earlier sheet.
func chooseSheet(all []*placement, want int) *placement {
	var best *placement
	top := 0.0
	for _, p := range all {
		top = max(top, p.score())
	}
	for _, p := range all {
		if best == nil {
			best = p
			continue
		}
		near := func(q *placement) bool { return q.score() >= top*0.9 }
		switch {
		case near(p) != near(best):
			if near(p) {
				best = p
			}
			continue
		case p.g.Hidden != best.g.Hidden:
			if !p.g.Hidden {
				best = p
			}
			continue
		}
		py, by := sheetYear(p), sheetYear(best)
		if py != by && py != 0 && by != 0 {
			if preferYear(py, by, want) {
				best = p
			}
			continue
		}
		pp, bp := partialPeriod.MatchString(p.g.Name), partialPeriod.MatchString(best.g.Name)
		if pp != bp {
			if !pp {
				best = p
			}
			continue
		}
		if p.score() > best.score() {
			best = p
		}
	}
	return best
}

// sheetYear is the year a sheet's table is for: from its title, its
// header, or the sheet's name.
func sheetYear(p *placement) int {
	if p.year != 0 {
		return p.year
	}
	if y := schema.ParseYear(p.g.Name); y >= 1990 && y <= 2100 {
		return y
	}
	return 0
}

// preferYear reports whether year a is to be preferred to year b: the
// wanted year, else the later one.
func preferYear(a, b, want int) bool {
	if want != 0 && (a == want) != (b == want) {
		return a == want
	}
	return a > b
}

// noteOtherSheets tells of further tables that were not read: on other
// sheets, or on the same sheet. A table of another year or of a quarter is
// a note; one that could be this very table again is a warning. Hidden
// sheets (drafts, sources of formulas) are passed over.
func (r *reader) noteOtherSheets(chosen []*placement) {
	seen := map[string]bool{}
	var main *placement
	for _, p := range chosen {
		if p != nil {
			seen[p.g.Name] = true
			if main == nil {
				main = p
			}
		}
	}
	year := 0
	if main != nil {
		year = sheetYear(main)
		for _, bl := range main.others {
			r.sub.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindSchema, Rule: "read:other-table",
				Sheet: main.g.Name, Msg: schema.Msg(msgReadOtherTable, yearText(bl.year), bl.first+1, bl.last+1, yearText(year))})
		}
	}
	for _, o := range r.others {
		if seen[o.g.Name] || o.g.Hidden {
			continue
		}
		seen[o.g.Name] = true
		sev := schema.Warning
		oy := sheetYear(o)
		if oy != 0 && year != 0 && oy != year || partialPeriod.MatchString(o.g.Name) {
			sev = schema.Info
		}
		r.sub.Add(schema.Finding{Severity: sev, Kind: schema.KindSchema, Rule: "read:other-sheet",
			Sheet: o.g.Name, Msg: schema.Msg(msgReadOtherSheet, o.g.Name, r.sub.Sheet)})
	}
}

// yearText names a year in a message, or says it is unknown.
func yearText(y int) schema.Both {
	if y == 0 {
		return schema.Both{Zh: "年度不明", En: "year unknown"}
	}
	return schema.Both{Zh: fmt.Sprintf("%d 年", y), En: fmt.Sprint(y)}
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// empty reports a workbook without a single filled cell.
func empty(grids []*sheet) bool {
	for _, g := range grids {
		for _, row := range g.Rows() {
			for _, t := range row {
				if strings.TrimSpace(t) != "" {
					return false
				}
			}
		}
	}
	return true
}

// titles names the formats a workbook was compared with.
func titles(ss []*schema.Schema) schema.Both {
	if len(ss) == 1 {
		return schema.Both{Zh: "《" + ss[0].Title + "》", En: ss[0].En}
	}
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.ID)
	}
	list := strings.Join(ids, ", ")
	return schema.Both{Zh: "各年版政府信息公开统计表（" + list + "）", En: "the information disclosure tables of every year (" + list + ")"}
}
