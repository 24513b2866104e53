package main

import "strconv"

// The matrix/ folders: districts whose units report in the 2019 and 2021
// formats (sections 二, 三 and 四 of the annual report), many with figures
// taken from published reports (testdata/matrix/SOURCES.md says which).

// mdistrict is one folder under matrix/ (or previous/): a district's units,
// one workbook each.
type mdistrict struct {
	name   string // 沭阳县
	folder string // the folder under matrix/ (or previous/)
	year   int
	note   string
	roster []string
	units  []munit
}

// munit is one unit's workbook.
type munit struct {
	unit, file, about string
	source            string // where the figures come from (SOURCES.md; matrix/ only)
	format            *mformat
	data              string // figures, see mfigures
	want              []string
	edits             []edit
}

// books builds the district's workbooks: each starts as one sheet holding the
// three sections under the template's headings, titled with the unit and
// year, and takes its edits.
func (d mdistrict) books() []workbook {
	books := make([]workbook, len(d.units))
	for i, u := range d.units {
		w := workbook{file: u.file, about: u.about, unit: u.unit, year: d.year, want: u.want,
			layout: layout{sheet: "Sheet1", titles: []string{d.title(u.unit)}},
			matrix: &mcase{format: u.format, cells: mfigures(u.format, u.data)}}
		for _, e := range u.edits {
			e(&w)
		}
		books[i] = w
	}
	return books
}

// title is the usual title line: 沭阳县沭城街道2021年政府信息公开工作年度报告.
func (d mdistrict) title(unit string) string {
	return d.name + unit + strconv.Itoa(d.year) + "年政府信息公开工作年度报告"
}

// matrixFolders are the matrix/ folders.
func matrixFolders() []folder { return mfolders("matrix", mdistricts) }

// mfolders are the folders of these districts under parent.
func mfolders(parent string, ds []mdistrict) []folder {
	out := make([]folder, len(ds))
	for i, d := range ds {
		out[i] = folder{name: parent + "/" + d.folder, note: d.note, books: d.books,
			roster: d.roster, cross: true, totals: true}
	}
	return out
}

var mdistricts = []mdistrict{shuyang2021, pingtan2020, shuyangMixed, pingtanAgencies}

