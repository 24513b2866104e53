package main

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"
)

// title is the usual title line: 银川市兴庆区大新镇 2018 年度政府信息公开情况统计表.
func title(district, unit, year string) string {
	return "银川市" + district + unit + " " + year + " 年度政府信息公开情况统计表"
}

// town returns a unit's workbook laid out as the seed is: one title line, the
// header repeated at the seed's page breaks, the seed's labels and units.
func town(district, unit string, data dataset) workbook {
	return workbook{
		file: unit + ".xlsx", unit: unit, year: 2018, data: data,
		layout: layout{
			sheet:  "Sheet1",
			titles: []string{title(district, unit, "2018")},
			header: header,
			breaks: seedBreaks,
		},
	}
}

// seedBook is the seed report's table exactly as the seed prints it.
func seedBook() workbook {
	w := town("兴庆区", "掌政镇", seedData)
	w.about = "样表原样：掌政镇 2018 年报所附统计表（标签换行、单位、表头在分页处重复三次），无任何提示"
	return w
}

// variation is one validate/ case: a unit, what it exercises, the finding kinds
// it is meant to produce, and how it differs from the unit's default workbook
// (base figures, seed layout).
type variation struct {
	district, unit string
	about          string
	want           []string
	edit           func(w *workbook)
}

var validateCases = []variation{
	{district: "兴庆区", unit: "大新镇",
		about: "按样表版式填写的基础数据（各节均有数），全部规则通过，连提示也没有"},
	{district: "兴庆区", unit: "通贵乡",
		about: "标题无单位，单位只在「填报单位：通贵乡人民政府」一行；表下有填表人、联系电话、审核人、填报日期（2019年）",
		edit: func(w *workbook) {
			w.titles = []string{"2018 年度政府信息公开情况统计表", "填报单位：通贵乡人民政府"}
			w.notes = []string{"填表人：马晓燕        联系电话：0951-6891203", "审核人：杨建军", "填报日期：2019年1月14日"}
		}},
	{district: "兴庆区", unit: "月牙湖乡",
		about: "标题既无单位也无年度，单位和年度只在文件名「月牙湖乡2018年统计表」中",
		edit: func(w *workbook) {
			w.file = "月牙湖乡2018年统计表.xlsx"
			w.titles = []string{"政府信息公开情况统计表"}
		}},
	{district: "兴庆区", unit: "凤凰北街街道",
		about: "表格不在 A1：两行标题在 C3、C4，空一行，表头在 C6",
		edit: func(w *workbook) {
			w.col, w.top, w.gap = 3, 3, 1
			w.titles = []string{"银川市兴庆区凤凰北街街道", "2018 年度政府信息公开情况统计表"}
		}},
	{district: "兴庆区", unit: "银古路街道",
		about: "第一个工作表是「封面」，统计表在第二个工作表「统计表」",
		edit: func(w *workbook) {
			w.before = []cover{{name: "封面", lines: []string{
				"银川市兴庆区银古路街道办事处", "2018年政府信息公开工作年度报告", "附表：政府信息公开情况统计表", "报送日期：2019年1月"}}}
			w.sheet = "统计表"
		}},
	{district: "兴庆区", unit: "胜利街街道",
		about: "第一个工作表 Sheet1 是空的，表在 Sheet2；年度写作「二〇一八年」",
		edit: func(w *workbook) {
			w.before = []cover{{name: "Sheet1"}}
			w.sheet = "Sheet2"
			w.titles = []string{"银川市兴庆区胜利街街道二〇一八年度政府信息公开情况统计表"}
		}},
	{district: "兴庆区", unit: "解放西街街道",
		about: "标签不规范：全角括号、半角冒号、多余或缺少空格、换行位置不同、「1、」式编号，表头字间有空格",
		edit: func(w *workbook) {
			w.header = [3]string{"统 计 指 标", "单 位", "统 计 数"}
			w.labels = messyLabels
		}},
	{district: "兴庆区", unit: "文化街街道",
		about: "编号单独成列：A 列「(一)」，B 列「主动公开政府信息数」，共四列",
		edit:  func(w *workbook) { w.numbering = true }},
	{district: "兴庆区", unit: "富宁街街道",
		about: "带换行的标签占两行（标签、单位、数值单元格纵向合并，数在上格），标题行与分节行横向合并；数值列表头为「数量」",
		edit: func(w *workbook) {
			w.tall = true
			w.header[2] = "数量"
		}},
	{district: "兴庆区", unit: "新华街街道",
		about: "没有单位列，只有「统计指标」和「2018年」两列",
		edit: func(w *workbook) {
			w.noUnit = true
			w.header[2] = "2018年"
		}},
	{district: "兴庆区", unit: "前进街街道",
		about: "零值一律留空：每个空格一条 blank 提示，按 0 参与校验",
		want:  []string{"blank"},
		edit:  func(w *workbook) { zeros(w, func(int) content { return emptyCell }) }},
	{district: "兴庆区", unit: "丽景街街道",
		about: "零值写作「—」「-」「/」「无」，均读作 0，不提示",
		edit: func(w *workbook) {
			zeros(w, func(i int) content { return text(zeroWords[i%len(zeroWords)]) })
		}},
	{district: "金凤区", unit: "良田镇",
		about: "数字存为文本：千分位（1,236 和全角逗号 1，236）、前后空格、全角数字、带单位（310条、41次、36人次）、Word 粘贴的换行",
		edit: func(w *workbook) {
			for code, lit := range map[string]string{"1.1": "1236", "1.2.2": "1236", "1.2.3": "740", "1.2.4": "1050", "1.2.5": "310"} {
				w.data.set(code, lit)
			}
			w.cells = map[string]content{
				"1.1":   text("1,236"),
				"1.2.2": text("1，236"),
				"1.2.3": text(" 740 "),
				"1.2.4": text("１０５０"),
				"1.2.5": text("310条"),
				"2.1":   asText(w, "2.1", "\n%s"),
				"2.2.4": asText(w, "2.2.4", "%s次"),
				"3.1":   text("１２"),
				"8.4":   asText(w, "8.4", " %s"),
				"9.3":   asText(w, "9.3", "%s人次"),
			}
		}},
	{district: "金凤区", unit: "丰登镇",
		about: "各合计行是 SUM 公式（LibreOffice 计算并缓存结果），数值单元格格式为 #,##0.00",
		edit: func(w *workbook) {
			w.cells = sumFormulas()
			w.numFmt = "#,##0.00"
		}},
	{district: "金凤区", unit: "黄河东路街道",
		about: "公式出错：三(一)收到申请数 =SUM(#REF!)（引用的行被删），八(四)专项经费 =AVERAGE 空区域得 #DIV/0!；相关求和与比较跳过",
		want:  []string{"formula-error"},
		edit: func(w *workbook) {
			w.cells = map[string]content{"3.1": formula("SUM(#REF!)"), "8.4": formula("AVERAGE(H{row}:K{row})")}
		}},
	{district: "金凤区", unit: "北京中路街道",
		about: "万元行的小数：七 = 0.1，八(四) = 公式 =0.1+0.2，须精确读作 0.3",
		edit: func(w *workbook) {
			w.data.set("7", "0.1")
			w.data.set("8.4", "0.3")
			w.cells = map[string]content{"8.4": formula("0.1+0.2")}
		}},
	{district: "金凤区", unit: "满城北街街道",
		about: "行序不同：五、行政诉讼在四、行政复议之前（两节都有「(二) 被依法纠错数」「(三) 其他情形数」），两节数值不同",
		edit: func(w *workbook) {
			w.data.set("4", "2")
			w.data.set("4.2", "1")
			w.order = moveBefore(seedOrder(), []string{"5", "5.1", "5.2", "5.3"}, "4")
		}},
	{district: "西夏区", unit: "镇北堡镇",
		about: "删去「2.传真申请数」一行：missing-row，三(一)的求和校验因缺行跳过",
		want:  []string{"missing-row"},
		edit:  func(w *workbook) { w.drop = []string{"3.1.2"} }},
	{district: "西夏区", unit: "贺兰山西路街道",
		about: "LibreOffice 另存的 .xlsm（启用宏的工作簿格式，无宏）",
		edit:  func(w *workbook) { w.file = "贺兰山西路街道.xlsm" }},
	{district: "西夏区", unit: "朔方路街道",
		about: "LibreOffice 另存的旧版 .xls（Excel 97），合计行为 SUM 公式：须经转换读取",
		want:  []string{"converted"},
		edit: func(w *workbook) {
			w.file = "朔方路街道.xls"
			w.cells = sumFormulas()
		}},
	{district: "西夏区", unit: "宁华路街道",
		about: "LibreOffice 原生 .ods：须经转换读取",
		want:  []string{"converted"},
		edit:  func(w *workbook) { w.file = "宁华路街道.ods" }},
	{district: "西夏区", unit: "文昌路街道",
		about: "求和不符：三(一)收到申请数写 13，四个分项合计 12",
		want:  []string{"sum"},
		edit:  func(w *workbook) { w.data.set("3.1", "13") }},
	{district: "西夏区", unit: "北京西路街道",
		about: "其中项超过总数：主要负责同志参加新闻发布会 4 次，发布会总次数 3",
		want:  []string{"of-which"},
		edit:  func(w *workbook) { w.data.set("2.2.1.1", "4") }},
	{district: "永宁县", unit: "杨和镇",
		about: "渠道数超过总数：政务微博公开信息数比主动公开政府信息数多 14 条",
		want:  []string{"bound"},
		edit: func(w *workbook) {
			w.data["1.2.3"] = w.data["1.1"]
			w.data.add("1.2.3", 14)
		}},
	{district: "永宁县", unit: "李俊镇",
		about: "各渠道公开数之和 170 小于主动公开政府信息数（提示）",
		want:  []string{"bound"},
		edit: func(w *workbook) {
			for code, lit := range map[string]string{"1.2.2": "120", "1.2.3": "30", "1.2.4": "20", "1.2.5": "0"} {
				w.data.set(code, lit)
			}
		}},
	{district: "永宁县", unit: "望远镇",
		about: "主动公开规范性文件 9 条，多于制发规范性文件总数 6 件（提示）",
		want:  []string{"consistency"},
		edit:  func(w *workbook) { w.data.set("1.1.1", "9") }},
	{district: "永宁县", unit: "闽宁镇",
		about: "申请答复数 10 与申请办结数 11 不等（提示）；答复数本身与分项相符",
		want:  []string{"consistency"},
		edit: func(w *workbook) {
			w.data.set("3.3.2", "3")
			w.data.set("3.3", "10")
		}},
	{district: "永宁县", unit: "胜利乡",
		about: "申请办结数 13 大于收到申请数 12（上年结转，提示）；答复数与办结数相等",
		want:  []string{"consistency"},
		edit: func(w *workbook) {
			w.data.set("3.2.1", "12")
			w.data.set("3.2", "13")
			w.data.set("3.3.2", "6")
			w.data.set("3.3", "13")
		}},
	{district: "贺兰县", unit: "习岗镇",
		about: "举办培训班 2 次，接受培训只有 1 人次（提示）",
		want:  []string{"consistency"},
		edit:  func(w *workbook) { w.data.set("9.3", "1") }},
	{district: "贺兰县", unit: "金贵镇",
		about: "负数：举报投诉数量写 -2",
		want:  []string{"negative"},
		edit:  func(w *workbook) { w.data.set("6", "-2") }},
	{district: "贺兰县", unit: "立岗镇",
		about: "计数行出现小数：召开会议数 2.5",
		want:  []string{"non-integer"},
		edit:  func(w *workbook) { w.data.set("9.1", "2.5") }},
	{district: "贺兰县", unit: "洪广镇",
		about: "不是数字：政策解读稿件发布数写「见附件」，举报投诉数量写「约10」",
		want:  []string{"not-a-number"},
		edit: func(w *workbook) {
			w.cells = map[string]content{"2.2.3": text("见附件"), "6": text("约10")}
		}},
	{district: "贺兰县", unit: "常信乡",
		about: "单位写错：政府网站公开政府信息数的单位写成「个」（应为条，提示）",
		want:  []string{"unit"},
		edit:  func(w *workbook) { w.units = map[string]string{"1.2.2": "个"} }},
	{district: "兴庆区", unit: "玉皇阁北街街道",
		about: "万元行写成元：专项经费单位「元」、数值 15000：按元换算为 1.5 万元计入，单位警告",
		want:  []string{"unit"},
		edit: func(w *workbook) {
			w.units = map[string]string{"8.4": "元"}
			w.data.set("8.4", "15000")
		}},
	{district: "兴庆区", unit: "中山南街街道",
		about: "多出一行：在「5.其他方式公开政府信息数」后自加「6.其他公开方式数」并填 12",
		want:  []string{"extra-row"},
		edit: func(w *workbook) {
			w.extra = []extraRow{{after: "1.2.5", label: "6.其他公开方式数", unit: "条", value: "12"}}
		}},
	{district: "兴庆区", unit: "兴庆区",
		about: "不是本表：2018 年财政预算执行情况表，标签完全不同（schema）",
		want:  []string{"schema"},
		edit: func(w *workbook) {
			w.file = "财政预算执行表.xlsx"
			w.foreign = budgetTable
		}},
}

