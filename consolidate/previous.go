package consolidate

import (
	"path/filepath"
	"sort"
	"strings"
	"tally/internal/contain"

	"github.com/shopspring/decimal"

	"tally/errtext"
	"tally/schema"
)

// Jump says which changes from last year are implausible: a value that
// grew or shrank more than Factor times when both years are at least Min,
// or that went from 0 to at least FromZero. A change close to 10,000 times
// (元 typed for 万元, or the reverse) is flagged whatever the values. Only
// numbers typed in both years count: not blank cells, not negative ones.
type Jump struct {
	Factor   decimal.Decimal // zero: no jump checks
	Min      decimal.Decimal
	FromZero decimal.Decimal
}

// DefaultJump is ×5 or ÷5 when both years are at least 10, and 0 → 50.
func DefaultJump() Jump {
	return Jump{Factor: decimal.NewFromInt(5), Min: decimal.NewFromInt(10), FromZero: decimal.NewFromInt(50)}
}

// Previous is last year's figures for a run: the units read from what
// --previous named.
type Previous struct {
	// Units are last year's tables, one per unit (a consolidated workbook
	// gives one per unit of its 明细 sheet).
	Units []*schema.Submission
	Jump  Jump
	// Findings are about reading last year's files (one that could not be
	// read); they are the run's.
	Findings []schema.Finding
	// Files are the files read, for the record of the run.
	Files []PreviousFile
}

// PreviousFile is one file of last year's figures: its name, digest, year
// and how many units' tables it gave (0: unreadable).
type PreviousFile struct {
	Name   string
	SHA256 string
	Year   int
	Units  int
}

// YearOnYear sets the run beside last year: each unit matched with its own
// table of last year, and last year's totals.
type YearOnYear struct {
	Year  int // last year's report year
	Link  *schema.Link
	Units []UnitYears // in the order of the run's submissions
	// LastTotals are last year's totals of the comparable figures, over
	// every unit of last year in the linked format, by figure.
	LastTotals []decimal.Decimal
}

// UnitYears is one unit's table this year and last year.
type UnitYears struct {
	This, Last *schema.Submission
}

// comparePrevious matches each submission with its unit's table of last
// year, checks the rules between the years and looks for implausible
// changes.
func comparePrevious(res *Result, prev *Previous) {
	if prev == nil {
		return
	}
	res.Findings = append(res.Findings, prev.Findings...)
	res.PreviousFiles = prev.Files
	// Last year's tables, one per unit: a folder may hold a unit's table
	// twice, or the district's consolidated workbook beside the townships'
	// own; the first is used, and the others named once.
	var last []*schema.Submission
	byName, byStem := map[string][]*schema.Submission{}, map[string][]*schema.Submission{}
	for _, s := range prev.Units {
		if s.Unreadable || s.Schema == nil {
			continue
		}
		c := schema.CanonicalUnit(s.Unit)
		if first := byName[c]; len(first) > 0 {
			res.Findings = append(res.Findings, schema.Finding{Severity: schema.Info, Kind: schema.KindPrevious,
				Rule: "previous:twice", File: s.File, Unit: s.Unit,
				Msg: schema.Msg(msgPreviousTwice, s.Unit, filepath.Base(first[0].File), filepath.Base(s.File))})
			continue
		}
		last = append(last, s)
		byName[c] = append(byName[c], s)
		byStem[unitStem(c)] = append(byStem[unitStem(c)], s)
	}
	matched := map[*schema.Submission]bool{}
	linked := map[[2]*schema.Schema]bool{}
	yoy := &YearOnYear{}
	years := map[int]bool{}
	for _, s := range res.Submissions {
		if s.Unreadable || s.Schema == nil {
			continue
		}
		c := schema.CanonicalUnit(s.Unit)
		cands := byName[c]
		if len(cands) == 0 && len(byStem[unitStem(c)]) == 1 {
			cands = byStem[unitStem(c)]
		}
		if len(cands) == 0 {
			s.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindPrevious, Rule: "previous:unmatched",
				File: s.File, Unit: s.Unit, Sheet: s.Sheet, Msg: schema.Msg(msgPreviousNoUnit, s.Unit)})
			continue
		}
		l := cands[0]
		matched[l] = true
		if l.Year != 0 {
			years[l.Year] = true
		}
		link, err := s.Schema.LinkTo(l.Schema)
		pair := [2]*schema.Schema{s.Schema, l.Schema}
		if err != nil || link == nil {
			if !linked[pair] {
				linked[pair] = true
				msg := schema.Msg(msgPreviousNoLink, schema.Both{Zh: l.Schema.Title, En: l.Schema.En}, schema.Both{Zh: s.Schema.Title, En: s.Schema.En})
				if err != nil {
					msg = schema.Msg(msgPreviousBadLink, s.Schema.ID, l.Schema.ID, err.Error())
				}
				res.Findings = append(res.Findings, schema.Finding{Severity: schema.Warning, Kind: schema.KindPrevious,
					Rule: "previous:link", Msg: msg})
			}
			continue
		}
		for _, f := range link.Check(s, l) {
			f.File, f.Unit, f.Sheet = s.File, s.Unit, s.Sheet
			s.Add(f)
		}
		for _, f := range jumps(link, s, l, prev.Jump) {
			s.Add(f)
		}
		if s.Schema == res.Schema && (yoy.Link == nil || yoy.Link == link) {
			yoy.Link = link
			yoy.Units = append(yoy.Units, UnitYears{This: s, Last: l})
		}
	}
	for _, l := range last {
		if matched[l] {
			continue
		}
		res.Findings = append(res.Findings, schema.Finding{Severity: schema.Info, Kind: schema.KindPrevious,
			Rule: "previous:not-this-year", File: l.File, Unit: l.Unit, Msg: schema.Msg(msgPreviousNotThisYear, l.Unit, filepath.Base(l.File))})
	}
	if res.Year != 0 {
		var ys []int
		for y := range years {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		for _, y := range ys {
			if y != res.Year-1 {
				res.Findings = append(res.Findings, schema.Finding{Severity: schema.Warning, Kind: schema.KindPrevious,
					Rule: "previous:year", Msg: schema.Msg(msgPreviousYear, y, res.Year-1)})
			}
		}
	}
	if yoy.Link == nil {
		return
	}
	for _, l := range yoy.Units {
		if l.Last.Year != 0 {
			yoy.Year = l.Last.Year
			break
		}
	}
	yoy.LastTotals = make([]decimal.Decimal, len(yoy.Link.Pairs))
	for _, l := range last {
		if l.Schema != yoy.Link.Last {
			continue
		}
		for i, fig := range yoy.Link.Pairs {
			if v, ok := fig.Value(l, true); ok {
				yoy.LastTotals[i] = yoy.LastTotals[i].Add(v)
			}
		}
	}
	res.YearOnYear = yoy
}

