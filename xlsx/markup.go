package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"tally/printable"
	"tally/schema"
	"tally/source"
)

// The bounds of a marked-up copy. The spreadsheet library that edits the
// copy holds the whole workbook in memory, about half a kilobyte for each
// row and cell of its sheets and several times the size of its XML: a
// sheet padded with a million formatted empty rows would take minutes and
// gigabytes. A statistics table is a few hundred rows and cells; a copy is
// made of a workbook of at most maxMarkupCells rows and cells in all its
// sheets (about 50 MB and a second), whose parts inflate to at most
// source.MaxPart each and maxMarkupBytes in all. Past them the workbook gets no
// copy, and a message naming it says why.
const (
	maxMarkupCells = 100_000
	maxMarkupBytes = 64 << 20
)

// A markupError is why a workbook gets no marked-up copy, in words.
type markupError struct{ m schema.Message }

func (e *markupError) Error() string { return e.m.Render(schema.En) }

// Localize implements [schema.Localizer].
func (e *markupError) Localize(lang schema.Lang) string { return e.m.Render(lang) }

// A renamedSheet is a sheet whose name the copy changes: Excel (and the
// library that edits the copy) refuses names with control characters,
// bytes that are not text, : \ / ? * [ ], a quote at either end, or more
// than 31 characters, which other programs write all the same. from is the
// name as the workbook has it, mended as it is once its characters XML
// does not allow are mended (mendXML), to the name in the copy.
type renamedSheet struct {
	from, mended, to string
}

