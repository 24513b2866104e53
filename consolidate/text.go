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
		p.line(p.t("run-level"))
		for _, f := range r.Findings {
			p.line(fmt.Sprintf("  %s  %s", padRight(f.Severity.Name(lang), 4), f.Message(lang)))
		}
	}
	p.line("")
	sm := r.summary()
	p.line(p.t("summary", sm.Files, sm.Readable, sm.Errors, sm.Warnings, sm.Infos))
	if r.Totals != nil {
		out := 0
		for _, s := range r.Submissions {
			if !s.Included {
				out++
			}
		}
		p.line(p.t("written", r.Out, r.Name, r.SummedUnits(), out))
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

func (p *printer) t(id string, args ...any) string {
	return schema.Msg("text."+id, args...).Render(p.lang)
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
	p.line(p.t("header", version, len(r.Submissions), title, year))
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
	switch {
	case rostered && len(by[Missing]) == 0:
		p.line(p.t("units-all", len(units)))
	case rostered:
		p.line(p.t("units-roster", len(units)-len(by[Missing]), len(by[Missing])))
	default:
		p.line(p.t("units", len(units)))
	}
	for _, st := range Statuses {
		us := by[st]
		if len(us) == 0 {
			continue
		}
		head := "  " + p.t("units-status", st.Name(p.lang), len(us))
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
			var counts []string
			if u.Errors > 0 {
				counts = append(counts, p.t("errors", u.Errors))
			}
			if u.Warnings > 0 {
				counts = append(counts, p.t("warnings", u.Warnings))
			}
			if u.File.Unreadable {
				counts = []string{p.t("unreadable")}
				if f := u.Problem(); f != nil && f.Kind == schema.KindSchema {
					counts = []string{p.t("not-the-table")}
				}
			}
			p.line(fmt.Sprintf("    %s  %s  %s%s", padRight(u.Name, 14), padRight(strings.Join(counts, p.t("list-sep")), 20), baseName(u.File.File), p.more(u)))
		}
	}
}

// more notes a unit's files that are not summed.
func (p *printer) more(u Unit) string {
	if len(u.Superseded) == 0 {
		return ""
	}
	return p.t("units-superseded", len(u.Superseded))
}

// wrapped prints a list after a head, joined and wrapped at 80 columns.
func (p *printer) wrapped(head string, items []string) {
	sep := p.t("list-sep")
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
	verdict := p.t("ok")
	switch {
	case s.Unreadable:
		verdict = p.t("unreadable")
	case counts[schema.Error]+counts[schema.Warning] > 0:
		verdict = p.t("counts", counts[schema.Error], counts[schema.Warning])
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
		shown := blanks
		more := ""
		if len(shown) > 12 {
			shown, more = shown[:12], p.t("and-more")
		}
		p.line(fmt.Sprintf("    %s  %s  %s", padRight(schema.Info.Name(p.lang), 7), padRight("", 8),
			p.t("blanks", len(blanks), strings.Join(shown, ", ")+more)))
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

func init() {
	schema.Register(map[string]schema.Text{
		"text.header": {
			Zh: "tally %[1]s · 共 %[2]d 个文件 · %[3]s · %[4]s 年度",
			En: "tally %[1]s · %[2]d files · %[3]s · year %[4]s"},
		"text.ok":               {Zh: "无问题", En: "no problems"},
		"text.unreadable":       {Zh: "无法读取", En: "unreadable"},
		"text.not-the-table":    {Zh: "不是统计表", En: "not the table"},
		"text.counts":           {Zh: "%d 个错误，%d 个警告", En: "%d error(s), %d warning(s)"},
		"text.blanks":           {Zh: "%d 个单元格未填写，按 0 计算：%s", En: "%d blank cells counted as 0: %s"},
		"text.and-more":         {Zh: " 等", En: " and more"},
		"text.run-level":        {Zh: "整体问题：", En: "For the run as a whole:"},
		"text.units":            {Zh: "报送情况：%[1]d 个单位", En: "Units: %[1]d"},
		"text.units-roster":     {Zh: "报送情况：%[1]d 个单位已报送，名单中 %[2]d 个未报送", En: "Units: %[1]d sent a file, %[2]d on the roster did not"},
		"text.errors":           {Zh: "%d 个错误", En: "%d error(s)"},
		"text.warnings":         {Zh: "%d 个警告", En: "%d warning(s)"},
		"text.units-status":     {Zh: "%[1]s %[2]d 个：", En: "%[1]s (%[2]d): "},
		"text.units-superseded": {Zh: "（另有 %d 份未计入）", En: " (+%d not summed)"},
		"text.list-sep":         {Zh: "、", En: ", "},
		"text.written": {
			Zh: "汇总表已写入 %[1]s：%[2]s，%[3]d 个单位计入合计，%[4]d 个文件未计入",
			En: "the consolidated table of %[2]s is in %[1]s: %[3]d units summed, %[4]d files left out"},
		"text.summary": {
			Zh: "共 %[1]d 个文件（%[2]d 个可读）：%[3]d 个错误，%[4]d 个警告，%[5]d 个提示",
			En: "%[1]d file(s) (%[2]d readable): %[3]d error(s), %[4]d warning(s), %[5]d note(s)"},
	})
}
