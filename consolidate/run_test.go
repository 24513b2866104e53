package consolidate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
	"tally/schema"
)

// fake makes a source whose "file" is read by fakeReader: the name encodes
// the unit, the year and a value for 1.1 and 1.2.2 ("大新镇|2018|12").
func fake(name string) Source {
	return Source{Name: name, Load: func() ([]byte, error) {
		if strings.HasPrefix(name, "missing") {
			return nil, errors.New("no such file")
		}
		return []byte(name), nil
	}}
}

func fakeReader(t testing.TB) Reader {
	s := testkit.Gov2018(t)
	return func(data []byte, name string) *schema.Submission {
		parts := strings.Split(string(data), "|")
		sub := &schema.Submission{File: name, Unit: parts[0], Schema: s, Sheet: "Sheet1", Values: map[string]schema.Value{}}
		fmt.Sscan(parts[1], &sub.Year)
		for i, k := range s.Keys() {
			sub.Values[k] = schema.Value{State: schema.Present, Ref: fmt.Sprintf("C%d", i+4)}
		}
		v := decimal.RequireFromString(parts[2])
		sub.Values["1.1"] = schema.Value{State: schema.Present, Num: v, Ref: "C5"}
		sub.Values["1.2.2"] = schema.Value{State: schema.Present, Num: v, Ref: "C10"}
		return sub
	}
}

func findings(res *Result) []string {
	var out []string
	for _, f := range res.AllFindings() {
		out = append(out, fmt.Sprintf("%s %s %s %s", f.File, f.Severity, f.Kind, f.Unit))
	}
	return out
}

func TestCrossChecks(t *testing.T) {
	sources := []Source{
		fake("大新镇|2018|12"), fake("大新镇（修改稿）|2018|13"), fake("凤凰北街街道办事处|2018|7"),
		fake("通贵乡|2018|7"), fake("月牙湖乡|2017|9"), fake("missing.xlsx"),
	}
	res := Validate(sources, fakeReader(t), Options{Roster: []string{"大新镇", "凤凰北街街道", "掌政镇", "通贵乡", "月牙湖乡"}, Jobs: 3})
	assert.Equal(t, 2018, res.Year)
	assert.ElementsMatch(t, []string{
		"大新镇|2018|12 warning duplicate-unit 大新镇",
		"大新镇（修改稿）|2018|13 warning duplicate-unit 大新镇（修改稿）",
		"凤凰北街街道办事处|2018|7 warning identical-values 凤凰北街街道办事处",
		"通贵乡|2018|7 warning identical-values 通贵乡",
		"月牙湖乡|2017|9 warning year 月牙湖乡",
		"missing.xlsx error unreadable missing",
		" error missing-unit 掌政镇",
	}, findings(res))
	// Sources keep their order whatever the number of workers.
	for i, s := range res.Submissions {
		assert.Equal(t, sources[i].Name, s.File)
	}
	// The revised table is summed, the first one superseded.
	assert.Equal(t, "大新镇（修改稿）|2018|13", res.Submissions[0].SupersededBy)
	assert.False(t, res.Submissions[0].Included)
	assert.True(t, res.Submissions[1].Included)
	res.Consolidate(ConsolidateOptions{Name: "兴庆区"})
	assert.Equal(t, "36", res.Totals["1.1"].String(), "13 + 7 + 7 + 9: the first 大新镇 table is not summed")
}

func TestYearGivenIsAnError(t *testing.T) {
	res := Validate([]Source{fake("大新镇|2018|1"), fake("通贵乡|2018|2")}, fakeReader(t), Options{Year: 2019})
	require.Len(t, res.AllFindings(), 2)
	for _, f := range res.AllFindings() {
		assert.Equal(t, schema.Error, f.Severity)
		assert.Equal(t, schema.KindYear, f.Kind)
	}
	assert.Equal(t, 2019, res.Year)
}

func TestStrayFilesAreWarnings(t *testing.T) {
	src := Source{Name: "说明.pdf", Severity: schema.Warning, Load: func() ([]byte, error) { return []byte("%PDF"), nil }}
	read := func([]byte, string) *schema.Submission {
		sub := &schema.Submission{File: "说明.pdf", Unreadable: true}
		sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindUnreadable})
		return sub
	}
	res := Validate([]Source{src}, read, Options{})
	require.Len(t, res.AllFindings(), 1)
	assert.Equal(t, schema.Warning, res.AllFindings()[0].Severity)
}

