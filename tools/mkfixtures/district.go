package main

import (
	"maps"
	"slices"
)

// A district is one folder under district/: every township-level unit of a
// district, each with its own figures and its own clerk's way of laying the
// table out, as the district office receives them for one year.
type district struct {
	name   string // 兴庆区
	folder string // the folder under district/
	note   string // the README's paragraph on it
	roster []string
	units  []unitCase
}

// unitCase is one unit's submission: its figures and the edits that turn the
// seed's layout into its clerk's, mistakes included.
type unitCase struct {
	unit, file, about string
	data              dataset
	want              []string // finding kinds it is meant to produce
	edits             []edit
}

// An edit changes one thing about how a workbook is laid out or filled in.
type edit func(w *workbook)

// titled replaces the title lines above the header.
func titled(lines ...string) edit { return func(w *workbook) { w.titles = lines } }

// placedAt puts the table's first title at column col, row top, with gap
// empty rows between the titles and the header.
func placedAt(col, top, gap int) edit {
	return func(w *workbook) { w.col, w.top, w.gap = col, top, gap }
}

// onSheet puts the table on the named sheet, behind the sheets given.
func onSheet(sheet string, before ...cover) edit {
	return func(w *workbook) { w.sheet, w.before = sheet, before }
}

// noted writes lines under the table (填表人, 联系电话, …).
func noted(lines ...string) edit { return func(w *workbook) { w.notes = lines } }

// headed replaces the header row.
func headed(h [3]string) edit { return func(w *workbook) { w.header = h } }

// valueHeader replaces the heading of the value column.
func valueHeader(h string) edit { return func(w *workbook) { w.header[2] = h } }

// pagedAt repeats the header after these rows; none: the table is printed
// on one page.
func pagedAt(codes ...string) edit { return func(w *workbook) { w.breaks = codes } }

// numFormat gives the value cells a number format.
func numFormat(f string) edit { return func(w *workbook) { w.numFmt = f } }

var (
	numbered     edit = func(w *workbook) { w.numbering = true }     // the numbering in a column of its own
	tallRows     edit = func(w *workbook) { w.tall = true }          // a label with a line break takes two merged rows
	withoutUnits edit = func(w *workbook) { w.noUnit = true }        // no unit column
	retyped      edit = func(w *workbook) { w.labels = messyLabels } // labels as a clerk retypes them
	// sums writes every total as a SUM formula over its parts.
	sums edit = func(w *workbook) {
		for code, c := range sumFormulas() {
			w.setCell(code, c)
		}
	}
	// allText writes every figure as text (the column was formatted as 文本
	// before the clerk typed).
	allText edit = func(w *workbook) {
		for _, code := range valueCodes() {
			if _, set := w.cells[code]; !set {
				w.setCell(code, asText(w, code, "%s"))
			}
		}
	}
)

// zeroesAs writes the zeros as these words, in turn.
func zeroesAs(words ...string) edit {
	return func(w *workbook) { zeros(w, func(i int) content { return text(words[i%len(words)]) }) }
}

// textAs writes figures as text through a format per code, e.g. "%s条".
func textAs(formats map[string]string) edit {
	return func(w *workbook) {
		for _, code := range slices.Sorted(maps.Keys(formats)) {
			w.setCell(code, asText(w, code, formats[code]))
		}
	}
}

// literally writes text that is not a number in a value cell (见附件).
func literally(code, s string) edit { return func(w *workbook) { w.setCell(code, text(s)) } }

// typed is a figure the clerk got wrong: the cell says lit.
func typed(code, lit string) edit { return func(w *workbook) { w.data.set(code, lit) } }

// leftBlank is a cell the clerk forgot: it is empty, and reads as 0.
func leftBlank(code string) edit {
	return func(w *workbook) {
		w.data.set(code, "0")
		w.setCell(code, emptyCell)
	}
}

// books builds the district's workbooks: each unit's workbook starts as the
// seed's layout (town) with the unit's figures, then takes its edits.
func (d district) books() []workbook {
	books := make([]workbook, len(d.units))
	for i, u := range d.units {
		w := town(d.name, u.unit, u.data.clone())
		w.file, w.about, w.want = u.file, u.about, u.want
		for _, e := range u.edits {
			e(&w)
		}
		books[i] = w
	}
	return books
}

