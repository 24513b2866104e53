package read

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tally/internal/fuzzbudget"
	"tally/internal/testkit"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/schema"
)

func read(t testing.TB, data []byte, name string) *schema.Submission {
	t.Helper()
	return File(data, name, Options{Schemas: []*schema.Schema{testkit.Gov2018(t)}})
}

func TestReadBuiltTable(t *testing.T) {
	data := testkit.Table2018{Title: "银川市兴庆区大新镇 2018 年度政府信息公开情况统计表", Vals: map[string]any{
		"1.1": 12, "1.2.2": " 1,2 ", "7": "0.35", "8.4": 0.1,
	}}.Build(t)
	sub := read(t, data, "x.xlsx")
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, "大新镇", sub.Unit)
	assert.Equal(t, 2018, sub.Year)
	assert.Equal(t, "Sheet1", sub.Sheet)
	assert.Equal(t, "12", sub.Values["1.1"].Num.String())
	assert.Equal(t, "C5", sub.Values["1.1"].Ref)
	assert.Equal(t, "0.35", sub.Values["7"].Num.String())
	assert.Equal(t, "0.1", sub.Values["8.4"].Num.String())
	// " 1,2 " is not a number: the grouping is wrong.
	assert.Equal(t, schema.Invalid, sub.Values["1.2.2"].State)
	assert.Equal(t, []string{"not-a-number@C10"}, testkit.Kinds(sub))
}

// A formula written by a program without a calculation engine has no cached
// value; tally computes it as a spreadsheet would.
func TestFormulaWithoutCachedValue(t *testing.T) {
	tb := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Vals: map[string]any{"3.1.1": 2, "3.1.3": 3}}
	tb.Vals["3.1"] = testkit.Formula(fmt.Sprintf("SUM(%s:%s)", tb.RefOf(t, "3.1.1"), tb.RefOf(t, "3.1.4")))
	sub := read(t, tb.Build(t), "x.xlsx")
	assert.Equal(t, "5", sub.Values["3.1"].Num.String())
	assert.Empty(t, testkit.Kinds(sub))
}

// Without a stored result tally computes arithmetic only: a formula that
// could run unbounded (REPT builds gigabytes of text) is not computed but
// reported, at once, and a loop through other cells is a circular reference.
func TestFormulaWithoutCachedValueUnsafe(t *testing.T) {
	tb := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Vals: map[string]any{"3.1.1": 2}}
	tb.Vals["3.1"] = testkit.Formula(`LEN(REPT("a",10^10))`)
	tb.Vals["3.2"] = testkit.Formula(tb.RefOf(t, "3.3") + "+1")
	tb.Vals["3.3"] = testkit.Formula(tb.RefOf(t, "3.2") + "+1")
	tb.Vals["3.3.1"] = testkit.Formula("SUM(D1:XFD1048576)")
	tb.Vals["1.1"] = testkit.Formula("ROUND(" + tb.RefOf(t, "3.1.1") + "*1.5, 0)")
	sub := read(t, tb.Build(t), "x.xlsx")
	ids := map[string]string{}
	for _, f := range sub.FindingList() {
		ids[f.Codes[0]] = f.Msg.ID()
	}
	assert.Equal(t, "read.formula-not-computed", ids["3.1"])
	assert.Equal(t, "read.circular", ids["3.2"])
	assert.Equal(t, "read.circular", ids["3.3"])
	assert.Equal(t, "read.formula-not-computed", ids["3.3.1"], "a range no table needs")
	assert.Equal(t, schema.Invalid, sub.Values["3.1"].State)
	assert.Equal(t, "3", sub.Values["1.1"].Num.String())
}

