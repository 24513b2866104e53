package read

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tally/grid"
	"tally/internal/testkit"
	"tally/source"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// packed is a part's body deflated once, to be written as often as a
// crafted workbook names it.
type packed struct {
	data []byte
	crc  uint32
	size uint64
}

// pack deflates what write writes.
func pack(t testing.TB, write func(w io.Writer)) packed {
	t.Helper()
	var out bytes.Buffer
	fw, err := flate.NewWriter(&out, flate.BestCompression)
	require.NoError(t, err)
	h := crc32.NewIEEE()
	cw := &countWriter{w: io.MultiWriter(fw, h)}
	write(cw)
	require.NoError(t, fw.Close())
	return packed{data: out.Bytes(), crc: h.Sum32(), size: uint64(cw.n)}
}

// craftedPart is a part of a crafted workbook.
type craftedPart struct {
	name string
	body packed
}

// craftBook writes the workbook base to path with the parts given: a part
// of the same name as one of base's replaces it, the others are added.
func craftBook(t testing.TB, path string, base []byte, parts ...craftedPart) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	require.NoError(t, err)
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	zw := zip.NewWriter(f)
	replaced := map[string]bool{}
	write := func(p craftedPart) {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: p.body.crc,
			CompressedSize64: uint64(len(p.body.data)), UncompressedSize64: p.body.size})
		require.NoError(t, err)
		_, err = w.Write(p.body.data)
		require.NoError(t, err)
	}
	for _, zf := range zr.File {
		done := false
		for _, p := range parts {
			if p.name == zf.Name {
				write(p)
				replaced[p.name], done = true, true
				break
			}
		}
		if !done {
			require.NoError(t, zw.Copy(zf))
		}
	}
	for _, p := range parts {
		if !replaced[p.name] {
			write(p)
		}
	}
	require.NoError(t, zw.Close())
}

const (
	mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	relNS  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relWS  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
)

// sheetsParts are a workbook.xml listing n sheets (工作表1 …) and its
// relationships, sheet i on the part target(i), with the base workbook's
// styles and shared strings.
func sheetsParts(t testing.TB, n int, target func(i int) string) []craftedPart {
	var wb, rels bytes.Buffer
	fmt.Fprintf(&wb, `<?xml version="1.0"?><workbook %s %s><sheets>`, mainNS, relNS)
	fmt.Fprint(&rels, `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rIdSt" Target="styles.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>`+
		`<Relationship Id="rIdSS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&wb, `<sheet name="工作表%d" sheetId="%d" r:id="rId%d"/>`, i, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s" Target="%s"/>`, i, relWS, target(i))
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	return []craftedPart{
		{"xl/workbook.xml", pack(t, func(w io.Writer) { _, _ = w.Write(wb.Bytes()) })},
		{"xl/_rels/workbook.xml.rels", pack(t, func(w io.Writer) { _, _ = w.Write(rels.Bytes()) })},
	}
}

// sheetPart is a worksheet whose sheetData holds what rows writes.
func sheetPart(t testing.TB, rows func(w io.Writer)) packed {
	return pack(t, func(w io.Writer) {
		fmt.Fprintf(w, `<?xml version="1.0"?><worksheet %s><sheetData>`, mainNS)
		rows(w)
		fmt.Fprint(w, `</sheetData></worksheet>`)
	})
}

// repeat writes b to w until about size bytes are written.
func repeat(w io.Writer, b []byte, size int) {
	chunk := bytes.Repeat(b, max(1, 1<<20/len(b)))
	for n := 0; n < size; n += len(chunk) {
		_, _ = w.Write(chunk)
	}
}

// paddedTable is the table's worksheet with rows inflating to about size
// bytes after it.
func paddedTable(t testing.TB, base []byte, size int) packed {
	sheet := testkit.Part(t, base, "xl/worksheets/sheet1.xml")
	i := bytes.Index(sheet, []byte("</sheetData>"))
	require.Positive(t, i)
	return pack(t, func(w io.Writer) {
		_, _ = w.Write(sheet[:i])
		repeat(w, []byte(`<row><c s="1"/><c s="1"/><c s="1"/></row>`), size)
		_, _ = w.Write(sheet[i:])
	})
}

