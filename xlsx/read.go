package xlsx

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"tally/errtext"
	"tally/schema"
)

// Options control how submissions are read.
type Options struct {
	// Schemas are the formats a workbook may be in; the best match is used.
	Schemas []*schema.Schema
	// Forced says the single schema was chosen by the user: a workbook
	// that matches it poorly is still reported against it.
	Forced bool
	// Converter reads .xls, .et, .ods and HTML tables through a converted
	// copy, and computes formulas that have no stored result; nil when none
	// is available.
	Converter Converter
	// Year is the report year asked for (--year); it decides between
	// tables of several years in one workbook. 0: the latest.
	Year int

	recomputed bool // the data are LibreOffice's recalculated copy
}

// Size limits for opening a workbook: a submission is a few dozen KiB, so
// anything inflating past these is not one.
const (
	unzipLimit    = 256 << 20
	unzipXMLLimit = 64 << 20
)

// minScore is the share of a table's indicator labels a sheet must show
// for the workbook to count as that table.
const minScore = 0.3

// Read reads one submission from the bytes of a file. It never fails: a
// file that cannot be read comes back with Unreadable set and a finding that
// says why and what to do. The submission's findings are those of reading;
// the schema's rules are checked separately ([schema.Schema.Check]).
func Read(data []byte, name string, opt Options) (sub *schema.Submission) {
	sum := sha256.Sum256(data)
	sub = &schema.Submission{File: name, SHA256: hex.EncodeToString(sum[:]), Values: map[string]schema.Value{}}
	if len(opt.Schemas) == 1 {
		sub.Schema = opt.Schemas[0]
	}
	defer func() {
		if r := recover(); r != nil {
			sub.Values = map[string]schema.Value{}
			sub.SetFindings(nil)
			unreadable(sub, "read.panic", errtext.Panic(r))
		}
		if sub.Unit == "" {
			sub.Unit = schema.FileUnit(name)
		}
		sub.Stamp()
	}()
	format, zr := sniffBook(data)
	var book *rawBook
	if format == fmtText {
		var err error
		if book, err = readCSV(data); err != nil {
			unreadableBook(sub, err)
			return sub
		}
		if book != nil {
			sub.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindConverted, Rule: "read:converted",
				Msg: schema.Msg("read.csv")})
		}
	}
	if format == fmtZipEntries {
		unreadableBook(sub, errZipDirectory)
		return sub
	}
	if msg := refusal(format, name); msg != "" && book == nil {
		unreadable(sub, msg)
		return sub
	}
	if format.needsConversion() {
		if opt.Converter == nil {
			unreadable(sub, "read.needs-convert."+extName(format, name))
			return sub
		}
		converted, err := opt.Converter.Convert(data, convertibleExt(format, name))
		if err != nil {
			unreadable(sub, "read.convert-failed", errtext.Of(err))
			return sub
		}
		sub.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindConverted, Rule: "read:converted",
			Msg: schema.Msg("read.converted", schema.Both(formatName(format, name)), opt.Converter.Name())})
		data, zr = converted, nil
	}
	if book == nil {
		var err error
		if book, err = readBook(data, zr); err != nil {
			unreadableBook(sub, err)
			return sub
		}
	}
	// A workbook tally consolidated: its first sheet is the table; the
	// others are the detail, the findings and the sources, and readBook
	// reads only the first.
	r := &reader{sub: sub, name: name, data: data, grids: book.sheets,
		typed: map[string]decimal.Decimal{}, ownUnit: map[string]bool{}, strays: map[cellAt]bool{}}
	r.read(opt)
	if len(r.pending) > 0 && !opt.recomputed && opt.Converter != nil {
		// Formulas in value cells have no stored result (the file was made
		// by a program, not a spreadsheet): have LibreOffice compute them
		// and read its copy.
		if recalced, err := opt.Converter.Convert(data, ".xlsx"); err == nil {
			again := opt
			again.recomputed = true
			again.Converter = nil
			redo := Read(recalced, name, again)
			redo.SHA256 = sub.SHA256
			redo.SetFindings(append(keep(sub.FindingList(), schema.KindConverted), redo.FindingList()...))
			redo.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindConverted, Rule: "read:recalculated",
				Msg: schema.Msg("read.recalculated", opt.Converter.Name())})
			return redo
		}
	}
	r.computePending()
	return sub
}