func TestCellFindings(t *testing.T) {
	data := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Vals: map[string]any{
		"6": -2, "9.1": 2.5, "2.2.3": "见附件", "9.2": "", "8.1": "3个", "8.2": "—", "1.1": "１３５", "7": "5元",
	}}.Build(t)
	sub := read(t, data, "x.xlsx")
	byKind := map[string]schema.Finding{}
	for _, f := range sub.FindingList() {
		byKind[f.Kind] = f
	}
	assert.Equal(t, schema.Error, byKind["negative"].Severity)
	assert.Equal(t, []string{"6"}, byKind["negative"].Codes)
	assert.Equal(t, schema.Error, byKind["non-integer"].Severity)
	assert.Equal(t, schema.Error, byKind["not-a-number"].Severity)
	assert.Equal(t, schema.Info, byKind["blank"].Severity)
	assert.Equal(t, schema.Info, byKind["unit"].Severity, "5元 typed in a 万元 row is converted, and said so")
	assert.Equal(t, "0.0005", sub.Values["7"].Num.String())
	assert.Equal(t, schema.Empty, sub.Values["9.2"].State)
	assert.Equal(t, "3", sub.Values["8.1"].Num.String(), "3个 reads as 3 in a 个 row")
	assert.Equal(t, "0", sub.Values["8.2"].Num.String())
	assert.Equal(t, schema.Present, sub.Values["8.2"].State)
	assert.Equal(t, "135", sub.Values["1.1"].Num.String())
	assert.Len(t, sub.FindingList(), 5, "%v", testkit.Kinds(sub))
}

func TestMissingAndExtraRows(t *testing.T) {
	data := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Skip: map[string]bool{"3.1.2": true},
		Labels: map[string]string{"1.2.5": "6.其他公开方式数"}, Vals: map[string]any{"1.2.5": 7}}.Build(t)
	sub := read(t, data, "x.xlsx")
	assert.ElementsMatch(t, []string{"missing-row@", "missing-row@", "extra-row@C13"}, testkit.Kinds(sub))
	assert.Equal(t, schema.Missing, sub.Values["3.1.2"].State)
}

// The same label in two sections (四(二) and 五(二) are both 被依法纠错数) is
// told apart by the section it follows, in either order.
func TestDuplicateLabelsBySection(t *testing.T) {
	var order []string
	for _, r := range testkit.Gov2018(t).Tables[0].Rows {
		order = append(order, r.Code)
	}
	// Swap section 四 (4 … 4.3) and section 五 (5 … 5.3).
	i4 := indexOf(order, "4")
	copy(order[i4:i4+8], []string{"5", "5.1", "5.2", "5.3", "4", "4.1", "4.2", "4.3"})
	tb := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Order: order,
		Vals: map[string]any{"5": 3, "5.1": 1, "5.2": 2, "4": 7, "4.1": 4, "4.2": 3}}
	sub := read(t, tb.Build(t), "x.xlsx")
	assert.Equal(t, "2", sub.Values["5.2"].Num.String())
	assert.Equal(t, tb.RefOf(t, "4.2"), sub.Values["5.2"].Ref, "五(二) now sits where 四(二) was")
	assert.Equal(t, "3", sub.Values["4.2"].Num.String())
	assert.Equal(t, tb.RefOf(t, "5.2"), sub.Values["4.2"].Ref)
	assert.Empty(t, testkit.Kinds(sub))
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func zipOf(t testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, _ = w.Write([]byte(body))
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestUnreadableFiles(t *testing.T) {
	good := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	f, err := excelize.OpenReader(bytes.NewReader(good))
	require.NoError(t, err)
	var enc bytes.Buffer
	require.NoError(t, f.Write(&enc, excelize.Options{Password: "123"}))
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "read.empty"},
		{"truncated", good[:len(good)/2], "read.damaged-zip"},
		{"encrypted", enc.Bytes(), "read.encrypted"},
		{"word", zipOf(t, map[string]string{"word/document.xml": "<w/>", "[Content_Types].xml": "<x/>"}), "read.word"},
		{"zip of workbooks", zipOf(t, map[string]string{"a.xlsx": "x", "b.xlsx": "y"}), "read.zip-archive"},
		{"pdf", []byte("%PDF-1.4\n..."), "read.pdf"},
		{"png", []byte{0x89, 'P', 'N', 'G', 0, 0}, "read.image"},
		{"text", []byte("单位,数量\n掌政镇,1\n"), "read.text"},
		{"binary", []byte{0, 1, 2, 3, 4, 5}, "read.unknown"},
		{"xls without a converter", oleWorkbook(t), "read.needs-convert.xls"},
		{"html table", []byte("<html><body><table><tr><td>1</td></tr></table></body></html>"), "read.needs-convert.html"},
		{"broken workbook", zipOf(t, map[string]string{"xl/workbook.xml": "<not xml", "[Content_Types].xml": "<"}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := read(t, tt.data, tt.name+".xlsx")
			require.True(t, sub.Unreadable)
			require.Len(t, sub.FindingList(), 1)
			assert.Equal(t, schema.Error, sub.FindingList()[0].Severity)
			if tt.msg != "" {
				assert.Equal(t, tt.msg, sub.FindingList()[0].Msg.ID())
			}
			assert.NotEmpty(t, sub.FindingList()[0].Message(schema.Zh))
			assert.Equal(t, tt.name+".xlsx", sub.FindingList()[0].File)
		})
	}
}

