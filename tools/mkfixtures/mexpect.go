package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"

	"github.com/xuri/excelize/v2"
)

// expect reads the matrix workbook LibreOffice wrote and derives what a
// reader must report, checking on the way that every label, header, merged
// range and value cell reads back as written.
func (m *mcase) expect(w *workbook, final *excelize.File, p *mplacement) (*expectation, error) {
	for _, t := range p.texts {
		if err := sameText(final, t.sheet, t.ref, t.text); err != nil {
			return nil, err
		}
	}
	if err := sameMerges(final, p.merges); err != nil {
		return nil, err
	}
	f := m.format
	e := &expectation{File: w.file, About: w.about, Unit: w.unit, Year: w.year, Sheet: p.sheet, Schema: f.id,
		Codes: f.keys, Values: map[string]*big.Rat{}, Cells: map[string]string{}}
	reads := map[string]reading{}
	for _, k := range f.keys {
		at, ok := p.cells[k]
		if !ok && m.absent(k) {
			// Not printed in the older layout: read as 0, at no cell.
			reads[k] = reading{state: stZero, value: new(big.Rat)}
			e.Values[k] = reads[k].value
			continue
		}
		if !ok {
			return nil, fmt.Errorf("%s was not written", k)
		}
		_, _, col := f.cell(k)
		rd, err := readValue(final, at.sheet, at.ref, col.unit)
		if err != nil {
			return nil, err
		}
		if err := m.checkCell(final, at, k, rd); err != nil {
			return nil, fmt.Errorf("%s (%s!%s): %w", k, at.sheet, at.ref, err)
		}
		reads[k] = rd
		e.Cells[k] = p.qualified(at)
		if rd.usable() {
			e.Values[k] = rd.value
		}
	}
	cell := func(k string) string {
		if _, ok := p.cells[k]; !ok {
			return ""
		}
		return p.qualified(p.cells[k])
	}
	for _, k := range f.keys {
		if !m.absent(k) {
			e.Findings = append(e.Findings, m.cellFindings(k, reads[k], cell(k))...)
		}
	}
	if m.legacy {
		// The single row is read as 3.其他, with a warning at its first
		// number (or dash for zero).
		at := ""
		for _, c := range f.apply.cols {
			if k := key(legacyInto, c.code); reads[k].state == stNumber || reads[k].state == stZero {
				at = cell(k)
				break
			}
		}
		if at == "" {
			return nil, fmt.Errorf("the single （六）其他处理 row holds no number: a reader would not take it for one")
		}
		e.Findings = append(e.Findings, finding{Kind: "schema", Severity: "warning", Cell: at,
			Codes: []string{key(legacyInto, f.apply.cols[0].code)}})
	}
	e.Findings = append(e.Findings, evalRules(f.rules, reads, cell)...)
	if w.converted() {
		e.Findings = append(e.Findings, finding{Kind: "converted", Severity: "info"})
	}
	return e, nil
}

// checkCell makes sure a value cell reads as the case wrote it.
func (m *mcase) checkCell(final *excelize.File, at mref, k string, rd reading) error {
	c := m.cells[k]
	switch c.kind {
	case cEmpty:
		if rd.state != stBlank {
			return fmt.Errorf("meant to be empty, reads %q", rd.raw)
		}
	case cText:
		if err := sameText(final, at.sheet, at.ref, c.text); err != nil {
			return err
		}
	}
	switch {
	case c.value == nil && rd.usable():
		return fmt.Errorf("meant not to be a number, reads %s", fmtDec(rd.value))
	case c.value != nil && !rd.usable():
		return fmt.Errorf("meant to read %s, reads %q", fmtDec(c.value), rd.raw)
	case c.value != nil && rd.value.Cmp(c.value) != 0:
		return fmt.Errorf("reads %s, the case says %s", fmtDec(rd.value), fmtDec(c.value))
	}
	return nil
}

// cellFindings lists what one value cell produces on its own.
func (m *mcase) cellFindings(k string, rd reading, cell string) []finding {
	_, _, col := m.format.cell(k)
	at := func(kind, severity string) finding {
		return finding{Kind: kind, Severity: severity, Cell: cell, Codes: []string{k}}
	}
	switch rd.state {
	case stBlank:
		return []finding{at("blank", "info")}
	case stText:
		return []finding{at("not-a-number", "error")}
	case stError:
		return []finding{at("formula-error", "error")}
	case stNumber:
		var out []finding
		if rd.value.Sign() < 0 && !col.negative {
			out = append(out, at("negative", "error"))
		}
		if !col.decimal() && !rd.value.IsInt() {
			out = append(out, at("non-integer", "error"))
		}
		return out
	}
	return nil
}

// evalRules applies the rules to the values read. A rule is skipped when a
// cell it needs has no usable value; a finding points at the cell of its
// first key, and a sum gives the sum of the right side as expected and the
// left side as actual.
func evalRules(rules []mrule, reads map[string]reading, cell func(string) string) []finding {
	var out []finding
	for _, r := range rules {
		usable := true
		for _, k := range slices.Concat(r.left, r.right) {
			usable = usable && reads[k].usable()
		}
		if !usable {
			continue
		}
		l, rt := total(reads, r.left), total(reads, r.right)
		cmp := l.Cmp(rt)
		if (r.op == "=" && cmp == 0) || (r.op == "<=" && cmp <= 0) {
			continue
		}
		f := finding{Kind: r.kind, Severity: r.severity, Cell: cell(r.left[0]), Codes: []string{r.left[0]}}
		if r.kind == "sum" {
			f.Expected, f.Actual = json.Number(fmtDec(rt)), json.Number(fmtDec(l))
		}
		out = append(out, f)
	}
	return out
}

// sameMerges checks that the saved sheets hold exactly the merged ranges
// written.
func sameMerges(final *excelize.File, want map[string]string) error {
	got := map[string]bool{}
	for _, sheet := range slices.Sorted(maps.Values(want)) {
		if got[sheet+"!"] {
			continue
		}
		got[sheet+"!"] = true
		mcs, err := final.GetMergeCells(sheet)
		if err != nil {
			return err
		}
		for _, mc := range mcs {
			got[sheet+"!"+mc.GetStartAxis()+":"+mc.GetEndAxis()] = true
		}
	}
	for r := range want {
		if !got[r] {
			return fmt.Errorf("merged range %s was not kept", r)
		}
		delete(got, r)
	}
	for r := range got {
		if r[len(r)-1] != '!' {
			return fmt.Errorf("unexpected merged range %s", r)
		}
	}
	return nil
}
