package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/internal/testkit"
	"tally/schema"
)

// trickyRows are cells of every kind the late rows write, and texts that
// need escaping, trimming or preserving.
func trickyRows() [][]excelize.Cell {
	long := strings.Repeat("长", maxCellChars+5)
	return [][]excelize.Cell{
		{{StyleID: 3, Value: "兴庆区"}, {Value: 42}, {Value: int64(-1 << 40)}, {StyleID: 1, Value: nil}, {Value: ""}},
		{{Value: 0.1 + 0.2}, {Value: 1234567.891}, {Value: 1e-7}, {Value: 123456789012345678.0}, {Value: -2.5e21}, {Value: math.NaN()}, {Value: math.Inf(-1)}},
		{{Value: " leading"}, {Value: "trailing\n"}, {Value: "a\tb"}, {Value: "<&>\"'"}, {Value: "two\nlines\r\n"}, {Value: "bad\x01byte\xff"}},
		{{Value: "_x0041_"}, {Value: "_x005F_"}, {Value: "_x005F_x0041_"}, {Value: "a_x00zz_b"}, {Value: "￾￿"}},
		{{StyleID: 7, Value: int64(99), Formula: "SUM(D3:F3)"}, {Value: 1.5, Formula: `IF(A1<>"x",1,2)`}, {Value: "text", Formula: "A1"}, {Value: " sp ", Formula: "A1&\" \""}, {Formula: "NOW()"}},
		{{Value: long}, {Value: "长" + strings.Repeat("x", maxCellChars)}},
	}
}

// sheetXML saves a workbook and returns the XML of its first sheet.
func sheetXML(t *testing.T, write func(f *excelize.File, sw *excelize.StreamWriter, late *lateRows)) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{excelize.Cell{StyleID: 2, Value: "head"}}))
	late := newLateRows()
	write(f, sw, late)
	require.NoError(t, sw.SetRow("A20", []any{"after"}))
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	require.NoError(t, save(f, &buf, late))
	return string(testkit.Part(t, buf.Bytes(), "xl/worksheets/sheet1.xml"))
}

// TestLateRowsAsStreamWriter holds the late rows to excelize's stream
// writer: the same cells make the same XML, byte for byte.
func TestLateRowsAsStreamWriter(t *testing.T) {
	rows := trickyRows()
	// Every other row has a height of its own.
	height := func(i int) float64 { return float64(1-i%2) * (13.5 + float64(i)/4) }
	want := sheetXML(t, func(_ *excelize.File, sw *excelize.StreamWriter, _ *lateRows) {
		for i, cells := range rows {
			vals := make([]any, len(cells))
			for j := range cells {
				vals[j] = cells[j]
			}
			var opts []excelize.RowOpts
			if h := height(i); h > 0 {
				opts = append(opts, excelize.RowOpts{Height: h})
			}
			require.NoError(t, sw.SetRow(ref(i+2, 0), vals, opts...))
		}
	})
	got := sheetXML(t, func(_ *excelize.File, sw *excelize.StreamWriter, late *lateRows) {
		require.NoError(t, late.add(sw, 3, func(rw *rowWriter) error {
			for i, cells := range rows {
				if err := rw.tallRow(i+3, height(i), cells); err != nil {
					return err
				}
			}
			return nil
		}))
	})
	require.Contains(t, want, `customHeight="1"`)
	require.Contains(t, want, `<row r="8">`)
	if want != got {
		i := 0
		for i < len(want) && i < len(got) && want[i] == got[i] {
			i++
		}
		t.Fatalf("the late rows differ from the stream writer's at byte %d:\nwant …%q\n got …%q",
			i, want[max(0, i-60):min(len(want), i+60)], got[max(0, i-60):min(len(got), i+60)])
	}
	require.NotContains(t, got, "tally-rows-")
}

// TestLateRowsInOrder: a row written twice, or before the one above it, is
// an error, not a sheet Excel refuses to open.
func TestLateRowsInOrder(t *testing.T) {
	rw := newRowWriter(io.Discard)
	require.NoError(t, rw.row(3, nil))
	require.Error(t, rw.row(3, nil))
	require.Error(t, rw.row(2, nil))
	require.Error(t, rw.row(4, []excelize.Cell{{Value: true}}), "a type the stream writer writes otherwise")
}

