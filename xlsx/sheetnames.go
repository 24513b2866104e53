package xlsx

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"tally/printable"
)

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

// shownName is a sheet's original name for the list of problems: its
// control characters escaped.
func shownName(s string) string { return printable.Line(s) }
