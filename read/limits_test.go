package read

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/grid"
	"tally/internal/testkit"
	"tally/schema"
	"tally/source"
)

// craftInMemory is craftBook, returning the workbook's bytes.
func craftInMemory(t *testing.T, base []byte, parts ...craftedPart) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), "book.xlsx")
	craftBook(t, p, base, parts...)
	return testkit.ReadFile(t, p)
}

// Two sheets on one part: the workbook is damaged, said before anything is
// read, naming both sheets.
func TestSheetsOnOnePart(t *testing.T) {
	base := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	data := craftInMemory(t, base, sheetsParts(t, 3, func(i int) string {
		return []string{"", "worksheets/sheet1.xml", "worksheets/sheet2.xml", "/xl/Worksheets/Sheet1.xml"}[i]
	})...)
	data = craftInMemory(t, data, craftedPart{"xl/worksheets/sheet2.xml", pack(t, func(w io.Writer) {
		_, _ = w.Write(testkit.Part(t, base, "xl/worksheets/sheet1.xml"))
	})})
	sub := read(t, data, "x.xlsx")
	require.True(t, sub.Unreadable)
	require.Len(t, sub.FindingList(), 1)
	f := sub.FindingList()[0]
	assert.Equal(t, "read.damaged", f.Msg.ID())
	assert.Contains(t, f.Message(schema.Zh), "工作表“工作表1”和“工作表3”指向工作簿中的同一个部分")
}

// A part named for two purposes is read once: the second is refused.
func TestPartReadOnce(t *testing.T) {
	base := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	rels := strings.Replace(string(testkit.Part(t, base, "xl/_rels/workbook.xml.rels")), `Target="styles.xml"`, `Target="sharedStrings.xml"`, 1)
	data := craftInMemory(t, base, craftedPart{"xl/_rels/workbook.xml.rels", pack(t, func(w io.Writer) { _, _ = io.WriteString(w, rels) })})
	sub := read(t, data, "x.xlsx")
	require.True(t, sub.Unreadable)
	assert.Contains(t, sub.FindingList()[0].Message(schema.Zh), "xl/sharedStrings.xml 部分被用作了两处内容")
}

// A cell's text is kept up to source.MaxCellText bytes, cut where a character
// begins and marked with an ellipsis, in a value, an inline string, a
// shared string and the page header; a number cut is no number.
func TestCellTextIsCut(t *testing.T) {
	long := strings.Repeat("统计表", 40000) // 120,000 characters
	digits := strings.Repeat("1", 2*source.MaxCellText)
	base := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	sst := string(testkit.Part(t, base, "xl/sharedStrings.xml"))
	sst = strings.Replace(sst, "</sst>", "<si><t>"+long[:30000]+"</t><r><t>"+long[30000:]+"</t></r></si></sst>", 1)
	sheet := string(testkit.Part(t, base, "xl/worksheets/sheet1.xml"))
	ref := testkit.Table2018{}.RefOf(t, "1.1")
	at := strings.Index(sheet, `<c r="`+ref+`"`)
	require.Positive(t, at)
	end := at + strings.Index(sheet[at:], "</c>") + len("</c>")
	sheet = sheet[:at] + `<c r="` + ref + `"><v>` + digits + `</v></c>` + sheet[end:]
	sheet = strings.Replace(sheet, "</sheetData>", `<row r="90"><c r="A90" t="inlineStr"><is><t>`+long+`</t></is></c>`+
		`<c r="B90" t="s"><v>75</v></c></row></sheetData><headerFooter><oddHeader>`+long+`</oddHeader></headerFooter>`, 1)
	data := craftInMemory(t, base,
		craftedPart{"xl/sharedStrings.xml", pack(t, func(w io.Writer) { _, _ = io.WriteString(w, sst) })},
		craftedPart{"xl/worksheets/sheet1.xml", pack(t, func(w io.Writer) { _, _ = io.WriteString(w, sheet) })})
	opened, err := source.Open(data, "x.xlsx", source.Options{})
	require.NoError(t, err)
	g := opened.Grids[0]
	const ellipsis = "…"
	for _, text := range []string{g.At(89, 0), g.At(89, 1), g.Header} {
		assert.True(t, strings.HasPrefix(long, strings.TrimSuffix(text, ellipsis)))
		assert.True(t, utf8.ValidString(text) && strings.HasSuffix(text, ellipsis), "cut where a character begins, and marked")
		assert.Equal(t, source.MaxCellText+len(ellipsis), len(text))
	}
	assert.Equal(t, digits[:source.MaxCellText]+ellipsis, g.At(4, 2))
	sub := read(t, data, "x.xlsx")
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, schema.Invalid, sub.Values["1.1"].State)
	assert.Contains(t, testkit.Kinds(sub), schema.KindNotANumber+"@"+ref)
}

