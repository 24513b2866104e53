package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"tally/grid"
	"tally/schema"
)

// This file reads the cells of an .xlsx straight from its zip, streaming
// each worksheet: only the parts a submission needs (workbook, relations,
// shared strings, number formats, worksheets, core properties), only the
// first grid.MaxRows rows and grid.MaxCols columns of each sheet, with every part's
// inflated size bounded. A sheet padded with a million empty rows, or a
// worksheet that inflates to gigabytes, costs a pass of inflation and no
// memory. Namespace prefixes are ignored (x:row reads as row), so Strict
// OOXML and prefixed producers read like Excel's own files.

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

// readSheets reads the sheets whose names only accepts (nil: every sheet;
// of a workbook tally consolidated, the first, its table), each up to rows
// rows and cols columns (0: grid.MaxRows and grid.MaxCols), within the
// budget.
func readSheets(data []byte, zr *zip.Reader, only func(name string) bool, rows, cols int, budget *budget) (*Book, error) {
	if zr == nil {
		var err error
		if zr, err = OpenZip(data); err != nil {
			return nil, err
		}
	}
	z := zipParts{files: map[string]*zip.File{}, held: new([]*bytes.Buffer), read: map[*zip.File]bool{}, budget: budget}
	defer z.release()
	for _, f := range zr.File {
		z.files[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	wbPath := "xl/workbook.xml"
	if rels, err := z.part("_rels/.rels"); err == nil && rels != nil {
		for _, r := range parseRels(rels) {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.target, "/")
			}
		}
	}
	wb, err := z.part(wbPath)
	if err != nil {
		return nil, err
	}
	if wb == nil {
		return nil, &Damage{"缺少工作簿的主体部分（xl/workbook.xml）", errors.New("the workbook part is missing")}
	}
	dir := path.Dir(wbPath)
	relPath := path.Join(dir, "_rels", path.Base(wbPath)+".rels")
	relData, err := z.part(relPath)
	if err != nil {
		return nil, err
	}
	rels := parseRels(relData)
	if len(rels) > MaxEntries {
		return nil, &Damage{fmt.Sprintf("工作簿的关系表列出的部分超过 %d 个", MaxEntries),
			fmt.Errorf("the workbook's relationships name more than %d parts", MaxEntries)}
	}
	targets := map[string]rel{}
	var sstRel, stylesRel *rel
	for _, r := range rels {
		targets[r.id] = r
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings") && sstRel == nil:
			sstRel = &r
		case strings.HasSuffix(r.typ, "/styles") && stylesRel == nil:
			stylesRel = &r
		}
	}
	book := &Book{Kind: XLSX, Data: data}
	var sst []string
	var formats map[int]grid.Format
	if sstRel != nil {
		b, err := z.part(resolve(dir, sstRel.target))
		if err != nil {
			return nil, err
		}
		z.budget.at = schema.Both{Zh: "共享字符串表", En: "the shared strings"}
		if sst, err = parseSST(b, z.budget); err != nil {
			if e := z.budget.err(); e != nil {
				return nil, e
			}
			return nil, damaged("共享字符串表不完整或有错误", fmt.Errorf("shared strings: %w", err))
		}
	}
	if stylesRel != nil {
		b, err := z.part(resolve(dir, stylesRel.target))
		if err != nil {
			return nil, err
		}
		z.budget.at = schema.Both{Zh: "样式表", En: "the styles"}
		if formats = parseStyles(b, z.budget); z.budget.err() != nil {
			return nil, z.budget.err()
		}
	}
	if core, err := z.part("docProps/core.xml"); err == nil && core != nil {
		book.Category = elementText(core, "category")
	}
	sheets, err := parseSheetList(wb)
	if err == errTooManySheets {
		return nil, err
	}
	if err != nil {
		return nil, damaged("工作簿的工作表目录有错误", fmt.Errorf("workbook: %w", err))
	}
	// The worksheets' parts: two sheets on one part are refused before
	// anything is read (once).
	parts := make([]*zip.File, len(sheets))
	first := map[*zip.File]string{}
	for i, sh := range sheets {
		r, ok := targets[sh.rid]
		if !ok || !strings.HasSuffix(r.typ, "/worksheet") {
			continue // a chartsheet, a dialog sheet: no cells
		}
		f := z.find(resolve(dir, r.target))
		if f == nil {
			continue
		}
		if other, ok := first[f]; ok {
			return nil, &Damage{fmt.Sprintf("工作表“%s”和“%s”指向工作簿中的同一个部分 %s", other, sh.name, f.Name),
				fmt.Errorf("sheets %q and %q are the same part %s", other, sh.name, f.Name)}
		}
		first[f] = sh.name
		parts[i] = f
	}
	for i, sh := range sheets {
		f := parts[i]
		if f == nil || only != nil && !only(sh.name) {
			continue
		}
		if only == nil && book.Category == Consolidated && len(book.Grids) > 0 {
			break // the detail, the findings and the sources: not read
		}
		if err := z.once(f); err != nil {
			return nil, err
		}
		g := &grid.Grid{Name: sh.name, Index: i, Hidden: sh.hidden}
		g.Limit(rows, cols)
		g.SetBudget(z.budget)
		z.budget.at = sheetAt(sh.name)
		if err := readSheet(f, g, z.budget, sst, formats); err != nil {
			var over *TooMuch
			if errors.Is(err, ErrTooLarge) || errors.As(err, &over) {
				return nil, err
			}
			return nil, damaged(fmt.Sprintf("工作表“%s”的内容不完整或有错误", sh.name), fmt.Errorf("sheet %q: %w", sh.name, err))
		}
		book.Grids = append(book.Grids, g)
	}
	return book, nil
}

