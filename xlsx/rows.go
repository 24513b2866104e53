package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// The large sheets tally writes (the detail, the findings, the sources) hold
// a row per submission or per finding: tens of megabytes of XML for a
// province. excelize's stream writer keeps a sheet's XML in memory until the
// workbook is saved (up to 16 MiB in a buffer that doubles past it), so
// those rows are made apart instead: each sheet's header, widths, panes and
// merges go through the stream writer as before, with a placeholder row
// where the body starts; the body rows are written and deflated at once, on
// a goroutine of their own, while the rest of the workbook is made; and
// when save meets the placeholder in the sheet's part, it puts the deflated
// rows in its place. The rows are written cell for cell as the stream
// writer writes them (TestLateRowsAsStreamWriter holds the two side by
// side).

// lateRows are the body rows of the sheets of one workbook, by placeholder.
type lateRows struct {
	nonce string
	rows  map[string]*rowsPart
	// owned are the rows made for this workbook alone, closed when it is
	// saved (shared rows are closed by their SharedRows).
	owned []*rowsPart
}

func newLateRows() *lateRows {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return &lateRows{nonce: hex.EncodeToString(b), rows: map[string]*rowsPart{}}
}

// add writes a placeholder row at row (1-based) of a streamed sheet and
// starts writing the body rows from there on, which must come before any
// row the stream writer writes after the placeholder.
func (l *lateRows) add(sw *excelize.StreamWriter, row int, body func(*rowWriter) error) error {
	p := deflateRows(body)
	l.owned = append(l.owned, p)
	return l.place(sw, row, p)
}

// close releases the rows made for this workbook alone, once they are
// written or will not be.
func (l *lateRows) close() {
	for _, p := range l.owned {
		<-p.done
		p.data.Close()
	}
	l.owned = nil
}

// addShared is add, with rows that the other workbooks of the run sharing
// them write under the same key.
func (l *lateRows) addShared(sw *excelize.StreamWriter, row int, shared *SharedRows, key string, body func(*rowWriter) error) error {
	if shared == nil {
		return l.add(sw, row, body)
	}
	return l.place(sw, row, shared.rows(key, body))
}

// place writes the placeholder row of rows being made.
func (l *lateRows) place(sw *excelize.StreamWriter, row int, rows *rowsPart) error {
	token := fmt.Sprintf("tally-rows-%d-%s", len(l.rows)+1, l.nonce)
	l.rows[token] = rows
	return sw.SetRow("A"+strconv.Itoa(row), []any{token})
}

// wait waits for every body to be written, and returns the first error.
func (l *lateRows) wait() error {
	var first error
	for _, p := range l.rows {
		<-p.done
		if first == nil {
			first = p.err
		}
	}
	return first
}

// A rowsPart is a sheet's body rows, deflated: whole deflate blocks, none of
// them final, ending on a byte (a sync flush), so that they can be put
// between the deflated start and end of the sheet's part.
type rowsPart struct {
	done chan struct{}
	data *spill
	crc  uint32 // CRC-32 of the rows' XML
	size int64  // bytes of the rows' XML
	// last and width are the last row (1-based) and the most cells in a
	// row, for the sheet's dimension.
	last, width int
	err         error
}

