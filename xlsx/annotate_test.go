package xlsx

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/internal/testkit"
	"tally/schema"
)

// cellFormat is what a cell's format record says, read from the zip.
type cellFormat struct {
	NumFmt, Font, Fill, Border string
	Fills                      []string // the fill table's patterns and colours
	Colors                     []string // every rgb attribute of the style sheet
}

func xfOf(t *testing.T, data []byte, sheet, cell string) cellFormat {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	id, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	raw := testkit.Part(t, data, "xl/styles.xml")
	var ss struct {
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   struct {
					RGB string `xml:"rgb,attr"`
				} `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			NumFmt string `xml:"numFmtId,attr"`
			Font   string `xml:"fontId,attr"`
			Fill   string `xml:"fillId,attr"`
			Border string `xml:"borderId,attr"`
		} `xml:"cellXfs>xf"`
	}
	require.NoError(t, xml.Unmarshal(raw, &ss))
	require.Less(t, id, len(ss.Xfs))
	xf := ss.Xfs[id]
	out := cellFormat{NumFmt: xf.NumFmt, Font: xf.Font, Fill: xf.Fill, Border: xf.Border}
	for _, fl := range ss.Fills {
		out.Fills = append(out.Fills, fl.Pattern.Type+" "+fl.Pattern.Fg.RGB)
	}
	for _, m := range regexp.MustCompile(`rgb="([^"]*)"`).FindAllSubmatch(raw, -1) {
		out.Colors = append(out.Colors, string(m[1]))
	}
	return out
}

// A marked cell keeps the township's own format, its fill aside: the same
// font, borders and number format, and a style sheet every program reads
// (each colour a full ARGB value: a border drawn without a colour in the
// original is not given the colour "FF").
func TestAnnotateKeepsTheCellFormat(t *testing.T) {
	name := "月牙湖乡政府信息公开情况统计表（2018年度）.xlsx"
	data := testkit.Fixture(t, "district/兴庆区2018/"+name)
	sub := read(t, data, name)
	require.False(t, sub.Unreadable)
	cell := sub.Values["3.1"].Ref
	require.NotEmpty(t, cell)
	before := xfOf(t, data, sub.Sheet, cell)
	require.NotEqual(t, "0", before.Border, "the fixture's value cells have borders")

	sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindSum, Sheet: sub.Sheet, Cell: cell, Msg: schema.Msg(schema.MustLookup("read.circular"), "x", "")})
	marked, err := Annotate(data, name, sub, nil, schema.Zh)
	require.NoError(t, err)
	after := xfOf(t, marked, sub.Sheet, cell)
	assert.Equal(t, before.Font, after.Font, "font")
	assert.Equal(t, before.Border, after.Border, "borders")
	assert.Equal(t, before.NumFmt, after.NumFmt, "number format")
	require.NotEqual(t, before.Fill, after.Fill)
	var fill int
	require.NoError(t, xml.Unmarshal([]byte("<i>"+after.Fill+"</i>"), &fill))
	assert.Equal(t, "solid FFFF9999", after.Fills[fill], "red fill on the error")
	for _, c := range after.Colors {
		assert.Regexp(t, `^[0-9A-Fa-f]{8}$`, c, "every colour is ARGB")
	}
}

// The same submission marked up twice gives the same bytes: the copy is
// made in a fixed order, so that a run again is a copy again.
func TestAnnotateIsReproducible(t *testing.T) {
	name := "月牙湖乡政府信息公开情况统计表（2018年度）.xlsx"
	data := testkit.Fixture(t, "district/兴庆区2018/"+name)
	sub := read(t, data, name)
	require.False(t, sub.Unreadable)
	for _, sev := range []schema.Severity{schema.Error, schema.Warning, schema.Info} {
		sub.Add(schema.Finding{Severity: sev, Kind: schema.KindBlank, Sheet: sub.Sheet, Cell: sub.Values["3.1"].Ref,
			Msg: schema.Msg(schema.MustLookup("read.circular"), "x", "")})
	}
	first, err := Annotate(data, name, sub, nil, schema.Zh)
	require.NoError(t, err)
	for range 5 {
		again, err := Annotate(data, name, sub, nil, schema.Zh)
		require.NoError(t, err)
		require.True(t, bytes.Equal(first, again), "two marked-up copies of one submission differ")
	}
}
