package consolidate

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"tally/printable"
	"tally/schema"
)

// WriteText writes the report for people: grouped by file, errors first,
// blank cells folded into one line per file, a summary at the end.
func (r *Result) WriteText(w io.Writer, version string, lang schema.Lang) error {
	p := &printer{w: w, lang: lang}
	p.header(r, version)
	p.units(r.Units(), r.Rostered)
	for _, s := range r.Submissions {
		p.submission(s)
	}
	if len(r.Findings) > 0 {
		p.line("")
		p.line(p.t(msgTextRunLevel))
		for _, f := range r.Findings {
			p.line(fmt.Sprintf("  %s  %s", padRight(f.Severity.Name(lang), 4), f.Message(lang)))
		}
	}
	p.line("")
	sm := r.summary()
	p.line(p.t(msgTextSummary, Count(sm.Files, ""), sm.Readable, Count(sm.Errors, schema.Error),
		Count(sm.Warnings, schema.Warning), Count(sm.Infos, schema.Info)))
	if r.Totals != nil {
		out := 0
		for _, s := range r.Submissions {
			if !s.Included {
				out++
			}
		}
		p.line(p.t(msgTextWritten, r.Out, r.Name, r.SummedUnits(), Count(out, "")))
	}
	return p.err
}

type printer struct {
	w    io.Writer
	lang schema.Lang
	err  error
}

// line prints a line of the report. Text from submissions is in it (file,
// unit and sheet names, cell texts quoted in messages): its control
// characters are shown escaped, so that none acts on the terminal.
func (p *printer) line(s string) {
	s = printable.Line(strings.TrimRight(s, " "))
	if p.err == nil {
		_, p.err = fmt.Fprintln(p.w, s)
	}
}

func (p *printer) t(id *schema.Def, args ...any) string {
	return schema.Msg(id, args...).Render(p.lang)
}

func (p *printer) header(r *Result, version string) {
	title := "-"
	if r.Schema != nil {
		title = schema.Text{Zh: "《" + r.Schema.Title + "》", En: r.Schema.En}.In(p.lang) + " (" + r.Schema.ID + ")"
	}
	year := "-"
	if r.Year != 0 {
		year = fmt.Sprint(r.Year)
	}
	p.line(p.t(msgTextHeader, version, Count(len(r.Submissions), ""), title, year))
}

// units lists whom to chase, before the files' details: the units by
// status, those that need something done one a line.
func (p *printer) units(units []Unit, rostered bool) {
	if len(units) == 0 {
		return
	}
	by := map[UnitStatus][]Unit{}
	for _, u := range units {
		by[u.Status] = append(by[u.Status], u)
	}
	p.line("")
	p.line(UnitsHeading(units, rostered, p.lang))
	for _, st := range Statuses {
		us := by[st]
		if len(us) == 0 {
			continue
		}
		head := "  " + p.t(msgTextUnitsStatus, st.Name(p.lang), len(us))
		if st != Missing && st != Passed {
			head = strings.TrimRight(head, " ")
		}
		if st == Missing || st == Passed {
			names := make([]string, len(us))
			for i, u := range us {
				names[i] = u.Name + p.more(u)
			}
			p.wrapped(head, names)
			continue
		}
		p.line(head)
		for _, u := range us {
			p.line(fmt.Sprintf("    %s  %s  %s%s", padRight(u.Name, 14), padRight(u.Verdict(p.lang), 20), baseName(u.File.File), p.more(u)))
		}
	}
}

// UnitsHeading is the line over the list of units, as the text report
// prints it: how many units sent a file and, with a roster, how many on
// it did not.
func UnitsHeading(units []Unit, rostered bool, lang schema.Lang) string {
	missing := 0
	for _, u := range units {
		if u.Status == Missing {
			missing++
		}
	}
	switch {
	case rostered && missing == 0:
		return schema.Msg(msgTextUnitsAll, len(units)).Render(lang)
	case rostered:
		return schema.Msg(msgTextUnitsRoster, len(units)-missing, missing).Render(lang)
	}
	return schema.Msg(msgTextUnits, len(units)).Render(lang)
}

// Verdict is a unit's findings in the words of the text report's list of
// units: its errors and warnings counted (1 个错误), 无法读取, or 不是统计表;
// "" for a unit with neither, or that sent nothing.
func (u *Unit) Verdict(lang schema.Lang) string {
	if u.File == nil {
		return ""
	}
	if u.File.Unreadable {
		if f := u.Problem(); f != nil && f.Kind == schema.KindSchema {
			return schema.Msg(msgTextNotTheTable).Render(lang)
		}
		return schema.Msg(msgTextUnreadable).Render(lang)
	}
	return Counts(u.Errors, u.Warnings, lang)
}