func deflateRows(body func(*rowWriter) error) *rowsPart {
	p := &rowsPart{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		buf := &spill{}
		p.data = buf
		fw, err := deflater(buf)
		if err != nil {
			p.err = err
			return
		}
		defer putDeflater(fw)
		h := crc32.NewIEEE()
		cw := &countWriter{w: io.MultiWriter(fw, h)}
		rw := newRowWriter(cw)
		if p.err = body(rw); p.err == nil {
			p.err = rw.flush()
		}
		if p.err == nil {
			p.err = fw.Flush()
		}
		p.crc, p.size = h.Sum32(), cw.n
		p.last, p.width = rw.last, rw.width
	}()
	return p
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// writePart writes a worksheet part into the zip, its placeholder row (if it
// has one) replaced by the deflated rows it stands for.
func (l *lateRows) writePart(zw *zip.Writer, name string, part []byte) error {
	for token, rows := range l.rows {
		at := strings.Index(string(part), ">"+token+"<")
		if at < 0 {
			continue
		}
		start := strings.LastIndex(string(part[:at]), "<row ")
		end := strings.Index(string(part[at:]), "</row>")
		if start < 0 || end < 0 {
			return fmt.Errorf("the placeholder of a sheet's rows is not in a row")
		}
		end += at + len("</row>")
		<-rows.done
		if rows.err != nil {
			return rows.err
		}
		delete(l.rows, token)
		head, tail := part[:start], part[end:]
		head = withDimension(head, extent(head, tail, rows.last, rows.width))
		var h, t bytes.Buffer
		if err := deflateTo(&h, head, false); err != nil {
			return err
		}
		if err := deflateTo(&t, tail, true); err != nil {
			return err
		}
		crc := crcJoin(crcJoin(crc32.ChecksumIEEE(head), rows.crc, rows.size), crc32.ChecksumIEEE(tail), int64(len(tail)))
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
			CreatorVersion: 20, ReaderVersion: 20, CRC32: crc,
			CompressedSize64:   uint64(int64(h.Len()) + rows.data.Len() + int64(t.Len())),
			UncompressedSize64: uint64(int64(len(head)) + rows.size + int64(len(tail)))})
		if err != nil {
			return err
		}
		if _, err := w.Write(h.Bytes()); err != nil {
			return err
		}
		if _, err := rows.data.WriteTo(w); err != nil {
			return err
		}
		_, err = w.Write(t.Bytes())
		return err
	}
	w, err := zw.Create(name)
	if err == nil {
		_, err = w.Write(withDimension(part, extent(part, nil, 0, 0)))
	}
	return err
}

// extent is the last row and column (1-based) of the cells in the XML of
// a sheet's parts and of rows more (the last row and the most cells).
func extent(head, tail []byte, last, width int) [2]int {
	ext := [2]int{last, width}
	for _, part := range [][]byte{head, tail} {
		x := newSAX(bytes.NewReader(part))
		for {
			kind, name, tag, err := x.next()
			if err != nil {
				break
			}
			if kind != saxStart || string(name) != "c" {
				continue
			}
			var r [1][]byte
			if !pickAttrs(tag, []string{"r"}, r[:]) {
				continue
			}
			if c, row, ok := parseRef(string(r[0])); ok {
				ext = [2]int{max(ext[0], row+1), max(ext[1], c+1)}
			}
		}
		x.release()
	}
	return ext
}

// withDimension sets the used range a streamed sheet declares: excelize's
// stream writer leaves it at A1, and a reader that trusts it (openpyxl's
// read-only mode) would see one cell of the sheet.
func withDimension(part []byte, ext [2]int) []byte {
	if ext[0] <= 1 && ext[1] <= 1 {
		return part
	}
	for _, old := range []string{`<dimension ref="A1"></dimension>`, `<dimension ref="A1"/>`} {
		if i := bytes.Index(part, []byte(old)); i >= 0 {
			dim := `<dimension ref="A1:` + ref(ext[0]-1, ext[1]-1) + `"/>`
			return append(append(append([]byte(nil), part[:i]...), dim...), part[i+len(old):]...)
		}
	}
	return part
}

// deflateTo deflates b into w: ending with the final block when last, else
// with a sync flush, so that more blocks can follow.
func deflateTo(w io.Writer, b []byte, last bool) error {
	fw, err := deflater(w)
	if err != nil {
		return err
	}
	defer putDeflater(fw)
	if _, err := fw.Write(b); err != nil {
		return err
	}
	if last {
		return fw.Close()
	}
	return fw.Flush()
}

// crcJoin is the CRC-32 of a text made of a first part whose CRC-32 is a
// and a second of n bytes whose CRC-32 is b. CRC-32 is linear: the first
// part's register carried over n zero bytes, added to the second's.
func crcJoin(a, b uint32, n int64) uint32 {
	s := a
	for n > 0 {
		k := min(n, int64(len(zeros)))
		s = ^crc32.Update(^s, crc32.IEEETable, zeros[:k])
		n -= k
	}
	return s ^ b
}

var zeros [32 << 10]byte

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
