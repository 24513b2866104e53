package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"tally/grid"
	"tally/schema"
)

// The workbook's own parts: the package's relationships, the workbook and
// its list of sheets, the shared strings, the core properties; readSheets
// reads a workbook from them, each worksheet with readSheet (worksheet.go).

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
