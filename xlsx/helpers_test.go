package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	tallyread "tally/read"
	"tally/schema"
)

// The tests of the marked-up copies and of reading back tally's own
// workbooks read submissions as the command does (package read).

func gov2018(t testing.TB) *schema.Schema {
	s, ok := schema.Builtin("gov-info-2018")
	require.True(t, ok)
	return s
}

// table describes a 2018 table to build: a title, then a header at row
// top, then every row of the schema with its label and unit, and values
// from vals (by code; missing codes get 1, except headings).
type table struct {
	title  string
	top    int
	vals   map[string]any // a string is written as text, a number as a number, a formula as a formula
	skip   map[string]bool
	labels map[string]string
	order  []string // row codes in the order to write them; default: the schema's
}

// formula is a value written as a formula without a cached value.
type formulaCell string

func (tb table) build(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	top := tb.top
	if top == 0 {
		top = 3
	}
	if tb.title != "" {
		require.NoError(t, f.SetCellValue(sh, "A1", tb.title))
	}
	require.NoError(t, f.SetSheetRow(sh, fmt.Sprintf("A%d", top), &[]any{"统计指标", "单位", "统计数"}))
	r := top + 1
	rows := gov2018(t).Tables[0].Rows
	if tb.order != nil {
		rows = nil
		for _, code := range tb.order {
			row, _ := gov2018(t).Row(code)
			rows = append(rows, row)
		}
	}
	for _, row := range rows {
		if tb.skip[row.Code] {
			continue
		}
		label := row.Label
		if l, ok := tb.labels[row.Code]; ok {
			label = l
		}
		cells := []any{label}
		if !row.Heading {
			v, ok := tb.vals[row.Code]
			if !ok {
				v = 0
			}
			cells = append(cells, row.Unit, v)
		}
		if fm, ok := cells[len(cells)-1].(formulaCell); ok {
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

func read(t testing.TB, data []byte, name string) *schema.Submission {
	t.Helper()
	return tallyread.File(data, name, tallyread.Options{Schemas: []*schema.Schema{gov2018(t)}})
}

// readUnits reads last year's tables from a file as the command does.
func readUnits(data []byte, name string) []*schema.Submission {
	return tallyread.Units(data, name, tallyread.Options{Schemas: schema.Builtins()})
}

func kinds(sub *schema.Submission) []string {
	var out []string
	for _, f := range sub.FindingList() {
		out = append(out, f.Kind+"@"+f.Cell)
	}
	return out
}

// padRows rewrites a workbook's first sheet with n styled empty rows after
// its table, as selecting a column to the bottom and formatting it leaves.
func padRows(t testing.TB, data []byte, n int) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		w, err := zw.Create(f.Name)
		require.NoError(t, err)
		if f.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.Index(body, []byte("</sheetData>"))
			require.Positive(t, i)
			_, _ = w.Write(body[:i])
			for r := 200; r < 200+n; r++ {
				fmt.Fprintf(w, `<row r="%d"><c r="A%d" s="1"/><c r="B%d" s="1"/><c r="C%d" s="1"/></row>`, r, r, r, r)
			}
			_, _ = w.Write(body[i:])
			continue
		}
		_, _ = w.Write(body)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// Workbooks other programs write without a style sheet or sheet views
// (system exports, files with a sheet per year) still get a marked-up copy.
func TestAnnotateSparseWorkbooks(t *testing.T) {
	for _, name := range []string{"28_民主镇_系统导出.xlsx", "08_柳河镇2018年统计表.xlsx"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "wild", name))
		require.NoError(t, err)
		sub := read(t, data, name)
		require.False(t, sub.Unreadable)
		sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindSum, Sheet: sub.Sheet, Cell: sub.Values["1.1"].Ref, Msg: schema.Msg("read.circular", "x", "")})
		marked, err := Annotate(data, name, sub, nil, schema.Zh)
		require.NoError(t, err, name)
		var dump bytes.Buffer
		require.NoError(t, Dump(&dump, marked))
		assert.Contains(t, dump.String(), "comment "+sub.Values["1.1"].Ref, name)
	}
}
