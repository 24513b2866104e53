package xlsx

import (
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// num is a decimal as the number a spreadsheet stores.
func num(d decimal.Decimal) any {
	if d.Exponent() == 0 && d.Cmp(maxExact) <= 0 && d.Cmp(minExact) >= 0 {
		return d.IntPart() // a whole number: written as digits, no float formatting
	}
	return excelFloat(d.InexactFloat64())
}

// excelFloat rounds a number to the 15 significant digits a spreadsheet
// keeps: excelize cuts the digits past 15 off, where Excel and LibreOffice
// round them.
func excelFloat(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	if err != nil {
		return x
	}
	return r
}

// Whole numbers within these are written as integers.
var (
	maxExact = decimal.NewFromInt(1 << 50)
	minExact = decimal.NewFromInt(-1 << 50)
)

// rowCells is a row of cells, kept from one row to the next.
type rowCells struct {
	cells []excelize.Cell
}

func (r *rowCells) reset() { r.cells = r.cells[:0] }

// add appends a cell and returns it, valid until the next add.
func (r *rowCells) add(style int, value any) *excelize.Cell {
	r.cells = append(r.cells, excelize.Cell{StyleID: style, Value: value})
	return &r.cells[len(r.cells)-1]
}