// shuyang2021 is six units of 沭阳县 (宿迁市, 江苏) reporting for 2021 in the
// 2021 format.
var shuyang2021 = mdistrict{
	name: "沭阳县", folder: "2021", year: 2021,
	note: "Six units of 沭阳县 reporting for 2021 in the 2021 format (国办公开办函〔2021〕30号), one workbook each, " +
		"in varied layouts; most carry the figures of a published report (see `matrix/SOURCES.md`). " +
		"Three carry errors: 沭城街道 and 颜集镇 leave 总计 cells empty as the published tables they come from do, " +
		"南湖街道 has a planted typo. `roster.txt` lists the six units; `totals` in expect.json.",
	roster: []string{
		"# 沭阳县 2021 年度政府信息公开工作年度报告统计表报送名单",
		"沭城街道办事处", "南湖街道", "章集街道", "十字街道办事处", "颜集镇", "胡集镇",
	},
	units: []munit{
		{unit: "沭城街道", file: "沭城街道2021年政府信息公开年报统计表.xlsx", format: format2021,
			source: "上海市科学技术委员会 2024 年报（表格原样，含「四、结转下年度继续办理」总计空格）",
			about:  "三节在同一工作表上下排列（样表版式）；「四、结转下年度继续办理」自然人 1、总计空着：该行总计不符，总计列 一+二=36 ≠ 总计+四=35",
			want:   []string{"blank", "sum"},
			data: `2.1.2: 13 0 55
				2.5.1: 97
				3.1: 32 2 0 0 0 0 34
				3.2: 2 0 0 0 0 0 2
				3.3.1: 9 0 0 0 0 0 9
				3.3.3.5: 1 0 0 0 0 0 1
				3.3.3.6: 1 0 0 0 0 0 1
				3.3.4.1: 4 0 0 0 0 0 4
				3.3.4.2: 6 0 0 0 0 0 6
				3.3.6.1: 8 2 0 0 0 0 10
				3.3.6.3: 4 0 0 0 0 0 4
				3.3.7: 33 2 0 0 0 0 35
				3.4: 1 0 0 0 0 0 _
				4: 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0`,
			edits: []edit{noted("填表人：周敏    联系电话：0527-83521076", "填报日期：2022年1月18日")}},
		{unit: "南湖街道", file: "南湖街道.xlsx", format: format2021,
			source: "沭阳县人民政府 2025 年报，改一个数：本年新收 自然人 705 → 750",
			about:  "三节分在「表一」「表二」「表三」三个工作表；申请人标签折行（商业\\n企业）；本年新收 自然人 705 错打成 750：该行总计不符，自然人列 一+二 ≠ 总计+四",
			want:   []string{"sum"},
			data: `2.1.2: 6 1 32
				2.5.1: 517645
				2.6.1: 693957
				2.6.2: 2154
				2.8.1: 4068.208
				3.1: 705 3 0 0 5 0 713
				3.2: 36 0 0 0 0 0 36
				3.3.1: 290 1 0 0 3 0 294
				3.3.2: 99 0 0 0 2 0 101
				3.3.3.3: 2 0 0 0 0 0 2
				3.3.3.4: 2 0 0 0 0 0 2
				3.3.3.5: 13 0 0 0 0 0 13
				3.3.3.6: 2 0 0 0 0 0 2
				3.3.3.7: 4 0 0 0 0 0 4
				3.3.3.8: 9 0 0 0 0 0 9
				3.3.4.1: 111 0 0 0 0 0 111
				3.3.4.2: 2 0 0 0 0 0 2
				3.3.5.1: 12 0 0 0 0 0 12
				3.3.5.2: 6 1 0 0 0 0 7
				3.3.6.1: 9 0 0 0 0 0 9
				3.3.6.2: 7 0 0 0 0 0 7
				3.3.6.3: 142 1 0 0 0 0 143
				3.3.7: 710 3 0 0 5 0 718
				3.4: 31 0 0 0 0 0 31
				4: 27 10 9 15 61 3 0 0 0 3 8 0 1 1 10`,
			edits: []edit{
				onSheets("表一", "表二", "表三"), brokenHeads, mistyped("3.1@natural", "750"),
				titled("南湖街道2021年度政府信息公开工作年度报告统计表"),
			}},
		{unit: "章集街道", file: "章集街道办事处.xlsx", format: format2021,
			source: "上海市人民政府办公厅 2025 年报（三、四节）；二节为编造",
			about:  "表格从 B2 开始；单列的块（行政许可等）数值横跨三列合并；四节只有两行表头（行政复议｜未经复议直接起诉｜复议后起诉）",
			data: `2.1.2: 2 1 14
				2.5.1: 36
				2.6.1: 12
				3.1: 1259 36 0 0 0 0 1295
				3.2: 170 15 0 0 4 0 189
				3.3.1: 201 5 0 0 0 0 206
				3.3.2: 2 0 0 0 0 0 2
				3.3.3.1: 4 0 0 0 0 0 4
				3.3.3.3: 1 0 0 0 0 0 1
				3.3.3.5: 8 0 0 0 1 0 9
				3.3.3.6: 1 0 0 0 0 0 1
				3.3.3.8: 5 0 0 0 0 0 5
				3.3.4.1: 484 28 0 0 1 0 513
				3.3.4.2: 47 1 0 0 0 0 48
				3.3.4.3: 3 0 0 0 0 0 3
				3.3.5.1: 61 1 0 0 0 0 62
				3.3.5.2: 16 0 0 0 0 0 16
				3.3.5.3: 1 0 0 0 0 0 1
				3.3.5.4: 1 0 0 0 0 0 1
				3.3.6.1: 40 1 0 0 2 0 43
				3.3.6.3: 264 12 0 0 0 0 276
				3.3.7: 1139 48 0 0 4 0 1191
				3.4: 290 3 0 0 0 0 293
				4: 40 0 10 5 55 2 0 4 6 12 6 0 9 7 22`,
			edits: []edit{
				placedAt(2, 2, 1), spanOne, twoRowReview,
				titled("沭阳县章集街道办事处", "2021年政府信息公开工作年度报告统计表"),
			}},
		{unit: "十字街道", file: "十字街道政府信息公开年报.xlsx", format: format2021,
			source: "武汉市汉阳区人民政府办公室 2022 年报（二节原样；三节按表格和正文；四节未见，按 0）",
			about:  "三节分在 Sheet1、Sheet2、Sheet3；四节标题错字「行政法复议」；现行有效件数表头带注「（历史累计）」，规章的现行有效件数空着",
			want:   []string{"blank"},
			data: `2.1.1: 0 0 _
				2.1.2: 5 12 8
				3.1: 8 0 0 0 0 0 8
				3.3.1: 2 0 0 0 0 0 2
				3.3.2: 2 0 0 0 0 0 2
				3.3.3.6: 1 0 0 0 0 0 1
				3.3.4.1: 2 0 0 0 0 0 2
				3.3.6.3: 1 0 0 0 0 0 1`,
			edits: []edit{
				onSheets("Sheet1", "Sheet2", "Sheet3"),
				headingOf("四", "四、政府信息公开行政法复议、行政诉讼情况"),
				colLabeled("valid", "现行有效件数（历史累计）"),
			}},
		{unit: "颜集镇", file: "颜集镇2021年报附表.xlsx", format: format2021,
			source: "长春市二道区房屋征收工作管理办公室 2022 年报（表格前几行原样：新收 56、予以公开 18 且总计空着、零值留空、两处错字）；其余为编造",
			about:  "三节零值一律留空；各办理结果行只填自然人、总计空着（该行总计不符），只有（七）总计填了 56（总计列的（七）总计与各行不符）；标签错字「三类内容事务信息」「只计这一情况」",
			want:   []string{"blank", "sum"},
			data: `3.1: 56 _ _ _ _ _ 56
				3.2: _ _ _ _ _ _ _
				3.3.1: 18 _ _ _ _ _ _
				3.3.4.1: 20 _ _ _ _ _ _
				3.3.5.1: 8 _ _ _ _ _ _
				3.3.5.2: 4 _ _ _ _ _ _
				3.3.6.3: 6 _ _ _ _ _ _
				3.3.7: 56 _ _ _ _ _ 56
				3.4: _ _ _ _ _ _ _`,
			edits: []edit{
				blankZerosIn("三"),
				relabeled("3.3.2", "（二）部分公开（区分处理的，只计这一情况，不计其他情形）"),
				relabeled("3.3.3.5", "5.属于三类内容事务信息"),
				titled("颜集镇2021年政府信息公开工作年度报告", "（附表）"),
			}},
		{unit: "胡集镇", file: "胡集镇.xlsx", format: format2021,
			source: "编造",
			about:  "封面在前，三节分在「主动公开」「依申请公开」「复议诉讼」三个工作表；本年收费金额 3.105862 万元（6 位小数）；申请人标签折行",
			data: `2.1.2: 1 0 3
				2.5.1: 214
				2.6.1: 37
				2.6.2: 2
				2.8.1: 3.105862
				3.1: 5 1 0 0 0 0
				3.2: 1 0 0 0 0 0
				3.3.1: 2 1 0 0 0 0
				3.3.2: 1 0 0 0 0 0
				3.3.4.1: 2 0 0 0 0 0
				4: 1 0 0 0 0 0 0 0 0 0 0 0`,
			edits: []edit{
				onSheets("主动公开", "依申请公开", "复议诉讼"), brokenHeads,
				func(w *workbook) {
					w.before = []cover{{name: "封面", lines: []string{"沭阳县胡集镇人民政府", "2021年政府信息公开工作年度报告", "二〇二二年一月"}}}
				},
			}},
	},
}

