package serve

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"tally/consolidate"
	"tally/run"
	"tally/schema"
)

// runView is a run's page: its progress, or what it found.
type runView struct {
	ID, State   string
	Done, Total int64
	Percent     int
	// Files are the files being read or read, with their verdicts, while
	// the run goes on; FileWords what the script needs to say them the
	// same way (JSON).
	Files     []fileRow
	FileWords string
	Failed    string
	Warnings  []string
	// Heading says what was checked; SchemaID, the format's id, is shown
	// after it, unbroken.
	Heading, SchemaID string
	Board             *boardView
	Units             []unitView
	Totals            *totalsView
	NoTotals          bool
	RunFindings       []findingView
	Downloads         []downloadLink
	HasResult         bool
	Folder, Status    string
}

type boardView struct {
	Heading string
	Counts  []statusCount
	Rows    []boardRow
}

type statusCount struct {
	Code, Name string
	N          int
}

type boardRow struct {
	N                                 int
	Anchor, Unit, Code, Name, Verdict string
	File, Note                        string
}

// unitView is a unit's findings, grouped by severity.
type unitView struct {
	Anchor, Unit, Code, StatusName, Verdict string
	File, Sheet                             string
	Superseded                              []string
	Groups                                  []severityGroup
	Count                                   int
}

type severityGroup struct {
	Code, Name string
	N          int
	Findings   []findingView
	// Blanks are the blank cells counted as 0, folded under one line as
	// the text report folds them.
	Blanks     []findingView
	BlanksNote string
}

// findingView is one finding in the command line's words, with the cell
// in its context.
type findingView struct {
	W                            *words
	Severity, SeverityName, Kind string
	Cell, Message, Label, Rule   string
	Grid                         *cellGrid
}

type downloadLink struct {
	Key, Href, Label, Name string
}

// view is the page of a run in lang.
func (s *Server) view(ru *Run, lang schema.Lang) *runView {
	w := wordsIn(lang)
	state, res, why, warnings := ru.snapshot()
	v := &runView{ID: ru.ID, State: state, Done: ru.done.Load(), Total: ru.total.Load(), Folder: ru.Folder}
	if v.Total > 0 {
		v.Percent = int(v.Done * 100 / v.Total)
	}
	switch state {
	case stateRunning:
		v.Status = fmt.Sprintf("%s：%d / %d %s", w.Reading, v.Done, v.Total, w.Files16)
		if lang == schema.En {
			v.Status = fmt.Sprintf("%s: %d of %d %s", w.Reading, v.Done, v.Total, w.Files16)
		}
		for _, f := range ru.fileStates() {
			v.Files = append(v.Files, fileRowOf(f, lang))
		}
		v.FileWords = fileWordsIn(lang)
		return v
	case stateFailed:
		v.Failed = why.Localize(lang)
	}
	if why != nil {
		v.Failed = why.Localize(lang)
	}
	for _, m := range warnings {
		v.Warnings = append(v.Warnings, m.Localize(lang))
	}
	if res == nil {
		return v
	}
	v.HasResult = true
	v.Heading, v.SchemaID = heading(res, lang)
	units := res.Units()
	v.Board = board(units, res.Rostered, lang)
	for i, u := range units {
		v.Units = append(v.Units, ru.unitView(res, i, u, lang))
	}
	for _, f := range res.Findings {
		if f.Kind != schema.KindMissingUnit {
			v.RunFindings = append(v.RunFindings, ru.finding(res, nil, f, lang))
		}
	}
	if res.Totals != nil && res.Schema != nil {
		v.Totals = totals(res, lang)
	} else {
		v.NoTotals = ru.cfg.Out == ""
	}
	for _, name := range downloadOrder {
		d := downloads[name]
		if _, ok := ru.output(d.key); ok {
			label := map[string]string{"consolidated": w.Consolidated, "log-xlsx": w.LogXlsx, "log-csv": w.LogCSV, "marked": w.Marked}[d.key]
			v.Downloads = append(v.Downloads, downloadLink{Key: d.key, Href: "/runs/" + ru.ID + "/files/" + name,
				Label: label, Name: ru.downloadName(name)})
		}
	}
	return v
}

