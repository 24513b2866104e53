package main

import (
	"fmt"
	"slices"
	"strings"
)

// The 2019 and 2021 formats of the annual report's tables (sections 二, 三 and
// 四), as the generator's own copy: the labels, the columns and the rules,
// independent of tally's schema files. A value cell is keyed ROW@COL.

// mcol is one value column of a matrix table.
type mcol struct {
	code, label string
	group       []string // header labels printed above the column's own, outer first
	unit        string   // 万元 or 元 for the money columns (decimals); "" for counts
	negative    bool     // may hold a negative number (本年增/减)
}

// decimal reports whether the column holds money rather than a count.
func (c mcol) decimal() bool { return c.unit != "" }

// mrow is one row of a matrix table; a heading carries no value of its own.
type mrow struct {
	code, label string
	heading     bool
	level       int // the row's depth in the label columns when it is not its code's (legacyRows)
}

// depth is the number of parts of the row's code: 3.1 is 2, 3.3.3.1 is 4.
func (r mrow) depth() int {
	if r.level > 0 {
		return r.level
	}
	return strings.Count(r.code, ".") + 1
}

// mtable is one table of a format: a block of section 二, section 三 or
// section 四.
type mtable struct {
	title string // 第二十条第（一）项 for a block of 二
	cols  []mcol
	rows  []mrow
}

// mformat is one of the two formats.
type mformat struct {
	id     string   // the schema id tally reports: gov-info-2019, gov-info-2021
	name   string   // 2019 年版 …, for the README
	blocks []mtable // section 二
	apply  mtable   // section 三
	review mtable   // section 四: one unlabeled row
	// keyTotals are the keys whose totals the README shows.
	keyTotals []string
	keys      []string // every value key, in table, row, column order
	rules     []mrule
}

// mrule is one instance of a rule: Σleft op Σright. The finding points at
// the cell of left[0].
type mrule struct {
	kind, severity string
	left           []string
	op             string // "=" or "<="
	right          []string
}

// The header texts of section 三 and 四, and the section titles.
const (
	applyNote   = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
	applyHead   = "申请人情况"
	legalGroup  = "法人或其他组织"
	reviewGroup = "行政复议"
	suitGroup   = "行政诉讼"
)

// sectionTitles are the section headings as the official template prints them.
var sectionTitles = map[string]string{
	"二": "二、主动公开政府信息情况",
	"三": "三、收到和处理政府信息公开申请情况",
	"四": "四、政府信息公开行政复议、行政诉讼情况",
}

func cols(spec string) []mcol {
	var out []mcol
	for _, f := range strings.Fields(spec) {
		code, label, _ := strings.Cut(f, "=")
		out = append(out, mcol{code: code, label: label})
	}
	return out
}

func rowsOf(spec string) []mrow {
	var out []mrow
	for _, f := range strings.Fields(spec) {
		code, label, _ := strings.Cut(f, "=")
		out = append(out, mrow{code: code, label: label})
	}
	return out
}

