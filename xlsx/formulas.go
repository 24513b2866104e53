package xlsx

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"tally/schema"
)

// computePending computes value cells whose formulas have no stored result
// when LibreOffice is not at hand, with excelize's calculation engine. A
// shared formula is first written out for its own cell (excelize does not
// shift references that name a sheet), and a formula that refers to its own
// cell is a circular reference, not a number.
func (r *reader) computePending() {
	if len(r.pending) == 0 {
		return
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.data), excelize.Options{UnzipSizeLimit: maxSheetScan, UnzipXMLSizeLimit: maxPart})
	if err != nil {
		f = nil
	} else {
		defer f.Close()
	}
	for _, p := range r.pending {
		at := anchorOf(p.g, p.row, p.col)
		text := formulaFor(p.g, at)
		key := p.cell.Key
		cref := r.cellRef(p.g, p.row, p.col)
		name := cellName(r.sub.Schema, key)
		if text == "" || refersTo(text, at) {
			r.sub.Values[key] = schema.Value{Ref: cref, State: schema.Invalid}
			r.sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindFormulaError, Rule: "read:formula-error",
				Sheet: p.g.sheet, Cell: cref, Codes: []string{key}, Msg: schema.Msg("read.circular", name, formulaText(text))})
			continue
		}
		value, flags := "", cellFlags(0)
		if f != nil {
			cell := ref(at[0], at[1])
			if err := f.SetCellFormula(p.g.sheet, cell, text); err == nil {
				if v, err := f.CalcCellValue(p.g.sheet, cell, excelize.Options{RawCellValue: true}); err == nil {
					value = v
				} else {
					value, flags = "#VALUE!", flagError
				}
			}
		}
		r.sub.Values[key] = r.interpret(p.g, p.row, p.col, p.cell, value, flags)
	}
}

// formulaFor is the formula of a cell, written out for its own position
// when it belongs to a shared formula.
func formulaFor(g *grid, at [2]int) string {
	fm := g.formulas[at]
	if !fm.shared || fm.text != "" && fm.ref != "" {
		return fm.text
	}
	for pos, master := range g.formulas {
		if master.shared && master.si == fm.si && master.text != "" && master.ref != "" {
			return shift(master.text, at[0]-pos[0], at[1]-pos[1])
		}
	}
	return fm.text
}

// cellRefs finds A1 references in a formula outside string literals: an
// optional sheet, then $COL$ROW. A name such as LOG10 followed by "(" is a
// function, not a reference.
var cellRefs = regexp.MustCompile(`"[^"]*"|((?:'[^']+'|[\p{L}_][\p{L}\p{N}_.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(\(?)`)

// shift moves a formula's relative references by rows and columns, as a
// spreadsheet does when it fills a formula down or across.
func shift(formula string, rows, cols int) string {
	return cellRefs.ReplaceAllStringFunc(formula, func(m string) string {
		sm := cellRefs.FindStringSubmatch(m)
		if strings.HasPrefix(m, `"`) || sm[6] == "(" {
			return m
		}
		col, row, ok := parseRef(sm[3] + sm[5])
		if !ok {
			return m
		}
		if sm[2] == "" {
			col += cols
		}
		if sm[4] == "" {
			row += rows
		}
		if col < 0 || row < 0 {
			return m
		}
		return sm[1] + sm[2] + colName(col) + sm[4] + strconv.Itoa(row+1)
	})
}

// refersTo reports whether a formula refers to the given cell of its own
// sheet, directly or through a range.
func refersTo(formula string, at [2]int) bool {
	refs := cellRefs.FindAllStringSubmatchIndex(formula, -1)
	for i, m := range refs {
		whole := formula[m[0]:m[1]]
		if strings.HasPrefix(whole, `"`) || m[12] >= 0 && m[13] > m[12] || m[2] >= 0 {
			continue // a literal, a function name, or another sheet
		}
		col, row, ok := parseRef(formula[m[6]:m[7]] + formula[m[10]:m[11]])
		if !ok {
			continue
		}
		// A range: this reference, a colon, and the next one.
		if i+1 < len(refs) && refs[i+1][0] == m[1]+1 && formula[m[1]] == ':' {
			n := refs[i+1]
			col2, row2, ok := parseRef(formula[n[6]:n[7]] + formula[n[10]:n[11]])
			if ok && at[0] >= min(row, row2) && at[0] <= max(row, row2) && at[1] >= min(col, col2) && at[1] <= max(col, col2) {
				return true
			}
			continue
		}
		if row == at[0] && col == at[1] {
			return true
		}
	}
	return false
}