type rel struct{ id, typ, target string }

// parseRels reads the relationships of a part, and one more than
// MaxEntries at most: a part relates to no more parts than a zip may hold
// and each is kept in memory.
func parseRels(b []byte) []rel {
	var out []rel
	x := newSAX(bytes.NewReader(b))
	defer x.release()
	for {
		kind, name, tag, err := x.next()
		if err != nil {
			return out
		}
		if kind == saxStart && string(name) == "Relationship" {
			if len(out) > MaxEntries {
				return out
			}
			out = append(out, rel{id: saxAttr(tag, "Id"), typ: saxAttr(tag, "Type"), target: saxAttr(tag, "Target")})
		}
	}
}

// resolve joins a relationship target to the folder of its source part.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(dir, target)
}

type sheetEntry struct {
	name, rid string
	hidden    bool
}

// errTooManySheets is a workbook listing more sheets than its zip may hold
// parts (MaxEntries): each sheet listed is kept in memory.
var errTooManySheets = &Damage{fmt.Sprintf("工作簿列出的工作表超过 %d 个", MaxEntries),
	fmt.Errorf("the workbook lists more than %d sheets", MaxEntries)}

// parseSheetList reads the sheets a workbook lists, refusing more than
// MaxEntries (errTooManySheets).
func parseSheetList(b []byte) ([]sheetEntry, error) {
	var out []sheetEntry
	x := newSAX(bytes.NewReader(b))
	defer x.release()
	for {
		kind, name, tag, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if kind == saxStart && string(name) == "sheet" {
			if len(out) == MaxEntries {
				return nil, errTooManySheets
			}
			state := saxAttr(tag, "state")
			out = append(out, sheetEntry{name: saxAttr(tag, "name"), rid: saxAttr(tag, "id"),
				hidden: state == "hidden" || state == "veryHidden"})
		}
	}
}

// elementText is the text of the first element with the given local name.
func elementText(b []byte, local string) string {
	x := newSAX(bytes.NewReader(b))
	defer x.release()
	in := false
	var sb strings.Builder
	for {
		kind, name, text, err := x.next()
		if err != nil {
			return sb.String()
		}
		switch kind {
		case saxStart:
			in = string(name) == local
		case saxText:
			if in {
				sb.Write(text)
			}
		case saxEnd:
			if string(name) == local {
				return sb.String()
			}
		}
	}
}

