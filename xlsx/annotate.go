package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"tally/internal/contain"

	"github.com/xuri/excelize/v2"

	"tally/errtext"
	"tally/schema"
	"tally/source"
)

// Size limits for opening a workbook with excelize: a submission is a few
// dozen KiB, so anything inflating past these is not one.
const (
	unzipLimit    = 256 << 20
	unzipXMLLimit = 64 << 20
)

// Annotate returns a marked-up copy of a submission's workbook: each cell
// with a finding filled (red for an error, yellow for a warning) and
// commented with the finding, and a first sheet listing every finding with
// a link to its cell. data are the bytes of the original file, which is
// never written; a legacy file is marked up in a converted copy.
func Annotate(data []byte, name string, sub *schema.Submission, conv source.Converter, lang schema.Lang) (out []byte, err error) {
	// A workbook excelize cannot edit gets no marked-up copy, but the run
	// goes on.
	if p := contain.Call(func() { out, err = annotate(data, name, sub, conv, lang) }); p != nil {
		return nil, &markupError{schema.Msg(msgAnnotatePanic, errtext.Panic(p))}
	}
	return out, err
}

func annotate(data []byte, name string, sub *schema.Submission, conv source.Converter, lang schema.Lang) ([]byte, error) {
	kind := source.Sniff(data)
	if kind.NeedsConversion() {
		if conv == nil {
			return nil, &markupError{schema.Msg(msgAnnotateNeedsConvert)}
		}
		var err error
		if data, err = conv.Convert(data, "."+kind.Ext(name)); err != nil {
			return nil, err
		}
	} else if kind != source.XLSX {
		return nil, &markupError{schema.Msg(msgAnnotateNotAWorkbook)}
	}
	// A copy costs no more than a workbook reasonably can, and is made of
	// what the editing library can open.
	data, renames, err := prepareMarkup(data)
	if err != nil {
		return nil, err
	}
	data = withStyles(data)
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := &marker{f: f, lang: lang, styles: map[[2]int]int{}, notes: map[string][]string{}, worst: map[string]schema.Severity{},
		renames: renames, renamed: map[string]string{}}
	for _, r := range renames {
		for _, from := range []string{r.from, r.mended, strings.ToValidUTF8(r.from, "\uFFFD")} {
			m.renamed[from] = r.to
		}
	}
	for _, fd := range sub.FindingList() {
		if fd.Severity == schema.Info && fd.Kind != schema.KindBlank {
			continue
		}
		sheet, cell := m.ref(fd.Cell, or(fd.Sheet, sub.Sheet))
		if cell == "" {
			continue
		}
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			continue
		}
		k := sheet + "!" + cell
		m.notes[k] = append(m.notes[k], labelled(fd.Severity, fd.Message(lang), lang))
		if fd.Severity.Rank() > m.worst[k].Rank() {
			m.worst[k] = fd.Severity
		}
		if _, seen := m.order[k]; !seen {
			if m.order == nil {
				m.order = map[string]int{}
			}
			m.order[k] = len(m.keys)
			m.keys = append(m.keys, k)
		}
	}
	for _, k := range m.keys {
		if err := m.mark(k); err != nil {
			return nil, err
		}
	}
	if err := m.issues(sub); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := save(f, &out, nil); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type marker struct {
	f      *excelize.File
	lang   schema.Lang
	styles map[[2]int]int // (original style, severity rank) -> style with fill
	notes  map[string][]string
	worst  map[string]schema.Severity
	order  map[string]int
	keys   []string
	// renames are the sheets the copy renames; renamed maps their names
	// (as the reader may give them) to their names in the copy.
	renames []renamedSheet
	renamed map[string]string
}

// ref is the sheet and cell of a finding's reference in the copy.
func (m *marker) ref(r, sheet string) (string, string) {
	sheet, cell := splitRef(r, sheet)
	if to, ok := m.renamed[sheet]; ok {
		sheet = to
	}
	return sheet, cell
}

var fills = map[schema.Severity]string{schema.Error: "FF9999", schema.Warning: "FFE699", schema.Info: "DDEBF7"}

// mark fills a cell and comments it with its findings.
func (m *marker) mark(k string) error {
	i := strings.LastIndex(k, "!")
	sheet, cell := k[:i], k[i+1:]
	sev := m.worst[k]
	orig, err := m.f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	id, ok := m.styles[[2]int{orig, sev.Rank()}]
	if !ok {
		if id, err = withFill(m.f, orig, fills[sev]); err != nil {
			return err
		}
		m.styles[[2]int{orig, sev.Rank()}] = id
	}
	if err := m.f.SetCellStyle(sheet, cell, cell, id); err != nil {
		return err
	}
	existing, _ := m.f.GetComments(sheet)
	text := strings.Join(m.notes[k], "\n")
	for _, c := range existing {
		if strings.EqualFold(c.Cell, cell) {
			// Keep the township's own note and add ours below it.
			if err := m.f.DeleteComment(sheet, cell); err != nil {
				return err
			}
			text = commentText(c) + "\n——\n" + text
		}
	}
	author := schema.Msg(msgWriteCheckAuthor).Render(m.lang)
	return m.f.AddComment(sheet, excelize.Comment{Cell: cell, Author: author,
		Paragraph: []excelize.RichTextRun{{Text: author + schema.Text{Zh: "：", En: ": "}.In(m.lang) + "\n", Font: &excelize.Font{Bold: true}}, {Text: text}},
		Width:     320, Height: 160})
}

