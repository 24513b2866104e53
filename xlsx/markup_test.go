package xlsx

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
	"tally/schema"
)

// A workbook whose sheet name Excel does not allow is marked up in a copy
// where the sheet has a name it does, and everything that refers to the
// sheet (print areas, formulas) refers to the new name; characters XML
// does not allow, anywhere, are shown by their pictures.
func TestAnnotateOddSheetNames(t *testing.T) {
	base := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Vals: map[string]any{"1.1": 12, "1.1.1": 13}}.Build(t)
	for _, tc := range []struct {
		attr, to string
	}{
		{"a/b:c", "a／b：c"},
		{"x&#27;[2Ky", "x␛［2Ky"},
		{"x\x1b[2Ky", "x␛［2Ky"},
		{"bad\xff", "bad\ufffd"},
		{"&apos;quoted&apos;", "’quoted’"},
		{strings.Repeat("长", 35), strings.Repeat("长", 31)},
	} {
		data := testkit.EditPart(t, base, "xl/workbook.xml", func(s string) string {
			s = strings.Replace(s, `name="Sheet1"`, `name="`+tc.attr+`"`, 1)
			old := xmlUnescape([]byte(tc.attr))
			ref := quoted(strings.ToValidUTF8(old, "\ufffd"))
			ref = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(ref)
			def := `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">` + ref + `!$A$1:$C$70</definedName></definedNames>`
			return strings.Replace(s, "</sheets>", "</sheets>"+def, 1)
		})
		data = testkit.EditPart(t, data, "xl/sharedStrings.xml", func(s string) string {
			return strings.Replace(s, "<t>", "<t>\x1b&#1;", 1)
		})
		sub := read(t, data, "x.xlsx")
		require.False(t, sub.Unreadable, "%q: %v", tc.attr, testkit.Kinds(sub))
		sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindSum, Sheet: sub.Sheet, Cell: sub.Values["1.1"].Ref,
			Msg: schema.Msg(schema.MustLookup("read.circular"), "x", "")})
		marked, err := Annotate(data, "x.xlsx", sub, nil, schema.Zh)
		require.NoError(t, err, "%q", tc.attr)
		book := strings.ReplaceAll(string(testkit.Part(t, marked, "xl/workbook.xml")), "&#39;", "'")
		assert.Contains(t, book, `name="`+xmlEscape(tc.to)+`"`, "%q", tc.attr)
		assert.Contains(t, book, ">"+xmlEscapeText(quoted(tc.to))+"!$A$1:$C$70<", "%q: the print area follows the sheet", tc.attr)
		assert.Contains(t, string(testkit.Part(t, marked, "xl/sharedStrings.xml")), "␛␁", "%q", tc.attr)
		var dump bytes.Buffer
		require.NoError(t, Dump(&dump, marked))
		d := dump.String()
		assert.Contains(t, d, "sheet "+string(mustJSON(tc.to)), "%q", tc.attr)
		assert.Contains(t, d, "name _xlnm.Print_Area scope="+string(mustJSON(tc.to)), "%q: the print area is still the sheet's own, not the list's in front of it", tc.attr)
		assert.Contains(t, d, "comment "+sub.Values["1.1"].Ref, "%q: the cell is marked", tc.attr)
		assert.Contains(t, d, "link="+quoted(tc.to)+"!C", "%q: the list links to the renamed sheet", tc.attr)
		assert.Contains(t, d, "这份副本中改名为“"+tc.to+"”", "%q", tc.attr)
	}
}

func mustJSON(s string) []byte {
	var b bytes.Buffer
	b.WriteString(`"`)
	b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s))
	b.WriteString(`"`)
	return b.Bytes()
}

// A workbook too large to mark up gets no copy, at once and in little
// memory, and the reason names what is too large.
func TestAnnotateIsBounded(t *testing.T) {
	base := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表", Vals: map[string]any{"1.1": 12, "1.1.1": 13}}.Build(t)
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"padded rows", testkit.PadRows(t, base, 150_000), "more than 100000 rows and cells"},
		{"a part too large", testkit.EditPart(t, base, "xl/sharedStrings.xml", func(s string) string {
			return strings.Replace(s, "</sst>", "<!--"+strings.Repeat("x", 17<<20)+"--></sst>", 1)
		}), "its part xl/sharedStrings.xml inflates to more than 16 MB"},
	} {
		sub := read(t, base, "x.xlsx")
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, err := Annotate(tc.data, "x.xlsx", sub, nil, schema.Zh)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		var me *markupError
		require.True(t, errors.As(err, &me), "%s: %v", tc.name, err)
		assert.Contains(t, me.Localize(schema.En), tc.want)
		assert.Less(t, took, 10*time.Second, tc.name)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(128<<20), "%s: bytes allocated", tc.name)
	}
	// Within the bounds, a copy is made.
	sub := read(t, base, "x.xlsx")
	_, err := Annotate(testkit.PadRows(t, base, 20_000), "x.xlsx", sub, nil, schema.Zh)
	assert.NoError(t, err)
}