// parseSST reads the shared strings: each <si>'s text, rich runs joined,
// phonetic runs (<rPh>) left out, cut past MaxCellText. Each string is a
// cell of the workbook's budget.
func parseSST(b []byte, budget *budget) ([]string, error) {
	var out []string
	x := newSAX(bytes.NewReader(b))
	defer x.release()
	var sb keptText
	inSI, inT, skip := false, false, 0
	for {
		kind, name, text, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch kind {
		case saxStart:
			switch string(name) {
			case "si":
				inSI = true
				sb.reset()
			case "t":
				inT = true
			case "rPh":
				skip++
			}
		case saxEnd:
			switch string(name) {
			case "si":
				inSI = false
				if !budget.keep(costString, 0) {
					return out, budget.err()
				}
				out = append(out, sb.String())
			case "t":
				inT = false
			case "rPh":
				skip--
			}
		case saxText:
			if inSI && inT && skip == 0 {
				sb.add(text)
			}
		}
	}
}

// builtinDates are the built-in number formats that show dates or times
// (including the CJK ones).
var builtinDates = map[int]bool{14: true, 15: true, 16: true, 17: true, 18: true, 19: true, 20: true, 21: true, 22: true,
	27: true, 28: true, 29: true, 30: true, 31: true, 32: true, 33: true, 34: true, 35: true, 36: true,
	45: true, 46: true, 47: true, 50: true, 51: true, 52: true, 53: true, 54: true, 55: true, 56: true, 57: true, 58: true}

var (
	quotedText = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]|\\.`)
	dateCode   = regexp.MustCompile(`[yYdD年月日]|m+/|/m+|[hH]+:m|m+:[sS]`)
)

// builtinFormats are the built-in number formats that matter to tally.
var builtinFormats = map[int]grid.Format{
	1: {Places: 0}, 2: {Places: 2}, 3: {Places: 0}, 4: {Places: 2},
	9: {Percent: true, Places: 0}, 10: {Percent: true, Places: 2},
	37: {Places: 0}, 38: {Places: 0}, 39: {Places: 2}, 40: {Places: 2},
}

var decimalsIn = regexp.MustCompile(`[0#?]\.([0#?]+)`)

// formatOf reads a format code.
func formatOf(code string) grid.Format {
	c := quotedText.ReplaceAllString(code, "")
	if i := strings.IndexByte(c, ';'); i >= 0 {
		c = c[:i] // the positive section
	}
	if strings.EqualFold(strings.TrimSpace(c), "general") || c == "" || c == "@" {
		return grid.Format{Places: -1}
	}
	f := grid.Format{Date: dateCode.MatchString(c), Percent: strings.Contains(c, "%"), Places: 0}
	if m := decimalsIn.FindStringSubmatch(c); m != nil {
		f.Places = len(m[1])
	}
	return f
}

// parseStyles returns, per cell style index, the cell's number format when
// it is not the general one. Each number format and each style with one is
// kept at the cost of a cell's; past the budget, reading stops (the
// caller asks budget.err).
func parseStyles(b []byte, budget *budget) map[int]grid.Format {
	custom := map[int]grid.Format{}
	out := map[int]grid.Format{}
	x := newSAX(bytes.NewReader(b))
	defer x.release()
	inXfs, xf := false, 0
	for {
		kind, name, tag, err := x.next()
		if err != nil {
			return out
		}
		switch kind {
		case saxStart:
			switch string(name) {
			case "numFmt":
				if !budget.keep(costFormat, 0) {
					return out
				}
				id, _ := strconv.Atoi(saxAttr(tag, "numFmtId"))
				custom[id] = formatOf(saxAttr(tag, "formatCode"))
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id, _ := strconv.Atoi(saxAttr(tag, "numFmtId"))
					f, ok := custom[id]
					if !ok {
						f, ok = builtinFormats[id]
						if builtinDates[id] {
							f, ok = grid.Format{Date: true}, true
						}
					}
					if ok && f.Places != -1 {
						if !budget.keep(costFormat, 0) {
							return out
						}
						out[xf] = f
					}
					xf++
				}
			}
		case saxEnd:
			if string(name) == "cellXfs" {
				inXfs = false
			}
		}
	}
}

