package main

import (
	"fmt"
	"math/big"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// state is what a value cell holds once read by the contract's rules.
type state int

const (
	stMissing state = iota // the row is not in the sheet
	stNumber               // a number, possibly written as text
	stBlank                // an empty cell, read as 0 (info)
	stZero                 // —, -, / or 无: 0 without a finding
	stText                 // text that is not a number
	stError                // a formula error such as #REF!
)

type reading struct {
	state state
	value *big.Rat // set for stNumber, stBlank and stZero
	raw   string
}

// usable reports whether rules may use the value.
func (r reading) usable() bool {
	return r.state == stNumber || r.state == stBlank || r.state == stZero
}

var (
	decimalPattern   = regexp.MustCompile(`^-?\d+(\.\d+)?$`)
	thousandsPattern = regexp.MustCompile(`^-?\d{1,3}(,\d{3})+(\.\d+)?$`)
	zeroWords        = []string{"—", "-", "/", "无"}
	fullWidth        = strings.NewReplacer(
		"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
		"５", "5", "６", "6", "７", "7", "８", "8", "９", "9", "．", ".", "，", ",")
)

// readValue reads a value cell the way the contract says a reader must: the
// cached value of a formula, numbers rounded to Excel's 15 significant digits,
// text parsed by parseText.
func readValue(f *excelize.File, sheet, ref, unit string) (reading, error) {
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		return reading{}, err
	}
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return reading{}, err
	}
	switch typ {
	case excelize.CellTypeError:
		return reading{state: stError, raw: raw}, nil
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		if raw == "" {
			return reading{state: stBlank, value: new(big.Rat), raw: raw}, nil
		}
		fl, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return reading{}, fmt.Errorf("%s!%s: numeric cell holds %q", sheet, ref, raw)
		}
		fl, _ = strconv.ParseFloat(strconv.FormatFloat(fl, 'g', 15, 64), 64)
		return reading{state: stNumber, value: dec(strconv.FormatFloat(fl, 'f', -1, 64)), raw: raw}, nil
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return parseText(raw, unit), nil
	}
	return reading{}, fmt.Errorf("%s!%s: unexpected cell type %d", sheet, ref, typ)
}

// parseText reads a number written as text: spaces around it, full-width
// digits, thousands separators and a trailing unit equal to the row's unit are
// allowed; —, -, / and 无 mean 0.
func parseText(raw, unit string) reading {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return reading{state: stBlank, value: new(big.Rat), raw: raw}
	case slices.Contains(zeroWords, s):
		return reading{state: stZero, value: new(big.Rat), raw: raw}
	}
	s = fullWidth.Replace(s)
	if rest, ok := strings.CutPrefix(s, "+"); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		s = rest // +19 in a 本年增/减 column
	}
	if unit != "" {
		s = strings.TrimSpace(strings.TrimSuffix(s, unit))
	}
	if thousandsPattern.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !decimalPattern.MatchString(s) {
		return reading{state: stText, raw: raw}
	}
	return reading{state: stNumber, value: dec(s), raw: raw}
}

// expectation is one entry of expect.json.
type expectation struct {
	File     string
	About    string
	Skipped  bool
	Unit     string
	Year     int
	Sheet    string
	Schema   string              // the format of a matrix workbook (gov-info-2019, gov-info-2021); "" for 2018
	Codes    []string            // value codes in table order; nil when no table was read
	Values   map[string]*big.Rat // nil entry: null
	Cells    map[string]string
	Findings []finding
}

// expect reads the workbook LibreOffice wrote (final) and derives everything a
// reader must report, checking on the way that the file holds what the case
// meant to write. src is the workbook as excelize built it, used to recompute
// each formula with excelize's own engine.
func (w *workbook) expect(final, src *excelize.File, p *placement) (*expectation, error) {
	if w.matrix != nil {
		return w.matrix.expect(w, final, p.m)
	}
	if w.foreign != nil {
		// A workbook of no known table: only the finding is part of the contract.
		return &expectation{File: w.file, About: w.about, Findings: []finding{{Kind: "schema", Severity: "error"}}}, nil
	}
	e := &expectation{File: w.file, About: w.about, Unit: w.unit, Year: w.year, Sheet: p.sheet}
	e.Codes = valueCodes()
	e.Values, e.Cells = map[string]*big.Rat{}, map[string]string{}
	reads := map[string]reading{}
	for _, code := range e.Codes {
		pl, ok := p.rows[code]
		if !ok {
			reads[code] = reading{state: stMissing}
			continue
		}
		if err := sameText(final, p.sheet, pl.label, pl.labelText); err != nil {
			return nil, err
		}
		if pl.unit != "" {
			if err := sameText(final, p.sheet, pl.unit, pl.unitText); err != nil {
				return nil, err
			}
		}
		rd, err := readValue(final, p.sheet, pl.value, rowOf(code).unit)
		if err != nil {
			return nil, err
		}
		if err := w.checkCell(final, src, p.sheet, code, pl, rd); err != nil {
			return nil, fmt.Errorf("row %s (%s): %w", code, pl.value, err)
		}
		reads[code] = rd
		e.Cells[code] = pl.value
		if rd.usable() {
			e.Values[code] = rd.value
			if yuanFor10k(code, pl) {
				// 元 in the unit cell of a 万元 row: the reader converts.
				e.Values[code] = new(big.Rat).Quo(rd.value, big.NewRat(10000, 1))
				reads[code] = reading{state: rd.state, value: e.Values[code], raw: rd.raw}
			}
		}
	}
	for _, code := range e.Codes {
		e.Findings = append(e.Findings, cellFindings(code, reads[code], p.rows[code])...)
	}
	for _, x := range p.extras {
		rd, err := readValue(final, p.sheet, x.value, x.unitText)
		if err != nil {
			return nil, err
		}
		if rd.state == stNumber {
			e.Findings = append(e.Findings, finding{Kind: "extra-row", Severity: "warning", Cell: x.value})
		}
	}
	e.Findings = append(e.Findings, evaluate(reads, func(code string) string { return p.rows[code].value })...)
	if w.converted() {
		e.Findings = append(e.Findings, finding{Kind: "converted", Severity: "info"})
	}
	return e, nil
}