// keep returns the findings of one kind.
func keep(fs []schema.Finding, kind string) []schema.Finding {
	var out []schema.Finding
	for _, f := range fs {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// unreadable marks a submission unreadable with a finding.
func unreadable(sub *schema.Submission, id string, args ...any) {
	sub.Unreadable = true
	kind := schema.KindUnreadable
	if id == "read.no-schema" || id == "read.no-data" {
		kind = schema.KindSchema
	}
	sub.Add(schema.Finding{Severity: schema.Error, Kind: kind, Rule: "read:" + kind, Msg: schema.Msg(id, args...)})
}

// unreadableBook marks a submission unreadable for what kept its workbook
// from being read.
func unreadableBook(sub *schema.Submission, err error) {
	var (
		over *tooMuch
		d    *damage
	)
	switch {
	case errors.Is(err, errTooLarge):
		unreadable(sub, "read.too-large")
	case errors.As(err, &over):
		unreadable(sub, "read.book-too-large", over.at, over.limit)
	case errors.Is(err, errZipDirectory):
		unreadable(sub, "read.zip-entries", maxEntries, maxDirectory>>20)
	case errors.As(err, &d):
		unreadable(sub, "read.damaged", d)
	default:
		unreadable(sub, "read.damaged", errtext.Of(err))
	}
}

// refusal is the message for a file that is no workbook at all, or "".
func refusal(f format, name string) string {
	switch f {
	case fmtEmpty:
		return "read.empty"
	case fmtEncrypted:
		return "read.encrypted"
	case fmtDamaged:
		return "read.damaged-zip"
	case fmtZipArchive:
		return "read.zip-archive"
	case fmtWord:
		return "read.word"
	case fmtPresentation:
		return "read.presentation"
	case fmtPDF:
		return "read.pdf"
	case fmtImage:
		return "read.image"
	case fmtText:
		return "read.text"
	case fmtUnknown:
		return "read.unknown"
	}
	return ""
}

func extName(f format, name string) string {
	switch f {
	case fmtODS:
		return "ods"
	case fmtHTML:
		return "html"
	case fmtXML2003:
		return "xml"
	}
	if strings.EqualFold(filepath.Ext(name), ".et") {
		return "et"
	}
	return "xls"
}

// formatName names a converted file's format for messages.
func formatName(f format, name string) schema.Text {
	switch extName(f, name) {
	case "ods":
		return schema.Text{Zh: " OpenDocument 表格（.ods）", En: "OpenDocument spreadsheet (.ods)"}
	case "html":
		return schema.Text{Zh: "网页格式的表格", En: "web-page table"}
	case "xml":
		return schema.Text{Zh: " Excel 2003 XML 表格", En: "Excel 2003 XML spreadsheet"}
	case "et":
		return schema.Text{Zh: " WPS 表格（.et）", En: "WPS Spreadsheets (.et)"}
	}
	return schema.Text{Zh: "旧版 Excel（.xls）", En: "legacy Excel (.xls)"}
}

// reader finds a table in the sheets of one workbook and reads its cells.
type reader struct {
	sub   *schema.Submission
	name  string
	data  []byte // the workbook, for computing formulas without results
	grids []*grid
	// pending are value cells whose formulas have no stored result.
	pending []pendingCell
	// others are placements of the chosen schema's tables on sheets that
	// were not chosen.
	others []*placement
	// scale holds, by cell key, what the numbers of a row whose unit cell
	// names another money unit (元 on a 万元 row) are multiplied by; typed
	// holds a number read so as it was typed, and ownUnit the keys whose
	// number named its unit itself (26500元), which wins over the unit cell.
	scale   map[string]decimal.Decimal
	typed   map[string]decimal.Decimal
	ownUnit map[string]bool
	// strays are the cells reported as a number typed beside its empty
	// value cell (strayNumbers): their column is not reported again.
	strays map[cellAt]bool
}

func (r *reader) read(opt Options) {
	var (
		best       *schema.Schema
		bestPl     []*placement
		bestOthers []*placement
		bestScore  = -1.0
	)
	for _, s := range opt.Schemas {
		r.others = nil
		pls, score := r.place(s, opt.Year)
		if score > bestScore {
			best, bestPl, bestOthers, bestScore = s, pls, r.others, score
		}
		if bestScore >= 1 {
			break // every row of every table found: no schema can do better
		}
	}
	r.others = bestOthers
	if best == nil || empty(r.grids) {
		unreadable(r.sub, "read.no-data")
		return
	}
	matched := 0
	for _, p := range bestPl {
		if p != nil {
			matched += p.matched
		}
	}
	if bestScore < minScore || matched < 5 {
		r.sub.Schema = best
		if opt.Forced {
			unreadable(r.sub, "read.no-match-forced", schema.Both{Zh: best.Title, En: best.En}, best.ID, percent(bestScore))
		} else {
			unreadable(r.sub, "read.no-schema", titles(opt.Schemas), percent(bestScore))
		}
		return
	}
	r.sub.Schema = best
	for _, p := range bestPl {
		if p != nil && r.sub.Sheet == "" {
			r.sub.Sheet = p.g.sheet
		}
	}
	for i, t := range best.Tables {
		r.values(t, bestPl[i])
	}
	r.identify(bestPl)
	r.noteOtherSheets(bestPl)
}

// place finds every table of a schema on the sheets, and the schema's score.
func (r *reader) place(s *schema.Schema, want int) ([]*placement, float64) {
	out := make([]*placement, len(s.Tables))
	total := 0.0
	for i, t := range s.Tables {
		ix := labelIndexOf(s, t)
		var all []*placement
		for _, g := range r.grids {
			if p := locate(g, ix, want); p != nil {
				all = append(all, p)
			}
		}
		out[i] = chooseSheet(all, want)
		for _, p := range all {
			if p != out[i] && p.score() >= minScore {
				r.others = append(r.others, p)
			}
		}
		total += out[i].score()
	}
	return out, total / float64(len(s.Tables))
}

// partialPeriod marks sheets of a quarter, a half year or a month.
var partialPeriod = regexp.MustCompile(`季度|季报|上半年|下半年|半年|\d{1,2}\s*月|[一二三四五六七八九十]+月`)

// chooseSheet picks the sheet to read among those holding the table: of the
// near-best matches, a visible sheet before a hidden one, the wanted (else
// the latest) year, a whole year before a quarter or a month, then the
// better match, then the earlier sheet.
func chooseSheet(all []*placement, want int) *placement {
	var best *placement
	top := 0.0
	for _, p := range all {
		top = max(top, p.score())
	}
	for _, p := range all {
		if best == nil {
			best = p
			continue
		}
		near := func(q *placement) bool { return q.score() >= top*0.9 }
		switch {
		case near(p) != near(best):
			if near(p) {
				best = p
			}
			continue
		case p.g.hidden != best.g.hidden:
			if !p.g.hidden {
				best = p
			}
			continue
		}
		py, by := sheetYear(p), sheetYear(best)
		if py != by && py != 0 && by != 0 {
			if preferYear(py, by, want) {
				best = p
			}
			continue
		}
		pp, bp := partialPeriod.MatchString(p.g.sheet), partialPeriod.MatchString(best.g.sheet)
		if pp != bp {
			if !pp {
				best = p
			}
			continue
		}
		if p.score() > best.score() {
			best = p
		}
	}
	return best
}

// sheetYear is the year a sheet's table is for: from its title, its
// header, or the sheet's name.
func sheetYear(p *placement) int {
	if p.year != 0 {
		return p.year
	}
	if y := schema.ParseYear(p.g.sheet); y >= 1990 && y <= 2100 {
		return y
	}
	return 0
}

// noteOtherSheets tells of further tables that were not read: on other
// sheets, or on the same sheet. A table of another year or of a quarter is
// a note; one that could be this very table again is a warning. Hidden
// sheets (drafts, sources of formulas) are passed over.
func (r *reader) noteOtherSheets(chosen []*placement) {
	seen := map[string]bool{}
	var main *placement
	for _, p := range chosen {
		if p != nil {
			seen[p.g.sheet] = true
			if main == nil {
				main = p
			}
		}
	}
	year := 0
	if main != nil {
		year = sheetYear(main)
		for _, bl := range main.others {
			r.sub.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindSchema, Rule: "read:other-table",
				Sheet: main.g.sheet, Msg: schema.Msg("read.other-table", yearText(bl.year), bl.first+1, bl.last+1, yearText(year))})
		}
	}
	for _, o := range r.others {
		if seen[o.g.sheet] || o.g.hidden {
			continue
		}
		seen[o.g.sheet] = true
		sev := schema.Warning
		oy := sheetYear(o)
		if oy != 0 && year != 0 && oy != year || partialPeriod.MatchString(o.g.sheet) {
			sev = schema.Info
		}
		r.sub.Add(schema.Finding{Severity: sev, Kind: schema.KindSchema, Rule: "read:other-sheet",
			Sheet: o.g.sheet, Msg: schema.Msg("read.other-sheet", o.g.sheet, r.sub.Sheet)})
	}
}