// Counts is a file's errors and warnings in words, as the list of units
// says them: 1 个错误、2 个警告, 1 error, 2 warnings; a count of none is
// left out ("" for neither).
func Counts(errors, warnings int, lang schema.Lang) string {
	var counts []string
	if errors > 0 {
		counts = append(counts, Count(errors, schema.Error).Render(lang))
	}
	if warnings > 0 {
		counts = append(counts, Count(warnings, schema.Warning).Render(lang))
	}
	return strings.Join(counts, schema.Msg(MsgTextListSep).Render(lang))
}

// Count is n findings of a severity in words, or n files for severity "":
// 1 个错误, 1 error, 2 errors.
func Count(n int, sev schema.Severity) schema.Message {
	one, many := CountDefs(sev)
	if n == 1 {
		return schema.Msg(one, n)
	}
	return schema.Msg(many, n)
}

// CountDefs are the messages of Count for one and for several findings of
// a severity (files for ""), each of one argument, the number (%d): for a
// page that counts by script, in the same words.
func CountDefs(sev schema.Severity) (one, many *schema.Def) {
	switch sev {
	case schema.Error:
		return msgTextError, msgTextErrors
	case schema.Warning:
		return msgTextWarning, msgTextWarnings
	case schema.Info:
		return msgTextNote, msgTextNotes
	}
	return msgTextFile, msgTextFiles
}

// SupersededNote notes a unit's files that are not summed, as the text report
// does after its name: （另有 1 份未计入）; "" when it sent one.
func (u *Unit) SupersededNote(lang schema.Lang) string {
	if len(u.Superseded) == 0 {
		return ""
	}
	return schema.Msg(msgTextUnitsSuperseded, len(u.Superseded)).Render(lang)
}

// BlanksNote is the text report's line for a file's blank cells, counted
// as 0: how many, and which (the first twelve).
func BlanksNote(cells []string, lang schema.Lang) string {
	shown, more := cells, ""
	if len(shown) > 12 {
		shown, more = shown[:12], schema.Msg(msgTextAndMore).Render(lang)
	}
	msg := msgTextBlanks
	if len(cells) == 1 {
		msg = msgTextBlank
	}
	return schema.Msg(msg, len(cells), strings.Join(shown, ", ")+more).Render(lang)
}

// more notes a unit's files that are not summed.
func (p *printer) more(u Unit) string { return u.SupersededNote(p.lang) }

// wrapped prints a list after a head, joined and wrapped at 80 columns.
func (p *printer) wrapped(head string, items []string) {
	sep := p.t(MsgTextListSep)
	line := head
	for i, it := range items {
		if i > 0 {
			line += sep
		}
		if width(line)+width(it) > 80 && i > 0 {
			p.line(line)
			line = "      "
		}
		line += it
	}
	p.line(line)
}

func baseName(path string) string { return path[strings.LastIndexAny(path, `/\`)+1:] }

func (p *printer) submission(s *schema.Submission) {
	counts := map[schema.Severity]int{}
	findings := s.FindingList()
	for _, f := range findings {
		counts[f.Severity]++
	}
	mark := "✓"
	switch {
	case s.Unreadable || counts[schema.Error] > 0:
		mark = "✗"
	case counts[schema.Warning] > 0:
		mark = "!"
	}
	where := ""
	if s.Sheet != "" {
		where = "  [" + s.Sheet + "]"
	}
	verdict := p.t(msgTextOk)
	switch {
	case s.Unreadable:
		verdict = p.t(msgTextUnreadable)
	case counts[schema.Error]+counts[schema.Warning] > 0:
		verdict = p.t(msgTextCounts, Count(counts[schema.Error], schema.Error), Count(counts[schema.Warning], schema.Warning))
	}
	p.line("")
	p.line(fmt.Sprintf("%s %s  %s%s  %s", mark, s.File, s.Unit, where, verdict))
	var blanks []string
	for _, f := range findings {
		if f.Kind == schema.KindBlank {
			blanks = append(blanks, f.Cell)
			continue
		}
		p.line(fmt.Sprintf("    %s  %s  %s", padRight(f.Severity.Name(p.lang), 7), padRight(f.Cell, 8), f.Message(p.lang)))
	}
	if len(blanks) > 0 {
		p.line(fmt.Sprintf("    %s  %s  %s", padRight(schema.Info.Name(p.lang), 7), padRight("", 8), BlanksNote(blanks, p.lang)))
	}
}

// padRight pads to a display width, counting East Asian characters as two.
func padRight(s string, n int) string {
	w := width(s)
	if w >= n {
		return s
	}
	return s + strings.Repeat(" ", n-w)
}

// width is a text's display width, East Asian characters counting two.
func width(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			w += 2
		} else {
			w++
		}
	}
	return w
}
