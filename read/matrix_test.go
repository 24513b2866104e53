package read

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/internal/testkit"
	"tally/schema"
	"tally/xlsx"
)

// sheetWriter writes rows one under another on a sheet, with merges.
type sheetWriter struct {
	t     testing.TB
	f     *excelize.File
	sheet string
	r     int // next row, 1-based
}

func (w *sheetWriter) row(cells ...any) int {
	w.t.Helper()
	require.NoError(w.t, w.f.SetSheetRow(w.sheet, fmt.Sprintf("A%d", w.r), &cells))
	w.r++
	return w.r - 1
}

func (w *sheetWriter) merge(from, to string) {
	require.NoError(w.t, w.f.MergeCell(w.sheet, from, to))
}

// report2021 writes sections 二, 三 and 四 of a 2021-format report one under
// another on one sheet, as the published reports print them. v(key) gives
// each value.
func report2021(t testing.TB, unit string, v func(key string) any, opts ...string) []byte {
	return report2021With(t, unit, v, reportEdit{}, opts...)
}

// reportEdit changes a report2021 the way a township's copy departs from
// the template.
type reportEdit struct {
	title string            // the title line; default: unit + 2021年政府信息公开工作年度报告
	heads map[string]string // section 二's column headers by column code
	skip  map[string]bool   // rows of 三 left out, by code
	// headingRows are the headings of 三 written as rows of their own,
	// with values v(code@column), as older or home-made tables print them.
	headingRows map[string]bool
	after       map[string][]any // a row of cells written after the row of 三 with that code
}