// applyTable is section 三; other gives the rows of （六）其他处理, which the
// two formats print differently.
func applyTable(other []mrow) mtable {
	var applicants []mcol
	for _, c := range cols("natural=自然人 commercial=商业企业 research=科研机构 public=社会公益组织 legal=法律服务机构 other=其他 total=总计") {
		if c.code != "natural" && c.code != "total" {
			c.group = []string{legalGroup}
		}
		applicants = append(applicants, c)
	}
	head := func(code, label string) mrow { return mrow{code: code, label: label, heading: true} }
	rows := []mrow{
		{code: "3.1", label: "一、本年新收政府信息公开申请数量"},
		{code: "3.2", label: "二、上年结转政府信息公开申请数量"},
		head("3.3", "三、本年度办理结果"),
		{code: "3.3.1", label: "（一）予以公开"},
		{code: "3.3.2", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
		head("3.3.3", "（三）不予公开"),
	}
	rows = append(rows, rowsOf(`3.3.3.1=1.属于国家秘密 3.3.3.2=2.其他法律行政法规禁止公开
		3.3.3.3=3.危及“三安全一稳定” 3.3.3.4=4.保护第三方合法权益 3.3.3.5=5.属于三类内部事务信息
		3.3.3.6=6.属于四类过程性信息 3.3.3.7=7.属于行政执法案卷 3.3.3.8=8.属于行政查询事项`)...)
	rows = append(rows, head("3.3.4", "（四）无法提供"))
	rows = append(rows, rowsOf(`3.3.4.1=1.本机关不掌握相关政府信息 3.3.4.2=2.没有现成信息需要另行制作
		3.3.4.3=3.补正后申请内容仍不明确`)...)
	rows = append(rows, head("3.3.5", "（五）不予处理"))
	rows = append(rows, rowsOf(`3.3.5.1=1.信访举报投诉类申请 3.3.5.2=2.重复申请 3.3.5.3=3.要求提供公开出版物
		3.3.5.4=4.无正当理由大量反复申请 3.3.5.5=5.要求行政机关确认或重新出具已获取信息`)...)
	rows = append(rows, other...)
	rows = append(rows, mrow{code: "3.3.7", label: "（七）总计"}, mrow{code: "3.4", label: "四、结转下年度继续办理"})
	return mtable{title: sectionTitles["三"], cols: applicants, rows: rows}
}

// reviewTable is section 四: one row without a label, fifteen columns under
// two or three header rows.
func reviewTable() mtable {
	var cs []mcol
	outcomes := cols("upheld=结果维持 corrected=结果纠正 other=其他结果 pending=尚未审结 total=总计")
	for _, g := range []struct {
		prefix string
		group  []string
	}{
		{"review", []string{reviewGroup}},
		{"direct", []string{suitGroup, "未经复议直接起诉"}},
		{"after", []string{suitGroup, "复议后起诉"}},
	} {
		for _, o := range outcomes {
			cs = append(cs, mcol{code: g.prefix + "_" + o.code, label: o.label, group: g.group})
		}
	}
	return mtable{title: sectionTitles["四"], cols: cs, rows: []mrow{{code: "4"}}}
}

// format2021 is the table of 国办公开办函〔2021〕30号 (reports from 2021 on).
var format2021 = newFormat(&mformat{
	id: "gov-info-2021", name: "2021 年版（国办公开办函〔2021〕30号）",
	blocks: []mtable{
		{title: "第二十条第（一）项", cols: cols("issued=本年制发件数 repealed=本年废止件数 valid=现行有效件数"),
			rows: rowsOf("2.1.1=规章 2.1.2=行政规范性文件")},
		{title: "第二十条第（五）项", cols: cols("decisions=本年处理决定数量"), rows: rowsOf("2.5.1=行政许可")},
		{title: "第二十条第（六）项", cols: cols("decisions=本年处理决定数量"), rows: rowsOf("2.6.1=行政处罚 2.6.2=行政强制")},
		{title: "第二十条第（八）项", cols: []mcol{{code: "fees", label: "本年收费金额（单位：万元）", unit: "万元"}},
			rows: rowsOf("2.8.1=行政事业性收费")},
	},
	apply: applyTable([]mrow{
		{code: "3.3.6", label: "（六）其他处理", heading: true},
		{code: "3.3.6.1", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
		{code: "3.3.6.2", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
		{code: "3.3.6.3", label: "3.其他"},
	}),
	review:    reviewTable(),
	keyTotals: strings.Fields("2.1.2@issued 2.5.1@decisions 2.8.1@fees 3.1@total 3.3.7@total 3.4@total 4@review_total 4@direct_total 4@after_total"),
})

// format2019 is the table of 国办公开办函〔2019〕60号 (the 2019 and 2020 reports).
var format2019 = newFormat(&mformat{
	id: "gov-info-2019", name: "2019 年版（国办公开办函〔2019〕60号）",
	blocks: []mtable{
		{title: "第二十条第（一）项", cols: cols("new_made=本年新制作数量 new_published=本年新公开数量 published_total=对外公开总数量"),
			rows: rowsOf("2.1.1=规章 2.1.2=规范性文件")},
		{title: "第二十条第（五）项", cols: changeCols(true), rows: rowsOf("2.5.1=行政许可 2.5.2=其他对外管理服务事项")},
		{title: "第二十条第（六）项", cols: changeCols(true), rows: rowsOf("2.6.1=行政处罚 2.6.2=行政强制")},
		{title: "第二十条第（八）项", cols: changeCols(false), rows: rowsOf("2.8.1=行政事业性收费")},
		{title: "第二十条第（九）项", cols: []mcol{{code: "count", label: "采购项目数量"}, {code: "amount", label: "采购总金额", unit: "元"}},
			rows: rowsOf("2.9.1=政府集中采购")},
	},
	apply:     applyTable([]mrow{{code: "3.3.6", label: "（六）其他处理"}}),
	review:    reviewTable(),
	keyTotals: strings.Fields("2.1.2@published_total 2.6.1@change 2.9.1@amount 3.1@total 3.3.7@total 3.4@total 4@review_total 4@direct_total 4@after_total"),
})

// changeCols are the columns 上一年项目数量 · 本年增/减 (· 处理决定数量).
func changeCols(decisions bool) []mcol {
	cs := []mcol{{code: "previous", label: "上一年项目数量"}, {code: "change", label: "本年增/减", negative: true}}
	if decisions {
		cs = append(cs, mcol{code: "decisions", label: "处理决定数量"})
	}
	return cs
}

// formats are the matrix formats, looked up by id when expect.json is read.
var formats = []*mformat{format2019, format2021}

func formatByID(id string) *mformat {
	for _, f := range formats {
		if f.id == id {
			return f
		}
	}
	panic("unknown format " + id)
}

// tables lists the format's tables in order: the blocks of 二, then 三 and 四.
func (f *mformat) tables() []*mtable {
	out := make([]*mtable, 0, len(f.blocks)+2)
	for i := range f.blocks {
		out = append(out, &f.blocks[i])
	}
	return append(out, &f.apply, &f.review)
}

// newFormat derives the keys and expands the rules: per applicant column, 一 +
// 二 = （七）总计 + 四 (the identity printed in the header) and （七）总计 = every
// outcome row; per row of 三, 总计 = the six applicant columns; per group of
// 四, 总计 = its four outcomes; in the 2019 format, per row of 第二十条第（一）项,
// 本年新公开数量 ≤ 对外公开总数量 (a warning).
func newFormat(f *mformat) *mformat {
	cells := map[string]*mcol{}
	for _, t := range f.tables() {
		for _, r := range t.rows {
			if r.heading {
				continue
			}
			for i := range t.cols {
				k := key(r.code, t.cols[i].code)
				f.keys = append(f.keys, k)
				cells[k] = &t.cols[i]
			}
		}
	}
	sum := func(total string, parts []string) mrule {
		return mrule{kind: "sum", severity: "error", left: []string{total}, op: "=", right: parts}
	}
	var outcomes []string
	for _, r := range f.apply.rows {
		if !r.heading && strings.HasPrefix(r.code, "3.3.") && r.code != "3.3.7" {
			outcomes = append(outcomes, r.code)
		}
	}
	for _, c := range f.apply.cols {
		f.rules = append(f.rules, mrule{kind: "sum", severity: "error",
			left: []string{key("3.1", c.code), key("3.2", c.code)}, op: "=",
			right: []string{key("3.3.7", c.code), key("3.4", c.code)}})
	}
	for _, c := range f.apply.cols {
		parts := make([]string, len(outcomes))
		for i, o := range outcomes {
			parts[i] = key(o, c.code)
		}
		f.rules = append(f.rules, sum(key("3.3.7", c.code), parts))
	}
	for _, r := range f.apply.rows {
		if r.heading {
			continue
		}
		var parts []string
		for _, c := range f.apply.cols[:6] {
			parts = append(parts, key(r.code, c.code))
		}
		f.rules = append(f.rules, sum(key(r.code, "total"), parts))
	}
	for _, g := range []string{"review", "direct", "after"} {
		var parts []string
		for _, o := range strings.Fields("upheld corrected other pending") {
			parts = append(parts, key("4", g+"_"+o))
		}
		f.rules = append(f.rules, sum(key("4", g+"_total"), parts))
	}
	if b := f.blocks[0]; b.cols[1].code == "new_published" {
		for _, r := range b.rows {
			f.rules = append(f.rules, mrule{kind: "consistency", severity: "warning",
				left: []string{key(r.code, "new_published")}, op: "<=", right: []string{key(r.code, "published_total")}})
		}
	}
	for _, r := range f.rules {
		for _, k := range slices.Concat(r.left, r.right, f.keyTotals) {
			if cells[k] == nil {
				panic(fmt.Sprintf("%s: rule names unknown cell %s", f.id, k))
			}
		}
	}
	return f
}

// key joins a row code and a column code: 3.3.1@natural.
func key(row, col string) string { return row + "@" + col }

// cell returns the table, row and column of a key.
func (f *mformat) cell(k string) (*mtable, mrow, mcol) {
	row, col, _ := strings.Cut(k, "@")
	for _, t := range f.tables() {
		for _, r := range t.rows {
			if r.code != row || r.heading {
				continue
			}
			for _, c := range t.cols {
				if c.code == col {
					return t, r, c
				}
			}
		}
	}
	panic("unknown cell " + k)
}