// heading says what was checked: the unit and the year, the files, the
// format; and the format's id apart, to be shown after it unbroken.
func heading(res *run.Result, lang schema.Lang) (string, string) {
	var parts []string
	if res.Name != "" {
		parts = append(parts, res.Name)
	}
	if res.Year != 0 {
		parts = append(parts, schema.Text{Zh: fmt.Sprintf("%d 年度", res.Year), En: fmt.Sprint(res.Year)}.In(lang))
	}
	parts = append(parts, countText(len(res.Submissions), lang))
	id := ""
	if res.Schema != nil {
		parts = append(parts, schema.Text{Zh: "《" + res.Schema.Title + "》", En: res.Schema.En}.In(lang))
		id = res.Schema.ID
	}
	return strings.Join(parts, " · "), id
}

// countText counts files: 16 个文件, 16 files, 1 file.
func countText(n int, lang schema.Lang) string {
	return consolidate.Count(n, "").Render(lang)
}

// A fileRow is a file of a run under way as its page lists it: its
// status in the board's words (a badge), its unit, its errors and
// warnings counted, its name.
type fileRow struct {
	File, Name, Unit          string
	Status, Badge, StatusName string
	Verdict                   string
}

// fileRowOf is how the page lists a file of a run under way.
func fileRowOf(f fileState, lang schema.Lang) fileRow {
	row := fileRow{File: f.File, Name: baseName(f.File), Unit: f.Unit, Status: f.Status}
	badge := fileBadges(lang)[f.Status]
	row.Badge, row.StatusName = badge[0], badge[1]
	if f.Status == string(schema.StatusUnreadable) {
		row.Verdict = wordsIn(lang).Unreadable
	} else {
		row.Verdict = consolidate.Counts(f.Errors, f.Warnings, lang)
	}
	return row
}

// fileBadges are the badges of a file's statuses (status.json's): the
// class and the words of the board's status a unit with that file gets
// (需重报, 需核实, 通过), or 读取中 while it is read.
func fileBadges(lang schema.Lang) map[string][2]string {
	badge := func(st consolidate.UnitStatus) [2]string { return [2]string{"st-" + st.Code(), st.Name(lang)} }
	return map[string][2]string{
		statusReading:                   {"st-reading", wordsIn(lang).ReadingFile},
		string(schema.StatusOK):         badge(consolidate.Passed),
		string(schema.StatusWarnings):   badge(consolidate.Check),
		string(schema.StatusErrors):     badge(consolidate.Resend),
		string(schema.StatusUnreadable): badge(consolidate.Resend),
	}
}

// fileWordsIn is what the page's script needs to list the files as
// fileRowOf does (JSON): the badges by status, the formats of the counts
// (one, several: %d the number), their separator, and the word for a file
// that cannot be read.
func fileWordsIn(lang schema.Lang) string {
	count := func(sev schema.Severity) [2]string {
		one, many := consolidate.CountDefs(sev)
		return [2]string{one.In(lang), many.In(lang)}
	}
	b, _ := json.Marshal(map[string]any{
		"status":     fileBadges(lang),
		"error":      count(schema.Error),
		"warning":    count(schema.Warning),
		"sep":        schema.Msg(consolidate.MsgTextListSep).Render(lang),
		"unreadable": wordsIn(lang).Unreadable,
	})
	return string(b)
}

// board is the status board: every unit by status, in the order of the
// text report (未报送, 需重报, 需核实, 通过), with its verdict and file.
func board(units []consolidate.Unit, rostered bool, lang schema.Lang) *boardView {
	// The text report's line, without its lead (报送情况：), which the
	// board's heading says.
	h := consolidate.UnitsHeading(units, rostered, lang)
	for _, sep := range []string{"：", ": "} {
		if _, rest, ok := strings.Cut(h, sep); ok && strings.IndexFunc(rest, unicode.IsLetter) >= 0 {
			h = rest
			break
		}
	}
	b := &boardView{Heading: h}
	n := map[consolidate.UnitStatus]int{}
	for _, u := range units {
		n[u.Status]++
	}
	for _, st := range consolidate.Statuses {
		b.Counts = append(b.Counts, statusCount{Code: st.Code(), Name: st.Name(lang), N: n[st]})
	}
	for i, u := range units {
		row := boardRow{N: i + 1, Anchor: anchor(i), Unit: u.Name, Code: u.Status.Code(), Name: u.Status.Name(lang),
			Verdict: u.Verdict(lang), Note: u.SupersededNote(lang)}
		if u.File != nil {
			row.File = baseName(u.File.File)
		}
		b.Rows = append(b.Rows, row)
	}
	return b
}

