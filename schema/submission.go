package schema

import (
	"github.com/shopspring/decimal"
)

// State says whether and how a value cell was read.
type State int

// The states of a value.
const (
	// Missing: the cell was not found (its row is missing, or the file
	// could not be read).
	Missing State = iota
	// Present: the cell holds a number.
	Present
	// Empty: the cell is blank; rules read it as 0.
	Empty
	// Invalid: the cell holds something that is not a number, or a formula
	// error.
	Invalid
)

// A Value is one value cell of a submission as read.
type Value struct {
	Num   decimal.Decimal
	State State
	// Ref is the cell's A1 reference, prefixed with its sheet when that
	// differs from the submission's sheet ("表三!K24").
	Ref string
}

// Usable reports whether rules can use the value (a blank counts as 0).
func (v Value) Usable() bool { return v.State == Present || v.State == Empty }

// A Submission is one workbook from one reporting unit, aligned with a
// schema: a value for every value cell, where each was found, and the
// findings made while reading and checking it.
type Submission struct {
	// File is the path as given on the command line.
	File   string
	SHA256 string
	Unit   string
	Year   int
	Sheet  string
	Schema *Schema
	Values map[string]Value
	// Findings holds the findings about this submission alone.
	Findings []Finding
	// Unreadable is set when the file could not be read as a submission.
	Unreadable bool
	// Included says whether the submission counts in the totals.
	Included bool
}

// Get returns the value of a cell for the rules: a blank reads as 0; ok is
// false when the cell has no usable value.
func (s *Submission) Get(key string) (decimal.Decimal, bool) {
	v, found := s.Values[key]
	if !found || !v.Usable() {
		return decimal.Decimal{}, false
	}
	return v.Num, true
}

// Ref returns where a cell was read, or "" when it was not found.
func (s *Submission) Ref(key string) string { return s.Values[key].Ref }

// Add records a finding about this submission.
func (s *Submission) Add(f Finding) { s.Findings = append(s.Findings, f) }

// Stamp fills in the file, unit and sheet of the submission's findings that
// lack them; call it once the unit and sheet are known.
func (s *Submission) Stamp() {
	for i := range s.Findings {
		f := &s.Findings[i]
		if f.File == "" {
			f.File = s.File
		}
		if f.Unit == "" {
			f.Unit = s.Unit
		}
		if f.Sheet == "" {
			f.Sheet = s.Sheet
		}
	}
}

// Status is "unreadable", "errors", "warnings" or "ok", by the most serious
// of the submission's findings.
func (s *Submission) Status() string {
	return StatusOf(s.Unreadable, s.Findings)
}

// StatusOf grades a list of findings as a submission's status.
func StatusOf(unreadable bool, fs []Finding) string {
	if unreadable {
		return "unreadable"
	}
	worst := 0
	for _, f := range fs {
		worst = max(worst, f.Severity.Rank())
	}
	switch worst {
	case 3:
		return "errors"
	case 2:
		return "warnings"
	}
	return "ok"
}
