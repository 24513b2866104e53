package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sheetZip is a zip holding one worksheet part with the given XML.
func sheetZip(t *testing.T, xml string) *zip.File {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	_, err = w.Write([]byte(xml))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	return zr.File[0]
}

// The merged ranges listed after more rows than tally reads are found by
// the scan that takes over from the XML reader, wherever the reads cut the
// tags, with or without a namespace prefix, in either quotes.
func TestMergesAfterTheRowsRead(t *testing.T) {
	for _, tc := range []struct {
		name, merges string
	}{
		{"plain", `<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:B5"/></mergeCells>`},
		{"prefixed", `<x:mergeCells count="2"><x:mergeCell ref='A1:C1'/><x:mergeCell  ref="B3:B5" ></x:mergeCell></x:mergeCells>`},
	} {
		for _, extra := range []int{0, 1, 40, 700, 3000} { // rows past maxRows
			for pad := 0; pad < 64; pad += 5 { // moves the cuts between reads
				xml := strings.Builder{}
				xml.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
				xml.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>`)
				xml.WriteString(`<row r="3"><c r="B3"><v>7</v></c></row>`)
				for r := 6; r <= maxRows+extra; r++ {
					fmt.Fprintf(&xml, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
				}
				xml.WriteString(`</sheetData>` + strings.Repeat(" ", pad) + tc.merges + `</worksheet>`)
				g := &grid{anchor: map[[2]int][2]int{}}
				require.NoError(t, readSheet(sheetZip(t, xml.String()), g, nil, nil))
				name := fmt.Sprintf("%s, %d rows past, pad %d", tc.name, extra, pad)
				assert.Equal(t, map[[2]int][2]int{
					{0, 1}: {0, 0}, {0, 2}: {0, 0}, // A1:C1
					{3, 1}: {2, 1}, {4, 1}: {2, 1}, // B3:B5
				}, g.anchor, name)
				// the merged cells hold their first cell's value
				require.Len(t, g.rows[0], 3, name)
				assert.Equal(t, "标题", g.rows[0][2], name)
				assert.Equal(t, "7", g.rows[3][1], name)
			}
		}
	}
}