// readSheet streams a worksheet into a grid, spending the budget: cells of
// the grid's rows, then a scan of the rest for the merged ranges.
func readSheet(f *zip.File, g *grid.Grid, budget *budget, sst []string, formats map[int]grid.Format) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	counted := &countingReader{r: rc, limit: budget.scanLeft(maxSheetScan)}
	defer func() { budget.scanned(counted.n) }()
	rest := &mergeScan{r: counted, budget: budget, parse: budget.parseLeft(maxSheetScan)}
	defer func() { budget.parsed(rest.passed) }()
	x := newSAX(rest)
	defer x.release()
	var (
		row, col = -1, -1
		cur      cellState
		merges   []string
		// done: past the rows tally reads, only the merged ranges that
		// follow the cells are read.
		done bool
		// header is the text of the page headers, all of them together
		// one cell's worth at most.
		header keptText
	)
	for {
		kind, name, b, err := x.next()
		if err == io.EOF || done && err == errUnclosed && rest.scanned {
			// past the rows tally reads, the XML ends where the scan
			// of the rest took over.
			break
		}
		if err != nil {
			if e := budget.err(); e != nil {
				return e
			}
			if errors.Is(err, ErrTooLarge) || counted.exceeded || rest.exceeded {
				return ErrTooLarge
			}
			return fmt.Errorf("damaged worksheet XML: %w", err)
		}
		if done {
			if kind == saxStart && string(name) == "mergeCell" {
				if !budget.keep(costMerge, 0) {
					return budget.err()
				}
				merges = append(merges, saxAttr(b, "ref"))
			}
			continue
		}
		switch kind {
		case saxStart:
			switch string(name) {
			case "row":
				var vals [2][]byte
				if !pickAttrs(b, rowAttrs, vals[:]) {
					saxAttrs(b, func(name, value []byte) {
						switch string(name) {
						case "r":
							vals[0] = value
						case "hidden":
							vals[1] = value
						}
					})
				}
				r, hidden := vals[0], vals[1]
				if n, ok := atoi(r); ok && n > 0 {
					row = n - 1
				} else {
					row++
				}
				col = -1
				if row >= g.RowLimit() {
					done, rest.done = true, true
				}
				if h := string(hidden); (h == "1" || h == "true") && row >= 0 && row < g.RowLimit() {
					g.HideRow(row)
				}
			case "col":
				if h := saxAttr(b, "hidden"); h == "1" || h == "true" {
					lo, _ := strconv.Atoi(saxAttr(b, "min"))
					hi, _ := strconv.Atoi(saxAttr(b, "max"))
					for c := max(lo, 1); c <= min(hi, g.ColLimit()); c++ {
						g.HideCol(c - 1)
					}
				}
			case "oddHeader", "firstHeader", "evenHeader":
				cur.in = 'h'
			case "c":
				cur.reset()
				var vals [3][]byte
				if !pickAttrs(b, cellAttrs, vals[:]) {
					saxAttrs(b, func(name, value []byte) {
						switch string(name) {
						case "r":
							vals[0] = value
						case "s":
							vals[1] = value
						case "t":
							vals[2] = value
						}
					})
				}
				r, st := vals[0], vals[1]
				if vals[2] != nil {
					cur.typ = string(vals[2])
				}
				if len(r) > 0 {
					if rr, c, ok := grid.ParseRef(string(r)); ok {
						col, row = c, rr
					} else {
						col++
					}
				} else {
					col++
				}
				if len(st) > 0 {
					if n, ok := atoi(st); ok {
						if f, ok := formats[n]; ok {
							cur.format = f
							cur.hasFormat = true
						}
					}
				}
				cur.row, cur.col, cur.open = row, col, true
			case "v":
				cur.in = 'v'
			case "f":
				cur.formula = true
				cur.in = 'f'
				cur.shared = saxAttr(b, "t") == "shared"
				cur.si = saxAttr(b, "si")
				cur.sharedRef = saxAttr(b, "ref")
			case "t":
				if cur.open && cur.inIS {
					cur.in = 't'
				}
			case "is":
				cur.inIS = true
			case "rPh":
				cur.phonetic++
			case "mergeCell":
				if !budget.keep(costMerge, 0) {
					return budget.err()
				}
				merges = append(merges, saxAttr(b, "ref"))
			}
		case saxText:
			switch cur.in {
			case 'v':
				cur.v.add(b)
			case 'f':
				cur.f.add(b)
			case 't':
				if cur.phonetic == 0 {
					cur.v.add(b)
				}
			case 'h':
				header.add(b)
			}
		case saxEnd:
			switch string(name) {
			case "v", "f", "t", "oddHeader", "firstHeader", "evenHeader":
				cur.in = 0
			case "rPh":
				cur.phonetic--
			case "is":
				cur.inIS = false
			case "c":
				if cur.open {
					put(g, &cur, sst)
					if e := budget.err(); e != nil {
						return e
					}
				}
				cur.reset()
			}
		}
	}
	g.Header = header.String()
	if !budget.keep(0, len(g.Header)) {
		return budget.err()
	}
	merges = append(merges, rest.merges...)
	for _, m := range merges {
		merge(g, m)
		if e := budget.err(); e != nil {
			return e
		}
	}
	return nil
}