// prepareMarkup readies a workbook for marking up: it refuses one whose
// copy would cost more than a workbook reasonably can (maxMarkupCells,
// source.MaxPart, maxMarkupBytes), measured in one pass of inflation that stops
// at the first bound passed; and it mends what the editing library cannot
// open — characters XML does not allow, anywhere (they are shown as the
// pictures of control characters, ␛ for an escape), and sheet names Excel
// does not allow (renamed, and every reference to them with them). A
// workbook that needs neither is returned as it is.
func prepareMarkup(data []byte) ([]byte, []renamedSheet, error) {
	zr, err := source.OpenZip(data)
	if err != nil {
		return nil, nil, err
	}
	// The sheet names first: the references to renamed sheets are mended
	// in the parts that follow.
	var renames []renamedSheet
	mended := map[string][]byte{}
	for _, zf := range zr.File {
		if zf.Name == "xl/workbook.xml" {
			raw, err := readPart(zf, nil)
			if err != nil {
				return nil, nil, err
			}
			var book []byte
			book, renames = renameSheets(raw, mendXML(raw))
			if !bytes.Equal(book, raw) {
				mended[zf.Name] = book
			}
		}
	}
	cells, total := 0, 0
	for _, zf := range zr.File {
		if strings.HasSuffix(zf.Name, "/") {
			continue
		}
		sheet := strings.HasPrefix(zf.Name, "xl/worksheets/") && isXMLPart(zf.Name)
		var count *int
		if sheet {
			count = &cells
		}
		body, err := readPart(zf, count)
		if err != nil {
			return nil, nil, err
		}
		if total += len(body); total > maxMarkupBytes {
			return nil, nil, &markupError{schema.Msg("annotate.too-large", maxMarkupBytes>>20)}
		}
		if zf.Name == "xl/workbook.xml" || !isXMLPart(zf.Name) {
			continue
		}
		fixed := mendXML(body)
		if len(renames) > 0 && sheet {
			fixed = renameRefs(fixed, "f", renames)
		}
		if !bytes.Equal(fixed, body) {
			mended[zf.Name] = fixed
		}
	}
	if len(mended) == 0 {
		return data, renames, nil
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		body, ok := mended[zf.Name]
		if !ok {
			if err := zw.Copy(zf); err != nil {
				return nil, nil, err
			}
			continue
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			return nil, nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	return out.Bytes(), renames, nil
}

// readPart inflates a part of at most source.MaxPart bytes. A worksheet's rows
// and cells are counted into cells as it inflates, and it stops at
// maxMarkupCells: a padded sheet is refused for what it is, after a few
// megabytes.
func readPart(zf *zip.File, cells *int) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var body []byte
	counted := 0
	chunk := make([]byte, 1<<20)
	for {
		n, err := rc.Read(chunk)
		body = append(body, chunk[:n]...)
		if len(body) > source.MaxPart {
			return nil, &markupError{schema.Msg("annotate.part-too-large", zf.Name, source.MaxPart>>20)}
		}
		if cells != nil {
			// Up to the last tag begun: it may go on in the next chunk.
			upTo := len(body)
			if err == nil {
				upTo = max(counted, bytes.LastIndexByte(body, '<'))
			}
			*cells += countCells(body[counted:upTo])
			counted = upTo
			if *cells > maxMarkupCells {
				return nil, &markupError{schema.Msg("annotate.too-many-cells", maxMarkupCells)}
			}
		}
		if err == io.EOF {
			return body, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func isXMLPart(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".rels", ".vml":
		return true
	}
	return false
}

// countCells counts the rows and cells of a worksheet: its start tags
// named row or c, in any namespace prefix.
func countCells(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '<' {
			continue
		}
		j := i + 1
		for j < len(b) && b[j] != ' ' && b[j] != '>' && b[j] != '/' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
			j++
		}
		name := b[i+1 : j]
		if k := bytes.LastIndexByte(name, ':'); k >= 0 {
			name = name[k+1:]
		}
		if string(name) == "row" || string(name) == "c" {
			n++
		}
		i = j - 1
	}
	return n
}

// mendXML replaces, in an XML part, what XML does not allow and a strict
// reader refuses: bytes that are not UTF-8 (by U+FFFD), control characters
// (by their pictures: ␛ for an escape) and references to them (&#27;).
// A part with none is returned as it is.
func mendXML(b []byte) []byte {
	if !needsMending(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		if b[i] == '&' && i+2 < len(b) && b[i+1] == '#' {
			if r, n, ok := charRef(b[i:]); ok {
				if !xmlChar(r) {
					out = utf8.AppendRune(out, picture(r))
				} else {
					out = append(out, b[i:i+n]...)
				}
				i += n
				continue
			}
		}
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			out = utf8.AppendRune(out, utf8.RuneError)
		case !xmlChar(r):
			out = utf8.AppendRune(out, picture(r))
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func needsMending(b []byte) bool {
	if !utf8.Valid(b) {
		return true
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return true
		case c == '&' && i+2 < len(b) && b[i+1] == '#':
			if r, _, ok := charRef(b[i:]); ok && !xmlChar(r) {
				return true
			}
		case c == 0xEF && i+2 < len(b) && b[i+1] == 0xBF && (b[i+2] == 0xBE || b[i+2] == 0xBF):
			return true // U+FFFE, U+FFFF
		}
	}
	return false
}

// charRef reads a character reference (&#27; or &#x1b;) at the start of b.
func charRef(b []byte) (rune, int, bool) {
	end := bytes.IndexByte(b[:min(len(b), 16)], ';')
	if end < 3 {
		return 0, 0, false
	}
	digits, base := string(b[2:end]), 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return 0, 0, false
	}
	return rune(v), end + 1, true
}

// xmlChar reports a character XML 1.0 allows.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// picture is the character that shows a control character (U+2400…,
// ␛ for an escape), or U+FFFD.
func picture(r rune) rune {
	if r >= 0 && r < 0x20 {
		return 0x2400 + r
	}
	return utf8.RuneError
}

// sheetTag finds the start tags of the sheets in the workbook part.
var sheetTag = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?sheet[\s/>]`)

// nameAttr finds a name attribute (without a prefix) in a start tag.
var nameAttr = regexp.MustCompile(`\sname\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// renameSheets gives every sheet of a workbook part whose name Excel does
// not allow a name it does (validSheetName), and mends the references to
// it in the defined names (print areas and the like). raw is the part as
// the workbook has it, book the part with its characters mended.
func renameSheets(raw, book []byte) ([]byte, []renamedSheet) {
	type found struct {
		start, end int // the attribute's value, in book
		name       string
	}
	names := func(b []byte) []found {
		var out []found
		for _, loc := range sheetTag.FindAllIndex(b, -1) {
			end := bytes.IndexByte(b[loc[1]-1:], '>')
			if end < 0 {
				break
			}
			tag := b[loc[0] : loc[1]-1+end]
			m := nameAttr.FindSubmatchIndex(tag)
			if m == nil {
				continue
			}
			v := 2
			if m[2] < 0 {
				v = 4
			}
			out = append(out, found{loc[0] + m[v], loc[0] + m[v+1], xmlUnescape(tag[m[v]:m[v+1]])})
		}
		return out
	}
	sheets, original := names(book), names(raw)
	if len(original) != len(sheets) {
		original = sheets
	}
	// The names that stay first, then a new name for each other sheet that
	// none of them has.
	used := map[string]bool{}
	for i := range sheets {
		if name := original[i].name; validSheetName(name, nil) == name {
			used[strings.ToLower(name)] = true
		}
	}
	var renames []renamedSheet
	var out bytes.Buffer
	at := 0
	for i, s := range sheets {
		from := original[i].name
		to := validSheetName(from, used)
		if to == from {
			continue
		}
		used[strings.ToLower(to)] = true
		renames = append(renames, renamedSheet{from: from, mended: s.name, to: to})
		if to == s.name {
			continue
		}
		out.Write(book[at:s.start])
		out.WriteString(xmlEscape(to))
		at = s.end
	}
	if len(renames) == 0 {
		return book, nil
	}
	out.Write(book[at:])
	return renameRefs(out.Bytes(), "definedName", renames), renames
}

// validSheetName is a name Excel allows for a sheet named name: each
// character Excel refuses replaced by its full-width look-alike (／ for /)
// or its picture (␛ for an escape), a quote at either end by ’, cut to 31
// characters, and told apart from the other names of the workbook (used,
// in lower case) by ~2, ~3….
func validSheetName(name string, used map[string]bool) string {
	var b strings.Builder
	for i := 0; i < len(name); {
		r, n := utf8.DecodeRuneInString(name[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			r = utf8.RuneError
		case r < 0x20:
			r = picture(r)
		case r >= 0x7f && r <= 0x9f:
			r = utf8.RuneError
		default:
			if k := strings.IndexRune(`:\/?*[]`, r); k >= 0 {
				r = []rune("：＼／？＊［］")[k]
			}
		}
		b.WriteRune(r)
	}
	s := b.String()
	if strings.HasPrefix(s, "'") {
		s = "’" + s[1:]
	}
	if strings.HasSuffix(s, "'") {
		s = s[:len(s)-1] + "’"
	}
	if s == "" {
		s = "Sheet"
	}
	if s == name && utf16Units(s) <= 31 {
		return s
	}
	for n := 1; ; n++ {
		tail := ""
		if n > 1 {
			tail = "~" + strconv.Itoa(n)
		}
		c := cutUTF16(s, 31-len(tail)) + tail
		if !used[strings.ToLower(c)] {
			return c
		}
	}
}

// utf16Units is the length of s in UTF-16 units, as Excel counts the
// characters of a sheet's name.
func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// renameRefs mends, in the text of the elements named local (formulas,
// defined names), the references to renamed sheets: 'old'!A1 and old!A1
// become 'new'!A1.
func renameRefs(b []byte, local string, renames []renamedSheet) []byte {
	open := regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?` + local + `(?:\s[^>]*)?>`)
	var out bytes.Buffer
	at := 0
	for _, loc := range open.FindAllIndex(b, -1) {
		if bytes.HasSuffix(b[loc[0]:loc[1]], []byte("/>")) || loc[1] < at {
			continue
		}
		end := bytes.IndexByte(b[loc[1]:], '<')
		if end < 0 {
			break
		}
		text := b[loc[1] : loc[1]+end]
		fixed := text
		for _, r := range renames {
			to := []byte(xmlEscapeText(quoted(r.to) + "!"))
			fixed = bytes.ReplaceAll(fixed, []byte(xmlEscapeText(quoted(r.mended)+"!")), to)
			fixed = replaceBare(fixed, []byte(xmlEscapeText(r.mended+"!")), to)
		}
		out.Write(b[at:loc[1]])
		out.Write(fixed)
		at = loc[1] + end
	}
	if at == 0 {
		return b
	}
	out.Write(b[at:])
	return out.Bytes()
}

// replaceBare replaces old (a sheet name and !) where it starts a
// reference: not inside another name or a quoted one.
func replaceBare(b, old, to []byte) []byte {
	var out []byte
	at := 0
	for i := 0; i+len(old) <= len(b); {
		k := bytes.Index(b[i:], old)
		if k < 0 {
			break
		}
		k += i
		if k > 0 && (b[k-1] == '\'' || b[k-1] == '_' || b[k-1] == '.' || b[k-1] >= '0' && b[k-1] <= '9' ||
			b[k-1] >= 'A' && b[k-1] <= 'Z' || b[k-1] >= 'a' && b[k-1] <= 'z' || b[k-1] >= 0x80) {
			i = k + 1
			continue
		}
		out = append(append(out, b[at:k]...), to...)
		at = k + len(old)
		i = at
	}
	if out == nil {
		return b
	}
	return append(out, b[at:]...)
}

// xmlUnescape decodes the entities and character references of an
// attribute value, leaving any other byte as it is.
func xmlUnescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	var s strings.Builder
	for i := 0; i < len(b); {
		if b[i] == '&' {
			if r, n, ok := charRef(b[i:]); ok {
				s.WriteRune(r)
				i += n
				continue
			}
			matched := false
			for ent, r := range map[string]string{"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": `"`, "&apos;": "'"} {
				if bytes.HasPrefix(b[i:], []byte(ent)) {
					s.WriteString(r)
					i += len(ent)
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		s.WriteByte(b[i])
		i++
	}
	return s.String()
}

func xmlEscapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}

// shownName is a sheet's original name for the list of problems: its
// control characters escaped.
func shownName(s string) string { return printable.Line(s) }

func init() {
	schema.Register(map[string]schema.Text{
		"annotate.too-many-cells": {
			Zh: "工作表中有超过 %d 个行和单元格（多半是整列设置了格式的空行），远超一份统计表，做标注副本会耗费过多的内存和时间；删除表格下方多余的行后可以再做",
			En: "its sheets hold more than %d rows and cells (usually empty rows formatted down to the bottom), far more than a statistics table: a marked-up copy would take too much memory and time; delete the rows below the table to get one"},
		"annotate.part-too-large": {
			Zh: "工作簿中的 %[1]s 解压后超过 %[2]d MB，远超一份统计表，做标注副本会耗费过多的内存和时间",
			En: "its part %[1]s inflates to more than %[2]d MB, far more than a statistics table: a marked-up copy would take too much memory and time"},
		"annotate.too-large": {
			Zh: "工作簿解压后超过 %d MB，远超一份统计表，做标注副本会耗费过多的内存和时间",
			En: "the workbook inflates to more than %d MB, far more than a statistics table: a marked-up copy would take too much memory and time"},
		"annotate.renamed": {
			Zh: "工作表“%[1]s”的名称 Excel 不允许，这份副本中改名为“%[2]s”",
			En: "the sheet %[1]s has a name Excel does not allow: it is named %[2]s in this copy"},
	})
}