// yearText names a year in a message, or says it is unknown.
func yearText(y int) schema.Both {
	if y == 0 {
		return schema.Both{Zh: "年度不明", En: "year unknown"}
	}
	return schema.Both{Zh: fmt.Sprintf("%d 年", y), En: fmt.Sprint(y)}
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// empty reports a workbook without a single filled cell.
func empty(grids []*grid) bool {
	for _, g := range grids {
		for _, row := range g.rows {
			for _, t := range row {
				if strings.TrimSpace(t) != "" {
					return false
				}
			}
		}
	}
	return true
}

// titles names the formats a workbook was compared with.
func titles(ss []*schema.Schema) schema.Both {
	if len(ss) == 1 {
		return schema.Both{Zh: "《" + ss[0].Title + "》", En: ss[0].En}
	}
	var ids []string
	for _, s := range ss {
		ids = append(ids, s.ID)
	}
	list := strings.Join(ids, ", ")
	return schema.Both{Zh: "各年版政府信息公开统计表（" + list + "）", En: "the information disclosure tables of every year (" + list + ")"}
}

// cellRef names a cell for the submission: prefixed with its sheet when
// that is not the submission's sheet.
func (r *reader) cellRef(g *grid, row, col int) string {
	a1 := ref(row, col)
	if g.sheet != r.sub.Sheet {
		return quoteSheet(g.sheet) + "!" + a1
	}
	return a1
}

func quoteSheet(s string) string {
	if strings.ContainsAny(s, " !'-()") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

// values reads every value cell of a table from its placement.
func (r *reader) values(t *schema.Table, p *placement) {
	s := r.sub.Schema
	if len(r.sub.Values) == 0 {
		r.sub.Values = make(map[string]schema.Value, len(s.Keys()))
	}
	if p == nil {
		for _, row := range t.Rows {
			if !row.Heading {
				r.missingRow(row, "")
			}
		}
		return
	}
	g := p.g
	for _, b := range p.bands {
		for _, m := range b.misspelt {
			r.sub.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindSchema, Rule: "read:header-spelling",
				Sheet: g.sheet, Cell: r.cellRef(g, m.row, m.col),
				Msg: schema.Msg("read.header-spelling", oneLine(m.text), schema.Both{Zh: m.column.Label, En: columnName(m.column)})})
		}
	}
	rows, absent := r.legacyRows(t, p)
	for _, row := range t.Rows {
		if row.Heading {
			continue
		}
		if absent[row.Code] {
			// Not in the earlier format the table follows here: its cases
			// are counted in the row that stands for them (legacyRows).
			for _, col := range t.Columns {
				r.sub.Values[schema.Key(row.Code, col.Code)] = schema.Value{State: schema.Present}
			}
			continue
		}
		m, ok := rows[row.Code]
		if !ok {
			r.missingRow(row, g.sheet)
			continue
		}
		r.unitScale(g, m, row)
		for _, col := range t.Columns {
			key := schema.Key(row.Code, col.Code)
			cell, _ := s.Cell(key)
			gc, ok := m.band.valueCol[col.Code]
			if !ok {
				r.sub.Values[key] = schema.Value{State: schema.Missing}
				continue
			}
			vr := m.valueRow(g, gc)
			var v schema.Value
			if a, spilled := g.anchor[[2]int{vr, gc}]; spilled && a[1] <= m.band.labelCol {
				// A title or label merged across the value column holds no value.
				v = r.interpret(g, vr, gc, cell, "", 0)
			} else {
				v = r.value(g, vr, gc, cell)
			}
			r.sub.Values[key] = v
			if v.State == schema.Empty {
				r.strayNumbers(g, m, vr, gc, key)
			}
		}
		r.checkUnit(g, m, row)
	}
	r.headingNumbers(t, p, rows)
	r.extraRows(p)
	r.extraColumns(t, p)
	for _, d := range p.dups {
		row, _ := s.Row(d.code)
		id := "read.duplicate-row"
		if d.hidden {
			id = "read.duplicate-hidden"
		}
		r.sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindExtraRow, Rule: "read:duplicate-row",
			Sheet: g.sheet, Cell: r.cellRef(g, d.row, d.col), Codes: []string{d.code},
			Msg: schema.Msg(id, rowName(row), d.kept+1, d.row+1)})
	}
}