// converted reports whether a reader has to convert the file before reading it.
func (w *workbook) converted() bool {
	ext := filepath.Ext(w.file)
	return ext == ".xls" || ext == ".ods"
}

// cellFindings lists what one value cell produces on its own.
func cellFindings(code string, rd reading, pl placed) []finding {
	r := rowOf(code)
	at := func(kind, severity, cell string) finding {
		return finding{Kind: kind, Severity: severity, Cell: cell, Codes: []string{code}}
	}
	var out []finding
	switch rd.state {
	case stMissing:
		return []finding{at("missing-row", "error", "")}
	case stBlank:
		out = append(out, at("blank", "info", pl.value))
	case stText:
		out = append(out, at("not-a-number", "error", pl.value))
	case stError:
		out = append(out, at("formula-error", "error", pl.value))
	case stNumber:
		if rd.value.Sign() < 0 {
			out = append(out, at("negative", "error", pl.value))
		}
		if !r.money() && !rd.value.IsInt() {
			out = append(out, at("non-integer", "error", pl.value))
		}
	}
	if u := strings.TrimSpace(pl.unitText); pl.unit != "" && u != r.unit {
		// Another unit is a warning; a money unit a 万元 row cannot be
		// converted from is an error, 元 is converted (yuanFor10k).
		severity := "warning"
		if r.money() && strings.Contains(u, "元") && !yuanFor10k(code, pl) {
			severity = "error"
		}
		out = append(out, at("unit", severity, pl.unit))
	}
	return out
}

// yuanFor10k reports a 万元 row whose unit cell says 元: the reader reads
// its number as 元 and converts it to 万元 (26500 → 2.65), with a warning.
func yuanFor10k(code string, pl placed) bool {
	return rowOf(code).money() && pl.unit != "" && strings.TrimSpace(pl.unitText) == "元"
}

// checkCell makes sure a value cell reads as the case meant: a usable value
// equals the dataset's, a formula kept its formula and got a cached value that
// excelize's own engine agrees with, text stayed text.
func (w *workbook) checkCell(final, src *excelize.File, sheet, code string, pl placed, rd reading) error {
	if rd.usable() && rd.value.Cmp(w.data[code]) != 0 {
		return fmt.Errorf("reads as %s, the case's data says %s", fmtDec(rd.value), fmtDec(w.data[code]))
	}
	if pl.isText {
		if err := sameText(final, sheet, pl.value, w.cells[code].text); err != nil {
			return err
		}
	}
	if pl.blank && rd.state != stBlank {
		return fmt.Errorf("meant to be empty, reads %q", rd.raw)
	}
	if !pl.isFormula {
		return nil
	}
	got, err := final.GetCellFormula(sheet, pl.value)
	if err != nil {
		return err
	}
	if got == "" {
		return fmt.Errorf("LibreOffice dropped the formula %s", pl.formula)
	}
	if rd.raw == "" {
		return fmt.Errorf("formula %s has no cached value", got)
	}
	if rd.state != stNumber {
		return nil
	}
	calc, err := src.CalcCellValue(sheet, pl.value, excelize.Options{RawCellValue: true})
	if err != nil {
		return fmt.Errorf("excelize cannot compute %s: %w", pl.formula, err)
	}
	if parseText(calc, "").value.Cmp(rd.value) != 0 {
		return fmt.Errorf("LibreOffice cached %s for %s, excelize computes %s", rd.raw, pl.formula, calc)
	}
	return nil
}

// sameText checks that a text cell reads back exactly as written.
func sameText(f *excelize.File, sheet, ref, want string) error {
	got, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%s!%s reads %q, wrote %q", sheet, ref, got, want)
	}
	return nil
}

// checkKinds compares the kinds of the findings derived from the file with the
// kinds the case was designed to produce, so that a mistake in a case (a
// variation that trips a second rule) stops the generator.
func (w *workbook) checkKinds(fs []finding) error {
	var got []string
	for _, f := range fs {
		if !slices.Contains(got, f.Kind) {
			got = append(got, f.Kind)
		}
	}
	want := slices.Clone(w.want)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s: findings of kinds %v, the case means %v", w.file, got, want)
	}
	return nil
}
