package schema

import (
	"go/build"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedValues are the numbers of the real 2018 report (掌政镇) in the seed.
var seedValues = map[string]string{
	"1.1": "135", "1.1.1": "0", "1.1.2": "0", "1.2.1": "0", "1.2.2": "135", "1.2.3": "65", "1.2.4": "110", "1.2.5": "70",
	"2.1": "0", "2.2.1": "0", "2.2.1.1": "0", "2.2.2": "0", "2.2.2.1": "0", "2.2.3": "0", "2.2.4": "33", "2.2.5": "15",
	"3.1": "0", "3.1.1": "0", "3.1.2": "0", "3.1.3": "0", "3.1.4": "0", "3.2": "0", "3.2.1": "0", "3.2.2": "0",
	"3.3": "0", "3.3.1": "0", "3.3.2": "0", "3.3.3": "0", "3.3.4": "0", "3.3.4.1": "0", "3.3.4.2": "0", "3.3.4.3": "0",
	"3.3.4.4": "0", "3.3.4.5": "0", "3.3.4.6": "0", "3.3.5": "0", "3.3.6": "0", "3.3.7": "0", "3.3.8": "0",
	"4": "0", "4.1": "0", "4.2": "0", "4.3": "0", "5": "0", "5.1": "0", "5.2": "0", "5.3": "0", "6": "0", "7": "0",
	"8.1": "1", "8.2": "2", "8.3": "2", "8.3.1": "0", "8.3.2": "2", "8.4": "0", "9.1": "3", "9.2": "1", "9.3": "13",
}

func submission(t *testing.T, s *Schema, vals map[string]string, edits map[string]string) *Submission {
	t.Helper()
	sub := &Submission{Schema: s, Values: map[string]Value{}}
	for i, k := range s.Keys() {
		v, ok := vals[k]
		if e, edited := edits[k]; edited {
			v, ok = e, e != "missing"
		}
		if !ok {
			continue
		}
		val := Value{State: Present, Ref: "C" + string(rune('0'+i%10))}
		if v == "blank" {
			val.State = Empty
		} else {
			val.Num = decimal.RequireFromString(v)
		}
		sub.Values[k] = val
	}
	return sub
}

func gov2018(t *testing.T) *Schema {
	s, ok := Builtin("gov-info-2018")
	require.True(t, ok)
	return s
}

func TestBuiltin2018Codes(t *testing.T) {
	s := gov2018(t)
	var codes []string
	for _, r := range s.Tables[0].Rows {
		codes = append(codes, r.Code)
	}
	want := "1 1.1 1.1.1 1.1.2 1.2 1.2.1 1.2.2 1.2.3 1.2.4 1.2.5 2 2.1 2.2 2.2.1 2.2.1.1 2.2.2 2.2.2.1 2.2.3 2.2.4 2.2.5 " +
		"3 3.1 3.1.1 3.1.2 3.1.3 3.1.4 3.2 3.2.1 3.2.2 3.3 3.3.1 3.3.2 3.3.3 3.3.4 3.3.4.1 3.3.4.2 3.3.4.3 3.3.4.4 3.3.4.5 3.3.4.6 " +
		"3.3.5 3.3.6 3.3.7 3.3.8 4 4.1 4.2 4.3 5 5.1 5.2 5.3 6 7 8 8.1 8.2 8.3 8.3.1 8.3.2 8.4 9 9.1 9.2 9.3"
	assert.Equal(t, want, strings.Join(codes, " "))
	assert.Len(t, s.Keys(), len(seedValues))
	for _, k := range []string{"7", "8.4"} {
		c, _ := s.Cell(k)
		assert.Equal(t, Decimal, c.Kind(), k)
		assert.Equal(t, "万元", c.Unit(), k)
	}
	c, _ := s.Cell("9.3")
	assert.Equal(t, "人次", c.Unit())
}

func TestSeedPassesEveryRule(t *testing.T) {
	s := gov2018(t)
	assert.Empty(t, s.Check(submission(t, s, seedValues, nil)))
}

// Each rule of the 2018 schema fires on the edit that breaks it, with the
// kind, severity, cell and numbers the contract promises.
func TestBuiltin2018Rules(t *testing.T) {
	s := gov2018(t)
	tests := []struct {
		edits    map[string]string
		rule     string
		kind     string
		sev      Severity
		expected string
		actual   string
	}{
		{map[string]string{"3.1": "1"}, "sum:3.1", KindSum, Error, "0", "1"},
		{map[string]string{"3.2": "1", "3.3": "1", "3.3.1": "1", "3.1": "1", "3.1.1": "1"}, "sum:3.2", KindSum, Error, "0", "1"},
		{map[string]string{"3.3.4.6": "2"}, "sum:3.3.4", KindSum, Error, "2", "0"},
		{map[string]string{"4": "3", "4.1": "1"}, "sum:4", KindSum, Error, "1", "3"},
		{map[string]string{"5.3": "1"}, "sum:5", KindSum, Error, "1", "0"},
		{map[string]string{"8.3": "3"}, "sum:8.3", KindSum, Error, "2", "3"},
		{map[string]string{"1.1.1": "136", "1.1.2": "200"}, "of-which:1.1.1", KindOfWhich, Error, "135", "136"},
		{map[string]string{"2.2.1.1": "1"}, "of-which:2.2.1.1", KindOfWhich, Error, "0", "1"},
		{map[string]string{"2.2.2.1": "1"}, "of-which:2.2.2.1", KindOfWhich, Error, "0", "1"},
		{map[string]string{"1.2.1": "136"}, "bound:1.2.1", KindBound, Error, "135", "136"},
		{map[string]string{"1.2.5": "140"}, "bound:1.2.5", KindBound, Error, "135", "140"},
		{map[string]string{"1.2.2": "0", "1.2.3": "0", "1.2.4": "0", "1.2.5": "0"}, "bound:1.1<=channels", KindBound, Warning, "0", "135"},
		{map[string]string{"1.1.1": "2"}, "consistency:1.1.1<=1.1.2", KindConsistency, Warning, "0", "2"},
		{map[string]string{"3.3": "1", "3.3.1": "1"}, "consistency:3.3=3.2", KindConsistency, Warning, "0", "1"},
		{map[string]string{"3.2": "1", "3.2.1": "1", "3.3": "1", "3.3.1": "1"}, "consistency:3.2<=3.1", KindConsistency, Warning, "0", "1"},
		{map[string]string{"9.3": "0"}, "consistency:9.3>=9.2", KindConsistency, Warning, "1", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			fs := s.Check(submission(t, s, seedValues, tt.edits))
			require.Len(t, fs, 1, "%v", fs)
			f := fs[0]
			assert.Equal(t, tt.rule, f.Rule)
			assert.Equal(t, tt.kind, f.Kind)
			assert.Equal(t, tt.sev, f.Severity)
			require.NotNil(t, f.Expected)
			assert.Equal(t, tt.expected, f.Expected.String())
			assert.Equal(t, tt.actual, f.Actual.String())
			// The finding's cell is that of its first code: the total, the
			// 其中 row, or the left side.
			first := strings.FieldsFunc(strings.SplitN(tt.rule, ":", 2)[1], func(r rune) bool { return strings.ContainsRune("<>=", r) })[0]
			assert.Equal(t, first, f.Codes[0])
		})
	}
}