// strayNumbers warns of numbers on an indicator's row in columns that are
// neither its value nor a column of other figures (last year's, a
// quarter's): most often a number typed one column off.
func (r *reader) strayNumbers(g *grid, m *match, row, valueCol int, key string) {
	b := m.band
	for c := b.labelCol + 1; c < min(b.end, len(g.at2(row))); c++ {
		if c == valueCol || c == b.unitCol || g.isFill(row, c) {
			continue
		}
		if class, known := b.classes[c]; known && class != classUnknown {
			continue
		}
		if schema.ParseNumber(g.at(row, c)).Form != schema.Number {
			continue
		}
		r.strays[cellAt{g, row, c}] = true
		r.sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindExtraRow, Rule: "read:stray-number",
			Sheet: g.sheet, Cell: r.cellRef(g, row, c), Codes: []string{key},
			Msg: schema.Msg("read.stray-number", cellName(r.sub.Schema, key), r.cellRef(g, row, valueCol),
				r.cellRef(g, row, c), strings.TrimSpace(g.at(row, c)))})
	}
}

// valueRow is the row holding an indicator's value: the first row of its
// label's span (a label merged down rows, or broken over rows) with
// something in the value column.
func (m *match) valueRow(g *grid, c int) int {
	end := m.row + m.span - 1
	for rr := end + 1; rr < len(g.rows); rr++ {
		a, ok := g.anchor[[2]int{rr, m.band.labelCol}]
		if !ok || a[0] != m.row {
			break
		}
		end = rr
	}
	for rr := m.row; rr <= end; rr++ {
		if strings.TrimSpace(g.at(rr, c)) != "" || g.rawFlag(rr, c)&flagFormula != 0 {
			return rr
		}
	}
	return m.row
}

