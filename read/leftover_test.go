package read

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/internal/testkit"
	"tally/schema"
)

// sheet2018 describes a 2018 table as townships lay it out: a title, the
// header 统计指标 | 单位 | 统计数 at row 2 and every row of the schema under
// it, with columns of their own added right of the values.
type sheet2018 struct {
	title string
	vals  map[string]any    // by row code; a value row not given holds 0; a testkit.Formula has no stored result
	units map[string]string // unit cells that differ from the schema's
	// heads holds the values typed on heading rows, by code.
	heads map[string]any
	// extra are columns after 统计数: a header and a value per row code
	// (nil: the cell is left empty).
	extra []extraCol
}

type extraCol struct {
	head string
	val  func(code string) any
}

// build writes the workbook and returns it with the sheet row of each code.
func (s sheet2018) build(t testing.TB) ([]byte, map[string]int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	title := s.title
	if title == "" {
		title = "银川市兴庆区大新镇2018年度政府信息公开情况统计表"
	}
	require.NoError(t, f.SetCellValue("Sheet1", "A1", title))
	head := []any{"统计指标", "单位", "统计数"}
	for _, e := range s.extra {
		head = append(head, e.head)
	}
	require.NoError(t, f.SetSheetRow("Sheet1", "A2", &head))
	at := map[string]int{}
	r := 3
	for _, row := range testkit.Gov2018(t).Tables[0].Rows {
		cells := []any{row.Label}
		switch {
		case row.Heading:
			cells = append(cells, nil, s.heads[row.Code])
		default:
			unit := row.Unit
			if u, ok := s.units[row.Code]; ok {
				unit = u
			}
			v, ok := s.vals[row.Code]
			if !ok {
				v = 0
			}
			cells = append(cells, unit, v)
		}
		for _, e := range s.extra {
			var v any
			if e.val != nil {
				v = e.val(row.Code)
			}
			cells = append(cells, v)
		}
		var fm testkit.Formula
		if v, ok := cells[2].(testkit.Formula); ok {
			fm, cells[2] = v, nil
		}
		require.NoError(t, f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &cells))
		if fm != "" {
			require.NoError(t, f.SetCellFormula("Sheet1", fmt.Sprintf("C%d", r), string(fm)))
		}
		at[row.Code] = r
		r++
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes(), at
}

// found is a finding as the tests compare it: severity, kind, rule and cell.
func found(sub *schema.Submission, rules ...string) []string {
	var out []string
	for _, f := range sub.FindingList() {
		for _, r := range rules {
			if f.Rule == r {
				out = append(out, fmt.Sprintf("%s %s %s %s", f.Severity, f.Kind, f.Rule, f.Cell))
			}
		}
	}
	return out
}

// rendered checks that every finding renders in both languages without a
// formatting slip, and returns the Chinese messages of the rules given.
func rendered(t *testing.T, sub *schema.Submission, rules ...string) []string {
	t.Helper()
	var out []string
	for _, f := range sub.FindingList() {
		for _, lang := range []schema.Lang{schema.Zh, schema.En} {
			msg := f.Message(lang)
			assert.NotContains(t, msg, "%!", "%s %s", f.Rule, lang)
			assert.NotContains(t, msg, "%[", "%s %s", f.Rule, lang)
		}
		for _, r := range rules {
			if f.Rule == r {
				out = append(out, f.Message(schema.Zh))
			}
		}
	}
	return out
}

func valueOf(t *testing.T, sub *schema.Submission, key string) string {
	t.Helper()
	v, ok := sub.Values[key]
	require.True(t, ok, key)
	if v.State != schema.Present && v.State != schema.Empty {
		return fmt.Sprintf("state %v", v.State)
	}
	return v.Num.String()
}