// TestLateRowsMissingPlaceholder: rows whose placeholder never reaches the
// zip fail the save instead of vanishing.
func TestLateRowsMissingPlaceholder(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	late := newLateRows()
	late.rows["tally-rows-9-x"] = func(*rowWriter) error { return nil }
	require.Error(t, save(f, io.Discard, late))
}

// TestBstrMarshalDropsNothing: a _xHHHH_ sequence that names no character
// is escaped like the others, where excelize would drop it.
func TestBstrMarshalDropsNothing(t *testing.T) {
	require.Equal(t, "a_x005F_xD800_b", bstrMarshal("a_xD800_b"))
	require.Equal(t, "_x005F_x0041_", bstrMarshal("_x0041_"))
	require.Equal(t, "plain", bstrMarshal("plain"))
}

func BenchmarkRowWriter(b *testing.B) {
	cells := make([]excelize.Cell, 0, 1000)
	for i := range 1000 {
		cells = append(cells, excelize.Cell{StyleID: 5, Value: int64(i * 37)})
	}
	rw := newRowWriter(io.Discard)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = rw.row(i+1, cells)
	}
}

// TestLateRowsFailing: a body that fails fails the save.
func TestLateRowsFailing(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	late := newLateRows()
	require.NoError(t, late.add(sw, 1, func(rw *rowWriter) error { return rw.row(1, []excelize.Cell{{Value: true}}) }))
	require.NoError(t, sw.Flush())
	require.Error(t, save(f, io.Discard, late))
}

// TestSheetsDeclareTheirUsedRange: every sheet tally streams declares the
// range its cells take (excelize's stream writer leaves A1, and openpyxl's
// read-only mode then reads one cell), checked here with encoding/xml: the
// detail both ways round, the year-on-year sheet whole and cut short.
func TestSheetsDeclareTheirUsedRange(t *testing.T) {
	res := district(t, 30)
	for _, write := range []func(io.Writer, *consolidate.Result, WriteOptions) error{WriteConsolidated, WriteLog} {
		declaresUsedRange(t, res, write)
	}
	savedCols := maxColumns
	t.Cleanup(func() { maxColumns = savedCols })
	maxColumns = 8
	declaresUsedRange(t, res, WriteConsolidated)
	maxColumns = savedCols

	units := []string{"大新镇", "掌政镇", "通贵乡"}
	prev := &consolidate.Previous{Jump: consolidate.DefaultJump(), Units: districtOf(t, units, 2017, 0, consolidate.Options{}).Submissions}
	yoy := districtOf(t, units, 2018, 1, consolidate.Options{Jobs: 1, Previous: prev})
	require.NotNil(t, yoy.YearOnYear)
	declaresUsedRange(t, yoy, WriteConsolidated)
	savedRows := maxSheetRows
	t.Cleanup(func() { maxSheetRows = savedRows })
	maxSheetRows = 5
	declaresUsedRange(t, yoy, WriteConsolidated)
}

// declaresUsedRange writes a workbook and checks that each of its sheets
// declares the range its cells take.
func declaresUsedRange(t *testing.T, res *consolidate.Result, write func(io.Writer, *consolidate.Result, WriteOptions) error) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, write(&buf, res, WriteOptions{Lang: schema.Zh}))
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	sheets := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") || !strings.HasSuffix(zf.Name, ".xml") {
			continue // a sheet's relationships (to its comments)
		}
		sheets++
		rc, err := zf.Open()
		require.NoError(t, err)
		d := xml.NewDecoder(rc)
		dim, lastRow, lastCol := "", 0, 0
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err)
			if se, ok := tok.(xml.StartElement); ok {
				for _, a := range se.Attr {
					switch {
					case se.Name.Local == "dimension" && a.Name.Local == "ref":
						dim = a.Value
					case se.Name.Local == "c" && a.Name.Local == "r":
						c, r, ok := parseRef(a.Value)
						require.True(t, ok)
						lastRow, lastCol = max(lastRow, r), max(lastCol, c)
					}
				}
			}
		}
		rc.Close()
		require.Equal(t, "A1:"+ref(lastRow, lastCol), dim, zf.Name)
	}
	require.GreaterOrEqual(t, sheets, 2)
}
