package consolidate

import (
	"fmt"
	"sort"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
	"tally/schema"
)

// table2018 is a 2018 table of a unit with the given values typed, every
// other cell blank.
func table2018(t *testing.T, file, unit string, year int, values map[string]string) *schema.Submission {
	s := testkit.Gov2018(t)
	sub := &schema.Submission{File: file, Unit: unit, Year: year, Schema: s, Sheet: "Sheet1", Values: map[string]schema.Value{}}
	for i, k := range s.Keys() {
		v := schema.Value{State: schema.Empty, Ref: fmt.Sprintf("C%d", i+4)}
		if text, ok := values[k]; ok {
			v.State, v.Num = schema.Present, decimal.RequireFromString(text)
		}
		sub.Values[k] = v
	}
	return sub
}

func jumpFindings(subs ...*schema.Submission) []string {
	var out []string
	for _, s := range subs {
		for _, f := range s.FindingList() {
			if f.Kind == schema.KindJump || f.Kind == schema.KindPrevious {
				out = append(out, fmt.Sprintf("%s %s %s %s %s", s.Unit, f.Severity, f.Kind, f.Cell, f.Message(schema.Zh)))
			}
		}
	}
	sort.Strings(out)
	return out
}

// A change is implausible past ×5 or ÷5 when both years are at least 10, or
// from 0 to at least 50; close to 10,000 times it hints at 元 typed for
// 万元, whatever the values; blanks and equal values are no change.
func TestJumps(t *testing.T) {
	cases := []struct {
		last, now string
		want      string // "" no finding; else a part of the message
	}{
		{"12", "130", "增至 10.8 倍"},
		{"12", "60", ""}, // exactly ×5 is not past ×5
		{"12", "61", "增至 5.1 倍"},
		{"130", "12", "减至约 1/10.8"},
		{"9", "100", ""}, // last year under 10
		{"0", "50", "从 0 增加"},
		{"0", "49", ""},
		{"100", "0", ""}, // a drop to 0 is not flagged
		{"3.1", "31000", "可能把元当作万元填写"},
		{"25000", "2.5", "可能把元当作万元填写"},
		{"", "500", ""}, // blank last year
		{"7", "7", ""},
	}
	for _, tc := range cases {
		last := map[string]string{}
		if tc.last != "" {
			last["6"] = tc.last
		}
		res := &Result{Year: 2019, Submissions: []*schema.Submission{table2018(t, "a.xlsx", "大新镇", 2019, map[string]string{"6": tc.now})}}
		res.Schema = testkit.Gov2018(t)
		comparePrevious(res, &Previous{Jump: DefaultJump(), Units: []*schema.Submission{table2018(t, "b.xlsx", "大新镇", 2018, last)}})
		got := jumpFindings(res.Submissions...)
		name := tc.last + " → " + tc.now
		if tc.want == "" {
			assert.Empty(t, got, name)
			continue
		}
		require.Len(t, got, 1, name)
		assert.Contains(t, got[0], tc.want, name)
		assert.Contains(t, got[0], "大新镇 warning jump C", name)
	}
	// --jump 0 turns the check off.
	res := &Result{Year: 2019, Schema: testkit.Gov2018(t), Submissions: []*schema.Submission{table2018(t, "a.xlsx", "大新镇", 2019, map[string]string{"6": "130"})}}
	comparePrevious(res, &Previous{Units: []*schema.Submission{table2018(t, "b.xlsx", "大新镇", 2018, map[string]string{"6": "12"})}})
	assert.Empty(t, jumpFindings(res.Submissions...))
}

// A total whose part jumped is left to the part, which says where.
func TestJumpOfATotalIsLeftToItsPart(t *testing.T) {
	res := &Result{Year: 2019, Schema: testkit.Gov2018(t), Submissions: []*schema.Submission{
		table2018(t, "a.xlsx", "大新镇", 2019, map[string]string{"3.1": "130", "3.1.3": "130"})}}
	comparePrevious(res, &Previous{Jump: DefaultJump(), Units: []*schema.Submission{
		table2018(t, "b.xlsx", "大新镇", 2018, map[string]string{"3.1": "12", "3.1.3": "12"})}})
	got := jumpFindings(res.Submissions...)
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "网络")
}