// pingtan2020 is four units of 平潭综合实验区 (福建) reporting for 2020 in the
// 2019 format.
var pingtan2020 = mdistrict{
	name: "平潭综合实验区", folder: "2019", year: 2020,
	note: "Four units of 平潭综合实验区 reporting for 2020 in the 2019 format (国办公开办函〔2019〕60号): " +
		"本年增/减 with negative numbers and a +19, 采购总金额 with 元 after it; one carries a published table with every zero " +
		"and most 总计 cells left blank, one a soft-check warning. `roster.txt` lists the four units; `totals` in expect.json.",
	roster: []string{"潭城镇", "苏澳镇", "流水镇", "澳前镇"},
	units: []munit{
		{unit: "潭城镇", file: "潭城镇2020年政府信息公开工作年度报告统计表.xlsx", format: format2019,
			source: "上海市人民政府办公厅 2019 年报（表格原样：零值留空，多数办理结果行的总计空着）",
			about:  "已发布表格原样：零值留空，11 个有数的办理结果行总计空着（各行总计不符，总计列（七）总计 805 与各行不符）；采购总金额写「251000元」",
			want:   []string{"blank", "sum"},
			data: `2.1.1: 13 13 524
				2.1.2: 60 60 368
				2.9.1: 6 251000元
				3.1: 821 35 _ _ 2 1 859
				3.2: 18 _ _ _ _ _ 18
				3.3.1: 258 12 _ _ 1 1 _
				3.3.2: 3 _ _ _ _ _ _
				3.3.3.1: 14 _ _ _ _ _ _
				3.3.3.2: _ _ _ _ _ _ _
				3.3.3.3: _ _ _ _ _ _ _
				3.3.3.4: _ _ _ _ _ _ _
				3.3.3.5: 5 _ _ _ _ _ _
				3.3.3.6: 3 1 _ _ _ _ _
				3.3.3.7: _ _ _ _ _ _ _
				3.3.3.8: 10 2 _ _ _ _ _
				3.3.4.1: 252 12 _ _ 1 _ _
				3.3.4.2: 44 3 _ _ _ _ _
				3.3.4.3: 25 _ _ _ _ _ _
				3.3.5.1: 148 1 _ _ _ _ _
				3.3.5.2: 5 4 _ _ _ _ _
				3.3.5.3: _ _ _ _ _ _ _
				3.3.5.4: _ _ _ _ _ _ _
				3.3.5.5: _ _ _ _ _ _ _
				3.3.6: _ _ _ _ _ _ _
				3.3.7: 767 35 _ _ 2 1 805
				3.4: 72 _ _ _ _ _ 72
				4: 5 _ _ 2 7 8 _ _ 1 9 _ _ _ _ _`,
			edits: []edit{titled("潭城镇2020年政府信息公开工作年度报告")}},
		{unit: "苏澳镇", file: "苏澳镇.xlsx", format: format2019,
			source: "平潭综合实验区 2020 年报的二节数（见 shared/formats：规章 0/0/7、规范性文件新公开 77 共 166、上一年项目数 396/2648/126/35、增减 -18 和 -15、采购 73802895.90元）；其余为编造",
			about:  "三节分在三个工作表；本年增/减 -18、-15；采购总金额「73802895.90元」；表头带湖北式注释（上一年项目数量（指2019年事项数）、处理决定数量（指2020年办件量））",
			data: `2.1.1: 0 0 7
				2.1.2: 77 77 166
				2.5.1: 396 0 1245
				2.6.1: 2648 -18 356
				2.6.2: 126 0 14
				2.8.1: 35 -15
				2.9.1: 118 73802895.90元
				3.1: 47 5 0 1 2 0
				3.2: 3 0 0 0 0 0
				3.3.1: 21 2 0 0 1 0
				3.3.2: 6 1 0 0 0 0
				3.3.3.4: 2 0 0 0 0 0
				3.3.3.6: 1 0 0 0 0 0
				3.3.4.1: 11 1 0 1 1 0
				3.3.5.1: 3 0 0 0 0 0
				3.3.5.2: 2 0 0 0 0 0
				3.3.6: 1 0 0 0 0 0
				4: 3 1 0 1 2 0 1 0 1 0 0 0`,
			edits: []edit{
				onSheets("主动公开情况", "依申请公开情况", "复议诉讼情况"),
				colLabeled("previous", "上一年项目数量（指2019年事项数）"),
				colLabeled("decisions", "处理决定数量（指2020年办件量）"),
			}},
		{unit: "流水镇", file: "流水镇政府信息公开统计表.xlsx", format: format2019,
			source: "编造（采购总金额用平潭 2019 年报的「75394432.52元」）",
			about:  "表格从 B2 开始；零值一律留空；申请人标签折行；四节两行表头、标题错字「行政法复议」；本年增/减 -3 和「+2」；采购总金额「75394432.52元」；规范性文件本年新公开 12 件多于对外公开总数 9 件（提示）",
			want:   []string{"blank", "consistency"},
			data: `2.1.2: 12 12 9
				2.5.1: 41 -3 263
				2.6.1: 18 +2 47
				2.8.1: 6 0
				2.9.1: 23 75394432.52元
				3.1: 9 1 0 0 0 0
				3.3.1: 4 1 0 0 0 0
				3.3.4.1: 3 0 0 0 0 0
				3.3.5.2: 1 0 0 0 0 0
				4: 0 0 0 0 1 0 0 0 0 0 0 0`,
			edits: []edit{
				placedAt(2, 2, 0), blankZeros, brokenHeads, twoRowReview,
				headingOf("四", "四、政府信息公开行政法复议、行政诉讼情况"),
				titled("平潭综合实验区流水镇2020年政府信息公开情况统计表"),
			}},
		{unit: "澳前镇", file: "澳前镇.xlsx", format: format2019,
			source: "广州市荔湾区南源街道 2020 年报的二节前几块（行政许可 21、+19、40，其余 0）；采购和三、四节为编造",
			about:  "节标题全部省略，各表直接相连；本年增/减写「+19」（文本）；采购总金额写「56800.00元」",
			data: `2.5.1: 21 +19 40
				2.9.1: 2 56800.00元
				3.1: 3 0 0 0 0 0
				3.3.1: 2 0 0 0 0 0
				3.3.5.1: 1 0 0 0 0 0`,
			edits: []edit{
				headingOf("二", ""), headingOf("三", ""), headingOf("四", ""),
				titled("澳前镇2020年度政府信息公开工作年度报告", "填报单位：平潭综合实验区澳前镇人民政府"),
			}},
	},
}

