package schema

import (
	"errors"
	"strings"
	"tally/internal/fuzzbudget"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A minimal valid schema the error cases below vary.
const minimal = `id: t
title: 测试表
tables:
  - id: main
    columns: [{code: "", label: 数量}]
    rows:
      - {code: "1", label: 一、总数, unit: 件}
      - {code: "1.1", label: 1.甲, unit: 件}
      - {code: "1.2", label: 2.乙, unit: 件}
      - {code: "2", label: 二、其他, heading: true}
      - {code: "2.1", label: (一)丙, unit: 万元, kind: decimal, places: 2}
rules:
  - {sum: "1", parts: ["1.1", "1.2"]}
`

func TestParseMinimal(t *testing.T) {
	s, err := Parse("t.yaml", []byte(minimal))
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "1.1", "1.2", "2.1"}, s.Keys())
	c, ok := s.Cell("2.1")
	require.True(t, ok)
	assert.Equal(t, Decimal, c.Kind())
	assert.Equal(t, 2, c.Places())
	assert.Equal(t, "万元", c.Unit())
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		want string // the whole error text
	}{
		{"unknown field", func(s string) string { return strings.Replace(s, "title:", "titel:", 1) },
			`t.yaml:2:1: unknown field "titel"`},
		{"duplicate row code", func(s string) string { return strings.Replace(s, `code: "1.2"`, `code: "1.1"`, 1) },
			`t.yaml:9:16: tables[0].rows[2].code: row code "1.1" is used twice`},
		{"unknown code in a rule", func(s string) string { return strings.Replace(s, `"1.2"]}`, `"1.3"]}`, 1) },
			`t.yaml:13:5: rules[0]: unknown row code "1.3"`},
		{"heading in a rule", func(s string) string { return strings.Replace(s, `"1.2"]}`, `"2"]}`, 1) },
			`t.yaml:13:5: rules[0]: row 2 is a heading and has no value`},
		{"total among its parts", func(s string) string { return strings.Replace(s, `parts: ["1.1", "1.2"]`, `parts: ["1.1", "1"]`, 1) },
			`t.yaml:13:31: rules[0].parts[1]: the total 1 is listed among its own parts`},
		{"cycle", func(s string) string { return s + `  - {sum: "1.1", parts: ["1", "2.1"]}` + "\n" },
			"t.yaml:13:5: rules[0]: sums form a cycle: 1 → 1.1 → 1"},
		{"bad op", func(s string) string { return s + `  - {left: ["1.1"], op: "=<", right: ["1"]}` + "\n" },
			"t.yaml:14:5: rules[1]: a bound rule needs left, right and op (one of = <= >= < >)"},
		{"two forms", func(s string) string { return s + `  - {sum: "1", parts: ["1.1"], part: "1.1", whole: "1"}` + "\n" },
			"t.yaml:14:5: rules[1]: a rule takes exactly one of: sum/parts, part/whole, left/op/right, expr"},
		{"expr without message", func(s string) string { return s + `  - {expr: "v('1') > 0"}` + "\n" },
			"t.yaml:14:5: rules[1]: an expr rule needs a message (zh, and en if you can) telling the clerk what is wrong"},
		{"bad kind", func(s string) string { return strings.Replace(s, "kind: decimal", "kind: money", 1) },
			`t.yaml:11:52: tables[0].rows[4].kind: unknown kind "money" (integer or decimal)`},
		{"places on integer", func(s string) string { return strings.Replace(s, "kind: decimal, ", "", 1) },
			"t.yaml:11:54: tables[0].rows[4].places: places applies to decimal values only and must be positive"},
		{"same label twice in a section", func(s string) string { return strings.Replace(s, "2.乙", "2.甲", 1) },
			"t.yaml:9:9: tables[0].rows[2]: rows 1.1 and 1.2 have the same label in one section; matching could not tell them apart"},
		{"rule id twice", func(s string) string { return s + `  - {sum: "1", parts: ["1.2", "1.1"]}` + "\n" },
			`t.yaml:14:5: rules[1]: rule id "sum:1" is also the id of $.rules[0]; give one an explicit id`},
		{"severity", func(s string) string { return strings.Replace(s, `"1.2"]}`, `"1.2"], severity: fatal}`, 1) },
			`t.yaml:13:49: rules[0].severity: unknown severity "fatal" (error, warning or info)`},
		{"yaml syntax", func(s string) string { return s + "  - {sum: [\n" },
			"t.yaml:14"},
		{"subtotal on a value row", func(s string) string {
			return strings.Replace(s, "一、总数, unit: 件}", "一、总数, unit: 件, subtotal: true}", 1)
		},
			"t.yaml:7:9: tables[0].rows[0]: row 1 is not a heading: only a heading may be a subtotal or stand for a legacy row"},
		{"legacy row not under its heading", func(s string) string {
			return strings.Replace(s, "二、其他, heading: true}", `二、其他, heading: true, legacy: {into: "1.1", year: 2019}}`, 1)
		}, `t.yaml:10:64: tables[0].rows[3].legacy.into: legacy row of 2: "1.1" is not a value row under it`},
		{"legacy row without a year", func(s string) string {
			return strings.Replace(s, "二、其他, heading: true}", `二、其他, heading: true, legacy: {into: "2.1"}}`, 1)
		}, "tables[0].rows[3].legacy.year: legacy row of 2: the year of the earlier format is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tt.edit(minimal)))
			require.Error(t, err)
			var list ErrorList
			require.True(t, errors.As(err, &list))
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// A heading may hold a subtotal and stand for an earlier format's single
// row; the rows under it are those whose codes extend its own.
func TestParseHeadingRows(t *testing.T) {
	src := strings.Replace(minimal, "二、其他, heading: true}", `二、其他, heading: true, subtotal: true, legacy: {into: "2.1", year: 2019}}`, 1)
	s, err := Parse("t.yaml", []byte(src))
	require.NoError(t, err)
	h, ok := s.Row("2")
	require.True(t, ok)
	assert.True(t, h.Subtotal)
	require.NotNil(t, h.Legacy)
	assert.Equal(t, Legacy{Into: "2.1", Year: 2019}, *h.Legacy)
	var under []string
	for _, r := range h.Under() {
		under = append(under, r.Code)
	}
	assert.Equal(t, []string{"2.1"}, under)
	// The built-in 2021 format: （六）其他处理 stands for the 2019 row, read as 3.其他.
	b, ok := Builtin("gov-info-2021")
	require.True(t, ok)
	other, _ := b.Row("3.3.6")
	require.NotNil(t, other.Legacy)
	assert.Equal(t, "3.3.6.3", other.Legacy.Into)
	assert.True(t, other.Subtotal)
}

func TestParseCodesKeepTheirText(t *testing.T) {
	src := strings.Replace(minimal, `{code: "1.1", label: 1.甲`, `{code: 1.10, label: 1.甲`, 1)
	src = strings.Replace(src, `parts: ["1.1", "1.2"]`, `parts: [1.10, "1.2"]`, 1)
	s, err := Parse("t.yaml", []byte(src))
	require.NoError(t, err)
	_, ok := s.Cell("1.10")
	assert.True(t, ok, "1.10 must not become 1.1")
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	for _, b := range Builtins() {
		f.Add(b.Text)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbudget.Check(t, time.Now())
		s, err := Parse("fuzz.yaml", data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a positioned ErrorList: %v", err)
			}
			return
		}
		// A schema that loads can check an empty submission without panicking,
		// and relate to last year's table in any format, or say why not.
		empty := &Submission{Values: map[string]Value{}}
		s.Check(empty)
		for _, last := range append([]*Schema{s}, Builtins()...) {
			l, err := s.LinkTo(last)
			if err != nil {
				var list ErrorList
				if !errors.As(err, &list) || len(list) == 0 {
					t.Fatalf("link error is not a positioned ErrorList: %v", err)
				}
				continue
			}
			if l != nil {
				l.Check(empty, &Submission{Values: map[string]Value{}})
			}
		}
	})
}
