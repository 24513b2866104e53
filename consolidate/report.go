package consolidate

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/shopspring/decimal"

	"tally/schema"
)

// Report is the JSON report of DESIGN.md: stable, read by scripts and tests.
type Report struct {
	Tool        string             `json:"tool"`
	Version     string             `json:"version"`
	Schema      string             `json:"schema"`
	Year        *int               `json:"year"`
	Submissions []SubmissionReport `json:"submissions"`
	Findings    []FindingReport    `json:"findings"`
	Totals      *Ordered           `json:"totals,omitempty"`
	Summary     Summary            `json:"summary"`
}

// SubmissionReport is one input file in the report.
type SubmissionReport struct {
	File     string   `json:"file"`
	SHA256   string   `json:"sha256"`
	Unit     string   `json:"unit"`
	Year     *int     `json:"year"`
	Schema   string   `json:"schema"`
	Sheet    string   `json:"sheet"`
	Status   string   `json:"status"`
	Included bool     `json:"included"`
	Values   *Ordered `json:"values"`
	Cells    *Ordered `json:"cells"`
}

// FindingReport is one finding in the report.
type FindingReport struct {
	Severity schema.Severity `json:"severity"`
	Kind     string          `json:"kind"`
	Rule     string          `json:"rule"`
	File     string          `json:"file"`
	Unit     string          `json:"unit"`
	Sheet    string          `json:"sheet"`
	Cell     string          `json:"cell"`
	Codes    []string        `json:"codes"`
	Expected *json.Number    `json:"expected"`
	Actual   *json.Number    `json:"actual"`
	Message  string          `json:"message"`
}

// Summary counts files and findings.
type Summary struct {
	Files    int `json:"files"`
	Readable int `json:"readable"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Ordered is a JSON object that keeps its keys in the order they were
// added (schema order for values and cells).
type Ordered struct {
	keys []string
	vals []any
}

// Set appends a key and its value.
func (o *Ordered) Set(k string, v any) {
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

// Len is the number of keys.
func (o *Ordered) Len() int { return len(o.keys) }

// MarshalJSON writes the object in insertion order.
func (o *Ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(o.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func number(d decimal.Decimal) json.Number { return json.Number(d.String()) }

func numberPtr(d *decimal.Decimal) *json.Number {
	if d == nil {
		return nil
	}
	n := number(*d)
	return &n
}

func yearPtr(y int) *int {
	if y == 0 {
		return nil
	}
	return &y
}

// AllFindings returns every finding of the run: each submission's in input
// order, then those of the run as a whole.
func (r *Result) AllFindings() []schema.Finding {
	var out []schema.Finding
	for _, s := range r.Submissions {
		out = append(out, s.Findings...)
	}
	return append(out, r.Findings...)
}

// Report builds the JSON report with messages in lang.
func (r *Result) Report(version string, lang schema.Lang) *Report {
	rep := &Report{Tool: "tally", Version: version, Year: yearPtr(r.Year),
		Submissions: []SubmissionReport{}, Findings: []FindingReport{}}
	if r.Schema != nil {
		rep.Schema = r.Schema.ID
	}
	for _, s := range r.Submissions {
		sr := SubmissionReport{File: s.File, SHA256: s.SHA256, Unit: s.Unit, Year: yearPtr(s.Year),
			Sheet: s.Sheet, Status: s.Status(), Included: s.Included, Values: &Ordered{}, Cells: &Ordered{}}
		if s.Schema != nil {
			sr.Schema = s.Schema.ID
			for _, k := range s.Schema.Keys() {
				v := s.Values[k]
				if v.Usable() {
					sr.Values.Set(k, number(v.Num))
				} else {
					sr.Values.Set(k, nil)
				}
				if v.Ref != "" {
					sr.Cells.Set(k, v.Ref)
				}
			}
		}
		rep.Submissions = append(rep.Submissions, sr)
		rep.Summary.Files++
		if !s.Unreadable {
			rep.Summary.Readable++
		}
	}
	if r.Totals != nil && r.Schema != nil {
		rep.Totals = &Ordered{}
		for _, k := range r.Schema.Keys() {
			rep.Totals.Set(k, number(r.Totals[k]))
		}
	}
	for _, f := range r.AllFindings() {
		codes := f.Codes
		if codes == nil {
			codes = []string{}
		}
		rep.Findings = append(rep.Findings, FindingReport{
			Severity: f.Severity, Kind: f.Kind, Rule: f.Rule, File: f.File, Unit: f.Unit,
			Sheet: f.Sheet, Cell: f.Cell, Codes: codes, Expected: numberPtr(f.Expected),
			Actual: numberPtr(f.Actual), Message: f.Message(lang)})
		switch f.Severity {
		case schema.Error:
			rep.Summary.Errors++
		case schema.Warning:
			rep.Summary.Warnings++
		case schema.Info:
			rep.Summary.Infos++
		}
	}
	return rep
}

// WriteJSON writes the report as indented JSON.
func (rep *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
