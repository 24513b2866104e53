package table

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"tally/grid"
	"tally/schema"
)

// computePending computes value cells whose formulas have no stored result,
// when no spreadsheet program did, on the grids (calc). A formula that
// refers to its own cell is a circular reference, not a number; one that
// uses anything but arithmetic is not computed.
func (r *reader) computePending() {
	if len(r.pending) == 0 {
		return
	}
	k := newCalc(r.grids)
	for _, p := range r.pending {
		at := p.g.AnchorOf(p.row, p.col)
		text := formulaFor(p.g, at)
		key := p.cell.Key
		cref := r.cellRef(p.g, p.row, p.col)
		name := cellName(r.sub.Schema, key)
		notComputed := func(id *schema.Def) {
			r.sub.Values[key] = schema.Value{Ref: cref, State: schema.Invalid}
			r.sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindFormulaError, Rule: "read:formula-error",
				Sheet: p.g.Name, Cell: cref, Codes: []string{key}, Msg: schema.Msg(id, name, formulaText(text))})
		}
		if text == "" || refersTo(text, at) || circular(p.g, at) {
			notComputed(msgReadCircular)
			continue
		}
		if !plainArithmetic(text) {
			notComputed(msgReadFormulaNotComputed)
			continue
		}
		value, flags, tooLong := k.compute(p.g, at)
		if tooLong {
			notComputed(msgReadFormulaNotComputed)
			continue
		}
		r.sub.Values[key] = r.interpret(p.g, p.row, p.col, p.cell, value, flags)
	}
}

// formulaFor is the formula of a cell, written out for its own position
// when it belongs to a shared formula.
func formulaFor(g *sheet, at grid.Pos) string {
	fm, _ := g.Formula(at.Row, at.Col)
	if !fm.Shared || fm.Text != "" && fm.Ref != "" {
		return fm.Text
	}
	for pos, master := range g.Formulas() {
		if master.Shared && master.Group == fm.Group && master.Text != "" && master.Ref != "" {
			return shift(master.Text, at.Row-pos.Row, at.Col-pos.Col)
		}
	}
	return fm.Text
}

// cellRefs finds A1 references in a formula outside string literals: an
// optional sheet, then $COL$ROW. A name such as LOG10 followed by "(" is a
// function, not a reference.
var cellRefs = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"[^"]*"|((?:'[^']+'|[\p{L}_][\p{L}\p{N}_.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(\(?)`)
})

// shift moves a formula's relative references by rows and columns, as a
// spreadsheet does when it fills a formula down or across.
func shift(formula string, rows, cols int) string {
	return cellRefs().ReplaceAllStringFunc(formula, func(m string) string {
		sm := cellRefs().FindStringSubmatch(m)
		if strings.HasPrefix(m, `"`) || sm[6] == "(" {
			return m
		}
		row, col, ok := grid.ParseRef(sm[3] + sm[5])
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
		return sm[1] + sm[2] + grid.ColName(col) + sm[4] + strconv.Itoa(row+1)
	})
}

// refersTo reports whether a formula refers to the given cell of its own
// sheet, directly or through a range.
func refersTo(formula string, at grid.Pos) bool {
	refs := cellRefs().FindAllStringSubmatchIndex(formula, -1)
	for i, m := range refs {
		whole := formula[m[0]:m[1]]
		if strings.HasPrefix(whole, `"`) || m[12] >= 0 && m[13] > m[12] || m[2] >= 0 {
			continue // a literal, a function name, or another sheet
		}
		row, col, ok := grid.ParseRef(formula[m[6]:m[7]] + formula[m[10]:m[11]])
		if !ok {
			continue
		}
		// A range: this reference, a colon, and the next one.
		if i+1 < len(refs) && refs[i+1][0] == m[1]+1 && formula[m[1]] == ':' {
			n := refs[i+1]
			row2, col2, ok := grid.ParseRef(formula[n[6]:n[7]] + formula[n[10]:n[11]])
			if ok && at.Row >= min(row, row2) && at.Row <= max(row, row2) && at.Col >= min(col, col2) && at.Col <= max(col, col2) {
				return true
			}
			continue
		}
		if row == at.Row && col == at.Col {
			return true
		}
	}
	return false
}

