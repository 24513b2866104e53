package schema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func builtin(t *testing.T, id string) *Schema {
	t.Helper()
	s, ok := Builtin(id)
	require.True(t, ok, id)
	return s
}

// Each built-in schema says how it relates to the formats that can precede
// it, and the declarations fit both schemas.
func TestBuiltinLinks(t *testing.T) {
	want := map[string]bool{
		"gov-info-2018<-gov-info-2018": true,
		"gov-info-2019<-gov-info-2018": true, "gov-info-2019<-gov-info-2019": true,
		"gov-info-2021<-gov-info-2019": true, "gov-info-2021<-gov-info-2021": true,
	}
	for _, this := range Builtins() {
		for _, last := range Builtins() {
			l, err := this.LinkTo(last)
			require.NoError(t, err, "%s <- %s", this.ID, last.ID)
			name := this.ID + "<-" + last.ID
			assert.Equal(t, want[name], l != nil, name)
			if l != nil {
				assert.NotEmpty(t, l.Pairs, name)
			}
		}
	}
	// Across the 2019 → 2021 change, 三 and 四 compare cell for cell, the
	// changed block of 二 does not.
	l, _ := builtin(t, "gov-info-2021").LinkTo(builtin(t, "gov-info-2019"))
	keys := map[string]bool{}
	for _, p := range l.Pairs {
		keys[p.This[0]] = true
	}
	assert.True(t, keys["3.3.1@natural"] && keys["4@after_total"] && keys["2.5.1@decisions"])
	assert.False(t, keys["2.1.2@valid"] || keys["2.8.1@fees"])
}

// sub2021 is a 2021-format table with the given values, every other cell 0.
func sub2021(t *testing.T, file string, values map[string]int64) *Submission {
	s := builtin(t, "gov-info-2021")
	sub := &Submission{File: file, Unit: "苏澳镇", Schema: s, Sheet: "表二", Values: map[string]Value{}}
	for i, k := range s.Keys() {
		sub.Values[k] = Value{State: Present, Num: decimal.NewFromInt(values[k]), Ref: fmt.Sprintf("R%d", i+1)}
	}
	return sub
}

// 二、上年结转 must equal last year's 四、结转下年度继续办理, column by column;
// 现行有效件数 should follow from last year's and this year's 制发 and 废止.
func TestRulesBetweenYears(t *testing.T) {
	this21, last21 := builtin(t, "gov-info-2021"), builtin(t, "gov-info-2021")
	l, err := this21.LinkTo(last21)
	require.NoError(t, err)
	last := sub2021(t, "乡镇/2021/苏澳镇.xlsx", map[string]int64{"3.4@natural": 3, "3.4@total": 3, "2.1.2@valid": 20})
	agree := sub2021(t, "苏澳镇.xlsx", map[string]int64{"3.2@natural": 3, "3.2@total": 3,
		"2.1.2@issued": 5, "2.1.2@repealed": 1, "2.1.2@valid": 24})
	assert.Empty(t, l.Check(agree, last))

	differ := sub2021(t, "苏澳镇.xlsx", map[string]int64{"3.2@natural": 2, "3.2@legal": 1, "3.2@total": 3,
		"2.1.2@issued": 5, "2.1.2@repealed": 1, "2.1.2@valid": 30})
	fs := l.Check(differ, last)
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s %s %s %s %s≠%s", f.Severity, f.Kind, f.Rule, f.Cell, f.Actual, f.Expected))
	}
	assert.Equal(t, []string{
		"error previous previous:carried-over/natural " + differ.Ref("3.2@natural") + " 2≠3",
		"error previous previous:carried-over/legal " + differ.Ref("3.2@legal") + " 1≠0",
		"warning previous previous:in-force/2.1.2 " + differ.Ref("2.1.2@valid") + " 31≠25",
	}, got)
	msg := fs[0].Message(Zh)
	assert.Contains(t, msg, "上年结转申请·自然人("+differ.Ref("3.2@natural")+") 为 2")
	assert.Contains(t, msg, "上年·结转下年度·自然人(苏澳镇.xlsx 表二!"+last.Ref("3.4@natural")+")（3）")
	assert.Contains(t, msg, "结转下年度继续办理")
	assert.Contains(t, fs[0].Formula.Render(Zh), "上年结转申请·自然人(R")

	// A cell with no usable value skips the rule.
	delete(differ.Values, "3.2@natural")
	for _, f := range l.Check(differ, last) {
		assert.NotEqual(t, "previous:carried-over/natural", f.Rule)
	}
}