// unitStem is a unit's name without its level: 凤凰北街街道 and 凤凰北街办事处
// are both 凤凰北街.
func unitStem(name string) string {
	for _, suf := range []string{"街道办事处", "街道办", "街道", "办事处", "民族乡", "镇", "乡"} {
		if s := strings.TrimSuffix(name, suf); s != name && s != "" {
			return s
		}
	}
	return name
}

// jumps flags the comparable figures that changed implausibly. A total
// whose part changed implausibly too is left to the part, which says where
// the change is.
func jumps(link *schema.Link, this, last *schema.Submission, j Jump) []schema.Finding {
	if j.Factor.Sign() <= 0 {
		return nil
	}
	var out []schema.Finding
	jumped := map[string]bool{}
	for _, fig := range link.Pairs {
		now, ok1 := fig.Value(this, false)
		was, ok2 := fig.Value(last, true)
		if !ok1 || !ok2 || !typed(this, fig.This) || !typed(last, fig.Last) || now.Sign() < 0 || was.Sign() < 0 || now.Equal(was) {
			continue
		}
		hint := false
		var change schema.Both
		switch {
		case was.IsZero():
			if now.LessThan(j.FromZero) {
				continue
			}
			change = schema.Both{Zh: "从 0 增加", En: "up from nothing"}
		case now.IsZero():
			continue
		default:
			hi, lo := decimal.Max(now, was), decimal.Min(now, was)
			ratio := hi.Div(lo)
			hint = ratio.GreaterThanOrEqual(decimal.NewFromInt(8000)) && ratio.LessThanOrEqual(decimal.NewFromInt(12500))
			big := lo.GreaterThanOrEqual(j.Min) && ratio.GreaterThan(j.Factor)
			if !hint && !big {
				continue
			}
			r := ratio.StringFixed(1)
			if now.GreaterThan(was) {
				change = schema.Both{Zh: "增至 " + r + " 倍", En: r + " times as much"}
			} else {
				change = schema.Both{Zh: "减至约 1/" + r, En: "about 1/" + r + " of it"}
			}
		}
		if len(fig.This) == 1 {
			jumped[fig.This[0]] = true
		}
		name := names(link.This, fig.This)
		lastName := names(link.Last, fig.Last)
		if lastName.Zh == name.Zh {
			lastName = schema.Both{}
		} else {
			lastName = schema.Both{Zh: "（" + lastName.Zh + "）", En: " (" + lastName.En + ")"}
		}
		note := schema.Both{}
		if hint {
			note = schema.Both{Zh: "；相差约一万倍，可能把元当作万元填写（或相反）", En: "; about 10,000 times: 元 typed for 万元, or the reverse?"}
		}
		out = append(out, schema.Finding{Severity: schema.Warning, Kind: schema.KindJump, Rule: "previous:jump",
			File: this.File, Unit: this.Unit, Sheet: this.Sheet, Cell: this.Ref(fig.This[0]),
			Codes: append([]string{}, fig.This...), Expected: &was, Actual: &now,
			Msg: schema.Msg(msgPreviousJump, name, refOf(this, fig.This[0]), now, lastName, was, change, note)})
	}
	// A total whose part jumped: the part's finding says it.
	parts := map[string][]string{}
	for _, r := range link.This.Relations() {
		if r.Form == "sum" {
			parts[r.Left[0]] = append(parts[r.Left[0]], r.Right...)
		}
	}
	kept := out[:0]
	for _, f := range out {
		redundant := false
		if len(f.Codes) == 1 {
			for _, p := range parts[f.Codes[0]] {
				if jumped[p] {
					redundant = true
				}
			}
		}
		if !redundant {
			kept = append(kept, f)
		}
	}
	return kept
}

