package consolidate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/shopspring/decimal"

	"tally/printable"
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
	Units       []UnitReport       `json:"units"`
	Totals      *Ordered           `json:"totals,omitempty"`
	Summary     Summary            `json:"summary"`
}

// SubmissionReport is one input file in the report.
type SubmissionReport struct {
	File     string        `json:"file"`
	SHA256   string        `json:"sha256"`
	Unit     string        `json:"unit"`
	Year     *int          `json:"year"`
	Schema   string        `json:"schema"`
	Sheet    string        `json:"sheet"`
	Status   schema.Status `json:"status"`
	Included bool          `json:"included"`
	Values   *Ordered      `json:"values"`
	Cells    *Ordered      `json:"cells"`
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

// UnitReport is one unit and what is to be done about it: status missing
// (未报送), resend (需重报), check (需核实) or passed (通过); the file that
// stands for it and the files of it not summed.
type UnitReport struct {
	Unit       string   `json:"unit"`
	Status     string   `json:"status"`
	File       string   `json:"file"`
	Superseded []string `json:"superseded"`
	Errors     int      `json:"errors"`
	Warnings   int      `json:"warnings"`
}

func unitReports(units []Unit) []UnitReport {
	out := make([]UnitReport, len(units))
	for i, u := range units {
		ur := UnitReport{Unit: u.Name, Status: u.Status.Code(), Superseded: []string{}, Errors: u.Errors, Warnings: u.Warnings}
		if u.File != nil {
			ur.File = u.File.File
		}
		for _, s := range u.Superseded {
			ur.Superseded = append(ur.Superseded, s.File)
		}
		out[i] = ur
	}
	return out
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
// order, then those of the run as a whole. A run of thousands of files
// reads them with EachFinding instead, one submission at a time.
func (r *Result) AllFindings() []schema.Finding {
	var out []schema.Finding
	r.EachFinding(func(f *schema.Finding) { out = append(out, *f) })
	return out
}

// EachFinding calls do with every finding of the run, in the order of
// AllFindings, holding one submission's findings at a time.
func (r *Result) EachFinding(do func(*schema.Finding)) {
	for _, s := range r.Submissions {
		fs := s.FindingList()
		for i := range fs {
			do(&fs[i])
		}
	}
	for i := range r.Findings {
		do(&r.Findings[i])
	}
}

// CountFindings is the number of findings of the run.
func (r *Result) CountFindings() int {
	n := len(r.Findings)
	for _, s := range r.Submissions {
		n += s.CountFindings()
	}
	return n
}

// Worst is the most severe finding's severity ("" when there is none).
func (r *Result) Worst() schema.Severity {
	var worst schema.Severity
	for _, s := range r.Submissions {
		if w := s.Worst(); w.Rank() > worst.Rank() {
			worst = w
		}
	}
	for _, f := range r.Findings {
		if f.Severity.Rank() > worst.Rank() {
			worst = f.Severity
		}
	}
	return worst
}

// Report builds the JSON report with messages in lang.
func (r *Result) Report(version string, lang schema.Lang) *Report {
	rep := &Report{Tool: "tally", Version: version, Year: yearPtr(r.Year),
		Submissions: []SubmissionReport{}, Findings: []FindingReport{}}
	if r.Schema != nil {
		rep.Schema = r.Schema.ID
	}
	for _, s := range r.Submissions {
		rep.Submissions = append(rep.Submissions, submissionReport(s))
	}
	rep.Totals = r.totalsReport()
	r.EachFinding(func(f *schema.Finding) { rep.Findings = append(rep.Findings, findingReport(*f, lang)) })
	rep.Units = unitReports(r.Units())
	rep.Summary = r.summary()
	return rep
}

func submissionReport(s *schema.Submission) SubmissionReport {
	sr := SubmissionReport{File: s.File, SHA256: s.SHA256, Unit: s.Unit, Year: yearPtr(s.Year),
		Sheet: s.Sheet, Status: s.Status(), Included: s.Included, Values: &Ordered{}, Cells: &Ordered{}}
	if s.Schema != nil {
		sr.Schema = s.Schema.ID
		for _, k := range s.Schema.Keys() {
			v, _ := s.Value(k)
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
	return sr
}

func (r *Result) totalsReport() *Ordered {
	if r.Totals == nil || r.Schema == nil {
		return nil
	}
	o := &Ordered{}
	for _, k := range r.Schema.Keys() {
		o.Set(k, number(r.Totals[k]))
	}
	return o
}

func findingReport(f schema.Finding, lang schema.Lang) FindingReport {
	codes := f.Codes
	if codes == nil {
		codes = []string{}
	}
	return FindingReport{
		Severity: f.Severity, Kind: f.Kind, Rule: f.Rule, File: f.File, Unit: f.Unit,
		Sheet: f.Sheet, Cell: f.Cell, Codes: codes, Expected: numberPtr(f.Expected),
		Actual: numberPtr(f.Actual), Message: f.Message(lang)}
}

func (r *Result) summary() Summary {
	var sum Summary
	for _, s := range r.Submissions {
		sum.Files++
		if !s.Unreadable {
			sum.Readable++
		}
		sum.Errors += s.Count(schema.Error)
		sum.Warnings += s.Count(schema.Warning)
		sum.Infos += s.Count(schema.Info)
	}
	for _, f := range r.Findings {
		sum.count(f.Severity)
	}
	return sum
}

func (s *Summary) count(sev schema.Severity) {
	switch sev {
	case schema.Error:
		s.Errors++
	case schema.Warning:
		s.Warnings++
	case schema.Info:
		s.Infos++
	}
}

// WriteJSON writes the report as indented JSON. Control characters in
// strings are escaped, those encoding/json leaves as they are too
// (printable.JSON).
func (rep *Report) WriteJSON(w io.Writer) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	_, err := w.Write(printable.JSON(buf.Bytes()))
	return err
}

// WriteJSON writes the JSON report of the run, the same bytes as
// Report(version, lang).WriteJSON, one submission and one finding at a
// time: a run of thousands of files never holds its whole report.
func (r *Result) WriteJSON(w io.Writer, version string, lang schema.Lang) error {
	bw := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	item := func(v any) error {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := bw.Write(printable.JSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
		return err
	}
	field := func(name string, v any) error {
		buf.Reset()
		enc.SetIndent("  ", "  ")
		err := enc.Encode(v)
		enc.SetIndent("    ", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "  %q: %s", name, printable.JSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
		return nil
	}
	list := func(name string, n int, each func(i int) error) error {
		if n == 0 {
			fmt.Fprintf(bw, "  %q: []", name)
			return nil
		}
		fmt.Fprintf(bw, "  %q: [\n", name)
		for i := range n {
			bw.WriteString("    ")
			if err := each(i); err != nil {
				return err
			}
			if i < n-1 {
				bw.WriteString(",")
			}
			bw.WriteString("\n")
		}
		bw.WriteString("  ]")
		return nil
	}
	schemaID := ""
	if r.Schema != nil {
		schemaID = r.Schema.ID
	}
	bw.WriteString("{\n")
	for _, f := range []struct {
		name string
		v    any
	}{{"tool", "tally"}, {"version", version}, {"schema", schemaID}, {"year", yearPtr(r.Year)}} {
		if err := field(f.name, f.v); err != nil {
			return err
		}
		bw.WriteString(",\n")
	}
	if err := list("submissions", len(r.Submissions), func(i int) error {
		return item(submissionReport(r.Submissions[i]))
	}); err != nil {
		return err
	}
	bw.WriteString(",\n")
	// The findings one submission at a time: a run of thousands never
	// holds them all as values.
	n := 0
	var err error
	r.EachFinding(func(f *schema.Finding) {
		if err != nil {
			return
		}
		if n == 0 {
			fmt.Fprintf(bw, "  %q: [\n", "findings")
		} else {
			bw.WriteString(",\n")
		}
		n++
		bw.WriteString("    ")
		err = item(findingReport(*f, lang))
	})
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintf(bw, "  %q: []", "findings")
	} else {
		bw.WriteString("\n  ]")
	}
	bw.WriteString(",\n")
	units := unitReports(r.Units())
	if err := list("units", len(units), func(i int) error { return item(units[i]) }); err != nil {
		return err
	}
	bw.WriteString(",\n")
	if totals := r.totalsReport(); totals != nil {
		if err := field("totals", totals); err != nil {
			return err
		}
		bw.WriteString(",\n")
	}
	if err := field("summary", r.summary()); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}