// writeManyEntries writes to path a zip of base's parts and n empty
// entries more. The count of entries is in a zip64 end record, as a
// writer puts it; or, hidden, only in the 16 bits of the plain end record,
// which Go's reader compares with what it finds modulo 65536.
func writeManyEntries(t testing.TB, path string, base []byte, n int, hidden bool) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	require.NoError(t, err)
	var out, dir bytes.Buffer
	le := binary.LittleEndian
	entry := func(name string, method uint16, crc uint32, data []byte, size uint32) {
		off := uint32(out.Len())
		var h [30]byte
		le.PutUint32(h[0:], 0x04034b50)
		le.PutUint16(h[4:], 20)
		le.PutUint16(h[8:], method)
		le.PutUint32(h[14:], crc)
		le.PutUint32(h[18:], uint32(len(data)))
		le.PutUint32(h[22:], size)
		le.PutUint16(h[26:], uint16(len(name)))
		out.Write(h[:])
		out.WriteString(name)
		out.Write(data)
		var c [46]byte
		le.PutUint32(c[0:], 0x02014b50)
		le.PutUint16(c[4:], 20)
		le.PutUint16(c[6:], 20)
		le.PutUint16(c[10:], method)
		le.PutUint32(c[16:], crc)
		le.PutUint32(c[20:], uint32(len(data)))
		le.PutUint32(c[24:], size)
		le.PutUint16(c[28:], uint16(len(name)))
		le.PutUint32(c[42:], off)
		dir.Write(c[:])
		dir.WriteString(name)
	}
	for _, zf := range zr.File {
		rc, err := zf.OpenRaw()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		entry(zf.Name, zf.Method, zf.CRC32, data, uint32(zf.UncompressedSize64))
	}
	for i := range n {
		entry(strings.ToLower(fmt.Sprintf("%x", i)), zip.Store, 0, nil, 0)
	}
	total := len(zr.File) + n
	dirOff, dirLen := uint32(out.Len()), uint32(dir.Len())
	out.Write(dir.Bytes())
	count := uint16(total)
	if !hidden && total >= 0xFFFF {
		end64 := uint64(out.Len())
		var z [56]byte
		le.PutUint32(z[0:], 0x06064b50)
		le.PutUint64(z[4:], 44)
		le.PutUint16(z[12:], 45)
		le.PutUint16(z[14:], 45)
		le.PutUint64(z[24:], uint64(total))
		le.PutUint64(z[32:], uint64(total))
		le.PutUint64(z[40:], uint64(dirLen))
		le.PutUint64(z[48:], uint64(dirOff))
		out.Write(z[:])
		var l [20]byte
		le.PutUint32(l[0:], 0x07064b50)
		le.PutUint64(l[8:], end64)
		le.PutUint32(l[16:], 1)
		out.Write(l[:])
		count = 0xFFFF
	}
	var e [22]byte
	le.PutUint32(e[0:], 0x06054b50)
	le.PutUint16(e[8:], count)
	le.PutUint16(e[10:], count)
	le.PutUint32(e[12:], dirLen)
	le.PutUint32(e[16:], dirOff)
	out.Write(e[:])
	require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
}

// craftedDir is where the crafted workbooks are written: a test's own
// folder; or the folder TALLY_CRAFTED names, where they are only written
// and kept, to measure a case with the program itself
// (TALLY_CRAFTED=/tmp/crafted go test ./xlsx -run TestCraftedWorkbooks).
func craftedDir(t *testing.T) (dir string, keep bool) {
	if dir := os.Getenv("TALLY_CRAFTED"); dir != "" {
		require.NoError(t, os.MkdirAll(dir, 0o755))
		return dir, true
	}
	return t.TempDir(), false
}