// typed reports whether every cell holds a number as typed: a blank cell
// reads as 0 for the rules, but a blank last year is more often a cell left
// empty than a true 0, so it makes no jump.
func typed(s *schema.Submission, keys []string) bool {
	for _, k := range keys {
		if v, ok := s.Value(k); !ok || v.State != schema.Present {
			return false
		}
	}
	return true
}

// names is the display name of a figure's cells, joined by +.
func names(s *schema.Schema, keys []string) schema.Both {
	var zh, en []string
	for _, k := range keys {
		zh = append(zh, s.CellName(k, schema.Zh))
		en = append(en, s.CellName(k, schema.En))
	}
	return schema.Both{Zh: strings.Join(zh, "+"), En: strings.Join(en, "+")}
}

// refOf is "(C8)" for a cell that was read, "" otherwise.
func refOf(s *schema.Submission, key string) string {
	if r := s.Ref(key); r != "" {
		return "(" + r + ")"
	}
	return ""
}

// A UnitsReader reads last year's tables from a file: one for a township's
// workbook, one per unit for a consolidated workbook.
type UnitsReader func(data []byte, name string) []*schema.Submission

// ReadPrevious reads what --previous names, on jobs workers. A file that
// cannot be read is a warning of the run: last year's figures are a help,
// not this year's input.
func ReadPrevious(sources []Source, read UnitsReader, jobs int, jump Jump) *Previous {
	got := make([][]*schema.Submission, len(sources))
	each(len(sources), jobs, func(i int) { got[i] = readUnits(sources[i], read) })
	prev := &Previous{Jump: jump}
	for i, units := range got {
		file := PreviousFile{Name: sources[i].Name}
		for _, u := range units {
			if !u.Unreadable {
				file.Units++
				file.SHA256, file.Year = u.SHA256, u.Year
			}
		}
		prev.Files = append(prev.Files, file)
		for _, u := range units {
			if u.Unreadable {
				for _, f := range u.FindingList() {
					if f.Kind == schema.KindUnreadable || f.Kind == schema.KindSchema {
						prev.Findings = append(prev.Findings, schema.Finding{Severity: schema.Warning, Kind: schema.KindPrevious,
							Rule: "previous:unreadable", File: sources[i].Name, Msg: schema.Msg(msgPreviousUnreadable, f.Msg)})
						break
					}
				}
				continue
			}
			u.SetFindings(nil) // last year's own findings are last year's business
			u.Compact()
			prev.Units = append(prev.Units, u)
		}
	}
	return prev
}

// readUnits reads last year's tables from a source: the verdict on one
// file, where a panic is contained (see judge).
func readUnits(src Source, read UnitsReader) (units []*schema.Submission) {
	failed := func(reason schema.Localizer) []*schema.Submission {
		sub := &schema.Submission{File: src.Name, Unreadable: true}
		sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindUnreadable, Msg: schema.Msg(msgRunLoadFailed, reason)})
		return []*schema.Submission{sub}
	}
	if p := contain.Call(func() {
		data, err := src.Load()
		if err != nil {
			units = failed(errtext.Of(err))
			return
		}
		units = read(data, src.Name)
	}); p != nil {
		units = failed(errtext.Panic(p))
	}
	return units
}