// oleWorkbook is a compound file holding a "Workbook" stream, as a legacy
// .xls is; made by hand, since nothing in Go writes .xls.
func oleWorkbook(t testing.TB) []byte {
	t.Helper()
	const sector = 512
	b := make([]byte, sector*4)
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le16 := func(off int, v uint16) { b[off], b[off+1] = byte(v), byte(v>>8) }
	le32 := func(off int, v uint32) {
		for i := 0; i < 4; i++ {
			b[off+i] = byte(v >> (8 * i))
		}
	}
	le16(0x18, 0x3E)       // minor version
	le16(0x1A, 3)          // major version 3
	le16(0x1C, 0xFFFE)     // little-endian
	le16(0x1E, 9)          // 512-byte sectors
	le16(0x20, 6)          // 64-byte mini sectors
	le32(0x2C, 1)          // one FAT sector
	le32(0x30, 1)          // directory starts at sector 1
	le32(0x38, 4096)       // mini stream cutoff
	le32(0x3C, 0xFFFFFFFE) // no mini FAT
	le32(0x44, 0xFFFFFFFE) // no DIFAT sectors
	le32(0x4C, 0)          // FAT in sector 0
	for i := 1; i < 109; i++ {
		le32(0x4C+4*i, 0xFFFFFFFF)
	}
	fat := sector * 1       // sector 0 starts after the 512-byte header
	le32(fat+0, 0xFFFFFFFD) // sector 0: FAT
	le32(fat+4, 0xFFFFFFFE) // sector 1: directory, end of chain
	le32(fat+8, 0xFFFFFFFE) // sector 2: the stream
	for i := 3; i < 128; i++ {
		le32(fat+4*i, 0xFFFFFFFF)
	}
	entry := func(n int, name string, typ byte, child, start, size uint32) {
		off := sector*2 + n*128
		for i, r := range name {
			le16(off+2*i, uint16(r))
		}
		le16(off+0x40, uint16(2*(len(name)+1)))
		b[off+0x42] = typ
		b[off+0x43] = 1 // black
		le32(off+0x44, 0xFFFFFFFF)
		le32(off+0x48, 0xFFFFFFFF)
		le32(off+0x4C, child)
		le32(off+0x74, start)
		le32(off+0x78, size)
	}
	entry(0, "Root Entry", 5, 1, 0xFFFFFFFE, 0)
	entry(1, "Workbook", 2, 0xFFFFFFFF, 2, 4096)
	for n := 2; n < 4; n++ {
		off := sector*2 + n*128
		le32(off+0x44, 0xFFFFFFFF)
		le32(off+0x48, 0xFFFFFFFF)
		le32(off+0x4C, 0xFFFFFFFF)
	}
	return b
}

