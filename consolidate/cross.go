package consolidate

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"tally/schema"
)

// crossCheck makes the findings that need several submissions.

// ruleOtherSchema is the rule of the finding that a submission is in
// another format than the run's; Consolidate finds it again to make it an
// error when that submission is left out of the totals.
const ruleOtherSchema = "cross:schema"

func crossCheck(res *Result, opt Options) {
	var subs []*schema.Submission
	for _, s := range res.Submissions {
		if !s.Unreadable {
			subs = append(subs, s)
		}
	}
	mixedFormats(subs, res.Schema)
	duplicateUnits(subs)
	identicalValues(subs)
	res.Year = checkYear(subs, opt.Year)
	if opt.Roster != nil {
		res.Findings = append(res.Findings, checkRoster(res.Submissions, opt.Roster)...)
	}
	comparePrevious(res, opt.Previous)
}

// mixedFormats warns of submissions in another table format than most:
// they cannot be summed with the others.
func mixedFormats(subs []*schema.Submission, main *schema.Schema) {
	for _, s := range subs {
		if s.Schema != nil && main != nil && s.Schema != main {
			s.Included = false
			s.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindSchema, Rule: ruleOtherSchema,
				File: s.File, Unit: s.Unit, Sheet: s.Sheet,
				Msg: schema.Msg(msgCrossMixedFormat, schema.Both{Zh: s.Schema.Title, En: s.Schema.En}, schema.Both{Zh: main.Title, En: main.En})})
		}
	}
}

// duplicateUnits finds units that sent more than one table. The latest
// version (versionOf) is kept; each other one is superseded: left out of
// the totals, with a warning on both that says which was taken and why.
func duplicateUnits(subs []*schema.Submission) {
	groups := map[string][]*schema.Submission{}
	var order []string
	for _, s := range subs {
		k := schema.CanonicalUnit(s.Unit)
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], s)
	}
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		versions := make([]version, len(g))
		for i, s := range g {
			versions[i] = versionOf(s.File, s.Modified)
		}
		// The latest; a later file in input order wins a tie.
		best := 0
		for i := 1; i < len(g); i++ {
			if c, _ := later(versions[i], versions[best]); c >= 0 {
				best = i
			}
		}
		kept := g[best]
		// Each superseded file is told why the kept one is later than it;
		// the kept file, the weakest of those reasons.
		reasons := make([]int, len(g))
		weakest := byMark
		for i := range g {
			if i != best {
				_, reasons[i] = later(versions[best], versions[i])
				weakest = max(weakest, reasons[i])
			}
		}
		sev := schema.Warning
		if weakest == byNothing {
			sev = schema.Error // only the clerk can say which one is final
		}
		for i, s := range g {
			if i == best {
				s.Add(schema.Finding{Severity: sev, Kind: schema.KindDuplicateUnit, Rule: "cross:duplicate-unit",
					File: s.File, Unit: s.Unit, Sheet: s.Sheet,
					Msg: schema.Msg(msgCrossDuplicateKept, s.Unit, len(g), fileNames(g, s), why(versions[best], weakest))})
				continue
			}
			s.SupersededBy = kept.File
			s.Included = false
			s.Add(schema.Finding{Severity: sev, Kind: schema.KindDuplicateUnit, Rule: "cross:superseded",
				File: s.File, Unit: s.Unit, Sheet: s.Sheet,
				Msg: schema.Msg(msgCrossSuperseded, filepath.Base(kept.File), why(versions[best], reasons[i]))})
		}
	}
}

// identicalValues flags different units whose every number is the same: a
// table copied from another unit and not filled in.
func identicalValues(subs []*schema.Submission) {
	groups := map[string][]*schema.Submission{}
	var order []string
	// The signatures are made on every core: a province's run has
	// thousands.
	sigs := make([]string, len(subs))
	each(len(subs), 0, func(i int) {
		if sig, nonzero := signature(subs[i]); nonzero {
			sigs[i] = sig
		}
	})
	for i, s := range subs {
		sig := sigs[i]
		if sig == "" {
			continue
		}
		if groups[sig] == nil {
			order = append(order, sig)
		}
		groups[sig] = append(groups[sig], s)
	}
	for _, sig := range order {
		g := groups[sig]
		units := map[string]bool{}
		for _, s := range g {
			units[schema.CanonicalUnit(s.Unit)] = true
		}
		if len(units) < 2 {
			continue // the same unit twice is a duplicate-unit finding already
		}
		for _, s := range g {
			s.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindIdenticalValues, Rule: "cross:identical-values",
				File: s.File, Unit: s.Unit, Sheet: s.Sheet,
				Msg: schema.Msg(msgCrossIdenticalValues, others(g, s))})
		}
	}
}

