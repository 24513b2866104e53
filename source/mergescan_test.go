package source

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"tally/grid"

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
		for _, extra := range []int{0, 1, 40, 700, 3000} { // rows past grid.MaxRows
			for pad := 0; pad < 64; pad += 5 { // moves the cuts between reads
				xml := strings.Builder{}
				xml.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
				xml.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>`)
				xml.WriteString(`<row r="3"><c r="B3"><v>7</v></c></row>`)
				for r := 6; r <= grid.MaxRows+extra; r++ {
					fmt.Fprintf(&xml, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r)
				}
				xml.WriteString(`</sheetData>` + strings.Repeat(" ", pad) + tc.merges + `</worksheet>`)
				g := &grid.Grid{}
				require.NoError(t, readSheet(sheetZip(t, xml.String()), g, nil, nil, nil))
				name := fmt.Sprintf("%s, %d rows past, pad %d", tc.name, extra, pad)
				anchors := map[grid.Pos]grid.Pos{}
				for r := range g.Rows() {
					for c := range g.Row(r) {
						if a, ok := g.Anchor(r, c); ok {
							anchors[grid.Pos{Row: r, Col: c}] = a
						}
					}
				}
				assert.Equal(t, map[grid.Pos]grid.Pos{
					{Row: 0, Col: 1}: {Row: 0, Col: 0}, {Row: 0, Col: 2}: {Row: 0, Col: 0}, // A1:C1
					{Row: 3, Col: 1}: {Row: 2, Col: 1}, {Row: 4, Col: 1}: {Row: 2, Col: 1}, // B3:B5
				}, anchors, name)
				assert.Equal(t, 4, g.Merges(), name)
				// the merged cells hold their first cell's value
				require.Len(t, g.Row(0), 3, name)
				assert.Equal(t, "标题", g.At(0, 2), name)
				assert.Equal(t, "7", g.At(3, 1), name)
			}
		}
	}
}
