package xlsx

import (
	"strings"

	"tally/grid"
)

// ref is the A1 name of a 0-based cell.
func ref(r, c int) string { return grid.Ref(r, c) }

// colName is the letters of a 0-based column.
func colName(c int) string { return grid.ColName(c) }

// parseRef reads an A1 reference (with optional $) into 0-based column and
// row.
func parseRef(s string) (col, row int, ok bool) {
	row, col, ok = grid.ParseRef(s)
	return col, row, ok
}

// quoteSheet writes a sheet's name as a reference names it.
func quoteSheet(s string) string { return grid.QuoteSheet(s) }

func quoted(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }
