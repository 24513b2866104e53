package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"tally/schema"
)

// An .xlsx is read straight from its zip, streaming each worksheet: only
// the parts a submission needs (workbook, relations, shared strings,
// number formats, worksheets, core properties), only the first
// grid.MaxRows rows and grid.MaxCols columns of each sheet, with every part's
// inflated size bounded. A sheet padded with a million empty rows, or a
// worksheet that inflates to gigabytes, costs a pass of inflation and no
// memory. Namespace prefixes are ignored (x:row reads as row), so Strict
// OOXML and prefixed producers read like Excel's own files.
//
// This file holds the limits on a workbook's parts, the errors of a damaged
// one, and the zip's parts, each read at most once; the workbook's own
// parts are read in workbook.go and styles.go, its worksheets in
// worksheet.go and mergescan.go.

// Limits on the parts of a workbook.
const (
	MaxPart      = 16 << 20  // any part tally parses into memory
	maxText      = 1 << 20   // text between two tags: no cell holds a megabyte
	maxSheetScan = 512 << 20 // a worksheet, scanned past grid.MaxRows for its merges
	// maxBookScan is what all the parts of one workbook may inflate to
	// together, each part inflated at most once: a workbook costs no more
	// than its largest sheet may, however many sheets and parts it names.
	// About a second and a half of inflating and scanning.
	maxBookScan = 512 << 20
	// maxBookParse is how much of that may be sheets' XML tokenized event
	// by event (the rows tally reads, and what precedes them); the rest of
	// a sheet is only scanned for its merged ranges, ten times as fast. A
	// table is tens of KB of XML, a sheet as full as tally reads 40 MB;
	// 128 MB of tiny elements take about a second and a half.
	maxBookParse = 128 << 20
	// MaxCellText is the most text kept of one cell (a value, a formula, a
	// shared string, a page header); the rest is cut. Excel holds at most
	// 32,767 characters in a cell, and a character is at most 3 bytes of
	// UTF-8 (Chinese text takes 3), so nothing Excel writes is cut.
	MaxCellText = 3 * 32767
	// maxBookText is the most text kept in cells of one workbook, counted
	// for each cell that holds it (a shared string used by a thousand
	// cells counts a thousand times: each is read and matched). A
	// statistics table holds tens of KB of text; 16 MB is as much as the
	// largest part tally parses (MaxPart).
	maxBookText = 16 << 20
	// maxBookCells is the most cells one workbook keeps, on all its sheets
	// together, counted as slots of a sheet's rows (a row is kept as wide
	// as its last cell) and what else a cell may cost (the grid's costs and
	// costString, costMerge: a formula, a number format, a merged range and the cells it
	// fills, a shared string). A table is a few thousand cells, a sheet as
	// far as tally reads (grid.MaxRows by grid.MaxCols) 1.28 million; a million slots
	// cost some 100 MB at most, so two workbooks read at once stay under
	// 256 MB. Detail sheets have their own (detailMaxCells).
	maxBookCells = 1_000_000
	// MaxEntries is the most entries a zip may hold to be read as a
	// workbook: a workbook has a few parts per sheet (the sheet, its
	// relationships, a drawing, comments), so 10,000 is thousands of
	// sheets; archive/zip keeps some 250 bytes per entry in memory.
	MaxEntries = 10_000
	// MaxDirectory is the largest central directory of a zip read as a
	// workbook: 10,000 entries of names and extra fields of 400 bytes.
	MaxDirectory = 4 << 20
)

// ErrTooLarge is the error of a workbook a part of which inflates past the
// limits.
var ErrTooLarge = errors.New("a part of the workbook inflates beyond the size limit")

// Damage is the error of a part of a workbook that cannot be read, said in
// both languages for the finding ([schema.Localizer]).
type Damage struct {
	zh  string
	err error
}

func (d *Damage) Error() string { return d.err.Error() }
func (d *Damage) Unwrap() error { return d.err }

// Localize implements schema.Localizer.
func (d *Damage) Localize(lang schema.Lang) string {
	if lang == schema.Zh {
		return d.zh
	}
	return d.err.Error()
}

// damaged is the damage of a part whose XML could not be read: zh says
// which part, and a DTD is named as what it is.
func damaged(zh string, err error) *Damage {
	if errors.Is(err, errDTD) {
		zh += "：含有文档类型声明（DTD），Excel 和 WPS 保存的工作簿中不会有，文件可能被改动过"
	}
	return &Damage{zh, err}
}

type zipParts struct {
	files map[string]*zip.File // by lower-case name with forward slashes
	// held are the buffers of the parts read, given back by release: the
	// parts are parsed into strings of their own and not kept.
	held *[]*bytes.Buffer
	// read are the parts read: each is read at most once.
	read   map[*zip.File]bool
	budget *budget
}

// partBuffers are the buffers parts are inflated into, used again from one
// workbook to the next.
var partBuffers sync.Pool

// release gives back the buffers of the parts read; their bytes are not
// used afterwards.
func (z zipParts) release() {
	for _, b := range *z.held {
		if b.Cap() <= 1<<20 {
			partBuffers.Put(b)
		}
	}
	*z.held = nil
}

func (z zipParts) find(name string) *zip.File {
	return z.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// once marks a part read, refusing one read already: a workbook whose
// relationships name one part for two purposes (two sheets, a sheet and
// the shared strings) is not one a spreadsheet program wrote, and reading
// it again would cost its inflation again.
func (z zipParts) once(f *zip.File) error {
	if z.read[f] {
		return &Damage{fmt.Sprintf("工作簿的 %s 部分被用作了两处内容", f.Name),
			fmt.Errorf("the part %s is named for two purposes", f.Name)}
	}
	z.read[f] = true
	return nil
}

// part returns a part's inflated bytes, refusing parts past the limit and
// a part read already.
func (z zipParts) part(name string) ([]byte, error) {
	f := z.find(name)
	if f == nil {
		return nil, nil
	}
	if err := z.once(f); err != nil {
		return nil, err
	}
	limit := z.budget.scanLeft(MaxPart)
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// The size the zip declares is a hint, never trusted past the limit.
	buf, _ := partBuffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	*z.held = append(*z.held, buf)
	buf.Grow(int(min(f.UncompressedSize64, uint64(limit))) + bytes.MinRead)
	_, err = buf.ReadFrom(io.LimitReader(rc, limit+1))
	z.budget.scanned(int64(buf.Len()))
	if err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, ErrTooLarge
	}
	return buf.Bytes(), nil
}
