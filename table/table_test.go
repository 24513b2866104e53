package table

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/grid"
	"tally/schema"
)

// The tables of these tests are small made-up ones, so that each case's
// sheet fits on a screen: a single-value table as the 2018 format lays it
// out, and a table of several columns as the 2021 format's.
const townYAML = `
id: town
title: 测试统计表
years: {from: 2000}
tables:
  - id: main
    title: 测试统计表
    header: {label: 统计指标, unit: 单位}
    columns:
      - {code: "", label: 统计数, aliases: [数量]}
    rows:
      - {code: "1", label: 一、依申请公开情况, heading: true}
      - {code: "1.1", label: 收到申请数, unit: 件}
      - {code: "1.1.1", label: 其中：当面申请数, unit: 件}
      - {code: "1.1.2", label: 网络申请数, unit: 件}
      - {code: "1.2", label: 申请办结数, unit: 件}
      - {code: "2", label: 二、行政复议数量, unit: 件}
      - {code: "3", label: 三、依申请公开信息收取的费用, unit: 万元, kind: decimal, places: 4}
`

const docsYAML = `
id: docs
title: 文件统计表
years: {from: 2000}
tables:
  - id: main
    title: 第二十条第（一）项
    header: {label: 信息内容}
    columns:
      - {code: issued, label: 本年制发件数}
      - {code: repealed, label: 本年废止件数}
      - {code: valid, label: 现行有效件数}
    rows:
      - {code: "1", label: 规章}
      - {code: "2", label: 行政规范性文件}
      - {code: "3", label: 行政许可}
      - {code: "4", label: 行政处罚}
      - {code: "5", label: 行政强制}
`

func mustSchema(t testing.TB, text string) *schema.Schema {
	t.Helper()
	s, err := schema.Parse("test.yaml", []byte(text))
	require.NoError(t, err)
	return s
}

// town is the made-up table filled in, under its title: its header in row
// 2, 收到申请数 in row 4.
const town = `
银川市兴庆区大新镇2018年度测试统计表
统计指标                     | 单位 | 统计数
一、依申请公开情况
收到申请数                   | 件   | 12
其中：当面申请数             | 件   | 5
网络申请数                   | 件   | 7
申请办结数                   | 件   | 12
二、行政复议数量             | 件   | 3
三、依申请公开信息收取的费用 | 万元 | 0.35
`

// edit changes the lines of a grid written as text: each key is replaced by
// its value (a line that holds it), in order.
func edit(text string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			panic("edit: no " + pairs[i])
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	return text
}

type readCase struct {
	Name   string
	Schema string   // YAML; townYAML when empty
	File   string   // the file's name; 大新镇.xlsx when empty
	Input  []string // the grids, written as text
	// What is read: values (a number, or the state: missing, empty,
	// invalid) and their cells, by key; every finding as "severity kind
	// rule cell"; the unit and year; Unreadable.
	Values     map[string]string
	Cells      map[string]string
	Findings   []string
	Unit       string
	Year       int
	Sheet      string
	Unreadable bool
	Compute    bool // compute the formulas without stored results
}