func report2021With(t testing.TB, unit string, v func(key string) any, ed reportEdit, opts ...string) []byte {
	merged, sheets := false, false
	for _, o := range opts {
		merged = merged || o == "merged"
		sheets = sheets || o == "sheets"
	}
	f := excelize.NewFile()
	w := &sheetWriter{t: t, f: f, sheet: "Sheet1", r: 1}
	next := func(name string) {
		if sheets {
			_, err := f.NewSheet(name)
			require.NoError(t, err)
			w = &sheetWriter{t: t, f: f, sheet: name, r: 1}
		}
	}
	if ed.title == "" {
		ed.title = unit + "2021年政府信息公开工作年度报告"
	}
	w.row(ed.title)
	w.row("二、主动公开政府信息情况")
	blocks := []struct {
		title string
		cols  []string
		codes []string
		rows  [][2]string // label, row code
	}{
		{"第二十条第（一）项", []string{"本年制发件数", "本年废止件数", "现行有效件数"}, []string{"issued", "repealed", "valid"},
			[][2]string{{"规章", "2.1.1"}, {"行政规范性文件", "2.1.2"}}},
		{"第二十条第（五）项", []string{"本年处理决定数量"}, []string{"decisions"}, [][2]string{{"行政许可", "2.5.1"}}},
		{"第二十条第（六）项", []string{"本年处理决定数量"}, []string{"decisions"}, [][2]string{{"行政处罚", "2.6.1"}, {"行政强制", "2.6.2"}}},
		{"第二十条第（八）项", []string{"本年收费金额（单位：万元）"}, []string{"fees"}, [][2]string{{"行政事业性收费", "2.8.1"}}},
	}
	for _, b := range blocks {
		r := w.row(b.title)
		w.merge(fmt.Sprintf("A%d", r), fmt.Sprintf("D%d", r))
		head := []any{"信息内容"}
		for i, c := range b.cols {
			if h, ok := ed.heads[b.codes[i]]; ok {
				c = h
			}
			head = append(head, c)
		}
		w.row(head...)
		for _, row := range b.rows {
			cells := []any{row[0]}
			for _, c := range b.codes {
				cells = append(cells, v(row[1]+"@"+c))
			}
			w.row(cells...)
		}
	}
	next("表三")
	w.row("三、收到和处理政府信息公开申请情况")
	h := w.row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", nil, nil, "申请人情况")
	w.row(nil, nil, nil, "自然人", "法人或其他组织", nil, nil, nil, nil, "总计")
	w.row(nil, nil, nil, nil, "商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其他")
	w.merge(fmt.Sprintf("A%d", h), fmt.Sprintf("C%d", h+2))
	w.merge(fmt.Sprintf("D%d", h), fmt.Sprintf("J%d", h))
	w.merge(fmt.Sprintf("D%d", h+1), fmt.Sprintf("D%d", h+2))
	w.merge(fmt.Sprintf("E%d", h+1), fmt.Sprintf("I%d", h+1))
	w.merge(fmt.Sprintf("J%d", h+1), fmt.Sprintf("J%d", h+2))
	cols := []string{"natural", "commercial", "research", "public", "legal", "other", "total"}
	s, _ := schema.Builtin("gov-info-2021")
	groups := map[string]int{} // label -> first row, for merging down
	var open []string
	for _, row := range s.Table("3").Rows {
		if row.Heading {
			if row.Code == "3.3" {
				open = []string{row.Label}
			} else {
				open = []string{open[0], row.Label}
			}
			delete(groups, row.Label)
			if ed.headingRows[row.Code] {
				cells := []any{open[0], row.Label, nil}
				for _, c := range cols {
					cells = append(cells, v(row.Code+"@"+c))
				}
				w.row(cells...)
			}
			continue
		}
		if ed.skip[row.Code] {
			continue
		}
		cells := make([]any, 3)
		switch {
		case row.Code == "3.1" || row.Code == "3.2" || row.Code == "3.4":
			cells[0] = row.Label
			open = nil
		case len(open) == 1:
			cells[0], cells[1] = open[0], row.Label
		case len(open) == 2 && (row.Code == "3.3.7"):
			cells[0], cells[1] = open[0], row.Label
			open = open[:1]
		default:
			cells[0], cells[1], cells[2] = open[0], open[1], row.Label
		}
		if row.Note != "" {
			for i := len(cells) - 1; i >= 0; i-- {
				if cells[i] != nil {
					cells[i] = fmt.Sprint(cells[i]) + "（" + row.Note + "）"
					break
				}
			}
		}
		for _, c := range cols {
			cells = append(cells, v(row.Code+"@"+c))
		}
		r := w.row(cells...)
		if merged {
			// Group labels merged down their rows, written once.
			for col, label := range cells[:2] {
				if label == nil {
					continue
				}
				start, ok := groups[fmt.Sprint(label)]
				if !ok || start == r {
					if !ok {
						groups[fmt.Sprint(label)] = r
					}
					continue
				}
				name := string(rune('A' + col))
				require.NoError(t, f.SetCellValue(w.sheet, fmt.Sprintf("%s%d", name, r), nil))
				_ = f.UnmergeCell(w.sheet, fmt.Sprintf("%s%d", name, start), fmt.Sprintf("%s%d", name, r-1))
				w.merge(fmt.Sprintf("%s%d", name, start), fmt.Sprintf("%s%d", name, r))
			}
		}
		if extra, ok := ed.after[row.Code]; ok {
			w.row(extra...) // in the layout without merges: it would split a merged group label
		}
	}
	next("表四")
	w.row("四、政府信息公开行政复议、行政诉讼情况")
	h = w.row("行政复议", nil, nil, nil, nil, "行政诉讼")
	w.row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", nil, nil, nil, nil, "复议后起诉")
	w.row(nil, nil, nil, nil, nil, "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
	w.merge(fmt.Sprintf("A%d", h), fmt.Sprintf("E%d", h))
	w.merge(fmt.Sprintf("F%d", h), fmt.Sprintf("O%d", h))
	for i, c := range []string{"A", "B", "C", "D", "E"} {
		_ = i
		w.merge(fmt.Sprintf("%s%d", c, h+1), fmt.Sprintf("%s%d", c, h+2))
	}
	w.merge(fmt.Sprintf("F%d", h+1), fmt.Sprintf("J%d", h+1))
	w.merge(fmt.Sprintf("K%d", h+1), fmt.Sprintf("O%d", h+1))
	var data []any
	for _, c := range s.Table("4").Columns {
		data = append(data, v("4@"+c.Code))
	}
	w.row(data...)
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

// consistent2021 is a set of 2021 figures that keeps every identity.
func consistent2021(key string) any {
	vals := map[string]int{
		"2.1.2@issued": 88, "2.1.2@repealed": 55, "2.1.2@valid": 698, "2.5.1@decisions": 1520,
		"2.6.1@decisions": 2648, "2.6.2@decisions": 126,
		"3.1@natural": 60, "3.1@commercial": 5, "3.1@legal": 2, "3.1@total": 67,
		"3.2@natural": 2, "3.2@total": 2,
		"3.3.1@natural": 40, "3.3.1@commercial": 3, "3.3.1@total": 43,
		"3.3.2@natural": 5, "3.3.2@total": 5,
		"3.3.4.1@natural": 10, "3.3.4.1@commercial": 2, "3.3.4.1@legal": 2, "3.3.4.1@total": 14,
		"3.3.5.2@natural": 5, "3.3.5.2@total": 5,
		"3.3.7@natural": 60, "3.3.7@commercial": 5, "3.3.7@legal": 2, "3.3.7@total": 67,
		"3.4@natural": 2, "3.4@total": 2,
		"4@review_upheld": 2, "4@review_total": 2, "4@direct_corrected": 1, "4@direct_pending": 4, "4@direct_total": 5,
		"4@after_upheld": 2, "4@after_total": 2,
	}
	if key == "2.8.1@fees" {
		return "24252.311082"
	}
	if n, ok := vals[key]; ok {
		return n
	}
	return 0
}

func TestRead2021Report(t *testing.T) {
	for _, layout := range [][]string{nil, {"merged"}, {"sheets"}, {"merged", "sheets"}} {
		t.Run(fmt.Sprint(layout), func(t *testing.T) { read2021(t, layout...) })
	}
}

func read2021(t *testing.T, layout ...string) {
	data := report2021(t, "北京中路街道", consistent2021, layout...)
	sub := File(data, "北京中路街道.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	require.NotNil(t, sub.Schema)
	assert.Equal(t, "gov-info-2021", sub.Schema.ID)
	assert.Equal(t, "北京中路街道", sub.Unit)
	assert.Equal(t, 2021, sub.Year)
	for _, k := range sub.Schema.Keys() {
		want := fmt.Sprint(consistent2021(k))
		got := sub.Values[k]
		require.Equal(t, schema.Present, got.State, "%s at %s", k, got.Ref)
		assert.Equal(t, want, got.Num.String(), "%s at %s", k, got.Ref)
	}
	assert.Empty(t, testkit.Kinds(sub))
	assert.Empty(t, sub.Schema.Check(sub), "the figures keep every identity")
	// 商业企业, broken over two lines, is still its column.
	assert.Contains(t, sub.Values["3.1@commercial"].Ref, "E")
}

func TestRead2021ReportBreaksIdentities(t *testing.T) {
	data := report2021(t, "北京中路街道", func(key string) any {
		if key == "3.3.7@total" {
			return 66 // the total of the outcomes is one short
		}
		return consistent2021(key)
	})
	sub := File(data, "x.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable)
	var rules []string
	for _, f := range sub.Schema.Check(sub) {
		rules = append(rules, f.Rule)
	}
	assert.ElementsMatch(t, []string{"balance/total", "sum:3.3.7@total", "sum:3.3.7@total/rows"}, rules)
}

// A 2021 district: the consolidated workbook lays the matrices out in the
// official way and reads back with the same totals; the template of the
// format validates blank and filled.
func TestMatrixRoundTrip(t *testing.T) {
	units := []string{"北京中路街道", "良田镇", "丰登镇"}
	var sources []consolidate.Source
	for i, u := range units {
		data := report2021(t, u, func(key string) any {
			v := consistent2021(key)
			if n, ok := v.(int); ok {
				return n * (i + 1)
			}
			return v
		}, []string{"", "merged", "sheets"}[i])
		name := u + ".xlsx"
		sources = append(sources, consolidate.Source{Name: name, Load: func() ([]byte, error) { return data, nil }})
	}
	read := func(data []byte, name string) *schema.Submission {
		return File(data, name, Options{Schemas: schema.Builtins()})
	}
	res := consolidate.Validate(sources, read, consolidate.Options{})
	for _, s := range res.Submissions {
		require.Empty(t, s.FindingList(), "%s: %v", s.File, testkit.Kinds(s))
	}
	require.Equal(t, "gov-info-2021", res.Schema.ID)
	refs := xlsx.SummaryRefs(res.Schema)
	res.Consolidate(consolidate.ConsolidateOptions{Name: "金凤区", Out: "金凤区.xlsx", Sheet: "汇总",
		TotalRef: func(k string) string { return refs[k] }})
	assert.Empty(t, res.Findings, "the totals keep every identity")
	assert.Equal(t, "402", res.Totals["3.1@total"].String(), "67 × (1+2+3)")
	var buf bytes.Buffer
	require.NoError(t, xlsx.WriteConsolidated(&buf, res, xlsx.WriteOptions{Lang: schema.Zh, Version: "test"}))
	back := File(buf.Bytes(), "金凤区.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, back.Unreadable, "%v", testkit.Kinds(back))
	assert.Equal(t, "gov-info-2021", back.Schema.ID)
	assert.Equal(t, "金凤区", back.Unit)
	assert.Empty(t, testkit.Kinds(back))
	for _, k := range res.Schema.Keys() {
		assert.Equal(t, res.Totals[k].String(), back.Values[k].Num.String(), k)
		assert.Equal(t, refs[k], back.Values[k].Ref, k)
	}
	// The template of the format: blank, it reads back with blanks only.
	buf.Reset()
	require.NoError(t, xlsx.WriteTemplate(&buf, res.Schema, xlsx.TemplateOptions{Lang: schema.Zh, Unit: "良田镇", Year: 2021}))
	blank := File(buf.Bytes(), "良田镇.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, blank.Unreadable, "%v", testkit.Kinds(blank))
	assert.Equal(t, "gov-info-2021", blank.Schema.ID)
	for _, f := range blank.FindingList() {
		assert.Equal(t, schema.KindBlank, f.Kind, f.Message(schema.Zh))
	}
	assert.Len(t, blank.FindingList(), len(res.Schema.Keys()))
}