// The attributes of rows and cells readSheet uses.
var (
	rowAttrs  = []string{"r", "hidden"}
	cellAttrs = []string{"r", "s", "t"}
)

// mergeScan passes a worksheet to the XML reader until the rows tally reads
// are behind it; then, at the reader's next read, it scans the rest of the
// worksheet itself for the merged ranges, several times faster than
// tokenizing rows nobody reads, and ends the stream there.
type mergeScan struct {
	r io.Reader
	// tail: what was passed after the last '>', the start of a tag the
	// XML reader will not finish.
	tail          []byte
	done, scanned bool
	merges        []string
	budget        *budget // each merged range found is a cell of it
	// passed is what was passed to the XML reader, at most parse bytes;
	// exceeded says it would have been more.
	passed, parse int64
	exceeded      bool
}

// maxTag is the longest merged-range tag the scan looks for.
const maxTag = 1 << 10

func (m *mergeScan) Read(p []byte) (int, error) {
	if m.done {
		if !m.scanned {
			m.scanned = true
			if err := m.scan(); err != nil {
				return 0, err
			}
		}
		return 0, io.EOF
	}
	n, err := m.r.Read(p)
	if m.passed += int64(n); m.passed > m.parse {
		m.exceeded = true
		return n, ErrTooLarge
	}
	if i := bytes.LastIndexByte(p[:n], '>'); i >= 0 {
		m.tail = append(m.tail[:0], p[i+1:n]...)
	} else {
		m.tail = append(m.tail, p[:n]...)
	}
	if len(m.tail) > maxTag {
		m.tail = append(m.tail[:0], m.tail[len(m.tail)-maxTag:]...)
	}
	return n, err
}