func (r *reader) missingRow(row *schema.Row, sheet string) {
	t := row.Table()
	for _, col := range t.Columns {
		r.sub.Values[schema.Key(row.Code, col.Code)] = schema.Value{State: schema.Missing}
	}
	r.sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindMissingRow, Rule: "read:missing-row",
		Sheet: sheet, Codes: []string{row.Code}, Msg: schema.Msg("read.missing-row", rowName(row), row.Label)})
}

// columnName names a column in English messages: its English name and the
// table's own words.
func columnName(c *schema.Column) string {
	if c.En == "" {
		return c.Label
	}
	return c.En + " (" + c.Label + ")"
}

func rowName(row *schema.Row) schema.Both {
	return schema.Both{Zh: row.DisplayName(schema.Zh), En: row.DisplayName(schema.En)}
}

func cellName(s *schema.Schema, key string) schema.Both {
	return schema.Both{Zh: s.CellName(key, schema.Zh), En: s.CellName(key, schema.En)}
}

var excelErrors = regexp.MustCompile(`^#(?:REF!|DIV/0!|VALUE!|N/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$`)

// value reads one value cell. A formula without a stored result is left
// for computePending.
func (r *reader) value(g *grid, row, col int, cell schema.Cell) schema.Value {
	if at := anchorOf(g, row, col); g.rawFlag(at[0], at[1])&flagNoCache != 0 {
		r.pending = append(r.pending, pendingCell{g: g, row: row, col: col, cell: cell})
		return schema.Value{Ref: r.cellRef(g, row, col), State: schema.Missing}
	}
	return r.interpret(g, row, col, cell, g.at(row, col), g.flag(row, col))
}