// What a schema file declares about last year is checked, with positions:
// on parsing for this year's codes, on linking for last year's.
func TestPreviousDeclarationErrors(t *testing.T) {
	base := string(builtin(t, "gov-info-2018").Text)
	base = base[:strings.Index(base, "\nprevious:")]
	base = strings.Replace(base, "id: gov-info-2018", "id: mine", 1)
	cases := []struct{ block, want string }{
		{"previous:\n  - compare: {same: true}\n", "from: [ID, …]"},
		{"previous:\n  - from: [mine]\n", "needs compare"},
		{"previous:\n  - from: [mine]\n    compare: {pairs: [{this: [\"9.9\"], last: [\"1.1\"]}]}\n", `"9.9" is no value cell of mine`},
		{"previous:\n  - from: [mine]\n    rules:\n      - {left: [\"1.1\"], op: \"=\", right: [\"last:1.1\"], message: {zh: x}}\n", "needs an id"},
		{"previous:\n  - from: [mine]\n    rules:\n      - {id: a, left: [\"1.1\"], op: \"=\", right: [\"last:1.1\"]}\n", "needs a message"},
		{"previous:\n  - from: [mine]\n    rules:\n      - {id: a, sum: \"1.1\", parts: [\"1.1.1\"], message: {zh: x}}\n", "takes left, op"},
		{"previous:\n  - from: [mine]\n    rules:\n      - {id: a, left: [\"1.1\"], op: \"=\", right: [\"last:7.7\"], message: {zh: x}}\n", `unknown row code "7.7" in mine`},
	}
	for _, tc := range cases {
		_, err := Parse("mine.yaml", []byte(base+"\n"+tc.block))
		require.Error(t, err, tc.block)
		assert.Contains(t, err.Error(), tc.want)
		assert.Regexp(t, `mine\.yaml:\d+:\d+: previous\[0\]`, err.Error())
	}
	// Last year's codes are checked against last year's schema when linking.
	s, err := Parse("mine.yaml", []byte(base+"\nprevious:\n  - from: [gov-info-2021]\n    compare: {pairs: [{this: [\"3.1\"], last: [\"3.1\"]}]}\n"))
	require.NoError(t, err)
	_, err = s.LinkTo(builtin(t, "gov-info-2021"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"3.1" is no value cell of gov-info-2021`)
	assert.Regexp(t, `mine\.yaml:\d+:\d+: previous\[0\]\.compare\.pairs\[0\]\.last`, err.Error())
}

// 2019 → 2020 in the 2019 format: 上一年项目数量 follows from last year's
// table and its 本年增/减; 对外公开总数量 does not fall (warnings both).
func TestItemRulesOf2019(t *testing.T) {
	s := builtin(t, "gov-info-2019")
	l, err := s.LinkTo(s)
	require.NoError(t, err)
	table := func(values map[string]int64) *Submission {
		sub := &Submission{File: "流水镇.xlsx", Unit: "流水镇", Schema: s, Values: map[string]Value{}}
		for i, k := range s.Keys() {
			sub.Values[k] = Value{State: Present, Num: decimal.NewFromInt(values[k]), Ref: fmt.Sprintf("C%d", i+1)}
		}
		return sub
	}
	last := table(map[string]int64{"2.5.1@previous": 41, "2.5.1@change": -3, "2.1.2@published_total": 9})
	assert.Empty(t, l.Check(table(map[string]int64{"2.5.1@previous": 38, "2.1.2@published_total": 9}), last))
	var got []string
	for _, f := range l.Check(table(map[string]int64{"2.5.1@previous": 41, "2.1.2@published_total": 7}), last) {
		got = append(got, fmt.Sprintf("%s %s %s≠%s", f.Severity, f.Rule, f.Actual, f.Expected))
	}
	assert.Equal(t, []string{
		"warning previous:items/2.5.1 41≠38",
		"warning previous:published-total/2.1.2 7≠9",
	}, got)
}