// districtFolders are the district/ folders.
func districtFolders() []folder {
	out := make([]folder, len(districts))
	for i, d := range districts {
		out[i] = folder{name: "district/" + d.folder, note: d.note, books: d.books,
			roster: d.roster, cross: true, totals: true}
	}
	return out
}

var districts = []district{xingqing, jinfeng}

// xingqing is 银川市兴庆区: its two towns, two townships and twelve street
// offices. 掌政镇 sends the seed's table; four units send a clerk's error, three
// a figure worth a warning, the rest clean tables in as many layouts.
var xingqing = district{
	name: "兴庆区", folder: "兴庆区2018",
	note: "The 16 units of 银川市兴庆区 for 2018, one workbook each, as the district office receives them: " +
		"掌政镇 with the seed's figures in the seed's layout, the others with their own figures in varied layouts; " +
		"four carry a clerk's error, three a warning, the rest are clean. `roster.txt` lists the 16 units " +
		"(three as 街道办事处, under a comment line). For consolidation: `totals` in expect.json.",
	roster: []string{
		"# 兴庆区 2018 年度政府信息公开情况统计表报送名单（16 个单位）",
		"掌政镇", "大新镇", "通贵乡", "月牙湖乡",
		"凤凰北街街道办事处", "解放西街街道", "文化街街道", "富宁街街道", "新华街街道", "玉皇阁北街街道",
		"前进街街道", "中山南街街道办事处", "银古路街道办事处", "胜利街街道", "丽景街街道", "星河街街道",
	},
	units: []unitCase{
		{unit: "掌政镇", file: "掌政镇2018年政府信息公开统计表.xlsx", data: seedData,
			about: "样表原样：掌政镇 2018 年报所附统计表的数和版式（表头在分页处重复三次）"},
		{unit: "大新镇", file: "大新镇.xlsx",
			about: "各合计行为 SUM 公式，数值格式 #,##0，一页打印（表头不重复）",
			data: figures(`1.1=198 1.1.1=3 1.1.2=5 1.2.2=198 1.2.3=86 1.2.4=143 1.2.5=62
				2.1=3 2.2.1=1 2.2.3=6 2.2.4=38 2.2.5=12
				3.1.1=4 3.1.3=2 3.2.1=6 3.3.1=2 3.3.2=3 3.3.6=1
				6=1 8.1=1 8.2=2 8.3.1=1 8.3.2=2 8.4=1.2 9.1=4 9.2=2 9.3=45`),
			edits: []edit{sums, numFormat("#,##0"), pagedAt()}},
		{unit: "通贵乡", file: "02 通贵乡 统计表.xlsx",
			about: "文件名带序号和空格；标题无单位，单位只在「填报单位：通贵乡人民政府（盖章）」一行；表下有填表人、联系电话、填报日期（2019年）",
			data: figures(`1.1=124 1.1.1=1 1.1.2=2 1.2.2=120 1.2.4=97 1.2.5=48
				2.1=1 2.2.3=2 2.2.4=19 2.2.5=9
				3.1.1=2 3.2.1=2 3.3.2=1 3.3.5=1
				8.1=1 8.2=1 8.3.2=2 8.4=0.5 9.1=2 9.2=1 9.3=16`),
			edits: []edit{
				titled("2018年度政府信息公开情况统计表", "填报单位：通贵乡人民政府（盖章）"),
				noted("填表人：何文静        联系电话：0951-8012376", "填报日期：2019年1月11日"),
			}},
		{unit: "月牙湖乡", file: "月牙湖乡政府信息公开情况统计表（2018年度）.xlsx",
			about: "表格从 B2 开始；求和不符：收到申请数写 8，当面 5 + 网络 2 = 7（改了合计没改分项）",
			want:  []string{"sum"},
			data: figures(`1.1=107 1.1.2=1 1.2.2=107 1.2.4=52 1.2.5=30
				2.1=2 2.2.3=1 2.2.4=14 2.2.5=6
				3.1.1=5 3.1.3=2 3.2.1=6 3.2.2=1 3.3.1=1 3.3.2=4 3.3.3=1 3.3.6=1
				8.1=1 8.2=1 8.3.2=3 8.4=0.8 9.1=3 9.2=1 9.3=22`),
			edits: []edit{placedAt(2, 2, 0), typed("3.1", "8")}},
		{unit: "凤凰北街街道", file: "凤凰北街街道2018年度政务公开统计表.xlsx",
			about: "两行标题，单位写作「银川市兴庆区凤凰北街街道办事处」，空一行；编号「(一)」单独成列",
			data: figures(`1.1=236 1.1.1=2 1.1.2=2 1.2.2=236 1.2.3=118 1.2.4=175 1.2.5=40
				2.1=4 2.2.1=2 2.2.1.1=1 2.2.3=5 2.2.4=47 2.2.5=21
				3.1.1=9 3.1.3=5 3.1.4=1 3.2.1=14 3.2.2=1
				3.3.1=4 3.3.2=6 3.3.3=2 3.3.4.3=1 3.3.5=1 3.3.6=1 4.1=1
				6=2 8.1=1 8.2=3 8.3.1=1 8.3.2=3 8.4=2 9.1=5 9.2=3 9.3=68`),
			edits: []edit{
				titled("银川市兴庆区凤凰北街街道办事处", "2018年度政府信息公开情况统计表"),
				placedAt(1, 1, 1), numbered,
			}},
		{unit: "解放西街街道", file: "解放西街街道办事处.xlsx",
			about: "标签手工重打（全角括号、半角冒号、多余空格、「1、」式编号），表头字间有空格；收取费用 0.01 万元（100 元复印费）",
			data: figures(`1.1=271 1.1.1=4 1.1.2=6 1.2.2=265 1.2.3=131 1.2.4=204 1.2.5=55
				2.1=6 2.2.1=3 2.2.1.1=2 2.2.2=1 2.2.3=9 2.2.4=52 2.2.5=18
				3.1.1=11 3.1.3=6 3.1.4=2 3.2.1=17 3.2.2=1
				3.3.1=5 3.3.2=7 3.3.3=2 3.3.4.2=1 3.3.4.5=1 3.3.5=1 3.3.6=1 5.3=1
				6=3 7=0.01 8.1=1 8.2=2 8.3.1=1 8.3.2=2 8.4=3 9.1=6 9.2=2 9.3=57`),
			edits: []edit{retyped, headed([3]string{"统 计 指 标", "单 位", "统 计 数"})}},
		{unit: "文化街街道", file: "附件2 文化街街道统计表.xlsx",
			about: "带换行的标签占两行（纵向合并），数值列表头「数量」；其中项超过总数：主要负责同志参加在线访谈 2 次，在线访谈总次数 1",
			want:  []string{"of-which"},
			data: figures(`1.1=183 1.1.1=1 1.1.2=3 1.2.2=183 1.2.3=64 1.2.4=120 1.2.5=37
				2.1=2 2.2.1=1 2.2.2=1 2.2.2.1=1 2.2.3=4 2.2.4=29 2.2.5=11
				3.1.1=3 3.1.3=4 3.2.1=7 3.3.1=2 3.3.2=4 3.3.7=1
				6=1 8.1=1 8.2=2 8.3.2=3 8.4=0.6 9.1=3 9.2=2 9.3=41`),
			edits: []edit{tallRows, valueHeader("数量"), typed("2.2.2.1", "2")}},
		{unit: "富宁街街道", file: "富宁街.xlsx",
			about: "文件名只写「富宁街」；第一个工作表是封面（落款二〇一九年一月），表在「统计表」",
			data: figures(`1.1=154 1.1.2=1 1.2.2=154 1.2.3=71 1.2.4=98 1.2.5=26
				2.1=1 2.2.3=3 2.2.4=23 2.2.5=8
				3.1.1=2 3.1.3=3 3.2.1=5 3.3.1=1 3.3.2=3 3.3.6=1
				8.1=1 8.2=1 8.3.1=1 8.3.2=1 8.4=1 9.1=2 9.2=1 9.3=24`),
			edits: []edit{onSheet("统计表", cover{name: "封面", lines: []string{
				"银川市兴庆区富宁街街道办事处", "2018年度政府信息公开工作年度报告", "附件：政府信息公开情况统计表", "二〇一九年一月"}})}},
		{unit: "新华街街道", file: "新华街街道2018统计表.xls",
			about: "旧版 .xls（须经转换读取）：没有单位列，数值列表头「2018年」，合计行为 SUM 公式",
			want:  []string{"converted"},
			data: figures(`1.1=209 1.1.1=2 1.1.2=4 1.2.2=209 1.2.3=92 1.2.4=151 1.2.5=44
				2.1=3 2.2.1=1 2.2.1.1=1 2.2.3=7 2.2.4=35 2.2.5=14
				3.1.1=6 3.1.3=4 3.2.1=9 3.2.2=1 3.3.1=3 3.3.2=5 3.3.4.3=1 3.3.8=1
				6=1 8.1=1 8.2=2 8.3.1=1 8.3.2=2 8.4=1.8 9.1=4 9.2=2 9.3=50`),
			edits: []edit{withoutUnits, valueHeader("2018年"), sums}},
		{unit: "玉皇阁北街街道", file: "玉皇阁北街街道-政府信息公开统计表.xlsm",
			about: "启用宏的 .xlsm（无宏）；零值写作「—」「-」「/」「无」",
			data: figures(`1.1=252 1.1.1=3 1.1.2=3 1.2.2=250 1.2.3=103 1.2.4=188 1.2.5=61
				2.1=5 2.2.1=2 2.2.1.1=1 2.2.2=1 2.2.2.1=1 2.2.3=8 2.2.4=44 2.2.5=16
				3.1.1=8 3.1.2=1 3.1.3=7 3.2.1=15 3.2.2=1
				3.3.1=4 3.3.2=8 3.3.3=1 3.3.4.6=1 3.3.5=2 4.2=1
				6=2 8.1=1 8.2=2 8.3.1=1 8.3.2=3 8.4=2.5 9.1=5 9.2=3 9.3=72`),
			edits: []edit{zeroesAs(zeroWords...)}},
		{unit: "前进街街道", file: "前进街街道 2018年报统计表(终).xlsx",
			about: "表格从 B3 开始，一页打印，表下有填表人；不是数字：政策解读稿件发布数写「见附件」",
			want:  []string{"not-a-number"},
			data: figures(`1.1=167 1.1.1=1 1.1.2=2 1.2.2=167 1.2.3=58 1.2.4=112 1.2.5=33
				2.1=2 2.2.1=1 2.2.3=5 2.2.4=26 2.2.5=10
				3.1.1=4 3.1.3=1 3.2.1=5 3.3.1=2 3.3.2=2 3.3.6=1
				6=1 8.1=1 8.2=1 8.3.2=2 8.4=0.4 9.1=3 9.2=1 9.3=28`),
			edits: []edit{placedAt(2, 3, 0), pagedAt(), noted("填表人：李娜    联系电话：6035127"), literally("2.2.3", "见附件")}},
		{unit: "中山南街街道", file: "中山南街街道统计表.xlsx",
			about: "年度写作「二〇一八年」，表下有审核人、填表人；申请办结 11 件，申请答复只有 10 件（提示）",
			want:  []string{"consistency"},
			data: figures(`1.1=226 1.1.1=2 1.1.2=3 1.2.2=226 1.2.3=97 1.2.4=160 1.2.5=49
				2.1=3 2.2.1=2 2.2.3=6 2.2.4=39 2.2.5=15
				3.1.1=7 3.1.3=4 3.2.1=10 3.2.2=1 3.3.1=3 3.3.2=5 3.3.3=1 3.3.5=1
				6=2 8.1=1 8.2=2 8.3.1=1 8.3.2=2 8.4=1.6 9.1=4 9.2=2 9.3=39`),
			edits: []edit{
				titled("银川市兴庆区中山南街街道二〇一八年度政府信息公开情况统计表"),
				noted("审核人：马玉芳", "填表人：张磊"),
			}},
		{unit: "银古路街道", file: "银古路街道政府信息公开年报附表.xlsx",
			about: "表在「附表」工作表；标题无单位，「填报单位：银古路街道办事处  统计年度：2018年」一行；主动公开规范性文件 3 条，多于制发的 2 件（提示）",
			want:  []string{"consistency"},
			data: figures(`1.1=193 1.1.1=3 1.1.2=2 1.2.2=193 1.2.3=77 1.2.4=139 1.2.5=38
				2.1=2 2.2.1=1 2.2.1.1=1 2.2.3=4 2.2.4=31 2.2.5=13
				3.1.1=5 3.1.3=3 3.2.1=8 3.3.1=2 3.3.2=4 3.3.3=1 3.3.5=1
				8.1=1 8.2=2 8.3.2=3 8.4=1 9.1=3 9.2=2 9.3=35`),
			edits: []edit{
				onSheet("附表"),
				titled("政府信息公开情况统计表", "填报单位：银古路街道办事处        统计年度：2018年"),
			}},
		{unit: "胜利街街道", file: "胜利街街道.xlsx",
			about: "第一个工作表 Sheet1 空着，表在 Sheet2；合计漏填：从事政府信息公开工作人员数空着，专职 1 + 兼职 2 = 3",
			want:  []string{"blank", "sum"},
			data: figures(`1.1=178 1.1.1=1 1.1.2=1 1.2.2=178 1.2.3=69 1.2.4=126 1.2.5=42
				2.1=2 2.2.1=1 2.2.3=3 2.2.4=27 2.2.5=12
				3.1.1=3 3.1.3=3 3.2.1=6 3.3.1=2 3.3.2=3 3.3.6=1 5.1=1
				6=1 8.1=1 8.2=2 8.3.1=1 8.3.2=2 8.4=0.9 9.1=3 9.2=1 9.3=30`),
			edits: []edit{onSheet("Sheet2", cover{name: "Sheet1"}), leftBlank("8.3")}},
		{unit: "丽景街街道", file: "丽景街街道统计表2019.1.10.xlsx",
			about: "所有数都存为文本（先把列设成了文本格式）；文件名带报送日期；申请办结 5 件多于收到 4 件（上年结转，提示）",
			want:  []string{"consistency"},
			data: figures(`1.1=142 1.1.2=1 1.2.2=142 1.2.3=55 1.2.4=91 1.2.5=27
				2.1=1 2.2.3=2 2.2.4=18 2.2.5=7
				3.1.1=2 3.1.3=2 3.2.1=4 3.2.2=1 3.3.1=1 3.3.2=3 3.3.6=1
				8.1=1 8.2=1 8.3.2=2 8.4=0.3 9.1=2 9.2=1 9.3=19`),
			edits: []edit{allText}},
		{unit: "星河街街道", file: "星河街街道.xlsx",
			about: "数后带单位、带空格（118条、118 条、84条、12人次），表下有填表人、联系电话",
			data: figures(`1.1=118 1.2.2=118 1.2.4=84 1.2.5=21
				2.1=1 2.2.4=12 2.2.5=5
				3.1.1=1 3.1.3=1 3.2.1=2 3.3.2=1 3.3.6=1
				8.1=1 8.2=1 8.3.2=2 8.4=0.2 9.1=2 9.2=1 9.3=12`),
			edits: []edit{
				textAs(map[string]string{"1.1": "%s条", "1.2.2": "%s 条", "1.2.4": "%s条", "9.3": "%s人次"}),
				noted("填表人：马丽    联系电话：0951-5102246"),
			}},
	},
}

