package main

import (
	"slices"

	"github.com/xuri/excelize/v2"
)

// A workbook describes one submission: its figures and how the clerk laid them out.
// The generator writes it with excelize and lets LibreOffice save the final file.
type workbook struct {
	file  string // name in the output folder; the extension picks the format
	about string // one line on what the file exercises
	unit  string // the unit name a reader should find
	year  int    // the report year a reader should find
	data  dataset
	layout
	cells  map[string]content // how a value cell is written, when not as a plain number
	units  map[string]string  // unit cells that differ from the table's unit
	labels map[string]string  // labels that differ from the seed's
	drop   []string           // rows left out
	extra  []extraRow         // rows the schema does not know
	order  []string           // row order when not the seed's
	want   []string           // finding kinds the case is meant to produce (checked)

	// foreign, when set, writes a workbook that is not the 2018 table at all.
	foreign func(f *excelize.File) error
	// matrix, when set, makes the workbook a report in the 2019 or 2021
	// format (sections 二, 三, 四) instead of the 2018 table.
	matrix *mcase
}

// layout is where and how the table sits in the workbook.
type layout struct {
	sheet     string    // the sheet holding the table
	before    []cover   // sheets in front of it
	col, top  int       // first column and first row, 1-based
	titles    []string  // lines above the header, each merged across the table
	gap       int       // empty rows between the titles and the header
	header    [3]string // column headers
	noUnit    bool      // no unit column at all
	numbering bool      // the numbering "(一)" in a column of its own
	tall      bool      // a label with a line break takes two merged rows
	breaks    []string  // the header is repeated after these rows (page breaks)
	notes     []string  // lines under the table
	numFmt    string    // number format of the value cells
}

// cover is a sheet in front of the table: a cover page, or an empty Sheet1.
type cover struct {
	name  string
	lines []string
}

// extraRow is a labelled row the schema does not know, carrying a number.
type extraRow struct {
	after string // the row it follows
	label string
	unit  string
	value string // a decimal literal
}

type contentKind int

const (
	cNumber  contentKind = iota // the dataset's value as a number cell
	cText                       // a string cell: "１８６", "—", "见附件"
	cFormula                    // a formula; {code} stands for that row's value cell, {row} for the cell's own row
	cSum                        // the total of its parts (sumParts) as a SUM formula
	cEmpty                      // nothing at all
)

// content is how one value cell is written.
type content struct {
	kind contentKind
	text string
}

func text(s string) content    { return content{cText, s} }
func formula(s string) content { return content{cFormula, s} }

var (
	sumFormula = content{kind: cSum}
	emptyCell  = content{kind: cEmpty}
)

// placed records where a row went in the written sheet and what was written.
type placed struct {
	label, unit, value       string // cell references; unit is "" without a unit column
	labelText, unitText      string
	formula                  string // the formula written in the value cell, if any
	isFormula, isText, blank bool
}

// placement is the map from row codes to cells of one written workbook.
type placement struct {
	sheet  string
	rows   map[string]placed
	extras []placed
	m      *mplacement // a matrix workbook's cells
}

// labelOf returns the label the workbook writes for a row.
func (w *workbook) labelOf(code string) string {
	if l, ok := w.labels[code]; ok {
		return l
	}
	return rowOf(code).label
}

// unitOf returns the unit the workbook writes for a row.
func (w *workbook) unitOf(code string) string {
	if u, ok := w.units[code]; ok {
		return u
	}
	return rowOf(code).unit
}

// setCell says how one value cell is written.
func (w *workbook) setCell(code string, c content) {
	rowOf(code)
	if w.cells == nil {
		w.cells = map[string]content{}
	}
	w.cells[code] = c
}

func (w *workbook) contentOf(code string) content {
	if c, ok := w.cells[code]; ok {
		return c
	}
	return content{kind: cNumber}
}

// rowOrder returns the codes in the order the workbook writes them.
func (w *workbook) rowOrder() []string {
	order := w.order
	if order == nil {
		order = seedOrder()
	}
	var codes []string
	for _, code := range order {
		if !slices.Contains(w.drop, code) {
			codes = append(codes, code)
		}
	}
	return codes
}
