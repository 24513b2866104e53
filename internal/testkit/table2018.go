package testkit

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// Table2018 describes a 2018 table to build as a workbook: a title in A1,
// then the header 统计指标 | 单位 | 统计数 at row Top, then every row of the
// schema gov-info-2018 with its label and unit and a value from Vals (by
// row code; a value row not given holds 0, a heading row has no unit and
// no value).
type Table2018 struct {
	Title  string            // the title in A1; none when empty
	Top    int               // the header's row; 0 is row 3
	Vals   map[string]any    // a string is written as text, a number as a number, a Formula as a formula
	Skip   map[string]bool   // rows left out, by code
	Labels map[string]string // labels other than the schema's, by code
	Order  []string          // row codes in the order to write them; default: the schema's
}

// Formula is a value written as a formula without a cached value, as a
// program without a calculation engine writes it.
type Formula string

// top is the header's row.
func (tb Table2018) top() int {
	if tb.Top == 0 {
		return 3
	}
	return tb.Top
}

// RefOf is the value cell of a code in a table built in schema order.
func (tb Table2018) RefOf(t testing.TB, code string) string {
	t.Helper()
	row, ok := Gov2018(t).Row(code)
	require.True(t, ok)
	return fmt.Sprintf("C%d", tb.top()+1+row.Index())
}

// Build writes the table on Sheet1 of a new workbook and returns the
// workbook's bytes.
func (tb Table2018) Build(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	top := tb.top()
	if tb.Title != "" {
		require.NoError(t, f.SetCellValue(sh, "A1", tb.Title))
	}
	require.NoError(t, f.SetSheetRow(sh, fmt.Sprintf("A%d", top), &[]any{"统计指标", "单位", "统计数"}))
	r := top + 1
	rows := Gov2018(t).Tables[0].Rows
	if tb.Order != nil {
		rows = nil
		for _, code := range tb.Order {
			row, _ := Gov2018(t).Row(code)
			rows = append(rows, row)
		}
	}
	for _, row := range rows {
		if tb.Skip[row.Code] {
			continue
		}
		label := row.Label
		if l, ok := tb.Labels[row.Code]; ok {
			label = l
		}
		cells := []any{label}
		if !row.Heading {
			v, ok := tb.Vals[row.Code]
			if !ok {
				v = 0
			}
			cells = append(cells, row.Unit, v)
		}
		if fm, ok := cells[len(cells)-1].(Formula); ok {
			cells = cells[:len(cells)-1]
			require.NoError(t, f.SetCellFormula(sh, fmt.Sprintf("C%d", r), string(fm)))
		}
		require.NoError(t, f.SetSheetRow(sh, fmt.Sprintf("A%d", r), &cells))
		r++
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}