// A unit cell in 元 on a 万元 row: the number is in 元 and is converted to
// 万元 exactly, with a warning; a number that names its own unit is read in
// that unit whatever the unit cell says.
func TestYuanInTheUnitCellOfAWanYuanRow(t *testing.T) {
	for _, tc := range []struct {
		name  string
		unit  string
		typed any
		want  string
		rules []string // the findings of row 7
	}{
		{"元 cell, number", "元", 26500, "2.65", []string{"warning unit read:unit B56"}},
		{"元 cell, text", "元", "26500", "2.65", []string{"warning unit read:unit B56"}},
		{"元 cell, odd yuan", "元", 12345, "1.2345", []string{"warning unit read:unit B56"}},
		{"元 cell, number in 元", "元", "26500元", "2.65", []string{"info unit read:unit C56", "warning unit read:unit B56"}},
		{"元 cell, number in 万元", "元", "2.65万元", "2.65", []string{"warning unit read:unit B56"}},
		{"元 cell, zero", "元", 0, "0", []string{"warning unit read:unit B56"}},
		{"万元 cell", "万元", 2.65, "2.65", nil},
		{"no unit cell", "", 2.65, "2.65", nil},
		{"人 cell", "人", 3, "3", []string{"error unit read:unit B56"}},
		{"千元 cell, no conversion known", "千元", 26, "26", []string{"error unit read:unit B56"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, at := sheet2018{vals: map[string]any{"7": tc.typed}, units: map[string]string{"7": tc.unit}}.build(t)
			require.Equal(t, 56, at["7"])
			sub := read(t, data, "大新镇.xlsx")
			require.False(t, sub.Unreadable)
			assert.Equal(t, tc.want, valueOf(t, sub, "7"))
			var got []string
			for _, f := range sub.FindingList() {
				if len(f.Codes) > 0 && f.Codes[0] == "7" {
					got = append(got, fmt.Sprintf("%s %s %s %s", f.Severity, f.Kind, f.Rule, f.Cell))
				}
			}
			assert.ElementsMatch(t, tc.rules, got)
			rendered(t, sub)
		})
	}
	// A formula without a stored result, computed by tally, is converted
	// as well.
	fm, _ := sheet2018{vals: map[string]any{"7": testkit.Formula("20000+6500")}, units: map[string]string{"7": "元"}}.build(t)
	sub := read(t, fm, "大新镇.xlsx")
	assert.Equal(t, "2.65", valueOf(t, sub, "7"))
	msgs := rendered(t, sub, "read:unit")
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], "C56 的数字按“元”换算为“万元”计入")

	data, _ := sheet2018{vals: map[string]any{"7": 26500}, units: map[string]string{"7": "元"}}.build(t)
	sub = read(t, data, "大新镇.xlsx")
	msgs = rendered(t, sub, "read:unit")
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], "C56 的 26500（元）已换算为 2.65 万元")
	// The district's total is in 万元: 2.65, not 26500.
	res := consolidate.Validate([]consolidate.Source{{Name: "大新镇.xlsx", Load: func() ([]byte, error) { return data, nil }}},
		func(data []byte, name string) *schema.Submission { return read(t, data, name) }, consolidate.Options{})
	res.Consolidate(consolidate.ConsolidateOptions{Name: "兴庆区", Out: "兴庆区.xlsx"})
	assert.Equal(t, "2.65", res.Totals["7"].String())
}

// Columns of numbers that are no column of the table: one finding per
// column, naming its header cell and the range of its numbers; a note for
// last year's, a quarter's, 序号/行次 and 备注 columns, a warning otherwise.
// The values read are this year's whatever the other columns hold.
func TestExtraColumns(t *testing.T) {
	same := func(code string) any {
		if row, _ := testkit.Gov2018(t).Row(code); row.Heading {
			return nil
		}
		return 7
	}
	data, at := sheet2018{
		vals: map[string]any{"1.1": 135},
		extra: []extraCol{
			{head: "上年数", val: same},
			{head: "备注", val: func(code string) any {
				if code == "1.1" {
					return 5 // a number in the remarks
				}
				return nil
			}},
			{head: "核对数", val: func(code string) any {
				if strings.HasPrefix(code, "3.") {
					return 1
				}
				return nil
			}},
			{head: "二季度", val: func(code string) any {
				if code == "9.3" {
					return 4
				}
				return nil
			}},
			{head: "", val: func(code string) any {
				if code == "6" {
					return 2
				}
				return nil
			}},
		},
	}.build(t)
	sub := read(t, data, "大新镇.xlsx")
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, "135", valueOf(t, sub, "1.1"))
	assert.Equal(t, "C4", sub.Values["1.1"].Ref)
	r3 := at["3.1"]
	assert.Equal(t, []string{
		"info extra-row read:extra-column D2",
		"info extra-row read:extra-column E2",
		"warning extra-row read:extra-column F2",
		"info extra-row read:extra-column G2",
		fmt.Sprintf("warning extra-row read:extra-column H%d", at["6"]),
	}, found(sub, "read:extra-column"))
	msgs := rendered(t, sub, "read:extra-column")
	require.Len(t, msgs, 5)
	assert.Contains(t, msgs[0], fmt.Sprintf("D 列（表头“上年数”）在 D4:D%d 填有数字", at["9.3"]))
	assert.Contains(t, msgs[0], "上年或往期")
	assert.Contains(t, msgs[1], "E 列（表头“备注”）在 E4 填有数字")
	last3 := 0
	for code, r := range at {
		if strings.HasPrefix(code, "3.") {
			last3 = max(last3, r)
		}
	}
	assert.Contains(t, msgs[2], fmt.Sprintf("F 列（表头“核对数”）在 F%d:F%d 填有数字，但统计表中没有这一栏", r3, last3))
	assert.Contains(t, msgs[3], "季度")
	assert.Contains(t, msgs[4], fmt.Sprintf("H 列（没有表头）在 H%d 填有数字", at["6"]))
	// A column that holds nothing but text, or nothing, is no finding; nor
	// is a table without other columns.
	plain, _ := sheet2018{extra: []extraCol{{head: "备注", val: func(code string) any { return "见说明" }}}}.build(t)
	assert.Empty(t, found(read(t, plain, "大新镇.xlsx"), "read:extra-column"))
	none, _ := sheet2018{}.build(t)
	assert.Empty(t, read(t, none, "大新镇.xlsx").FindingList())
}