// Crafted workbooks that cost time and memory in ways no bomb of one part
// does: many sheets on one part, many parts, long texts, full sheets,
// merged ranges, a million zip entries, long CSV cells. Each gets its
// verdict in seconds and well under 256 MiB for the whole process.
func TestCraftedWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds crafted workbooks of hundreds of MB")
	}
	base := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	dir, keep := craftedDir(t)
	text := strings.Repeat("统计表", 1<<20/9)                           // a text just under the 1 MB between two tags
	fullRow := bytes.Repeat([]byte(`<c><v>1</v></c>`), grid.MaxCols) // a row as wide as tally reads
	cases := []struct {
		name string
		// write writes the case's files into dir and returns their paths.
		write func(t *testing.T, dir string) []string
		want  []string // the verdict's findings' ids, for each file
	}{
		{"a thousand sheets on one part", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "thousand-sheets-one-part.xlsx")
			parts := sheetsParts(t, 1000, func(int) string { return "worksheets/sheet1.xml" })
			craftBook(t, p, base, append(parts, craftedPart{"xl/worksheets/sheet1.xml", paddedTable(t, base, 480<<20)})...)
			return []string{p}
		}, []string{"read.damaged"}},
		{"sixty parts of a 400 MB row", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "sixty-parts.xlsx")
			parts := sheetsParts(t, 60, func(i int) string { return fmt.Sprintf("worksheets/sheet%d.xml", i) })
			sheet := sheetPart(t, func(w io.Writer) {
				fmt.Fprint(w, `<row r="1">`)
				repeat(w, []byte(`<c s="1"/>`), 400<<20)
				fmt.Fprint(w, `</row>`)
			})
			for i := 1; i <= 60; i++ {
				parts = append(parts, craftedPart{fmt.Sprintf("xl/worksheets/sheet%d.xml", i), sheet})
			}
			craftBook(t, p, base, parts...)
			return []string{p}
		}, []string{"read.too-large"}},
		{"sixty parts of 400 MB of empty rows", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "sixty-padded-parts.xlsx")
			parts := sheetsParts(t, 60, func(i int) string { return fmt.Sprintf("worksheets/sheet%d.xml", i) })
			sheet := paddedTable(t, base, 400<<20)
			for i := 1; i <= 60; i++ {
				parts = append(parts, craftedPart{fmt.Sprintf("xl/worksheets/sheet%d.xml", i), sheet})
			}
			craftBook(t, p, base, parts...)
			return []string{p}
		}, []string{"read.too-large"}},
		{"450 cells of a megabyte", func(t *testing.T, dir string) []string {
			// 450 MB of XML in the rows tally reads: past maxBookParse.
			p := filepath.Join(dir, "long-texts.xlsx")
			craftBook(t, p, base, craftedPart{"xl/worksheets/sheet1.xml", sheetPart(t, func(w io.Writer) {
				for r := 1; r <= 450; r++ {
					fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>`, r, r, text)
				}
			})})
			return []string{p}
		}, []string{"read.too-large"}},
		{"200 cells of 400 KB", func(t *testing.T, dir string) []string {
			// Each cut to maxCellText: 19 MB kept, past maxBookText.
			p := filepath.Join(dir, "long-texts-200.xlsx")
			craftBook(t, p, base, craftedPart{"xl/worksheets/sheet1.xml", sheetPart(t, func(w io.Writer) {
				for r := 1; r <= 200; r++ {
					fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>`, r, r, text[:9*45000])
				}
			})})
			return []string{p}
		}, []string{"read.book-too-large"}},
		{"full sheets of megabyte shared strings", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "long-shared-strings.xlsx")
			sst := pack(t, func(w io.Writer) {
				fmt.Fprintf(w, `<?xml version="1.0"?><sst %s>`, mainNS)
				for range 15 {
					fmt.Fprintf(w, `<si><t>%s</t></si>`, text)
				}
				fmt.Fprint(w, `</sst>`)
			})
			row := bytes.Repeat([]byte(`<c t="s"><v>3</v></c>`), grid.MaxCols)
			craftBook(t, p, base, craftedPart{"xl/sharedStrings.xml", sst}, craftedPart{"xl/worksheets/sheet1.xml", sheetPart(t, func(w io.Writer) {
				for range grid.MaxRows {
					fmt.Fprintf(w, `<row>%s</row>`, row)
				}
			})})
			return []string{p}
		}, []string{"read.book-too-large"}},
		{"forty full sheets", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "forty-full-sheets.xlsx")
			parts := sheetsParts(t, 40, func(i int) string { return fmt.Sprintf("worksheets/sheet%d.xml", i) })
			sheet := sheetPart(t, func(w io.Writer) {
				for range grid.MaxRows {
					fmt.Fprintf(w, `<row>%s</row>`, fullRow)
				}
			})
			for i := 1; i <= 40; i++ {
				parts = append(parts, craftedPart{fmt.Sprintf("xl/worksheets/sheet%d.xml", i), sheet})
			}
			craftBook(t, p, base, parts...)
			return []string{p}
		}, []string{"read.book-too-large"}},
		{"forty sheets of far cells", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "forty-far-sheets.xlsx")
			parts := sheetsParts(t, 40, func(i int) string { return fmt.Sprintf("worksheets/sheet%d.xml", i) })
			sheet := sheetPart(t, func(w io.Writer) {
				for r := 1; r <= grid.MaxRows; r++ {
					fmt.Fprintf(w, `<row r="%d"><c r="%s"><v>1</v></c></row>`, r, grid.Ref(r-1, grid.MaxCols-1))
				}
			})
			for i := 1; i <= 40; i++ {
				parts = append(parts, craftedPart{fmt.Sprintf("xl/worksheets/sheet%d.xml", i), sheet})
			}
			craftBook(t, p, base, parts...)
			return []string{p}
		}, []string{"read.book-too-large"}},
		{"millions of merged ranges", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "merged-ranges.xlsx")
			craftBook(t, p, base, craftedPart{"xl/worksheets/sheet1.xml", pack(t, func(w io.Writer) {
				fmt.Fprintf(w, `<?xml version="1.0"?><worksheet %s><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>`, mainNS)
				repeat(w, []byte(`<mergeCell ref="A1:CV100"/>`), 400<<20)
				fmt.Fprint(w, `</mergeCells></worksheet>`)
			})})
			return []string{p}
		}, []string{"read.book-too-large"}},
		{"two workbooks of full rows of formulas at once", func(t *testing.T, dir string) []string {
			row := bytes.Repeat([]byte(`<c s="1"><f>A1+B1</f><v>1</v></c>`), grid.MaxCols)
			sheet := sheetPart(t, func(w io.Writer) {
				for range grid.MaxRows {
					fmt.Fprintf(w, `<row>%s</row>`, row)
				}
			})
			var ps []string
			for i := range 2 {
				p := filepath.Join(dir, fmt.Sprintf("formulas-%d.xlsx", i+1))
				craftBook(t, p, base, craftedPart{"xl/worksheets/sheet1.xml", sheet})
				ps = append(ps, p)
			}
			return ps
		}, []string{"read.book-too-large"}},
		{"shared strings of millions of empty strings", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "empty-shared-strings.xlsx")
			craftBook(t, p, base, craftedPart{"xl/sharedStrings.xml", pack(t, func(w io.Writer) {
				fmt.Fprintf(w, `<?xml version="1.0"?><sst %s>`, mainNS)
				repeat(w, []byte(`<si/>`), 14<<20)
				fmt.Fprint(w, `</sst>`)
			})})
			return []string{p}
		}, []string{"read.book-too-large"}},
		{"styles of 800,000 number formats", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "styles.xlsx")
			craftBook(t, p, base, craftedPart{"xl/styles.xml", pack(t, func(w io.Writer) {
				fmt.Fprintf(w, `<?xml version="1.0"?><styleSheet %s><cellXfs>`, mainNS)
				repeat(w, []byte(`<xf numFmtId="1"/>`), 14<<20)
				fmt.Fprint(w, `</cellXfs></styleSheet>`)
			})})
			return []string{p}
		}, []string{"read.book-too-large"}},
		{"a workbook listing half a million sheets", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "half-a-million-sheets.xlsx")
			craftBook(t, p, base, craftedPart{"xl/workbook.xml", pack(t, func(w io.Writer) {
				fmt.Fprintf(w, `<?xml version="1.0"?><workbook %s %s><sheets>`, mainNS, relNS)
				repeat(w, []byte(`<sheet name="s" r:id="rId9"/>`), 14<<20)
				fmt.Fprint(w, `</sheets></workbook>`)
			})})
			return []string{p}
		}, []string{"read.damaged"}},
		{"a million zip entries", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "million-entries.xlsx")
			writeManyEntries(t, p, base, 1_000_000, false)
			return []string{p}
		}, []string{"read.zip-entries"}},
		{"a million zip entries, counted modulo 65536", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "million-entries-hidden.xlsx")
			writeManyEntries(t, p, base, 15*65536-len(partNames(t, base))+5, true)
			return []string{p}
		}, []string{"read.zip-entries"}},
		{"two files of a million zip entries at once", func(t *testing.T, dir string) []string {
			var ps []string
			for i := range 2 {
				p := filepath.Join(dir, fmt.Sprintf("million-entries-%d.xlsx", i+1))
				writeManyEntries(t, p, base, 1_000_000, false)
				ps = append(ps, p)
			}
			return ps
		}, []string{"read.zip-entries"}},
		{"CSV cells of a megabyte", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "long-cells.csv")
			var b bytes.Buffer
			for r := range 15 {
				fmt.Fprintf(&b, "%d,%s\n", r, text)
			}
			require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
			return []string{p}
		}, []string{"read.csv", "read.no-schema"}},
		{"a CSV line of eight million fields", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "wide-line.csv")
			var b bytes.Buffer
			for r := range 5 {
				fmt.Fprintf(&b, "%d,统计表\n", r)
			}
			b.Write(bytes.Repeat([]byte(","), source.MaxPart-b.Len()-1))
			b.WriteByte('\n')
			require.NoError(t, os.WriteFile(p, b.Bytes(), 0o644))
			return []string{p}
		}, []string{"read.csv", "read.no-schema"}},
		{"a CSV of full rows", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "full-rows.csv")
			line := strings.Repeat("1,", grid.MaxCols-1) + "1\n"
			require.NoError(t, os.WriteFile(p, []byte(strings.Repeat(line, grid.MaxRows)), 0o644))
			return []string{p}
		}, []string{"read.book-too-large"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			paths := tc.write(t, dir)
			if keep {
				return
			}
			var size int64
			for _, p := range paths {
				st, err := os.Stat(p)
				require.NoError(t, err)
				size += st.Size()
			}
			verdicts, rss, elapsed := readInChild(t, paths...)
			t.Logf("%s: %d KiB on disk, verdict in %s, peak %d MiB", tc.name, size>>10, elapsed.Round(1e6), rss>>10)
			assert.Less(t, rss, int64(256<<10), "peak memory under 256 MiB")
			assert.Less(t, elapsed.Seconds(), 30.0, "a verdict within 30 seconds")
			for i, v := range verdicts {
				assert.True(t, v.Unreadable, paths[i])
				assert.Equal(t, tc.want, v.IDs, paths[i])
			}
		})
	}
}

// partNames are the names of a workbook's parts.
func partNames(t testing.TB, book []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	require.NoError(t, err)
	var out []string
	for _, zf := range zr.File {
		out = append(out, zf.Name)
	}
	return out
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