func anchor(i int) string { return fmt.Sprintf("u-%d", i+1) }

func baseName(p string) string { return p[strings.LastIndexAny(p, `/\`)+1:] }

// unitView is a unit's section: its findings by severity, each with its
// cell in context.
func (ru *Run) unitView(res *run.Result, i int, u consolidate.Unit, lang schema.Lang) unitView {
	v := unitView{Anchor: anchor(i), Unit: u.Name, Code: u.Status.Code(), StatusName: u.Status.Name(lang), Verdict: u.Verdict(lang)}
	var fs []schema.Finding
	if u.File != nil {
		v.File, v.Sheet = u.File.File, u.File.Sheet
		fs = u.File.FindingList()
		for _, s := range u.Superseded {
			v.Superseded = append(v.Superseded, s.File)
		}
	} else {
		for _, f := range res.Findings {
			if f.Kind == schema.KindMissingUnit && f.Unit == u.Name {
				fs = append(fs, f)
			}
		}
	}
	for _, sev := range []schema.Severity{schema.Error, schema.Warning, schema.Info} {
		w := wordsIn(lang)
		g := severityGroup{Code: string(sev), Name: map[schema.Severity]string{schema.Error: w.GroupError,
			schema.Warning: w.GroupWarning, schema.Info: w.GroupInfo}[sev]}
		var blanks []string
		for _, f := range fs {
			if f.Severity != sev {
				continue
			}
			fv := ru.finding(res, u.File, f, lang)
			if f.Kind == schema.KindBlank {
				g.Blanks = append(g.Blanks, fv)
				blanks = append(blanks, f.Cell)
			} else {
				g.Findings = append(g.Findings, fv)
			}
			g.N++
		}
		if len(blanks) > 0 {
			g.BlanksNote = consolidate.BlanksNote(blanks, lang)
		}
		if g.N > 0 {
			v.Groups = append(v.Groups, g)
			v.Count += g.N
		}
	}
	return v
}

// finding is a finding in the command line's words: its message, the
// label of its cell, its rule with the numbers, and the cell among those
// around it in the file.
func (ru *Run) finding(res *run.Result, sub *schema.Submission, f schema.Finding, lang schema.Lang) findingView {
	v := findingView{W: wordsIn(lang), Severity: string(f.Severity), SeverityName: f.Severity.Name(lang), Kind: f.Kind,
		Cell: f.Cell, Message: f.Message(lang), Rule: f.RuleText(lang)}
	sc := res.Schema
	if sub != nil && sub.Schema != nil {
		sc = sub.Schema
	}
	if len(f.Codes) > 0 && sc != nil {
		var labels []string
		for _, c := range f.Codes[:1] {
			labels = append(labels, sc.CellName(c, lang))
		}
		v.Label = strings.Join(labels, "、")
	}
	if sub != nil && f.Cell != "" && !sub.Unreadable {
		if v.Grid = ru.cellGrid(sub, f); v.Grid != nil {
			v.Grid.Note = gridNote(v.Grid, lang)
		}
	}
	return v
}

// gridNote says which cells of a finding's rule its grid leaves out, by
// their rows when rows are left out: "" when none is.
func gridNote(g *cellGrid, lang schema.Lang) string {
	const shown = 8
	cells := g.LeftCells
	list := strings.Join(cells[:min(len(cells), shown)], schema.Msg(consolidate.MsgTextListSep).Render(lang))
	if len(cells) > shown {
		list += schema.Msg(msgServeMore, len(cells)-shown).Render(lang)
	}
	switch {
	case len(g.LeftRows) == 1:
		return schema.Msg(msgServeGridRow, list).Render(lang)
	case len(g.LeftRows) > 1:
		return schema.Msg(msgServeGridRows, len(g.LeftRows), list).Render(lang)
	case len(cells) == 1:
		return schema.Msg(msgServeGridCell, list).Render(lang)
	case len(cells) > 1:
		return schema.Msg(msgServeGridCells, len(cells), list).Render(lang)
	}
	return ""
}

// diskPath is where a submission of the run is on disk.
func (ru *Run) diskPath(file string) string {
	if ru.cfg.Dir == "" || filepath.IsAbs(file) {
		return file
	}
	return filepath.Join(ru.cfg.Dir, file)
}