// A column beyond an empty one is outside the table: a calculation to the
// side of it is not the table's business.
func TestExtraColumnsEndAtAnEmptyColumn(t *testing.T) {
	data, _ := sheet2018{extra: []extraCol{
		{head: "", val: nil},
		{head: "草稿", val: func(code string) any { return 3 }},
	}}.build(t)
	assert.Empty(t, found(read(t, data, "大新镇.xlsx"), "read:extra-column"))
}

// A number beside an empty value cell stays a warning of its own (typed one
// column off?), and its column is not reported again for it.
func TestStrayNumberIsNotAlsoAnExtraColumn(t *testing.T) {
	data, at := sheet2018{vals: map[string]any{"9.1": nil}, extra: []extraCol{{val: func(code string) any {
		if code == "9.1" {
			return 3
		}
		return nil
	}}}}.build(t)
	sub := read(t, data, "大新镇.xlsx")
	assert.Equal(t, []string{fmt.Sprintf("warning extra-row read:stray-number D%d", at["9.1"])},
		found(sub, "read:stray-number", "read:extra-column"))
}

// Numbers on a heading's row count towards nothing in the 2018 table: a
// warning names the row and its cell.
func TestNumbersOnAHeading(t *testing.T) {
	data, at := sheet2018{heads: map[string]any{"3": 12}}.build(t)
	sub := read(t, data, "大新镇.xlsx")
	assert.Equal(t, []string{fmt.Sprintf("warning extra-row read:heading-numbers C%d", at["3"])}, found(sub, "read:heading-numbers"))
	msgs := rendered(t, sub, "read:heading-numbers")
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], "“三、依申请公开情况”是分组标题")
	assert.Contains(t, msgs[0], "（12）")
}