func anchorOf(g *grid, r, c int) [2]int {
	if a, ok := g.anchor[[2]int{r, c}]; ok {
		return a
	}
	return [2]int{r, c}
}

// pendingCell is a value cell whose formula has no stored result.
type pendingCell struct {
	g        *grid
	row, col int
	cell     schema.Cell
}

// interpret reads a value cell's text as a number, with the findings its
// form calls for.
func (r *reader) interpret(g *grid, row, col int, cell schema.Cell, text string, fl cellFlags) schema.Value {
	cref := r.cellRef(g, row, col)
	v := schema.Value{Ref: cref}
	key := cell.Key
	add := func(sev schema.Severity, kind string, msg schema.Message) {
		r.sub.Add(schema.Finding{Severity: sev, Kind: kind, Rule: "read:" + kind, Sheet: g.sheet,
			Cell: cref, Codes: []string{key}, Msg: msg})
	}
	name := cellName(r.sub.Schema, key)
	trimmed := strings.TrimSpace(text)
	formula := g.formulas[anchorOf(g, row, col)]
	switch {
	case fl&flagError != 0 || excelErrors.MatchString(trimmed):
		v.State = schema.Invalid
		add(schema.Error, schema.KindFormulaError, schema.Msg("read.formula-error", name, trimmed, formulaText(formula.text)))
		return v
	case fl&flagBool != 0:
		v.State = schema.Invalid
		word := "TRUE"
		if trimmed == "0" || strings.EqualFold(trimmed, "false") {
			word = "FALSE"
		}
		add(schema.Error, schema.KindNotANumber, schema.Msg("read.boolean", name, word))
		return v
	case fl&flagDate != 0:
		v.State = schema.Invalid
		add(schema.Error, schema.KindNotANumber, schema.Msg("read.date", name, schema.Both(dateText(trimmed))))
		return v
	}
	var p schema.Parsed
	if fl&flagString == 0 && trimmed != "" {
		if d, ok := schema.ParseStoredNumber(trimmed); ok {
			p = schema.Parsed{Value: d, Form: schema.Number}
		} else {
			p = schema.ParseNumber(text)
		}
	} else {
		p = schema.ParseNumber(text)
	}
	switch p.Form {
	case schema.Blank:
		v.State = schema.Empty
		add(schema.Info, schema.KindBlank, schema.Msg("read.blank", name))
	case schema.ZeroMark:
		v.State = schema.Present
	case schema.NotNumber:
		v.State = schema.Invalid
		add(schema.Error, schema.KindNotANumber, schema.Msg("read.not-a-number", name, oneLine(text)))
	case schema.OutOfRange:
		v.State = schema.Invalid
		r.sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindNotANumber, Rule: "read:out-of-range", Sheet: g.sheet,
			Cell: cref, Codes: []string{key}, Msg: schema.Msg("read.out-of-range", name, oneLine(text))})
	case schema.Number:
		v.State, v.Num = schema.Present, p.Value
		format, formatted := g.formats[anchorOf(g, row, col)]
		shown := ""
		if formatted && fl&flagString == 0 {
			shown = shownAs(p.Value, format)
		}
		if p.Value.Sign() < 0 && !cell.Negative() {
			add(schema.Error, schema.KindNegative, schema.Msg("read.negative", name, p.Value))
		}
		if cell.Kind() == schema.Integer && !p.Value.IsInteger() {
			if shown != "" {
				add(schema.Error, schema.KindNonInteger, schema.Msg("read.non-integer-shown", name, shown, p.Value))
			} else {
				add(schema.Error, schema.KindNonInteger, schema.Msg("read.non-integer", name, p.Value))
			}
		}
		if p.Unit != "" {
			r.ownUnit[key] = true
		} else if f, ok := r.scale[key]; ok {
			// The row's unit cell names another money unit: the number is
			// in that unit (checkUnit says so).
			r.typed[key] = p.Value
			v.Num = p.Value.Mul(f)
		}
		if p.Unit != "" && !p.Value.IsZero() && !sameUnit(p.Unit, cell.Unit()) {
			if factor, ok := moneyFactor(p.Unit, cell.Unit()); ok {
				// The amount names its unit: convert it, and say so.
				v.Num = p.Value.Mul(factor)
				add(schema.Info, schema.KindUnit, schema.Msg("read.unit-converted", name, oneLine(text), v.Num, cell.Unit()))
			} else {
				sev := unitSeverity(cell.Unit(), p.Unit)
				add(sev, schema.KindUnit, schema.Msg("read.unit-in-value", name, oneLine(text), cell.Unit()))
			}
		}
	}
	return v
}

