package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// The large sheets tally writes (the status list, the detail, the year on
// year, the findings, the sources) hold a row per unit, submission, figure
// or finding: tens of megabytes of XML for a province. excelize's stream writer keeps a
// sheet's XML in memory until the workbook is saved (up to 16 MiB in a
// buffer that doubles past it), so the body rows of those sheets are not
// given to it: each sheet's used range is declared from the data
// (newStream), its header, widths, panes, merges and page setup go through
// the stream writer as before, with a placeholder row where the body
// starts; and when save meets the sheet's part, it writes the part whole
// into the zip: what the stream writer made up to the placeholder, the
// body rows made then from the data, and what it made after. The rows are
// written cell for cell as the stream writer writes them
// (TestLateRowsAsStreamWriter holds the two side by side).

// lateRows are the bodies of the sheets of one workbook, by placeholder.
type lateRows struct {
	nonce string
	rows  map[string]func(*rowWriter) error
}

func newLateRows() *lateRows {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return &lateRows{nonce: hex.EncodeToString(b), rows: map[string]func(*rowWriter) error{}}
}

// add writes a placeholder row at row (1-based) of a streamed sheet; when
// the workbook is saved, body writes the rows from there on in its place,
// which must come before any row the stream writer writes after the
// placeholder.
func (l *lateRows) add(sw *excelize.StreamWriter, row int, body func(*rowWriter) error) error {
	token := fmt.Sprintf("tally-rows-%d-%s", len(l.rows)+1, l.nonce)
	l.rows[token] = body
	return sw.SetRow("A"+strconv.Itoa(row), []any{token})
}

// writePart writes a worksheet part into the zip: whole, with the rows of
// its body in place of its placeholder row if it has one.
func (l *lateRows) writePart(zw *zip.Writer, name string, part []byte) error {
	w, err := zw.Create(name)
	if err != nil {
		return err
	}
	for token, body := range l.rows {
		at := bytes.Index(part, []byte(">"+token+"<"))
		if at < 0 {
			continue
		}
		start := bytes.LastIndex(part[:at], []byte("<row "))
		end := bytes.Index(part[at:], []byte("</row>"))
		if start < 0 || end < 0 {
			return fmt.Errorf("the placeholder of a sheet's rows is not in a row")
		}
		delete(l.rows, token)
		if _, err := w.Write(part[:start]); err != nil {
			return err
		}
		rw := newRowWriter(w)
		if err := body(rw); err != nil {
			return err
		}
		if err := rw.flush(); err != nil {
			return err
		}
		part = part[at+end+len("</row>"):]
		break
	}
	_, err = w.Write(part)
	return err
}

// newStream starts streaming a sheet whose cells take rows rows and cols
// columns from A1, its used range declared: excelize's stream writer
// declares A1 otherwise, and a reader that trusts it (openpyxl's read-only
// mode) would see one cell of the sheet.
func newStream(f *excelize.File, sheet string, rows, cols int) (*excelize.StreamWriter, error) {
	if rows > 1 || cols > 1 {
		if err := f.SetSheetDimension(sheet, "A1:"+ref(rows-1, cols-1)); err != nil {
			return nil, err
		}
	}
	return f.NewStreamWriter(sheet)
}

// rowWriter writes rows of cells as worksheet XML, as excelize's stream
// writer does for the same cells.
type rowWriter struct {
	w     *bufio.Writer
	buf   []byte
	cols  []string // column names, A, B, …
	last  int      // the last row written
	width int      // the most cells in a row written
}