var readTests = []readCase{{
	Name:   "HeaderUnderTitle",
	Input:  []string{town},
	Values: map[string]string{"1.1": "12", "1.1.1": "5", "1.1.2": "7", "1.2": "12", "2": "3", "3": "0.35"},
	Cells:  map[string]string{"1.1": "C4", "3": "C9"},
	Unit:   "大新镇", Year: 2018, Sheet: "Sheet1",
}, {
	Name: "HeaderRepeatedAtAPageBreak",
	Input: []string{edit(town, "申请办结数", `统计指标 | 单位 | 统计数
申请办结数`)},
	Values: map[string]string{"1.2": "12", "2": "3"},
	Cells:  map[string]string{"1.2": "C8", "2": "C9"},
}, {
	Name: "RowsOutOfOrderWithOddSpacing",
	Input: []string{edit(town, "网络申请数                   | 件   | 7\n", "",
		"申请办结数", "网络 申请数 | 件 | 7\n申请办结数",
		"其中：当面申请数", "其中:当面申请数（含来信）")},
	Values: map[string]string{"1.1.1": "5", "1.1.2": "7", "1.2": "12"},
	Cells:  map[string]string{"1.1.2": "C6", "1.2": "C7"},
}, {
	Name: "HeaderMisspelt",
	// A header cell with a slip of the pen is the column it names.
	Schema: docsYAML,
	Input: []string{`
北京中路街道2022年度政府信息公开工作年度报告
第二十条第（一）项
信息内容       | 本年制发件数 | 本年废纸件数 | 先行有效件数
规章           | 1            | 0            | 4
行政规范性文件 | 2            | 1            | 9
行政许可       | 3            | 0            | 5
行政处罚       | 4            | 2            | 6
行政强制       | 5            | 0            | 7
`},
	Values:   map[string]string{"2@issued": "2", "2@repealed": "1", "2@valid": "9"},
	Cells:    map[string]string{"2@repealed": "C5", "2@valid": "D5"},
	Findings: []string{"info schema read:header-spelling C3", "info schema read:header-spelling D3"},
	Unit:     "北京中路街道", Year: 2022,
}, {
	Name:   "HeaderUnknownIsNotGuessed",
	Schema: docsYAML,
	Input: []string{`
北京中路街道2022年度政府信息公开工作年度报告
信息内容       | 本年制发件数 | 本年新增件数 | 现行有效件数
规章           | 1            | 0            | 4
行政规范性文件 | 2            | 1            | 9
行政许可       | 3            | 0            | 5
行政处罚       | 4            | 2            | 6
行政强制       | 5            | 0            | 7
`},
	Values:   map[string]string{"2@issued": "2", "2@repealed": "missing", "2@valid": "9"},
	Findings: []string{"warning extra-row read:extra-column C2"},
}, {
	Name: "ValueColumnUnderMergedHeader",
	// 统计数 is merged over C:D; the numbers are in D.
	Input: []string{edit(town, "统计指标                     | 单位 | 统计数", "统计指标 | 单位 | 统计数 |\n# merge C2:D2",
		"| 12\n其中", "| | 12\n其中", "| 5\n", "| | 5\n", "| 7\n", "| | 7\n", "| 12\n二", "| | 12\n二", "| 3\n", "| | 3\n", "| 0.35\n", "| | 0.35\n")},
	Values: map[string]string{"1.1": "12", "3": "0.35"},
	Cells:  map[string]string{"1.1": "D4", "3": "D9"},
}, {
	Name: "ValueColumnOfTheLaterYear",
	Input: []string{`
大新镇测试统计表
统计指标 | 单位 | 2017年 | 2018年
一、依申请公开情况
收到申请数 | 件 | 10 | 12
其中：当面申请数 | 件 | 4 | 5
网络申请数 | 件 | 6 | 7
申请办结数 | 件 | 10 | 12
二、行政复议数量 | 件 | 2 | 3
三、依申请公开信息收取的费用 | 万元 | 0.3 | 0.35
`},
	Values:   map[string]string{"1.1": "12", "2": "3"},
	Cells:    map[string]string{"1.1": "D4"},
	Findings: []string{"info extra-row read:extra-column C2"},
	Year:     2018,
}, {
	Name:     "ExtraRow",
	Input:    []string{edit(town, "申请办结数", "信函申请数 | 件 | 2\n申请办结数")},
	Values:   map[string]string{"1.2": "12"},
	Cells:    map[string]string{"1.2": "C8"},
	Findings: []string{"warning extra-row read:extra-row C7"},
}, {
	Name: "ExtraColumns",
	// Last year's figures are a note, a column of unknown numbers a warning.
	Input: []string{`
大新镇2018年度测试统计表
统计指标 | 单位 | 统计数 | 上年数 | 其他
一、依申请公开情况
收到申请数 | 件 | 12 | 9 | 1
其中：当面申请数 | 件 | 5 | 4 |
网络申请数 | 件 | 7 | 5 | 2
申请办结数 | 件 | 12 | 9 |
二、行政复议数量 | 件 | 3 | 1 |
三、依申请公开信息收取的费用 | 万元 | 0.35 | 0.2 |
`},
	Values:   map[string]string{"1.1": "12", "3": "0.35"},
	Findings: []string{"info extra-row read:extra-column D2", "warning extra-row read:extra-column E2"},
}, {
	Name: "YuanInTheUnitCellOfAWanYuanRow",
	// The number is in 元, converted to 万元 exactly, with a warning.
	Input:    []string{edit(town, "| 万元 | 0.35", "| 元 | 3500")},
	Values:   map[string]string{"3": "0.35"},
	Cells:    map[string]string{"3": "C9"},
	Findings: []string{"warning unit read:unit B9"},
}, {
	Name:     "NumberNamingItsUnit",
	Input:    []string{edit(town, "| 万元 | 0.35", `| 万元 | "3500元"`)},
	Values:   map[string]string{"3": "0.35"},
	Findings: []string{"info unit read:unit C9"},
}, {
	Name:     "MissingRow",
	Input:    []string{edit(town, "网络申请数                   | 件   | 7\n", "")},
	Values:   map[string]string{"1.1.2": "missing", "1.2": "12"},
	Cells:    map[string]string{"1.2": "C6"},
	Findings: []string{"error missing-row read:missing-row "},
}, {
	Name: "CellsAsTownshipsFillThem",
	Input: []string{edit(town, "| 12\n其中", `| "１２"`+"\n其中", "| 5\n", "| 无\n", "| 7\n", "|\n",
		"| 12\n二", "| \"见附件\"\n二", "| 3\n", "| -3\n")},
	Values: map[string]string{"1.1": "12", "1.1.1": "0", "1.1.2": "empty", "1.2": "invalid", "2": "-3"},
	Findings: []string{"info blank read:blank C6", "error not-a-number read:not-a-number C7",
		"error negative read:negative C8"},
}, {
	Name:     "FormulaError",
	Input:    []string{edit(town, "| 12\n其中", "| =SUM(#REF!) => #REF!\n其中")},
	Values:   map[string]string{"1.1": "invalid"},
	Findings: []string{"error formula-error read:formula-error C4"},
}, {
	Name: "FormulasWithoutStoredResults",
	Input: []string{edit(town, "| 12\n其中", "| =SUM(C5:C6)\n其中", "| 12\n二", "| =C4*1\n二",
		"| 3\n", "| =C8+1\n", "| 0.35\n", "| =ROUND(C5/3, 2)\n")},
	Compute:  true,
	Values:   map[string]string{"1.1": "12", "1.2": "12", "2": "invalid", "3": "1.67"},
	Findings: []string{"error formula-error read:formula-error C8"},
}, {
	Name: "UnitNameFromTheTitle",
	File: "附件2 统计表.xlsx",
	Input: []string{edit(town, "银川市兴庆区大新镇2018年度测试统计表",
		"平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表")},
	Unit: "金井片区管理局", Year: 2022,
}, {
	Name:  "UnitNameOfADistrictTemplateGivesWay",
	File:  "平潭综合实验区市场监督管理局.xlsx",
	Input: []string{edit(town, "银川市兴庆区大新镇2018年度测试统计表", "平潭综合实验区2022年度政府信息公开工作年度报告统计表")},
	Unit:  "市场监督管理局", Year: 2022,
	Findings: []string{"warning unknown-unit read:unit-name "},
}, {
	Name: "UnitNameOnACover",
	File: "统计表.xlsx",
	Input: []string{`
# name 封面
掌政镇人民政府
2018年度
`, edit(town, "银川市兴庆区大新镇2018年度测试统计表", "测试统计表")},
	Unit: "掌政镇", Year: 2018, Sheet: "Sheet1",
}, {
	Name:     "TheTableOnAnotherSheetToo",
	Input:    []string{edit(town, "", "# name 大新镇\n"), edit(town, "", "# name 副本\n")},
	Sheet:    "大新镇",
	Findings: []string{"warning schema read:other-sheet "},
}, {
	Name:       "NoTable",
	Input:      []string{"填表人：张三\n联系电话：12345\n"},
	Unreadable: true,
	Findings:   []string{"error schema read:schema "},
}, {
	Name:       "NothingAtAll",
	Input:      []string{""},
	Unreadable: true,
	Findings:   []string{"error schema read:schema "},
}}