// Each budget of a workbook, past it: reading stops, and the finding names
// where it stopped and the limit, or says the workbook inflates too far.
func TestBookBudgets(t *testing.T) {
	base := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	row := strings.Repeat(`<c><v>1</v></c>`, grid.MaxCols)
	rows := func(n int) string {
		return strings.Repeat(`<row>`+row+`</row>`, n)
	}
	parts := sheetsParts(t, 3, func(i int) string { return fmt.Sprintf("worksheets/sheet%d.xml", i) })
	for i, n := range []int{10, 3000, 3000} {
		body := fmt.Sprintf(`<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>`, mainNS, rows(n))
		parts = append(parts, craftedPart{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), pack(t, func(w io.Writer) { _, _ = io.WriteString(w, body) })})
	}
	sub := read(t, craftInMemory(t, base, parts...), "x.xlsx")
	require.True(t, sub.Unreadable)
	require.Len(t, sub.FindingList(), 1)
	f := sub.FindingList()[0]
	assert.Equal(t, "read.book-too-large", f.Msg.ID())
	assert.Contains(t, f.Message(schema.Zh), "读到工作表“工作表3”时已超过 tally 读取一个工作簿的上限（100 万个单元格）")
	assert.Contains(t, f.Message(schema.En), `at sheet "工作表3" it passed the most tally reads of one workbook (1 million cells)`)

	// Text: a shared string of 90 KB in 200 cells.
	long := strings.Repeat("统计表", 30000)
	sst := fmt.Sprintf(`<?xml version="1.0"?><sst %s><si><t>%s</t></si></sst>`, mainNS, long)
	sheet := fmt.Sprintf(`<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>`, mainNS,
		strings.Repeat(`<row>`+strings.Repeat(`<c t="s"><v>0</v></c>`, 20)+`</row>`, 10))
	sub = read(t, craftInMemory(t, base,
		craftedPart{"xl/sharedStrings.xml", pack(t, func(w io.Writer) { _, _ = io.WriteString(w, sst) })},
		craftedPart{"xl/worksheets/sheet1.xml", pack(t, func(w io.Writer) { _, _ = io.WriteString(w, sheet) })}), "x.xlsx")
	require.True(t, sub.Unreadable)
	assert.Contains(t, sub.FindingList()[0].Message(schema.Zh), "读到工作表“Sheet1”时已超过 tally 读取一个工作簿的上限（16 MB 文字）")

	// Inflated bytes: three sheets of 200 MB each.
	parts = sheetsParts(t, 3, func(i int) string { return fmt.Sprintf("worksheets/sheet%d.xml", i) })
	big := sheetPart(t, func(w io.Writer) {
		repeat(w, []byte(`<row><c s="1"/></row>`), 200<<20)
	})
	for i := 1; i <= 3; i++ {
		parts = append(parts, craftedPart{fmt.Sprintf("xl/worksheets/sheet%d.xml", i), big})
	}
	if !testing.Short() {
		sub = read(t, craftInMemory(t, base, parts...), "x.xlsx")
		require.True(t, sub.Unreadable)
		assert.Equal(t, "read.too-large", sub.FindingList()[0].Msg.ID())
	}

	// Bytes tokenized: a row of 150 MB of cells, within a sheet's 512 MB
	// but past the 128 MB of XML read event by event.
	if !testing.Short() {
		row := sheetPart(t, func(w io.Writer) {
			fmt.Fprint(w, `<row r="1">`)
			repeat(w, []byte(`<c s="1"/>`), 150<<20)
			fmt.Fprint(w, `</row>`)
		})
		sub = read(t, craftInMemory(t, base, craftedPart{"xl/worksheets/sheet1.xml", row}), "x.xlsx")
		require.True(t, sub.Unreadable)
		assert.Equal(t, "read.too-large", sub.FindingList()[0].Msg.ID())
	}
}

// rawZip writes a zip of n empty entries, with the prefix before it (as a
// self-extracting archive has), counted in the end record as count.
func rawZip(t *testing.T, prefix []byte, n int, count uint16) []byte {
	var out bytes.Buffer
	out.Write(prefix)
	zw := zip.NewWriter(&out)
	zw.SetOffset(int64(len(prefix)))
	for i := range n {
		_, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprint(i), Method: zip.Store})
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	b := out.Bytes()
	if count != uint16(n) {
		end := bytes.LastIndex(b, []byte("PK\x05\x06"))
		b[end+8], b[end+9], b[end+10], b[end+11] = byte(count), byte(count>>8), byte(count), byte(count>>8)
	}
	return b
}

// A zip is refused before archive/zip reads its directory when it declares
// or holds more than source.MaxEntries entries; up to that, it opens as before,
// with or without something before it.
func TestZipDirectoryIsBounded(t *testing.T) {
	for _, tc := range []struct {
		name   string
		prefix []byte
		n      int
		count  uint16
		ok     bool
	}{
		{"as many entries as allowed", nil, source.MaxEntries, source.MaxEntries, true},
		{"one more", nil, source.MaxEntries + 1, source.MaxEntries + 1, false},
		{"one more, counted as one", nil, source.MaxEntries + 1, 1, false},
		{"after a prefix", []byte("MZ self-extracting archive"), 100, 100, true},
		{"after a prefix, one more, counted as one", []byte("MZ"), source.MaxEntries + 1, 1, false},
	} {
		data := rawZip(t, tc.prefix, tc.n, tc.count)
		zr, err := source.OpenZip(data)
		if tc.ok {
			require.NoError(t, err, tc.name)
			assert.Len(t, zr.File, tc.n, tc.name)
		} else {
			assert.ErrorIs(t, err, source.ErrZipDirectory, tc.name)
		}
	}
	// Declared: a zip64 end record of a million entries.
	data := rawZip(t, nil, 70000, 0xffff)
	require.Positive(t, bytes.Index(data, []byte("PK\x06\x06")), "a zip64 end record")
	_, err := source.OpenZip(data)
	assert.ErrorIs(t, err, source.ErrZipDirectory)

	sub := read(t, rawZip(t, nil, source.MaxEntries+1, 1), "x.xlsx")
	require.True(t, sub.Unreadable)
	assert.Equal(t, "read.zip-entries", sub.FindingList()[0].Msg.ID())
	assert.Contains(t, sub.FindingList()[0].Message(schema.Zh), "文件中的条目超过 10000 个")
	assert.True(t, utf8.ValidString(sub.FindingList()[0].Message(schema.En)))
}