func TestRuleSkipsUnusableCells(t *testing.T) {
	s := gov2018(t)
	// 3.1 breaks its sum, but 3.1.2 has no value: the sum cannot be judged.
	fs := s.Check(submission(t, s, seedValues, map[string]string{"3.1": "1", "3.1.2": "missing"}))
	assert.Empty(t, fs)
	// A blank counts as 0.
	fs = s.Check(submission(t, s, seedValues, map[string]string{"3.1": "1", "3.1.2": "blank"}))
	require.Len(t, fs, 1)
	assert.Equal(t, "sum:3.1", fs[0].Rule)
	// The condition of 9.3 >= 9.2 holds only when 9.2 > 0.
	fs = s.Check(submission(t, s, seedValues, map[string]string{"9.2": "0", "9.3": "0"}))
	assert.Empty(t, fs)
}

func TestMessagesNameCellsInBothLanguages(t *testing.T) {
	s := gov2018(t)
	sub := submission(t, s, seedValues, map[string]string{"3.1": "6", "3.1.1": "5"})
	sub.Values["3.1"] = Value{State: Present, Num: decimal.NewFromInt(6), Ref: "C24"}
	fs := s.Check(sub)
	require.Len(t, fs, 1)
	zh := fs[0].Message(Zh)
	assert.Contains(t, zh, "收到申请数(C24) 为 6")
	assert.Contains(t, zh, "当面(")
	assert.Contains(t, zh, "合计 5，相差 1")
	en := fs[0].Message(En)
	assert.Contains(t, en, "Requests received(C24) is 6")
	assert.Contains(t, en, "add up to 5 (difference 1)")
}