// moneyFactor is what an amount typed in one money unit is multiplied by
// to be in the table's: 元 and 万元 convert both ways.
func moneyFactor(typed, want string) (decimal.Decimal, bool) {
	t, w := normUnit(typed), normUnit(want)
	if t == "万" {
		t = "万元"
	}
	switch {
	case t == "万元" && w == "元":
		return decimal.NewFromInt(10000), true
	case t == "元" && w == "万元":
		return decimal.New(1, -4), true
	}
	return decimal.Decimal{}, false
}

// sameUnit compares a unit typed after a number with the table's: 万 is
// short for 万元.
func sameUnit(typed, want string) bool {
	t, w := normUnit(typed), normUnit(want)
	return t == w || t == "万" && w == "万元"
}

// shownAs is how a number appears in its cell when the format changes it
// (a percentage, or decimals rounded away); "" when it shows as stored.
func shownAs(d decimal.Decimal, f numFmt) string {
	switch {
	case f.percent:
		return d.Mul(decimal.NewFromInt(100)).Round(int32(max(f.places, 0))).String() + "%"
	case f.places >= 0 && !f.date && !d.Equal(d.Round(int32(f.places))):
		return d.Round(int32(f.places)).StringFixed(int32(f.places))
	}
	return ""
}

// dateText renders a date serial as the cell shows it, in both languages.
func dateText(serial string) schema.Text {
	f, err := strconv.ParseFloat(serial, 64)
	if err != nil || f < 1 || f > 2958465 {
		return schema.Text{Zh: serial, En: serial}
	}
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(f * 24 * float64(time.Hour)))
	return schema.Text{Zh: fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day()), En: t.Format("2006-01-02")}
}