func TestReportJSON(t *testing.T) {
	res := Validate([]Source{fake("大新镇|2018|12"), fake("missing.xlsx")}, fakeReader(t), Options{})
	res.Submissions[0].Set("3.1", schema.Value{State: schema.Invalid, Ref: "C24"})
	res.Submissions[0].Set("7", schema.Value{State: schema.Present, Num: decimal.RequireFromString("0.35"), Ref: "C60"})
	var buf bytes.Buffer
	require.NoError(t, res.Report("1.2.3", schema.Zh).WriteJSON(&buf))
	var rep map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rep))
	assert.Equal(t, "tally", rep["tool"])
	assert.Equal(t, "1.2.3", rep["version"])
	assert.Equal(t, "gov-info-2018", rep["schema"])
	assert.EqualValues(t, 2018, rep["year"])
	subs := rep["submissions"].([]any)
	first := subs[0].(map[string]any)
	values := first["values"].(map[string]any)
	assert.Len(t, values, len(testkit.Gov2018(t).Keys()), "every value cell, null when unusable")
	assert.Nil(t, values["3.1"])
	assert.EqualValues(t, 0.35, values["7"])
	assert.Equal(t, "C24", first["cells"].(map[string]any)["3.1"])
	assert.Equal(t, "ok", first["status"])
	assert.Equal(t, true, first["included"])
	second := subs[1].(map[string]any)
	assert.Equal(t, "unreadable", second["status"])
	assert.Equal(t, false, second["included"])
	summary := rep["summary"].(map[string]any)
	assert.EqualValues(t, 2, summary["files"])
	assert.EqualValues(t, 1, summary["readable"])
	assert.EqualValues(t, 1, summary["errors"])
	// Keys keep schema order: 1.1 comes before 1.1.1 and 2.1 before 10.
	assert.Less(t, strings.Index(buf.String(), `"1.2.5"`), strings.Index(buf.String(), `"2.1"`))
}

func TestCSVEscapesFormulaLikeText(t *testing.T) {
	assert.Equal(t, "'=HYPERLINK(\"x\")", SafeText("=HYPERLINK(\"x\")"))
	assert.Equal(t, "'+1", SafeText("+1"))
	assert.Equal(t, "'-1", SafeText("-1"))
	assert.Equal(t, "'@SUM(A1)", SafeText("@SUM(A1)"))
	assert.Equal(t, "'\tx", SafeText("\tx"))
	assert.Equal(t, "大新镇", SafeText("大新镇"))
	res := Validate([]Source{fake("=cmd|2018|1"), fake("=cmd|2018|2")}, fakeReader(t), Options{})
	var buf bytes.Buffer
	require.NoError(t, res.WriteCSV(&buf, schema.En))
	out := buf.String()
	assert.True(t, strings.HasPrefix(out, "\ufeffseverity,"))
	assert.NotContains(t, out, ",=cmd")
	assert.Contains(t, out, ",'=cmd")
}

func TestParseRoster(t *testing.T) {
	got := ParseRoster("\ufeff# 兴庆区应报单位\r\n掌政镇\r\n\r\n  大新镇  \n凤凰北街街道办事处\n")
	assert.Equal(t, []string{"掌政镇", "大新镇", "凤凰北街街道办事处"}, got)
}

func TestTextReport(t *testing.T) {
	res := Validate([]Source{fake("大新镇|2018|1"), fake("missing.xlsx")}, fakeReader(t), Options{Roster: []string{"大新镇", "掌政镇"}})
	var zh, en bytes.Buffer
	require.NoError(t, res.WriteText(&zh, "v", schema.Zh))
	require.NoError(t, res.WriteText(&en, "v", schema.En))
	assert.Contains(t, zh.String(), "✓ 大新镇|2018|1  大新镇  [Sheet1]  无问题")
	assert.Contains(t, zh.String(), "✗ missing.xlsx  missing  无法读取")
	assert.Contains(t, zh.String(), "名单中的“掌政镇”没有报送报表")
	assert.Contains(t, zh.String(), "共 2 个文件（1 个可读）：2 个错误，0 个警告，0 个提示")
	assert.Contains(t, en.String(), "2 files (1 readable): 2 errors, 0 warnings, 0 notes")
	assert.Contains(t, en.String(), "tally v · 2 files · ")
}

// Counts are said in the singular for one, in English: 1 error, 2
// warnings; in Chinese the same words either way.
func TestCounts(t *testing.T) {
	assert.Equal(t, "1 error, 2 warnings", Counts(1, 2, schema.En))
	assert.Equal(t, "2 errors, 1 warning", Counts(2, 1, schema.En))
	assert.Equal(t, "1 warning", Counts(0, 1, schema.En))
	assert.Equal(t, "", Counts(0, 0, schema.En))
	assert.Equal(t, "1 个错误、2 个警告", Counts(1, 2, schema.Zh))
	assert.Equal(t, "1 note", Count(1, schema.Info).Render(schema.En))
	assert.Equal(t, "0 notes", Count(0, schema.Info).Render(schema.En))
	assert.Equal(t, "1 file", Count(1, "").Render(schema.En))
	assert.Equal(t, "16 个文件", Count(16, "").Render(schema.Zh))
	for _, sev := range []schema.Severity{schema.Error, schema.Warning, schema.Info, ""} {
		one, many := CountDefs(sev)
		assert.NotContains(t, one.En+many.En, "(s)")
		assert.Equal(t, 1, strings.Count(one.En, "%d"), one.ID)
		assert.Equal(t, 1, strings.Count(many.Zh, "%d"), many.ID)
	}
	assert.Equal(t, "1 blank cell counted as 0: C63", BlanksNote([]string{"C63"}, schema.En))
	assert.Equal(t, "2 blank cells counted as 0: C63, C64", BlanksNote([]string{"C63", "C64"}, schema.En))
	u := Unit{File: &schema.Submission{}, Errors: 1}
	assert.Equal(t, "1 error", u.Verdict(schema.En))
}