// Units are matched across years by name: with or without the district,
// 人民政府, 街道 against 街道办事处 or 办事处. The others are noted once each.
func TestUnitsMatchedAcrossYears(t *testing.T) {
	this := []*schema.Submission{
		table2018(t, "1.xlsx", "兴庆区凤凰北街街道办事处", 2019, map[string]string{"6": "100"}),
		table2018(t, "2.xlsx", "掌政镇", 2019, map[string]string{"6": "100"}),
		table2018(t, "3.xlsx", "新设镇", 2019, nil),
		table2018(t, "4.xlsx", "大新街道", 2019, map[string]string{"6": "100"}), // 撤镇设街道
	}
	last := []*schema.Submission{
		table2018(t, "兴庆区2018.xlsx", "大新镇", 2018, map[string]string{"6": "10"}),
		table2018(t, "兴庆区2018.xlsx", "凤凰北街办事处", 2018, map[string]string{"6": "10"}),
		table2018(t, "兴庆区2018.xlsx", "银川市兴庆区掌政镇人民政府", 2018, map[string]string{"6": "10"}),
		table2018(t, "兴庆区2018.xlsx", "撤并乡", 2018, nil),
	}
	res := &Result{Year: 2019, Schema: testkit.Gov2018(t), Submissions: this}
	comparePrevious(res, &Previous{Jump: DefaultJump(), Units: last})
	got := jumpFindings(this...)
	require.Len(t, got, 4)
	assert.Contains(t, got[0], "兴庆区凤凰北街街道办事处 warning jump")
	assert.Contains(t, got[1], "大新街道 warning jump")
	assert.Contains(t, got[2], "掌政镇 warning jump")
	assert.Contains(t, got[3], "新设镇 info previous")
	require.Len(t, res.Findings, 1)
	assert.Equal(t, "撤并乡", res.Findings[0].Unit)
	assert.Equal(t, schema.Info, res.Findings[0].Severity)
	require.NotNil(t, res.YearOnYear)
	assert.Len(t, res.YearOnYear.Units, 3)
	assert.Equal(t, 2018, res.YearOnYear.Year)

	// Last year's figures of another year than the one before are named once.
	res = &Result{Year: 2020, Schema: testkit.Gov2018(t), Submissions: this}
	comparePrevious(res, &Previous{Units: last})
	var years []string
	for _, f := range res.Findings {
		if f.Rule == "previous:year" {
			years = append(years, f.Message(schema.Zh))
		}
	}
	assert.Equal(t, []string{"--previous 给出的是 2018 年度的数据，不是上一年（2019 年度）"}, years)
}

// A unit that last year's figures hold twice (its own workbook, and the
// district's beside it) is compared with the first and counted once.
func TestUnitTwiceLastYear(t *testing.T) {
	this := []*schema.Submission{table2018(t, "1.xlsx", "掌政镇", 2019, map[string]string{"6": "20"})}
	last := []*schema.Submission{
		table2018(t, "2018/掌政镇.xlsx", "掌政镇", 2018, map[string]string{"6": "10"}),
		table2018(t, "兴庆区2018.xlsx", "掌政镇", 2018, map[string]string{"6": "10"}),
	}
	res := &Result{Year: 2019, Schema: testkit.Gov2018(t), Submissions: this, Totals: map[string]decimal.Decimal{}}
	comparePrevious(res, &Previous{Jump: DefaultJump(), Units: last})
	require.Len(t, res.Findings, 1)
	assert.Equal(t, "上年数据中“掌政镇”有不止一份（掌政镇.xlsx、兴庆区2018.xlsx），用的是 掌政镇.xlsx", res.Findings[0].Message(schema.Zh))
	require.NotNil(t, res.YearOnYear)
	for i, fig := range res.YearOnYear.Link.Pairs {
		if fig.This[0] == "6" {
			assert.Equal(t, "10", res.YearOnYear.LastTotals[i].String())
		}
	}
}