// A header with a slip of the pen is the column it names, as a row label
// with one is its row: read, with a note naming the header cell.
func TestMisspeltHeaders(t *testing.T) {
	for _, layout := range [][]string{nil, {"sheets"}} {
		t.Run(fmt.Sprint(layout), func(t *testing.T) {
			data := report2021With(t, "北京中路街道", consistent2021,
				reportEdit{heads: map[string]string{"repealed": "本年废纸件数", "valid": "先行有效件数"}}, layout...)
			sub := File(data, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
			require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
			require.Equal(t, "gov-info-2021", sub.Schema.ID)
			for _, k := range []string{"2.1.2@issued", "2.1.2@repealed", "2.1.2@valid"} {
				assert.Equal(t, fmt.Sprint(consistent2021(k)), valueOf(t, sub, k), k)
			}
			assert.Equal(t, "C6", sub.Values["2.1.2@repealed"].Ref)
			assert.Equal(t, "D6", sub.Values["2.1.2@valid"].Ref)
			assert.Equal(t, []string{"info schema read:header-spelling C4", "info schema read:header-spelling D4"},
				found(sub, "read:header-spelling"))
			msgs := rendered(t, sub, "read:header-spelling")
			require.Len(t, msgs, 2)
			assert.Contains(t, msgs[0], "表头“本年废纸件数”与统计表的“本年废止件数”相差个别字")
			assert.Empty(t, found(sub, "read:extra-column"))
		})
	}
}

// A header that names no column closely enough is not taken for one: its
// numbers are an extra column, and the column it might have been is
// missing, not guessed.
func TestUnknownHeaderIsNotGuessed(t *testing.T) {
	data := report2021With(t, "北京中路街道", consistent2021, reportEdit{heads: map[string]string{"repealed": "本年新增件数"}})
	sub := File(data, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, schema.Missing, sub.Values["2.1.2@repealed"].State)
	assert.Empty(t, found(sub, "read:header-spelling"))
	assert.Equal(t, []string{"warning extra-row read:extra-column C4"}, found(sub, "read:extra-column"))
	msgs := rendered(t, sub, "read:extra-column")
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], "C 列（表头“本年新增件数”）在 C5:C6 填有数字")
}

// other2019 is a 2021 table whose （六）其他处理 is the one row of the 2019
// format: 3 for natural persons, 1 for legal services.
func other2019(key string) any {
	switch key {
	case "3.3.6@natural", "3.3.6.3@natural":
		return 3
	case "3.3.6@legal", "3.3.6.3@legal":
		return 1
	case "3.3.6@total", "3.3.6.3@total":
		return 4
	case "3.3.7@natural", "3.1@natural":
		return consistent2021(key).(int) + 3
	case "3.3.7@legal", "3.1@legal":
		return consistent2021(key).(int) + 1
	case "3.3.7@total", "3.1@total":
		return consistent2021(key).(int) + 4
	}
	if strings.HasPrefix(key, "3.3.6") {
		return 0
	}
	return consistent2021(key)
}