// shuyangMixed is four other units of 沭阳县 for 2021: three in the 2021
// format, one that filled last year's template (the 2019 format).
var shuyangMixed = mdistrict{
	name: "沭阳县", folder: "mixed", year: 2021,
	note: "Four more units of 沭阳县 for 2021 (figures invented): three in the 2021 format, and 桑墟镇, which filled in " +
		"the 2019-format template. The district mixes formats: 桑墟镇 gets a `schema` warning " +
		"(`\"cell\": \"\", \"codes\": []`) and its figures stay out of `totals`, which add up the three 2021-format workbooks.",
	roster: []string{"钱集镇", "庙头镇", "韩山镇", "桑墟镇"},
	units: []munit{
		{unit: "钱集镇", file: "钱集镇.xlsx", format: format2021, source: "编造",
			about: "2021 版，三节在同一工作表（样表版式）",
			data: `2.1.2: 0 1 5
				2.5.1: 132
				2.6.1: 21
				2.8.1: 0.42
				3.1: 4 0 0 0 0 0
				3.3.1: 2 0 0 0 0 0
				3.3.4.1: 1 0 0 0 0 0
				3.3.6.3: 1 0 0 0 0 0
				4: 0 0 0 1 0 0 0 0 0 0 0 0`},
		{unit: "庙头镇", file: "庙头镇2021年报统计表.xlsx", format: format2021, source: "编造",
			about: "2021 版，三节分在三个工作表；申请人标签折行",
			data: `2.1.2: 1 0 4
				2.5.1: 187
				2.6.1: 9
				2.6.2: 1
				3.1: 6 2 0 0 0 1
				3.2: 1 0 0 0 0 0
				3.3.1: 3 1 0 0 0 1
				3.3.2: 1 0 0 0 0 0
				3.3.3.4: 1 0 0 0 0 0
				3.3.4.1: 1 1 0 0 0 0
				3.3.5.1: 1 0 0 0 0 0`,
			edits: []edit{onSheets("二", "三", "四"), brokenHeads}},
		{unit: "韩山镇", file: "韩山镇.xlsx", format: format2021, source: "编造",
			about: "2021 版，表格从 B2 开始，四节两行表头；本年收费金额 0.018632 万元",
			data: `2.1.2: 0 0 2
				2.5.1: 76
				2.6.1: 15
				2.8.1: 0.018632
				3.1: 2 0 0 0 0 0
				3.3.1: 1 0 0 0 0 0
				3.3.5.2: 1 0 0 0 0 0`,
			edits: []edit{placedAt(2, 2, 1), twoRowReview}},
		{unit: "桑墟镇", file: "桑墟镇2021年度统计表.xlsx", format: format2019, source: "编造",
			about: "用了上一年（2019 版）的模板：五个块、上一年项目数量/本年增减、政府集中采购；其余单位都是 2021 版（2021 年度用 2019 版表式，另有年度提示）",
			want:  []string{"schema", "year"},
			data: `2.1.2: 1 1 6
				2.5.1: 12 1 98
				2.6.1: 7 -1 25
				2.8.1: 3 0
				2.9.1: 4 128000元
				3.1: 3 1 0 0 0 0
				3.3.1: 2 1 0 0 0 0
				3.3.4.1: 1 0 0 0 0 0`},
	},
}