// Decimal arithmetic is exact in sums and in free expressions.
func TestExactDecimals(t *testing.T) {
	src := minimal + `  - {sum: "2.1", parts: ["1.1", "1.2"], kind: sum}
  - {expr: "v('2.1') == 0.3 and v('1.1') + v('1.2') == v('2.1')", message: {zh: 应为 0.3}}
`
	src = strings.Replace(src, `{code: "1.1", label: 1.甲, unit: 件}`, `{code: "1.1", label: 1.甲, unit: 件, kind: decimal}`, 1)
	src = strings.Replace(src, `{code: "1.2", label: 2.乙, unit: 件}`, `{code: "1.2", label: 2.乙, unit: 件, kind: decimal}`, 1)
	src = strings.Replace(src, `{code: "1", label: 一、总数, unit: 件}`, `{code: "1", label: 一、总数, unit: 件, kind: decimal}`, 1)
	s, err := Parse("t.yaml", []byte(src))
	require.NoError(t, err)
	vals := map[string]string{"1": "0.3", "1.1": "0.1", "1.2": "0.2", "2.1": "0.3"}
	assert.Empty(t, s.Check(submission(t, s, vals, nil)))
	fs := s.Check(submission(t, s, vals, map[string]string{"2.1": "0.30000000000000004"}))
	require.Len(t, fs, 2)
	assert.Equal(t, "sum:2.1", fs[0].Rule)
	assert.Equal(t, KindConsistency, fs[1].Kind)
	assert.Contains(t, fs[1].Message(Zh), "应为 0.3")
}

const matrix = `id: m
title: 矩阵
tables:
  - id: t3
    columns:
      - {code: a, label: 自然人}
      - {code: b, label: 法人}
      - {code: total, label: 总计}
    rows:
      - {code: new, label: 一、新收}
      - {code: done, label: 二、办结}
      - {code: group, label: 三、结果, heading: true}
      - {code: r1, label: (一)公开}
      - {code: r2, label: (二)不公开}
      - {code: rtotal, label: (三)总计}
rules:
  - {sum: "rtotal@*", parts: ["r1@*", "r2@*"]}
  - {sum: "*@total", parts: ["*@a", "*@b"]}
  - {left: ["done@*"], op: "<=", right: ["new@*"], severity: warning}
`

func TestMatrixExpansion(t *testing.T) {
	s, err := Parse("m.yaml", []byte(matrix))
	require.NoError(t, err)
	assert.Equal(t, "new@a", s.Keys()[0])
	assert.Len(t, s.Keys(), 15)
	var ids []string
	for _, c := range s.checks {
		ids = append(ids, c.id)
	}
	assert.Equal(t, []string{"sum:rtotal@a", "sum:rtotal@b", "sum:rtotal@total",
		"sum:new@total", "sum:done@total", "sum:r1@total", "sum:r2@total", "sum:rtotal@total/rows"}, ids[:8])
	vals := map[string]string{}
	for _, k := range s.Keys() {
		vals[k] = "0"
	}
	vals["r1@b"], vals["r1@total"], vals["rtotal@b"], vals["rtotal@total"] = "2", "2", "2", "2"
	vals["new@b"], vals["new@total"], vals["done@b"], vals["done@total"] = "2", "2", "2", "2"
	assert.Empty(t, s.Check(submission(t, s, vals, nil)))
	fs := s.Check(submission(t, s, vals, map[string]string{"r2@a": "1"}))
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule)
	}
	assert.ElementsMatch(t, []string{"sum:rtotal@a", "sum:r2@total"}, got)
	c, _ := s.Cell("r2@a")
	assert.Equal(t, "不公开·自然人", s.CellName(c.Key, Zh))
}