// A 2021 table that still prints （六）其他处理 as the 2019 format's one row
// of numbers has them counted under 3.其他, with a warning; 1. and 2. read 0,
// and every identity of the table holds.
func TestOlderFormatRow(t *testing.T) {
	for _, layout := range [][]string{nil, {"merged"}} {
		t.Run(fmt.Sprint(layout), func(t *testing.T) {
			data := report2021With(t, "北京中路街道", other2019, reportEdit{
				skip:        map[string]bool{"3.3.6.1": true, "3.3.6.2": true, "3.3.6.3": true},
				headingRows: map[string]bool{"3.3.6": true},
			}, layout...)
			sub := File(data, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
			require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
			require.Equal(t, "gov-info-2021", sub.Schema.ID)
			assert.Equal(t, "3", valueOf(t, sub, "3.3.6.3@natural"))
			assert.Equal(t, "1", valueOf(t, sub, "3.3.6.3@legal"))
			assert.Equal(t, "4", valueOf(t, sub, "3.3.6.3@total"))
			assert.Equal(t, "D41", sub.Values["3.3.6.3@natural"].Ref)
			for _, k := range []string{"3.3.6.1@natural", "3.3.6.2@total"} {
				assert.Equal(t, "0", valueOf(t, sub, k), k)
				assert.Empty(t, sub.Values[k].Ref, k)
			}
			assert.Equal(t, []string{"warning schema read:legacy-row D41"}, found(sub, "read:legacy-row", "read:missing-row",
				"read:heading-numbers", "read:extra-row", "read:extra-column"))
			assert.Empty(t, sub.Schema.Check(sub), "the figures keep every identity")
			msgs := rendered(t, sub, "read:legacy-row")
			require.Len(t, msgs, 1)
			assert.Contains(t, msgs[0], "第 41 行“（六）其他处理”是按 2019 年版表式填的一行（D41:J41）")
			assert.Contains(t, msgs[0], "已计入“3.其他”")
			for _, f := range sub.FindingList() {
				if f.Rule == "read:legacy-row" {
					assert.Equal(t, "3.3.6.3@natural", f.Codes[0])
				}
			}
		})
	}
}

// The 2019 row written with dashes for zero is the 2019 row too; left
// blank, it is a heading without its rows (each a missing row).
func TestOlderFormatRowOfZeros(t *testing.T) {
	edit := reportEdit{
		skip:        map[string]bool{"3.3.6.1": true, "3.3.6.2": true, "3.3.6.3": true},
		headingRows: map[string]bool{"3.3.6": true},
	}
	dashes := report2021With(t, "北京中路街道", func(key string) any {
		if strings.HasPrefix(key, "3.3.6@") {
			return "—"
		}
		return consistent2021(key)
	}, edit)
	sub := File(dashes, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, "0", valueOf(t, sub, "3.3.6.3@total"))
	assert.Equal(t, []string{"warning schema read:legacy-row D41"}, found(sub, "read:legacy-row", "read:missing-row"))
	assert.Empty(t, sub.Schema.Check(sub))

	blank := report2021With(t, "北京中路街道", func(key string) any {
		if strings.HasPrefix(key, "3.3.6@") {
			return nil
		}
		return consistent2021(key)
	}, edit)
	sub = File(blank, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Empty(t, found(sub, "read:legacy-row"))
	assert.Len(t, found(sub, "read:missing-row"), 3)
}

// The heading's row with the three rows under it is their subtotal: a
// subtotal that agrees says nothing, one that does not is a warning per
// column; neither is counted.
func TestSubtotalOnAHeadingRow(t *testing.T) {
	withSub := func(v func(string) any) func(string) any {
		return func(key string) any {
			switch key {
			case "3.3.6.3@natural":
				return 3
			case "3.3.6.3@total":
				return 3
			case "3.3.7@natural", "3.1@natural":
				return consistent2021(key).(int) + 3
			case "3.3.7@total", "3.1@total":
				return consistent2021(key).(int) + 3
			}
			if x := v(key); x != nil {
				return x
			}
			return consistent2021(key)
		}
	}
	heading := reportEdit{headingRows: map[string]bool{"3.3.6": true}}
	agree := report2021With(t, "北京中路街道", withSub(func(key string) any {
		switch key {
		case "3.3.6@natural", "3.3.6@total":
			return 3
		case "3.3.6@commercial", "3.3.6@research", "3.3.6@public", "3.3.6@legal", "3.3.6@other":
			return 0
		}
		return nil
	}), heading)
	sub := File(agree, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, "3", valueOf(t, sub, "3.3.6.3@natural"))
	assert.Empty(t, found(sub, "read:subtotal", "read:legacy-row", "read:heading-numbers", "read:extra-row"))
	assert.Empty(t, sub.Schema.Check(sub))

	differ := report2021With(t, "北京中路街道", withSub(func(key string) any {
		switch key {
		case "3.3.6@natural":
			return 5
		case "3.3.6@total":
			return 3
		case "3.3.6@commercial", "3.3.6@research", "3.3.6@public", "3.3.6@legal", "3.3.6@other":
			return 0
		}
		return nil
	}), heading)
	sub = File(differ, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, "3", valueOf(t, sub, "3.3.6.3@natural"), "the subtotal is not counted")
	assert.Equal(t, []string{"warning sum read:subtotal D41"}, found(sub, "read:subtotal"))
	for _, f := range sub.FindingList() {
		if f.Rule == "read:subtotal" {
			assert.Equal(t, "3", f.Expected.String())
			assert.Equal(t, "5", f.Actual.String())
			assert.Equal(t, []string{"3.3.6.1@natural", "3.3.6.2@natural", "3.3.6.3@natural"}, f.Codes)
		}
	}
	msgs := rendered(t, sub, "read:subtotal")
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], "其他处理·自然人（D41）为 5，而其下各项合计 3，相差 2")
}

// A row the matrix does not have, carrying numbers in any of its columns,
// is one warning naming the row and its numbers.
func TestExtraRowInAMatrix(t *testing.T) {
	data := report2021With(t, "北京中路街道", consistent2021, reportEdit{
		after: map[string][]any{"3.3.5.5": {"三、本年度办理结果", "（五）不予处理", "6.其他不予处理情形", nil, 2, nil, nil, 1, nil, 3}},
	})
	sub := File(data, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, []string{"warning extra-row read:extra-row E41"}, found(sub, "read:extra-row"))
	msgs := rendered(t, sub, "read:extra-row")
	require.Len(t, msgs, 1)
	assert.Contains(t, msgs[0], "第 41 行“6.其他不予处理情形”不是统计表中的指标，却在 E41:J41 填有数字（2、1、3）")
}