// computable are the functions tally computes itself when a formula has no
// stored result: the arithmetic of statistics tables. Anything else (text
// functions, lookups, functions that repeat or build text) could run
// unbounded on a crafted file, and is left to a spreadsheet program.
var computable = map[string]bool{
	"SUM": true, "ROUND": true, "ROUNDUP": true, "ROUNDDOWN": true, "INT": true,
	"ABS": true, "MAX": true, "MIN": true, "IF": true, "AND": true, "OR": true, "N": true,
}

// formulaToken is one token of a formula: a reference (optionally on
// another sheet, optionally a range), a function name, a number, an operator
// or a space.
var formulaToken = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(?:'[^']+'|[\p{L}_][\p{L}\p{N}_.]*)!)?\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(?::\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?|^[A-Za-z][A-Za-z0-9.]*\(|^[0-9]+(?:\.[0-9]+)?(?:[Ee][+-]?[0-9]+)?%?|^[-+*/(),<>=%]|^\s+`)
})

// maxRange bounds the cells a range in a computed formula may cover.
const maxRange = grid.MaxRows * grid.MaxCols

// plainArithmetic reports whether a formula is only references, numbers,
// arithmetic and the computable functions, with no range larger than a
// table can be.
func plainArithmetic(text string) bool {
	text = strings.TrimPrefix(text, "=")
	if len(text) > 8192 {
		return false
	}
	for text != "" {
		tok := formulaToken().FindString(text)
		if tok == "" {
			return false
		}
		if strings.HasSuffix(tok, "(") && !computable[strings.ToUpper(strings.TrimSuffix(tok, "("))] {
			return false
		}
		if a, b, ok := strings.Cut(tok, ":"); ok {
			if i := strings.LastIndexByte(a, '!'); i >= 0 {
				a = a[i+1:]
			}
			r1, c1, ok1 := grid.ParseRef(a)
			r2, c2, ok2 := grid.ParseRef(b)
			if !ok1 || !ok2 || (abs(c2-c1)+1)*(abs(r2-r1)+1) > maxRange {
				return false
			}
		}
		text = text[len(tok):]
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// circular reports whether the formula at a cell reaches back to it through
// other formulas of its sheet.
func circular(g *sheet, start grid.Pos) bool {
	seen := map[grid.Pos]bool{}
	var reaches func(at grid.Pos, depth int) bool
	reaches = func(at grid.Pos, depth int) bool {
		if depth > 64 || len(seen) > 10000 {
			return true // a chain no table needs: treat as circular
		}
		for _, to := range sameSheetRefs(formulaFor(g, at)) {
			for pos := range g.Formulas() {
				if pos.Row < to[0][0] || pos.Row > to[1][0] || pos.Col < to[0][1] || pos.Col > to[1][1] {
					continue
				}
				if pos == start {
					return true
				}
				if !seen[pos] {
					seen[pos] = true
					if reaches(pos, depth+1) {
						return true
					}
				}
			}
		}
		return false
	}
	return reaches(start, 0)
}

// sameSheetRefs are the rectangles (top-left, bottom-right as row, col) a
// formula refers to on its own sheet.
func sameSheetRefs(formula string) [][2][2]int {
	var out [][2][2]int
	refs := cellRefs().FindAllStringSubmatchIndex(formula, -1)
	for i := 0; i < len(refs); i++ {
		m := refs[i]
		whole := formula[m[0]:m[1]]
		if strings.HasPrefix(whole, `"`) || m[12] >= 0 && m[13] > m[12] || m[2] >= 0 {
			continue
		}
		row, col, ok := grid.ParseRef(formula[m[6]:m[7]] + formula[m[10]:m[11]])
		if !ok {
			continue
		}
		col2, row2 := col, row
		if i+1 < len(refs) && refs[i+1][0] == m[1]+1 && formula[m[1]] == ':' {
			n := refs[i+1]
			if r, c, ok := grid.ParseRef(formula[n[6]:n[7]] + formula[n[10]:n[11]]); ok {
				col2, row2 = c, r
				i++
			}
		}
		out = append(out, [2][2]int{{min(row, row2), min(col, col2)}, {max(row, row2), max(col, col2)}})
	}
	return out
}