// withFill returns a cell style that is the style orig with a solid fill
// of color: a copy of orig's format record with its fill changed and
// nothing else, so that the township's borders, fonts, number format and
// alignment stay exactly as they were. (Reading the style back with
// GetStyle and making it again with NewStyle loses what excelize's Style
// cannot say: a border without a colour came back as <color rgb="FF"/>,
// which openpyxl refuses, LibreOffice draws blue and Excel repairs.)
func withFill(f *excelize.File, orig int, color string) (int, error) {
	// A style of the fill alone puts the fill in the workbook's fill table.
	fill, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}})
	if err != nil {
		return 0, err
	}
	ss := f.Styles // read by NewStyle
	if ss == nil || ss.CellXfs == nil || orig < 0 || orig >= len(ss.CellXfs.Xf) ||
		fill >= len(ss.CellXfs.Xf) || ss.CellXfs.Xf[fill].FillID == nil {
		return fill, nil // no format of its own to keep
	}
	xf := ss.CellXfs.Xf[orig]
	if xf.Alignment != nil {
		a := *xf.Alignment
		xf.Alignment = &a
	}
	if xf.Protection != nil {
		p := *xf.Protection
		xf.Protection = &p
	}
	id, apply := *ss.CellXfs.Xf[fill].FillID, true
	xf.FillID, xf.ApplyFill = &id, &apply
	ss.CellXfs.Xf = append(ss.CellXfs.Xf, xf)
	ss.CellXfs.Count = len(ss.CellXfs.Xf)
	return len(ss.CellXfs.Xf) - 1, nil
}

// labelled is a finding's message after its severity, for a comment.
func labelled(sev schema.Severity, msg string, lang schema.Lang) string {
	if lang == schema.En {
		return sev.Name(lang) + ": " + msg
	}
	return sev.Name(lang) + "：" + msg
}

func commentText(c excelize.Comment) string {
	if c.Text != "" {
		return c.Text
	}
	var b strings.Builder
	for _, p := range c.Paragraph {
		b.WriteString(p.Text)
	}
	return b.String()
}