// signature is a submission's values in key order, and whether any is not 0.
func signature(s *schema.Submission) (string, bool) {
	if s.Schema == nil {
		return "", false
	}
	var b strings.Builder
	b.WriteString(s.Schema.ID)
	nonzero := false
	for _, k := range s.Schema.Keys() {
		v, _ := s.Value(k)
		b.WriteByte('|')
		if v.Usable() {
			b.WriteString(v.Num.String())
			if !v.Num.IsZero() {
				nonzero = true
			}
		} else {
			b.WriteByte('-')
		}
	}
	return b.String(), nonzero
}

// checkYear compares each submission's year with the given year, or with
// the year most submissions have, and returns the run's year.
func checkYear(subs []*schema.Submission, want int) int {
	sev, id := schema.Error, msgCrossYearGiven
	if want == 0 {
		count := map[int]int{}
		for _, s := range subs {
			if s.Year != 0 {
				count[s.Year]++
			}
		}
		for y, n := range count {
			if n > count[want] || n == count[want] && y > want {
				want = y
			}
		}
		sev, id = schema.Warning, msgCrossYearMajority
	}
	if want == 0 {
		return 0
	}
	for _, s := range subs {
		if s.Year != 0 && s.Year != want {
			s.Add(schema.Finding{Severity: sev, Kind: schema.KindYear, Rule: "cross:year",
				File: s.File, Unit: s.Unit, Sheet: s.Sheet, Msg: schema.Msg(id, s.Year, want)})
		}
	}
	return want
}

// checkRoster compares the units that sent a file with the roster. A unit
// whose workbook could not be read did send one (its name taken from the
// file name): it must send it again, it is not missing. Another kind of
// file (a Word report, a picture) is not a table: its unit is still
// missing.
func checkRoster(subs []*schema.Submission, roster []string) []schema.Finding {
	expected := map[string]string{}
	for _, u := range roster {
		if c := schema.CanonicalUnit(u); c != "" {
			expected[c] = strings.TrimSpace(u)
		}
	}
	seen := map[string]bool{}
	for _, s := range subs {
		if s.Unreadable && s.Worst() != schema.Error {
			continue
		}
		c := schema.CanonicalUnit(s.Unit)
		seen[c] = true
		if _, ok := expected[c]; !ok && !s.Unreadable {
			s.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindUnknownUnit, Rule: "cross:roster",
				File: s.File, Unit: s.Unit, Sheet: s.Sheet, Msg: schema.Msg(msgCrossNotOnRoster, s.Unit)})
		}
	}
	var out []schema.Finding
	var missing []string
	for c, name := range expected {
		if !seen[c] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		out = append(out, schema.Finding{Severity: schema.Error, Kind: schema.KindMissingUnit, Rule: "cross:roster",
			Unit: name, Msg: schema.Msg(msgCrossMissingUnit, name)})
	}
	return out
}

// maxNamed is how many other files a finding names before it counts the
// rest: a group of hundreds would make every message a page long.
const maxNamed = 5

// others names the other files of a group, with their units; past
// maxNamed, it counts the rest.
func others(g []*schema.Submission, self *schema.Submission) schema.Both {
	var zh, en []string
	rest := 0
	for _, s := range g {
		if s == self {
			continue
		}
		if len(zh) == maxNamed {
			rest++
			continue
		}
		zh = append(zh, filepath.Base(s.File)+"（"+s.Unit+"）")
		en = append(en, filepath.Base(s.File)+" ("+s.Unit+")")
	}
	b := schema.Both{Zh: strings.Join(zh, "、"), En: strings.Join(en, ", ")}
	if rest > 0 {
		b.Zh += fmt.Sprintf(" 等另外 %d 份", rest)
		b.En += fmt.Sprintf(" and %d more", rest)
	}
	return b
}

// fileNames names the files of a group but self, without their folders.
func fileNames(g []*schema.Submission, self *schema.Submission) schema.Both {
	var names []string
	for _, s := range g {
		if s != self {
			names = append(names, filepath.Base(s.File))
		}
	}
	return schema.Both{Zh: strings.Join(names, "、"), En: strings.Join(names, ", ")}
}

// ReadRoster reads a roster file as editors save it (UTF-8 with or without
// a byte-order mark, UTF-16, GBK: schema.DecodeText), one unit a line.
func ReadRoster(data []byte) ([]string, error) {
	text, err := schema.DecodeText(data)
	if err != nil {
		return nil, err
	}
	return ParseRoster(text), nil
}

// ParseRoster reads a roster: one unit a line; blank lines and lines
// starting with # are ignored; a UTF-8 byte-order mark is allowed.
func ParseRoster(text string) []string {
	text = strings.TrimPrefix(text, "\ufeff")
	out := []string{}
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// cellPos splits "Sheet!C24" into the sheet, row and column for sorting;
// a finding without a cell sorts first.
func cellPos(ref string) (sheet string, row, col int) {
	if i := strings.LastIndex(ref, "!"); i >= 0 {
		sheet, ref = ref[:i], ref[i+1:]
	}
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return sheet, 0, 0
		}
		row = row*10 + int(ref[i]-'0')
	}
	return sheet, row, col
}