// jinfeng is five units of 银川市金凤区, all clean, for consolidating districts
// into a city.
var jinfeng = district{
	name: "金凤区", folder: "金凤区2018",
	note: "Five units of 银川市金凤区 for 2018, each with its own figures in its own layout, all clean: " +
		"a second district for consolidating districts into a city. No roster; `totals` in expect.json.",
	units: []unitCase{
		{unit: "良田镇", file: "良田镇2018年统计表.xlsx",
			about: "按样表版式填写，全部规则通过",
			data: figures(`1.1=214 1.1.1=2 1.1.2=3 1.2.2=214 1.2.3=88 1.2.4=162 1.2.5=57
				2.1=3 2.2.1=1 2.2.3=5 2.2.4=36 2.2.5=14
				3.1.1=5 3.1.3=3 3.2.1=8 3.3.1=2 3.3.2=4 3.3.3=1 3.3.6=1
				6=1 8.1=1 8.2=2 8.3.1=1 8.3.2=2 8.4=1.3 9.1=4 9.2=2 9.3=46`)},
		{unit: "丰登镇", file: "丰登镇政府信息公开情况统计表.xlsx",
			about: "标题无单位，「填报单位：金凤区丰登镇人民政府」一行；合计行为 SUM 公式",
			data: figures(`1.1=163 1.1.1=1 1.1.2=2 1.2.2=160 1.2.3=49 1.2.4=117 1.2.5=35
				2.1=2 2.2.3=3 2.2.4=24 2.2.5=9
				3.1.1=3 3.1.3=1 3.2.1=4 3.3.1=1 3.3.2=2 3.3.5=1
				8.1=1 8.2=1 8.3.2=2 8.4=0.7 9.1=3 9.2=1 9.3=21`),
			edits: []edit{titled("2018年度政府信息公开情况统计表", "填报单位：金凤区丰登镇人民政府"), sums}},
		{unit: "满城北街街道", file: "03 满城北街街道.xlsx",
			about: "封面在前，表在「统计表」；编号单独成列",
			data: figures(`1.1=247 1.1.1=3 1.1.2=4 1.2.2=247 1.2.3=112 1.2.4=183 1.2.5=48
				2.1=4 2.2.1=2 2.2.1.1=1 2.2.2=1 2.2.3=7 2.2.4=45 2.2.5=17
				3.1.1=8 3.1.3=6 3.1.4=1 3.2.1=14 3.2.2=1
				3.3.1=4 3.3.2=7 3.3.3=1 3.3.4.3=1 3.3.5=1 3.3.6=1 4.1=1
				6=2 8.1=1 8.2=3 8.3.1=1 8.3.2=3 8.4=2.2 9.1=5 9.2=2 9.3=63`),
			edits: []edit{
				onSheet("统计表", cover{name: "封面", lines: []string{
					"银川市金凤区满城北街街道办事处", "2018年政府信息公开工作年度报告", "附表：政府信息公开情况统计表"}}),
				numbered,
			}},
		{unit: "黄河东路街道", file: "黄河东路街道办事处2018年度统计表.xlsm",
			about: "启用宏的 .xlsm（无宏）；带换行的标签占两行（纵向合并），数值列表头「数量」",
			data: figures(`1.1=189 1.1.1=2 1.1.2=2 1.2.2=189 1.2.3=76 1.2.4=140 1.2.5=31
				2.1=2 2.2.1=1 2.2.3=4 2.2.4=30 2.2.5=11
				3.1.1=4 3.1.3=5 3.2.1=9 3.3.1=3 3.3.2=4 3.3.3=1 3.3.6=1
				6=1 8.1=1 8.2=2 8.3.2=3 8.4=1.1 9.1=3 9.2=2 9.3=38`),
			edits: []edit{tallRows, valueHeader("数量")}},
		{unit: "北京中路街道", file: "北京中路街道.xlsx",
			about: "表格从 C2 开始，标题后空一行；没有单位列；年度写作「二〇一八年」",
			data: figures(`1.1=205 1.1.1=1 1.1.2=3 1.2.2=205 1.2.3=95 1.2.4=158 1.2.5=40
				2.1=3 2.2.1=1 2.2.1.1=1 2.2.3=6 2.2.4=37 2.2.5=13
				3.1.1=6 3.1.3=5 3.1.4=1 3.2.1=11 3.2.2=1 3.3.1=3 3.3.2=6 3.3.3=1 3.3.5=1 3.3.6=1 5.3=1
				6=1 8.1=1 8.2=2 8.3.1=1 8.3.2=2 8.4=1.7 9.1=4 9.2=2 9.3=52`),
			edits: []edit{
				titled("银川市金凤区北京中路街道二〇一八年度政府信息公开情况统计表"),
				placedAt(3, 2, 1), withoutUnits,
			}},
	},
}