// issues adds the first sheet: every finding, with a link to its cell.
func (m *marker) issues(sub *schema.Submission) error {
	name := Names(m.lang).Issues
	for n := 2; ; n++ {
		if idx, _ := m.f.GetSheetIndex(name); idx < 0 {
			break
		}
		name = fmt.Sprintf("%s%d", Names(m.lang).Issues, n)
	}
	idx, err := m.f.NewSheet(name)
	if err != nil {
		return err
	}
	sheets := m.f.GetSheetList()
	if len(sheets) > 1 {
		// Moving a sheet needs every sheet to have a view; files written by
		// other programs often have none (excelize would crash).
		for _, s := range sheets {
			_, _ = m.f.GetSheetView(s, 0)
		}
		// A name of one sheet (its print area, its print titles) is
		// kept by the sheet's position, which moving the list in front
		// shifts and excelize does not: they are taken out and put back
		// by the sheet's name.
		var local []excelize.DefinedName
		for _, dn := range m.f.GetDefinedName() {
			if dn.Scope != "" && dn.Scope != "Workbook" {
				local = append(local, dn)
			}
		}
		for _, dn := range local {
			_ = m.f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope})
		}
		if err := m.f.MoveSheet(name, sheets[0]); err != nil {
			return err
		}
		for _, dn := range local {
			_ = m.f.SetDefinedName(&dn)
		}
		idx, _ = m.f.GetSheetIndex(name)
	}
	st, err := newStyles(m.f)
	if err != nil {
		return err
	}
	// A link to a cell keeps the colour of its finding's row.
	links := map[schema.Severity]int{}
	// In a fixed order, so that the same copy has the same styles each time.
	for _, link := range []struct {
		sev   schema.Severity
		color string
	}{{schema.Error, "FFC7CE"}, {schema.Warning, "FFEB9C"}, {schema.Info, ""}} {
		sev, color := link.sev, link.color
		ls := &excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single", Size: 11, Family: "宋体"},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}
		if color != "" {
			ls.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
		}
		if links[sev], err = m.f.NewStyle(ls); err != nil {
			return err
		}
	}
	widths := []float64{6, 8, 12, 10, 70}
	title := schema.Msg(msgAnnotateTitle, sub.Unit, sub.File).Render(m.lang)
	if err := m.f.SetCellValue(name, "A1", title); err != nil {
		return err
	}
	// The title wraps across the list's width.
	across := 0.0
	for _, w := range widths {
		across += w + 5.0/7
	}
	_ = m.f.SetCellStyle(name, "A1", "E1", st.text)
	_ = m.f.MergeCell(name, "A1", "E1")
	_ = m.f.SetRowHeight(name, 1, rowHeight([]float64{across}, title))
	heads := strings.Split(schema.Msg(msgAnnotateHead).Render(m.lang), "|")
	for i, h := range heads {
		c := ref(1, i)
		_ = m.f.SetCellValue(name, c, h)
		_ = m.f.SetCellStyle(name, c, c, st.header)
	}
	_ = m.f.SetRowHeight(name, 2, rowHeight(widths, heads...))
	for i, w := range widths {
		_ = m.f.SetColWidth(name, colName(i), colName(i), w)
	}
	r := 2
	for _, fd := range sub.FindingList() {
		if fd.Severity == schema.Info && fd.Kind != schema.KindBlank && fd.Kind != schema.KindConverted {
			continue
		}
		style := st.severity(fd.Severity)
		sheet, cell := m.ref(fd.Cell, or(fd.Sheet, sub.Sheet))
		vals := []any{r - 1, fd.Severity.Name(m.lang), sheet, cell, fd.Message(m.lang)}
		for c, v := range vals {
			at := ref(r, c)
			if err := m.f.SetCellValue(name, at, v); err != nil {
				return err
			}
			_ = m.f.SetCellStyle(name, at, at, style)
		}
		_ = m.f.SetRowHeight(name, r+1, rowHeight(widths, "", "", sheet, cell, fd.Message(m.lang)))
		if cell != "" {
			at := ref(r, 3)
			if err := m.f.SetCellHyperLink(name, at, quoted(sheet)+"!"+cell, "Location"); err == nil {
				_ = m.f.SetCellStyle(name, at, at, links[fd.Severity])
			}
		}
		r++
	}
	// A sheet renamed in the copy is said so, last.
	for _, rn := range m.renames {
		msg := schema.Msg(msgAnnotateRenamed, shownName(rn.from), rn.to).Render(m.lang)
		vals := []any{r - 1, schema.Info.Name(m.lang), rn.to, "", msg}
		for c, v := range vals {
			at := ref(r, c)
			if err := m.f.SetCellValue(name, at, v); err != nil {
				return err
			}
			_ = m.f.SetCellStyle(name, at, at, st.severity(schema.Info))
		}
		_ = m.f.SetRowHeight(name, r+1, rowHeight(widths, "", "", rn.to, "", msg))
		r++
	}
	if err := m.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := pageSetup(m.f, name, page{landscape: true, titleRows: [2]int{2, 2}, lang: m.lang}); err != nil {
		return err
	}
	m.f.SetActiveSheet(idx)
	return nil
}

// splitRef splits "表三!K24" (or "'a b'!K24") into sheet and cell; a bare
// cell is on the default sheet.
func splitRef(r, sheet string) (string, string) {
	i := strings.LastIndex(r, "!")
	if i < 0 {
		return sheet, r
	}
	s := r[:i]
	if strings.HasPrefix(s, "'") && strings.HasSuffix(s, "'") && len(s) >= 2 {
		s = strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s, r[i+1:]
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// withStyles gives a workbook that has no style sheet (system exports often
// have none) the default one of a new workbook, so that cells can be
// coloured; any other workbook is returned as it is.
func withStyles(data []byte) []byte {
	zr, err := source.OpenZip(data)
	if err != nil {
		return data
	}
	has := map[string]bool{}
	for _, zf := range zr.File {
		has[zf.Name] = true
	}
	if has["xl/styles.xml"] || !has["xl/workbook.xml"] || !has["[Content_Types].xml"] {
		return data
	}
	styles, err := defaultStyles()
	if err != nil {
		return data
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return data
		}
		body, err := io.ReadAll(io.LimitReader(rc, source.MaxPart+1))
		rc.Close()
		if err != nil || len(body) > source.MaxPart {
			return data
		}
		switch zf.Name {
		case "[Content_Types].xml":
			body = bytes.Replace(body, []byte("</Types>"), []byte(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`), 1)
		case "xl/_rels/workbook.xml.rels":
			body = bytes.Replace(body, []byte("</Relationships>"), []byte(`<Relationship Id="rIdTallyStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`), 1)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			return data
		}
		if _, err := w.Write(body); err != nil {
			return data
		}
	}
	if !has["xl/_rels/workbook.xml.rels"] {
		return data
	}
	w, err := zw.Create("xl/styles.xml")
	if err != nil {
		return data
	}
	if _, err := w.Write(styles); err != nil || zw.Close() != nil {
		return data
	}
	return out.Bytes()
}

// defaultStyles is the style sheet of a new excelize workbook.
func defaultStyles() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, err
	}
	for _, zf := range zr.File {
		if zf.Name == "xl/styles.xml" {
			rc, err := zf.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(rc)
		}
	}
	return nil, errors.New("no styles in a new workbook")
}