// pingtanAgencies is four units of 平潭综合实验区 (福建) that are not townships
// — two 片区管理局 and two departments — reporting for 2022 in the 2021
// format, titled as their published tables are.
var pingtanAgencies = mdistrict{
	name: "平潭综合实验区", folder: "agencies", year: 2022,
	note: "Four units of 平潭综合实验区 for 2022 that are not townships (figures invented): two 片区管理局 and two " +
		"departments, titled as their published tables are (`平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表`). " +
		"Each unit's name comes from its title, or from its file name whole (`附件2 平潭综合实验区交通与建设局统计表` → " +
		"交通与建设局), never cut inside a word: four distinct units, all in the totals. 岚城片区管理局 misspells two headers of " +
		"第二十条第（一）项, read as the columns they name; 市场监督管理局 prints （六）其他处理 as the 2019 format's single row, " +
		"counted under 3.其他. `roster.txt` lists the four units; `totals` in expect.json.",
	roster: []string{"# 平潭综合实验区 2022 年度政府信息公开工作年度报告统计表报送名单（部门、片区）",
		"金井片区管理局", "岚城片区管理局", "市场监督管理局", "交通与建设局"},
	units: []munit{
		{unit: "金井片区管理局", file: "平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表.xlsx", format: format2021,
			source: "编造的数字；标题照平潭综合实验区片区管理局已发布统计表的式样",
			about:  "片区管理局：单位名只在标题「平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表」（文件名与标题相同），须读作金井片区管理局，不得截成「管理局」",
			data: `2.5.1: 46
				2.6.1: 12
				3.1: 9 1 0 0 0 0
				3.3.1: 4 1 0 0 0 0
				3.3.2: 1 0 0 0 0 0
				3.3.4.1: 3 0 0 0 0 0
				3.3.5.2: 1 0 0 0 0 0`,
			edits: []edit{titled("平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表")}},
		{unit: "岚城片区管理局", file: "岚城片区管理局.xlsx", format: format2021,
			source: "编造",
			about:  "片区管理局，标题同上；第二十条第（一）项表头两处错字「本年废纸件数」「先行有效件数」：按本年废止件数、现行有效件数读取（各一条提示）",
			data: `2.1.2: 2 1 14
				2.5.1: 31
				2.6.1: 8
				2.6.2: 1
				3.1: 5 0 0 0 0 0
				3.2: 1 0 0 0 0 0
				3.3.1: 3 0 0 0 0 0
				3.3.4.1: 2 0 0 0 0 0
				3.3.6.3: 1 0 0 0 0 0`,
			edits: []edit{
				titled("平潭综合实验区岚城片区管理局2022年度政府信息公开工作年度报告统计表"),
				colLabeled("repealed", "本年废纸件数"), colLabeled("valid", "先行有效件数"),
			}},
		{unit: "市场监督管理局", file: "平潭综合实验区市场监督管理局2022年报统计表.xlsx", format: format2021,
			source: "编造",
			about:  "部门：标题「平潭综合实验区市场监督管理局…」（须读作市场监督管理局，不得截成「场监督管理局」）；三节分在三个工作表；（六）其他处理 仍按 2019 年版填为一行（自然人 2、法律服务机构 1），计入「3.其他」，1.、2. 两项按 0 计，一条警告",
			want:   []string{"schema"},
			data: `2.1.2: 4 0 37
				2.5.1: 1186
				2.6.1: 214
				2.6.2: 9
				2.8.1: 0.36
				3.1: 21 3 0 0 1 0
				3.2: 2 0 0 0 0 0
				3.3.1: 9 2 0 0 0 0
				3.3.2: 3 0 0 0 0 0
				3.3.3.4: 1 0 0 0 0 0
				3.3.4.1: 5 1 0 0 0 0
				3.3.5.1: 2 0 0 0 0 0
				3.3.6.3: 2 0 0 0 1 0
				3.4: 1 0 0 0 0 0
				4: 1 0 0 0 0 0 0 1 0 0 0 0`,
			edits: []edit{
				titled("平潭综合实验区市场监督管理局2022年度政府信息公开工作年度报告统计表"),
				onSheets("主动公开", "依申请公开", "复议诉讼"), legacyOther,
			}},
		{unit: "交通与建设局", file: "附件2 平潭综合实验区交通与建设局统计表.xlsx", format: format2021,
			source: "编造",
			about:  "部门：标题不写单位（「2022年度政府信息公开工作年度报告统计表」），单位只在文件名「附件2 平潭综合实验区交通与建设局统计表」：读作交通与建设局，不是「附件」",
			data: `2.1.2: 1 0 6
				2.5.1: 388
				2.6.1: 27
				3.1: 6 2 0 0 0 0
				3.3.1: 4 1 0 0 0 0
				3.3.4.2: 1 1 0 0 0 0
				3.3.5.4: 1 0 0 0 0 0`,
			edits: []edit{titled("2022年度政府信息公开工作年度报告统计表"), placedAt(2, 2, 1)}},
	},
}