func TestSchemaImportsNoIO(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	require.NoError(t, err)
	for _, imp := range pkg.Imports {
		switch {
		case imp == "tally/internal/contain":
			// tally's one recover, of the standard library only: it keeps
			// a YAML decoder's panic on a malformed schema file an error.
		case imp == "os", imp == "os/exec", imp == "net/http", strings.HasPrefix(imp, "tally/"),
			strings.Contains(imp, "excelize"), strings.Contains(imp, "urfave"):
			t.Errorf("schema must stay pure but imports %s", imp)
		}
	}
}

func TestFormulaText(t *testing.T) {
	s := gov2018(t)
	sub := submission(t, s, seedValues, map[string]string{"3.1": "6", "3.1.1": "5"})
	sub.Values["3.1"] = Value{State: Present, Num: decimal.NewFromInt(6), Ref: "C24"}
	fs := s.Check(sub)
	require.Len(t, fs, 1)
	assert.Equal(t, "收到申请数(C24)=当面+传真+网络+信函: 6 ≠ 5", fs[0].Formula.Render(Zh))
	assert.Equal(t, "Requests received(C24)=in person+by fax+online+by letter: 6 ≠ 5", fs[0].Formula.Render(En))
	sub = submission(t, s, seedValues, map[string]string{"1.2.1": "136"})
	sub.Values["1.2.1"] = Value{State: Present, Num: decimal.NewFromInt(136), Ref: "C8"}
	fs = s.Check(sub)
	require.Len(t, fs, 1)
	assert.Equal(t, "政府公报公开数(C8)≤主动公开政府信息数: 136 > 135", fs[0].Formula.Render(Zh))
}

// A compacted submission reads exactly as before, checks the same, and
// takes values set afterwards.
func TestCompact(t *testing.T) {
	s := gov2018(t)
	sub := &Submission{Schema: s, Values: map[string]Value{
		"1.1":   {State: Present, Num: decimal.NewFromInt(12), Ref: "C5"},
		"3.1":   {State: Present, Num: decimal.NewFromInt(5000), Ref: "表三!C24"},
		"3.1.1": {State: Present, Num: decimal.RequireFromString("2.50"), Ref: "C25"},
		"7":     {State: Invalid, Ref: "C60"},
		"8.1":   {State: Empty, Ref: "C61"},
		"8.2":   {State: Missing},
		"9.1":   {State: Present, Num: decimal.RequireFromString("123456789012345678901234.5"), Ref: "C70"},
		"9.2":   {State: Present, Num: decimal.RequireFromString("-0.0035"), Ref: "C71"},
		"9.3":   {State: Present, Num: decimal.RequireFromString("1e200"), Ref: "C72"},
	}}
	before := map[string]Value{}
	for _, k := range s.Keys() {
		v, ok := sub.Value(k)
		if ok {
			before[k] = v
		}
	}
	findings := s.Check(sub)
	sub.Compact()
	require.Nil(t, sub.Values)
	for _, k := range s.Keys() {
		v, ok := sub.Value(k)
		want, wantOK := before[k]
		assert.Equal(t, wantOK, ok, k)
		assert.Equal(t, want.State, v.State, k)
		assert.Equal(t, want.Ref, v.Ref, k)
		assert.True(t, want.Num.Equal(v.Num), k)
	}
	assert.Equal(t, findings, s.Check(sub))
	sub.Set("1.1", Value{State: Present, Num: decimal.NewFromInt(13), Ref: "C5"})
	n, ok := sub.Get("1.1")
	assert.True(t, ok)
	assert.Equal(t, "13", n.String())
	sub.Set("no-such-key", Value{State: Present})
	_, ok = sub.Value("no-such-key")
	assert.True(t, ok, "a key outside the schema unpacks the store")
	n, _ = sub.Get("1.1")
	assert.Equal(t, "13", n.String())
}

func TestPackedRefs(t *testing.T) {
	s := &Submission{}
	for _, ref := range []string{"", "A1", "C25", "Z9", "AA10", "XFD1048576", "AB262143", "表三!K24", "C0", "c5", "A01", "K", "12", "$C$5", "ZZZZ1"} {
		assert.Equal(t, ref, s.unpackRef(s.packRef(ref)), ref)
	}
	assert.Len(t, s.refs, 9, "the references a number cannot hold: %v", s.refs)
}
