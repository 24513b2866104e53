package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"strings"

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
			return nil, nil, &markupError{schema.Msg(msgAnnotateTooLarge, maxMarkupBytes>>20)}
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
			return nil, &markupError{schema.Msg(msgAnnotatePartTooLarge, zf.Name, source.MaxPart>>20)}
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
				return nil, &markupError{schema.Msg(msgAnnotateTooManyCells, maxMarkupCells)}
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