func TestRead(t *testing.T) {
	for _, tc := range readTests {
		t.Run(tc.Name, func(t *testing.T) {
			s := mustSchema(t, townYAML)
			if tc.Schema != "" {
				s = mustSchema(t, tc.Schema)
			}
			file := tc.File
			if file == "" {
				file = "大新镇.xlsx"
			}
			var grids []*grid.Grid
			for i, text := range tc.Input {
				g := grid.Parse(text)
				g.Index = i
				grids = append(grids, g)
			}
			sub := &schema.Submission{File: file, Values: map[string]schema.Value{}}
			pending := Read(sub, grids, Options{Schemas: []*schema.Schema{s}})
			if pending != nil {
				require.True(t, tc.Compute, "formulas without stored results: %v", findings(sub))
				pending.Compute()
			}
			assert.Equal(t, tc.Unreadable, sub.Unreadable, "unreadable: %v", findings(sub))
			for key, want := range tc.Values {
				assert.Equal(t, want, valueText(sub.Values[key]), key)
			}
			for key, want := range tc.Cells {
				assert.Equal(t, want, sub.Values[key].Ref, key)
			}
			want := tc.Findings
			if want == nil {
				want = []string{}
			}
			assert.ElementsMatch(t, want, findings(sub))
			if tc.Unit != "" {
				assert.Equal(t, tc.Unit, sub.Unit)
			}
			if tc.Year != 0 {
				assert.Equal(t, tc.Year, sub.Year)
			}
			if tc.Sheet != "" {
				assert.Equal(t, tc.Sheet, sub.Sheet)
			}
			for _, f := range sub.FindingList() {
				for _, lang := range []schema.Lang{schema.Zh, schema.En} {
					assert.NotContains(t, f.Message(lang), "%!", f.Rule)
				}
			}
		})
	}
}

// valueText is a value as the cases write it.
func valueText(v schema.Value) string {
	switch v.State {
	case schema.Present:
		return v.Num.String()
	case schema.Missing:
		return "missing"
	case schema.Empty:
		return "empty"
	case schema.Invalid:
		return "invalid"
	}
	return fmt.Sprint(v.State)
}

// findings are a submission's findings as the cases write them.
func findings(sub *schema.Submission) []string {
	out := []string{}
	for _, f := range sub.FindingList() {
		out = append(out, fmt.Sprintf("%s %s %s %s", f.Severity, f.Kind, f.Rule, f.Cell))
	}
	sort.Strings(out)
	return out
}