func FuzzRead(f *testing.F) {
	f.Add(testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(f))
	// Numbers beside the table, on a heading, in 元 on a 万元 row.
	extra, _ := sheet2018{units: map[string]string{"7": "元"}, vals: map[string]any{"7": 26500}, heads: map[string]any{"3": 4},
		extra: []extraCol{{head: "上年数", val: func(string) any { return 3 }}, {head: "核对", val: func(string) any { return "1" }}}}.build(f)
	f.Add(extra)
	for _, dir := range []string{"seed", "validate", "bad", "wild", "matrix/2021", "matrix/2019", "matrix/agencies"} {
		paths, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*.xlsx"))
		for _, p := range paths {
			if strings.HasPrefix(filepath.Base(p), "bomb") {
				continue // TestBombs holds those; each would cost the fuzzer a second
			}
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	schemas := schema.Builtins()
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbudget.Check(t, time.Now())
		sub := File(data, "fuzz.xlsx", Options{Schemas: schemas})
		if sub.Unreadable && len(sub.FindingList()) == 0 {
			t.Fatal("an unreadable file without a finding saying why")
		}
		for _, fd := range sub.FindingList() {
			if fd.Message(schema.Zh) == "" || fd.Kind == "" {
				t.Fatalf("finding without kind or message: %+v", fd)
			}
			for _, lang := range []schema.Lang{schema.Zh, schema.En} {
				if msg := fd.Message(lang); strings.Contains(msg, "%!") {
					t.Fatalf("a message with a formatting slip: %s", msg)
				}
			}
		}
	})
}

// layout writes the 2018 rows with a custom set of cells per row: cells(row)
// returns the cells from column A; head is the header row.
func layoutBook(t testing.TB, sheet string, head []any, cells func(row *schema.Row) []any) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	if sheet != "Sheet1" {
		_, err := f.NewSheet(sheet)
		require.NoError(t, err)
		require.NoError(t, f.DeleteSheet("Sheet1"))
	}
	require.NoError(t, f.SetCellValue(sheet, "A1", "大新镇2018年度政府信息公开情况统计表"))
	require.NoError(t, f.SetSheetRow(sheet, "A2", &head))
	for i, row := range testkit.Gov2018(t).Tables[0].Rows {
		cs := cells(row)
		require.NoError(t, f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+3), &cs))
	}
	return f
}

func bytesOf(t testing.TB, f *excelize.File) []byte {
	t.Helper()
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

// The header 统计数 is merged over C:D but the numbers are in D.
func TestValueColumnUnderMergedHeader(t *testing.T) {
	f := layoutBook(t, "Sheet1", []any{"统计指标", "单位", "统计数"}, func(r *schema.Row) []any {
		if r.Heading {
			return []any{r.Label}
		}
		return []any{r.Label, r.Unit, nil, 3}
	})
	require.NoError(t, f.MergeCell("Sheet1", "C2", "D2"))
	sub := read(t, bytesOf(t, f), "x.xlsx")
	assert.Equal(t, "3", sub.Values["1.1"].Num.String())
	assert.Equal(t, "D4", sub.Values["1.1"].Ref)
}

// Two value columns: last year's and this year's; the later year is read.
func TestValueColumnByYear(t *testing.T) {
	f := layoutBook(t, "Sheet1", []any{"统计指标", "单位", "2017年", "2018年"}, func(r *schema.Row) []any {
		if r.Heading {
			return []any{r.Label}
		}
		return []any{r.Label, r.Unit, 1, 2}
	})
	sub := read(t, bytesOf(t, f), "x.xlsx")
	assert.Equal(t, "2", sub.Values["3.1"].Num.String())
	assert.Equal(t, 'D', rune(sub.Values["3.1"].Ref[0]))
}

// A second sheet holding the table is not read, and says so.
func TestOtherSheetWithTheTable(t *testing.T) {
	f := layoutBook(t, "大新镇", []any{"统计指标", "单位", "统计数"}, func(r *schema.Row) []any {
		if r.Heading {
			return []any{r.Label}
		}
		return []any{r.Label, r.Unit, 0}
	})
	_, err := f.NewSheet("通贵乡")
	require.NoError(t, err)
	rows, err := f.GetRows("大新镇")
	require.NoError(t, err)
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		require.NoError(t, f.SetSheetRow("通贵乡", fmt.Sprintf("A%d", i+1), &cells))
	}
	sub := read(t, bytesOf(t, f), "x.xlsx")
	assert.Equal(t, "大新镇", sub.Sheet)
	require.Len(t, sub.FindingList(), 1)
	assert.Equal(t, schema.KindSchema, sub.FindingList()[0].Kind)
	assert.Equal(t, schema.Warning, sub.FindingList()[0].Severity)
	assert.Contains(t, sub.FindingList()[0].Message(schema.Zh), "工作表“通贵乡”也是一份统计表")
}