// validateBooks builds the validate/ workbooks. Case i starts from the base
// figures shifted by i+1, so no two workbooks have the same figures.
func validateBooks() []workbook {
	books := make([]workbook, len(validateCases))
	for i, v := range validateCases {
		w := town(v.district, v.unit, baseData.shifted(i+1))
		w.about, w.want = v.about, v.want
		if v.edit != nil {
			v.edit(&w)
		}
		books[i] = w
	}
	return books
}

// messyLabels are labels as a clerk retypes them.
var messyLabels = map[string]string{
	"1.1":     "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
	"1.1.1":   "其中:主动公开规范性文件数",
	"1.1.2":   "制发规范性文件  总数",
	"1.2":     "（二）通过不同渠道和方式公开政府信息的情况",
	"1.2.1":   "1、政府公报公开政府信息数",
	"1.2.2":   "2. 政府网站公开政府  信息数",
	"2.1":     "（一）回应公众关注热点或重大舆情数\n（不同方式回应同一热点或舆情计1次）",
	"2.2.1.1": "其中： 主要负责同志参加新闻发布会次数",
	"2.2.2.1": "其中：主要负责同志参加政府网站在线访谈次数",
	"2.2.3":   "3.政策解读\n稿件发布数",
	"3.1":     "（一）收到申请数",
	"3.3.4.1": "其中:涉及国家秘密",
	"3.3.4.4": "危及国家安全、公共安全、经济安全和社会稳定",
	"4":       "四、行政复议数量 ",
	"5.1":     "（一）维持具体行政行为或者驳回原告诉讼请求数",
	"8.3.1":   "1.专职人员数（不包括政府公报及政府网站工作人员数）",
	"8.4":     "（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面经费）",
	"9.3":     "（三）接受培训人员数",
}