// scan reads the rest of the worksheet, from the unfinished tag on, and
// collects the ref of every mergeCell element.
func (m *mergeScan) scan() error {
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, m.tail...)
	name := []byte("mergeCell")
	for {
		k := len(buf)
		n, err := m.r.Read(buf[k:cap(buf)])
		buf = buf[:k+n]
		last := err != nil
		if err != nil && err != io.EOF {
			return err
		}
		keep := max(0, len(buf)-len(name)-66) // a tag cut at the end, prefix and all
		for i := 0; ; {
			j := bytes.Index(buf[i:], name)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(name)
			start := bytes.LastIndexByte(buf[max(0, at-64):at], '<')
			if start < 0 {
				continue
			}
			start += max(0, at-64)
			if at > start+1 && buf[at-1] != ':' || len(buf) > i && !isSpace(buf[i]) && buf[i] != '/' && buf[i] != '>' {
				continue // another name: mergeCells, a prefix
			}
			end := bytes.IndexByte(buf[i:min(len(buf), i+maxTag)], '>')
			if end < 0 {
				if !last && len(buf)-start <= maxTag {
					keep = min(keep, start) // finished by the next read
					break
				}
				continue
			}
			if ref := saxAttr(buf[start:i+end+1], "ref"); ref != "" {
				if !m.budget.keep(costMerge, 0) {
					return m.budget.err()
				}
				m.merges = append(m.merges, ref)
			}
			i += end + 1
			keep = max(keep, i)
		}
		if last {
			return nil
		}
		buf = append(buf[:0], buf[keep:]...)
	}
}

// atoi reads a non-negative decimal number of at most nine digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// cellState is a cell being read.
type cellState struct {
	row, col  int
	typ       string
	v, f      keptText
	in        byte
	inIS      bool
	phonetic  int
	formula   bool
	shared    bool
	si        string
	sharedRef string
	format    grid.Format
	hasFormat bool
	open      bool
}

// reset makes the cell state that of no cell.
func (c *cellState) reset() { *c = cellState{} }

// put stores a finished cell in the grid: its text, its flags, its number
// format when it has one and text, its formula. What is stored is spent
// from the workbook's budget.
func put(g *grid.Grid, c *cellState, sst []string) {
	if c.row < 0 || c.col < 0 || c.row >= g.RowLimit() || c.col >= g.ColLimit() {
		return
	}
	text := c.v.String()
	var flags grid.Flags
	switch c.typ {
	case "s":
		n, err := strconv.Atoi(strings.TrimSpace(text))
		if err != nil || n < 0 || n >= len(sst) {
			text = ""
		} else {
			text = sst[n]
		}
		flags |= grid.Text
	case "inlineStr", "str":
		flags |= grid.Text
	case "e":
		flags |= grid.ErrorValue
	case "b":
		flags |= grid.Bool
	case "d":
		flags |= grid.Date
	default:
		if c.format.Date && text != "" {
			flags |= grid.Date
		}
	}
	if c.formula {
		flags |= grid.HasFormula
		if c.v.Len() == 0 {
			flags |= grid.NoCache
		}
		if !g.SetFormula(c.row, c.col, grid.Formula{Text: c.f.String(), Shared: c.shared, Group: c.si, Ref: c.sharedRef}) {
			return
		}
	}
	if text == "" && flags&grid.HasFormula == 0 {
		// An empty cell, formatted or not: its format shows nothing.
		return
	}
	if c.hasFormat && flags&(grid.Text|grid.ErrorValue|grid.Bool) == 0 && !g.SetFormat(c.row, c.col, c.format) {
		return
	}
	g.Set(c.row, c.col, text)
	if flags != 0 {
		g.SetFlags(c.row, c.col, flags)
	}
}

// merge fills a merged range (A1:C1) from its top-left cell.
func merge(g *grid.Grid, ref string) {
	if r1, c1, r2, c2, ok := grid.ParseRange(ref); ok {
		g.Merge(r1, c1, r2, c2)
	}
}

// countingReader fails once more than limit bytes have been read, or when
// the text between two tags runs past maxText (the XML decoder would hold
// it all in memory).
type countingReader struct {
	r     io.Reader
	n     int64
	limit int64
	run   int // bytes since the last '<'
	// exceeded records a limit passed, whatever error the XML decoder
	// makes of it.
	exceeded bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if i := bytes.LastIndexByte(p[:n], '<'); i >= 0 {
		c.run = n - i - 1
	} else {
		c.run += n
	}
	if c.n > c.limit || c.run > maxText {
		c.exceeded = true
		return n, ErrTooLarge
	}
	return n, err
}