func newRowWriter(w io.Writer) *rowWriter {
	return &rowWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// row writes a row (1-based) of cells from column A on. Rows must come in
// order.
func (rw *rowWriter) row(r int, cells []excelize.Cell) error {
	return rw.tallRow(r, 0, cells)
}

// tallRow writes a row of cells of the given height in points (0: the
// sheet's default), as the stream writer writes RowOpts{Height: height}.
func (rw *rowWriter) tallRow(r int, height float64, cells []excelize.Cell) error {
	if r <= rw.last {
		return fmt.Errorf("row %d written after row %d", r, rw.last)
	}
	if height > excelize.MaxRowHeight {
		return excelize.ErrMaxRowHeight
	}
	rw.last = r
	rw.width = max(rw.width, len(cells))
	b := append(rw.buf[:0], `<row r="`...)
	b = strconv.AppendInt(b, int64(r), 10)
	if height > 0 {
		b = append(b, `" ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1`...)
	}
	b = append(b, `">`...)
	for i := range cells {
		var err error
		if b, err = rw.cell(b, r, i, &cells[i]); err != nil {
			rw.buf = b
			return err
		}
	}
	b = append(b, `</row>`...)
	rw.buf = b
	_, err := rw.w.Write(b)
	return err
}

func (rw *rowWriter) colName(c int) string {
	for len(rw.cols) <= c {
		rw.cols = append(rw.cols, colName(len(rw.cols)))
	}
	return rw.cols[c]
}

// cell appends a cell as the stream writer's SetRow writes an
// excelize.Cell: its style, its formula, and its value, of the types tally
// writes (nil, a whole number, a float, a text).
func (rw *rowWriter) cell(b []byte, r, c int, cell *excelize.Cell) ([]byte, error) {
	var (
		typ, v  string
		space   bool // xml:space="preserve" on the cell (a formula's string)
		inline  *string
		ispace  bool // xml:space="preserve" on the inline string
		formula = cell.Formula
	)
	if formula != "" {
		typ = "str"
	}
	switch x := cell.Value.(type) {
	case nil:
	case int:
		typ, v = "", strconv.Itoa(x)
	case int64:
		typ, v = "", strconv.FormatInt(x, 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			typ = "inlineStr"
			inline, ispace = trimmed(fmt.Sprint(x), true)
		} else {
			typ, v = "", formatFloat(x)
		}
	case string:
		if formula != "" {
			var p *string
			p, space = trimmed(x, false)
			v = *p
		} else {
			typ = "inlineStr"
			inline, ispace = trimmed(x, true)
		}
	default:
		return b, fmt.Errorf("a cell of type %T is not written", x)
	}
	b = append(b, `<c`...)
	if space {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, ` r="`...)
	b = append(b, rw.colName(c)...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '"')
	if cell.StyleID > 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(cell.StyleID), 10)
		b = append(b, '"')
	}
	if typ != "" {
		b = append(b, ` t="`...)
		b = append(b, typ...)
		b = append(b, '"')
	}
	b = append(b, '>')
	if formula != "" {
		b = append(b, `<f>`...)
		b = escapeText(b, formula)
		b = append(b, `</f>`...)
	}
	if v != "" {
		b = append(b, `<v>`...)
		b = escapeText(b, v)
		b = append(b, `</v>`...)
	}
	if inline != nil {
		b = append(b, `<is><t`...)
		if ispace {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = append(b, *inline...)
		b = append(b, `</t></is>`...)
	}
	return append(b, `</c>`...), nil
}

func (rw *rowWriter) flush() error { return rw.w.Flush() }

// maxCellChars is the most UTF-16 units a cell holds (Excel's limit; the
// stream writer cuts a longer text there).
const maxCellChars = 32767

// trimmed is a text as the stream writer stores it: cut to a cell's
// length, escaped for an inline string (newlines kept as they are), and
// its _xHHHH_ sequences escaped; space reports leading or trailing white
// space, which needs xml:space="preserve".
func trimmed(s string, escape bool) (*string, bool) {
	if utf16Len(s) > maxCellChars {
		s = cutUTF16(s, maxCellChars)
	}
	space := false
	if s != "" {
		for _, c := range []byte{'\t', '\n', '\r', ' '} {
			if s[0] == c || s[len(s)-1] == c {
				space = true
				break
			}
		}
		if escape {
			s = strings.ReplaceAll(string(escapeText(nil, s)), "&#xA;", "\n")
		}
	}
	s = bstrMarshal(s)
	return &s, space
}

func utf16Len(s string) int {
	if len(s) <= maxCellChars {
		return len(s) // a rune takes at least as many bytes as UTF-16 units
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func cutUTF16(s string, n int) string {
	cnt := 0
	for i, r := range s {
		if cnt += utf16.RuneLen(r); cnt > n {
			return s[:i]
		}
	}
	return s
}

// escapeText appends s escaped as encoding/xml's EscapeText escapes it.
func escapeText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			var w strings.Builder
			_ = xml.EscapeText(&w, []byte(s[i:]))
			return append(append(b, s[:i]...), w.String()...)
		}
	}
	return append(b, s...)
}

// formatFloat is a float as excelize writes it: in full, cut to Excel's
// 15 significant digits.
func formatFloat(x float64) string {
	str := strconv.FormatFloat(x, 'f', -1, 64)
	if math.Abs(x) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	dot := strings.IndexByte(str, '.')
	significant := 0
	for i := 0; i < len(str); i++ {
		if str[i] < '0' || str[i] > '9' || significant == 0 && str[i] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if dot >= 0 && i > dot {
			return strings.TrimSuffix(str[:i], ".")
		}
		if dot < 0 {
			return str[:i] + strings.Repeat("0", len(str)-i)
		}
		return str[:i] + strings.Repeat("0", dot-i)
	}
	return str
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal escapes the _xHHHH_ sequences of a text, which a reader
// would otherwise take for an escaped character, as excelize does; where
// excelize drops a sequence that names no character (_xD800_), it is
// escaped like the others.
func bstrMarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	cursor := 0
	for _, m := range bstrExp.FindAllStringIndex(s, -1) {
		out.WriteString(s[cursor:m[0]])
		sub := s[m[0]:m[1]]
		cursor = m[1]
		if sub != "_x005F_" {
			out.WriteString("_x005F" + sub)
			continue
		}
		if m[1]+6 <= len(s) && bstrEscapeExp.MatchString(s[m[1]:m[1]+6]) {
			if _, err := strconv.Unquote(`"\u` + s[m[1]+1:m[1]+5] + `"`); err == nil {
				out.WriteString(sub + "x005F" + sub)
				continue
			}
		}
		out.WriteString(sub + "x005F_")
	}
	out.WriteString(s[cursor:])
	return out.String()
}
