package consolidate

import (
	"sort"

	"tally/schema"
)

// UnitStatus says what a district office has to do about a unit.
type UnitStatus int

// The statuses, in the order a clerk deals with them.
const (
	// Missing: on the roster, and no file came (未报送).
	Missing UnitStatus = iota
	// Resend: its table has errors or could not be read (需重报). A file
	// met in a folder that is not a workbook (a Word report, a picture) is a
	// warning: the unit is then Check.
	Resend
	// Check: its table has warnings only; the unit confirms or corrects
	// (需核实).
	Check
	// Passed: nothing to do (通过).
	Passed
)

// Statuses lists the statuses in order.
var Statuses = []UnitStatus{Missing, Resend, Check, Passed}

// Code is the status as the JSON report writes it.
func (s UnitStatus) Code() string {
	return [...]string{"missing", "resend", "check", "passed"}[s]
}

// Name is the status in words.
func (s UnitStatus) Name(lang schema.Lang) string {
	return schema.Msg([...]*schema.Def{msgStatusUnitMissing, msgStatusUnitResend, msgStatusUnitCheck, msgStatusUnitPassed}[s]).Render(lang)
}

// A Unit is one reporting unit of the run: its status, the file that
// stands for it (the one summed, when it sent several) and the others.
type Unit struct {
	Name   string
	Status UnitStatus
	// File is the submission that stands for the unit; nil when it sent
	// nothing.
	File *schema.Submission
	// Superseded are its other files, not summed.
	Superseded []*schema.Submission
	// Errors, Warnings and Infos count the findings of File.
	Errors, Warnings, Infos int
}

// Problem is the unit's most serious finding (nil when it has none), the
// one to name when phoning the unit.
func (u *Unit) Problem() *schema.Finding {
	if u.File == nil {
		return nil
	}
	for _, sev := range []schema.Severity{schema.Error, schema.Warning} {
		if fs := u.File.FindingsOf(sev); len(fs) > 0 {
			return &fs[0]
		}
	}
	return nil
}

// Units lists the run's units by status (未报送, 需重报, 需核实, 通过), in
// input order within each: one entry per unit however many files it sent,
// and one per roster unit that sent none.
func (r *Result) Units() []Unit {
	var units []Unit
	at := map[string]int{}
	for _, s := range r.Submissions {
		key := schema.CanonicalUnit(s.Unit)
		i, seen := at[key]
		if !seen {
			at[key] = len(units)
			units = append(units, Unit{Name: s.Unit, File: s})
			continue
		}
		u := &units[i]
		// The file that stands for a unit is the one not superseded, and a
		// readable one before one that could not be read.
		if s.SupersededBy == "" && (u.File.SupersededBy != "" || u.File.Unreadable && !s.Unreadable) {
			u.Superseded = append(u.Superseded, u.File)
			u.File, u.Name = s, s.Unit
		} else {
			u.Superseded = append(u.Superseded, s)
		}
	}
	for i := range units {
		u := &units[i]
		u.Errors, u.Warnings, u.Infos = u.File.Count(schema.Error), u.File.Count(schema.Warning), u.File.Count(schema.Info)
		switch {
		case u.Errors > 0:
			u.Status = Resend
		case u.Warnings > 0:
			u.Status = Check
		default:
			u.Status = Passed
		}
	}
	for _, f := range r.Findings {
		if f.Kind == schema.KindMissingUnit {
			units = append(units, Unit{Name: f.Unit, Status: Missing})
		}
	}
	sort.SliceStable(units, func(i, j int) bool { return units[i].Status < units[j].Status })
	return units
}

// SummedUnits is how many units the totals sum: the distinct units of the
// included submissions (a unit whose name is unknown counts as one of its
// own).
func (r *Result) SummedUnits() int {
	units := map[string]bool{}
	n := 0
	for _, s := range r.Submissions {
		if !s.Included {
			continue
		}
		u := schema.CanonicalUnit(s.Unit)
		if u == "" || !units[u] {
			units[u] = u != ""
			n++
		}
	}
	return n
}
