package consolidate

import (
	"encoding/csv"
	"io"
	"strings"

	"tally/printable"
	"tally/schema"
)

// WriteCSV writes the findings as CSV with a UTF-8 byte-order mark, so
// Excel on Windows shows the Chinese. Text from submissions is shown with
// its control characters escaped (printable.Line: a tab is \t, an escape
// \x1b), and text that would read as a formula (= + - @) is escaped with a
// quote.
// The header, the severity, the kind and the rule in words (the last
// column) are in lang; the rule's code and the cell codes are the same in
// both languages, for scripts.
func (r *Result) WriteCSV(w io.Writer, lang schema.Lang) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write(strings.Split(schema.Msg(msgCsvHead).Render(lang), ","))
	text := func(s string) string { return SafeText(printable.Line(s)) }
	write := func(sf schema.Finding) {
		f := findingReport(sf, lang)
		exp, act := "", ""
		if f.Expected != nil {
			exp = f.Expected.String()
		}
		if f.Actual != nil {
			act = f.Actual.String()
		}
		kind := f.Kind
		if lang != schema.En {
			kind = schema.KindName(f.Kind, lang)
		}
		_ = cw.Write([]string{f.Severity.Name(lang), kind, text(f.Rule), text(f.File), text(f.Unit),
			text(f.Sheet), text(f.Cell), printable.Line(strings.Join(f.Codes, " ")), exp, act, text(f.Message),
			text(sf.RuleText(lang))})
	}
	r.EachFinding(func(f *schema.Finding) { write(*f) })
	cw.Flush()
	return cw.Error()
}

// SafeText escapes text a spreadsheet would take for a formula by putting
// a single quote before it.
func SafeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