// zeros rewrites every value cell holding 0, and not written otherwise
// already, with the content pick gives it.
func zeros(w *workbook, pick func(i int) content) {
	i := 0
	for _, code := range valueCodes() {
		if _, set := w.cells[code]; !set && w.data[code].Sign() == 0 {
			w.setCell(code, pick(i))
			i++
		}
	}
}

// asText writes a row's figure as text through a format such as "%s次".
func asText(w *workbook, code, format string) content {
	return text(fmt.Sprintf(format, fmtDec(w.data[code])))
}

// sumFormulas makes every total a SUM formula.
func sumFormulas() map[string]content {
	cells := map[string]content{}
	for _, t := range sumTotals {
		cells[t] = sumFormula
	}
	return cells
}

// moveBefore moves block (consecutive codes) in front of code.
func moveBefore(order, block []string, code string) []string {
	rest := slices.DeleteFunc(slices.Clone(order), func(c string) bool { return slices.Contains(block, c) })
	i := slices.Index(rest, code)
	return slices.Insert(rest, i, block...)
}

// budgetTable writes a 2018 budget execution table: a real-looking workbook of
// another kind, which matches no schema.
func budgetTable(f *excelize.File) error {
	const sheet = "Sheet1"
	lines := []struct {
		label string
		nums  []int // 预算数, 调整预算数, 执行数; nil for a total
		parts int   // for a total: how many rows below it add up to it
	}{
		{"一、一般公共预算收入", nil, 2},
		{"  1.税收收入", []int{265300, 270000, 279412}, 0},
		{"  2.非税收入", []int{46700, 48500, 46394}, 0},
		{"二、一般公共预算支出", nil, 7},
		{"  1.一般公共服务支出", []int{48200, 51000, 49876}, 0},
		{"  2.公共安全支出", []int{21300, 22100, 21958}, 0},
		{"  3.教育支出", []int{98600, 103400, 101235}, 0},
		{"  4.社会保障和就业支出", []int{76500, 80200, 79644}, 0},
		{"  5.农林水支出", []int{35800, 38700, 37962}, 0},
		{"  6.城乡社区支出", []int{168400, 175200, 171030}, 0},
		{"  7.其他支出", []int{37700, 41700, 41482}, 0},
		{"三、政府性基金预算收入", []int{84000, 91500, 88327}, 0},
		{"四、政府性基金预算支出", []int{83600, 90800, 86915}, 0},
	}
	cells := [][2]string{
		{"A1", "兴庆区 2018 年财政预算执行情况表"}, {"E2", "单位：万元"},
		{"A3", "项目"}, {"B3", "预算数"}, {"C3", "调整预算数"}, {"D3", "执行数"}, {"E3", "执行率（%）"},
	}
	for _, c := range cells {
		if err := f.SetCellStr(sheet, c[0], c[1]); err != nil {
			return err
		}
	}
	if err := f.MergeCell(sheet, "A1", "E1"); err != nil {
		return err
	}
	for i, l := range lines {
		r := 4 + i
		if err := f.SetCellStr(sheet, cellName(1, r), l.label); err != nil {
			return err
		}
		for j := range 3 {
			ref := cellName(2+j, r)
			var err error
			if l.nums == nil {
				col, _ := excelize.ColumnNumberToName(2 + j)
				err = f.SetCellFormula(sheet, ref, fmt.Sprintf("SUM(%s%d:%s%d)", col, r+1, col, r+l.parts))
			} else {
				err = f.SetCellInt(sheet, ref, int64(l.nums[j]))
			}
			if err != nil {
				return err
			}
		}
		if err := f.SetCellFormula(sheet, cellName(5, r), fmt.Sprintf("ROUND(D%d/C%d*100,1)", r, r)); err != nil {
			return err
		}
	}
	return f.SetColWidth(sheet, "A", "A", 28)
}