func formulaText(f string) schema.Both {
	if f == "" {
		return schema.Both{}
	}
	return schema.Both{Zh: "（公式 =" + f + "）", En: " (formula =" + f + ")"}
}

// unitCell is the text of a row's unit cell and where it is; "" when the
// band has no unit column or the row's is empty.
func unitCell(g *grid, m *match) (text string, row int) {
	b := m.band
	if b.unitCol < 0 {
		return "", m.row
	}
	for rr := m.row; rr < m.row+m.span; rr++ {
		if t := g.at(rr, b.unitCol); strings.TrimSpace(t) != "" {
			return t, rr
		}
	}
	return "", m.row
}

// unitScale notes, before a row's numbers are read, what they are to be
// multiplied by when its unit cell names another money unit than the
// table's (元 on a 万元 row: 26500 is 2.65 万元).
func (r *reader) unitScale(g *grid, m *match, row *schema.Row) {
	if row.Unit == "" {
		return
	}
	text, _ := unitCell(g, m)
	if n := normUnit(text); n == "" || n == normUnit(row.Unit) {
		return
	}
	if f, ok := moneyFactor(text, row.Unit); ok {
		if r.scale == nil {
			r.scale = map[string]decimal.Decimal{}
		}
		for _, col := range row.Table().Columns {
			r.scale[schema.Key(row.Code, col.Code)] = f
		}
	}
}

// checkUnit compares a row's unit cell with the schema's unit. A money unit
// the table's converts to (元 on a 万元 row) has had the row's numbers
// converted (unitScale): a warning says so.
func (r *reader) checkUnit(g *grid, m *match, row *schema.Row) {
	if m.band.unitCol < 0 || row.Unit == "" {
		return
	}
	got, gr := unitCell(g, m)
	n := normUnit(got)
	if n == "" || n == normUnit(row.Unit) {
		return
	}
	key := schema.Key(row.Code, row.Table().Columns[0].Code)
	f := schema.Finding{Severity: unitSeverity(row.Unit, got), Kind: schema.KindUnit, Rule: "read:unit",
		Sheet: g.sheet, Cell: r.cellRef(g, gr, m.band.unitCol), Codes: []string{key},
		Msg: schema.Msg("read.unit", rowName(row), oneLine(got), row.Unit)}
	if _, scaled := r.scale[key]; scaled {
		// The numbers are in the table's unit now: converted here, or read
		// in the unit they name themselves (26500元).
		v := r.sub.Values[key]
		f.Severity = schema.Warning
		switch typed, ok := r.typed[key]; {
		case r.ownUnit[key]:
		case ok && !typed.IsZero():
			f.Msg = schema.Msg("read.unit-cell-converted", rowName(row), oneLine(got), row.Unit, v.Ref, typed, v.Num)
		case v.State == schema.Missing && v.Ref != "":
			// A formula computed later (computePending) is converted then.
			f.Msg = schema.Msg("read.unit-cell-scaled", rowName(row), oneLine(got), row.Unit, v.Ref)
		}
	}
	r.sub.Add(f)
}

// unitSeverity: a money amount in the wrong unit is off by a factor of
// 10,000 and would corrupt the totals; other unit slips are warnings.
func unitSeverity(want, got string) schema.Severity {
	money := func(s string) bool { return strings.Contains(normUnit(s), "元") }
	if money(want) || money(got) {
		return schema.Error
	}
	return schema.Warning
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}