func TestMixedFormats(t *testing.T) {
	s18 := testkit.Gov2018(t)
	s21, ok := schema.Builtin("gov-info-2021")
	require.True(t, ok)
	read := func(data []byte, name string) *schema.Submission {
		parts := strings.Split(string(data), "|")
		sub := &schema.Submission{File: name, Unit: parts[0], Schema: s21, Values: map[string]schema.Value{}}
		fmt.Sscan(parts[1], &sub.Year)
		if parts[2] == "2018" {
			sub.Schema = s18
		}
		for _, k := range sub.Schema.Keys() {
			sub.Values[k] = schema.Value{State: schema.Present}
		}
		return sub
	}
	res := Validate([]Source{fake("大新镇|2021|2021"), fake("通贵乡|2021|2021"), fake("掌政镇|2021|2018")}, read, Options{})
	assert.Equal(t, s21, res.Schema)
	assert.ElementsMatch(t, []string{
		"掌政镇|2021|2018 warning schema 掌政镇",
		"掌政镇|2021|2018 warning year 掌政镇", // a 2021 table in the 2018 format
	}, findings(res))
	assert.False(t, res.Submissions[2].Included)
	res.Consolidate(ConsolidateOptions{Name: "兴庆区"})
	assert.ElementsMatch(t, []string{
		"掌政镇|2021|2018 error schema 掌政镇",
		"掌政镇|2021|2018 warning year 掌政镇",
	}, findings(res), "left out of the totals, the other format is an error")
}

// A panic while one file is read (a reader bug tripped by a crafted file) is
// that file's unreadable finding with the reason; every other file is
// still read, checked and totalled.
func TestPanicInOneFileIsItsFinding(t *testing.T) {
	inner := fakeReader(t)
	read := func(data []byte, name string) *schema.Submission {
		if strings.HasPrefix(name, "trip") {
			var cells []int
			_ = cells[7] // index out of range, as a reader bug would
		}
		return inner(data, name)
	}
	sources := []Source{fake("大新镇|2018|3"), fake("trip.xlsx"), fake("小坝镇|2018|4")}
	for _, jobs := range []int{1, 4} {
		res := Validate(sources, read, Options{Jobs: jobs})
		require.Len(t, res.Submissions, 3)
		bad := res.Submissions[1]
		assert.True(t, bad.Unreadable)
		require.Len(t, bad.FindingList(), 1)
		assert.Equal(t, schema.KindUnreadable, bad.FindingList()[0].Kind)
		assert.Equal(t, schema.Error, bad.FindingList()[0].Severity)
		// The fault itself in English, for the maintainers the message
		// asks to be told; in Chinese, that tally failed.
		assert.Contains(t, bad.FindingList()[0].Message(schema.En), "index out of range")
		assert.Contains(t, bad.FindingList()[0].Message(schema.Zh), "tally 内部出错")
		assert.False(t, res.Submissions[0].Unreadable)
		assert.False(t, res.Submissions[2].Unreadable)
	}
}

// The streamed JSON report is byte for byte the report encoded whole.
func TestStreamedJSONIsTheReport(t *testing.T) {
	for _, sources := range [][]Source{
		{fake("大新镇|2018|3"), fake("missing.xlsx"), fake("小坝镇|2018|4"), fake("=cmd|2018|5")},
		{fake("missing.xlsx")},
		nil,
	} {
		res := Validate(sources, fakeReader(t), Options{Jobs: 1})
		if len(sources) > 1 {
			res.Consolidate(ConsolidateOptions{Name: "兴庆区"})
		}
		var whole, streamed bytes.Buffer
		require.NoError(t, res.Report("v1", schema.Zh).WriteJSON(&whole))
		require.NoError(t, res.WriteJSON(&streamed, "v1", schema.Zh))
		assert.Equal(t, whole.String(), streamed.String())
		assert.True(t, json.Valid(streamed.Bytes()))
	}
}

// A group of many identical submissions names five others and counts the
// rest, in every message.
func TestLargeGroupsAreCounted(t *testing.T) {
	var sources []Source
	for i := range 40 {
		sources = append(sources, fake(fmt.Sprintf("%s镇|2018|7", strings.Repeat("甲", i+1))))
	}
	res := Validate(sources, fakeReader(t), Options{})
	for _, s := range res.Submissions {
		var msg string
		for _, f := range s.FindingList() {
			if f.Kind == schema.KindIdenticalValues {
				msg = f.Message(schema.Zh)
			}
		}
		assert.Contains(t, msg, "等另外 34 份", s.Unit)
		assert.Equal(t, 5, strings.Count(msg, "（"), msg)
	}
}