// A million formatted empty rows under the table cost a pass of inflation,
// not a sheet in memory: the table reads as without them, and the merged
// ranges after the rows are still found.
func TestMillionEmptyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100 MB worksheet")
	}
	f, err := excelize.OpenReader(bytes.NewReader(testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Vals: map[string]any{"1.1": 12}}.Build(t)))
	require.NoError(t, err)
	require.NoError(t, f.MergeCell("Sheet1", "A1", "C1"))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	data := testkit.PadRows(t, buf.Bytes(), 1_000_000)
	sub := read(t, data, "x.xlsx")
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, "12", sub.Values["1.1"].Num.String())
	assert.Equal(t, "大新镇", sub.Unit)
	assert.Empty(t, testkit.Kinds(sub))
}

func BenchmarkReadMillionEmptyRows(b *testing.B) {
	data := testkit.PadRows(b, testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(b), 1_000_000)
	s := testkit.Gov2018(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		File(data, "x.xlsx", Options{Schemas: []*schema.Schema{s}})
	}
}

// A number no spreadsheet holds exactly is a finding, never a value: 1e9999
// once reached 明细 and 汇总 as +Inf and the JSON as ten thousand digits.
func TestOutOfRange(t *testing.T) {
	tb := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Vals: map[string]any{
		"1.1":   "1e9999",            // text
		"1.2.1": "1234567890123456",  // 16 digits, as text
		"1.2.2": "123456789012345",   // 15 digits: in range
		"7":     "0.000000000000001", // small, in range
	}}
	f, err := excelize.OpenReader(bytes.NewReader(tb.Build(t)))
	require.NoError(t, err)
	// Numbers stored as numbers: past 10^15, and past a double's range.
	require.NoError(t, f.SetCellDefault("Sheet1", tb.RefOf(t, "1.2.3"), "1e300"))
	require.NoError(t, f.SetCellDefault("Sheet1", tb.RefOf(t, "1.2.4"), "1e9999"))
	require.NoError(t, f.SetCellDefault("Sheet1", tb.RefOf(t, "2.1"), "5.55111512312578e-17")) // a formula's residue
	sub := read(t, bytesOf(t, f), "x.xlsx")
	require.False(t, sub.Unreadable)

	out := map[string]bool{}
	for _, fd := range sub.FindingList() {
		if fd.Rule == "read:out-of-range" {
			out[fd.Codes[0]] = true
			assert.Equal(t, schema.Error, fd.Severity)
			assert.Equal(t, schema.KindNotANumber, fd.Kind)
			assert.Contains(t, fd.Message(schema.Zh), "15 位有效数字")
		}
	}
	assert.Equal(t, map[string]bool{"1.1": true, "1.2.1": true, "1.2.3": true, "1.2.4": true}, out)
	for _, code := range []string{"1.1", "1.2.1", "1.2.3", "1.2.4"} {
		assert.Equal(t, schema.Invalid, sub.Values[code].State, code)
		assert.True(t, sub.Values[code].Num.IsZero(), code)
	}
	assert.Equal(t, "123456789012345", sub.Values["1.2.2"].Num.String())
	assert.Equal(t, "0.000000000000001", sub.Values["7"].Num.String())
	assert.Equal(t, schema.Present, sub.Values["2.1"].State)
}

// A DTD in a part is damage (ECMA-376 does not allow one; entity expansion
// lives there), said as what it is, never expanded.
func TestDTDIsDamage(t *testing.T) {
	data := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		crafted := testkit.EditPart(t, data, part, func(body string) string {
			decl := `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`
			i := strings.Index(body, "?>") + 2
			return body[:i] + decl + body[i:]
		})
		sub := read(t, crafted, "x.xlsx")
		require.True(t, sub.Unreadable, part)
		msg := sub.FindingList()[0].Message(schema.Zh)
		assert.Contains(t, msg, "文档类型声明（DTD）", part)
		assert.Contains(t, sub.FindingList()[0].Message(schema.En), "document type declaration", part)
	}
}
