package main

// The previous/ folders: units reporting a year after a folder already under
// testdata/, for tally's --previous (last year's figures). Each is a folder
// like those under matrix/ on its own; read with --previous, its units meet
// last year's: matrix/2019 for previous/2021, previous/2021 (consolidated) for
// previous/2022, and district/兴庆区2018 (the 2018 format) for previous/2019.
// Their figures are invented; matrix/SOURCES.md does not list them.

// previousFolders are the previous/ folders.
func previousFolders() []folder { return mfolders("previous", pdistricts) }

var pdistricts = []mdistrict{pingtan2021, pingtan2022, xingqing2019}

// pingtan2021 is four units of 平潭综合实验区 for 2021 in the 2021 format: three
// of matrix/2019's (their 2020 reports) and one new.
var pingtan2021 = mdistrict{
	name: "平潭综合实验区", folder: "2021", year: 2021,
	note: "Four units of 平潭综合实验区 for 2021, to compare with last year's matrix/2019 (2020, 2019 format) " +
		"through --previous: 潭城镇 carries over exactly, 苏澳镇 carries in requests last year did not carry out, " +
		"流水镇's 处理决定 jumps tenfold, 敖东镇 is new. `roster.txt` lists the four units; `totals` in expect.json.",
	roster: []string{
		"# 平潭综合实验区 2021 年度政府信息公开工作年度报告统计表报送名单",
		"潭城镇", "苏澳镇", "流水镇", "敖东镇",
	},
	units: []munit{
		{unit: "潭城镇", file: "潭城镇2021年统计表.xlsx", format: format2021,
			about: "三节在同一工作表（样表版式）；上年结转 自然人 72、总计 72，与上年（matrix/2019）结转下年度继续办理相同",
			data: `2.1.2: 20 2 386
				3.1: 800 30 0 0 2 1 833
				3.2: 72 0 0 0 0 0 72
				3.3.1: 500 20 0 0 1 1 522
				3.3.4.1: 300 10 0 0 1 0 311
				3.3.7: 800 30 0 0 2 1 833
				3.4: 72 0 0 0 0 0 72
				4: 5 0 0 2 7 8 0 0 1 9 0 0 0 0 0`},
		{unit: "苏澳镇", file: "苏澳镇.xlsx", format: format2021,
			about: "三节分在三个工作表；标题单位写作「平潭综合实验区苏澳镇人民政府」；上年结转 自然人 2、总计 2，上年结转下年度继续办理是 自然人 3、商业企业 1、总计 4",
			data: `2.1.2: 3 0 20
				3.1: 40 4 0 1 1 0 46
				3.2: 2 0 0 0 0 0 2
				3.3.1: 30 3 0 1 1 0 35
				3.3.5.2: 8 1 0 0 0 0 9
				3.3.7: 38 4 0 1 1 0 44
				3.4: 4 0 0 0 0 0 4`,
			edits: []edit{
				onSheets("主动公开情况", "依申请公开情况", "复议诉讼情况"),
				titled("平潭综合实验区苏澳镇人民政府2021年政府信息公开工作年度报告"),
			}},
		{unit: "流水镇", file: "流水镇政府信息公开统计表.xlsx", format: format2021,
			about: "表格从 B2 开始，四节两行表头；上年结转 自然人 1（上年结转下年度 1）；行政许可本年处理决定 2630（上年 263）；本年收费金额 3.105862 万元",
			data: `2.5.1: 2630
				2.8.1: 3.105862
				3.1: 8 1 0 0 0 0 9
				3.2: 1 0 0 0 0 0 1
				3.3.1: 7 1 0 0 0 0 8
				3.3.4.1: 2 0 0 0 0 0 2
				3.3.7: 9 1 0 0 0 0 10`,
			edits: []edit{placedAt(2, 2, 1), twoRowReview}},
		{unit: "敖东镇", file: "敖东镇.xlsx", format: format2021,
			about: "上年没有报表的新单位；三节在同一工作表，申请人标签折行；行政处罚本年处理决定 0（数字 0）",
			data: `2.5.1: 55
				2.6.1: 0
				3.1: 3 0 0 0 0 0 3
				3.3.1: 3 0 0 0 0 0 3
				3.3.7: 3 0 0 0 0 0 3`,
			edits: []edit{brokenHeads}},
	},
}

// pingtan2022 is the same four units for 2022, a year after pingtan2021.
var pingtan2022 = mdistrict{
	name: "平潭综合实验区", folder: "2022", year: 2022,
	note: "The same four units for 2022, to compare with the consolidated workbook of previous/2021 through --previous: " +
		"潭城镇 agrees with last year, 苏澳镇's 现行有效件数 does not follow from last year's, " +
		"流水镇's 本年收费金额 was typed in 元 (ten thousand times last year's), 敖东镇's 行政处罚 goes from 0 to 60. " +
		"`roster.txt` lists the four units; `totals` in expect.json.",
	roster: []string{
		"# 平潭综合实验区 2022 年度政府信息公开工作年度报告统计表报送名单",
		"潭城镇", "苏澳镇", "流水镇", "敖东镇",
	},
	units: []munit{
		{unit: "潭城镇", file: "潭城镇2022年统计表.xlsx", format: format2021,
			about: "三节分在「表一」「表二」「表三」三个工作表；上年结转 72 = 上年结转下年度继续办理 72；行政规范性文件现行有效 400 = 上年 386 + 制发 15 − 废止 1",
			data: `2.1.2: 15 1 400
				3.1: 700 25 0 0 1 0 726
				3.2: 72 0 0 0 0 0 72
				3.3.1: 450 15 0 0 1 0 466
				3.3.4.1: 272 10 0 0 0 0 282
				3.3.7: 722 25 0 0 1 0 748
				3.4: 50 0 0 0 0 0 50
				4: 5 0 0 2 7 8 0 0 1 9 0 0 0 0 0`,
			edits: []edit{onSheets("表一", "表二", "表三")}},
		{unit: "苏澳镇", file: "苏澳镇.xlsx", format: format2021,
			about: "三节在同一工作表（样表版式）；行政规范性文件现行有效 30，上年 20 + 制发 5 − 废止 1 = 24；上年结转 4 = 上年结转下年度继续办理 4",
			data: `2.1.2: 5 1 30
				3.1: 20 2 0 0 0 0 22
				3.2: 4 0 0 0 0 0 4
				3.3.1: 20 2 0 0 0 0 22
				3.3.7: 20 2 0 0 0 0 22
				3.4: 4 0 0 0 0 0 4`},
		{unit: "流水镇", file: "流水镇.xlsx", format: format2021,
			about: "表格从 B2 开始，四节两行表头；本年收费金额按元填成 31058.62（上年 3.105862 万元，一万倍）；行政许可本年处理决定 2700",
			data: `2.5.1: 2700
				2.8.1: 31058.62
				3.1: 9 1 0 0 0 0 10
				3.3.1: 7 1 0 0 0 0 8
				3.3.4.1: 2 0 0 0 0 0 2
				3.3.7: 9 1 0 0 0 0 10`,
			edits: []edit{placedAt(2, 2, 1), twoRowReview}},
		{unit: "敖东镇", file: "敖东镇.xlsx", format: format2021,
			about: "三节在同一工作表，申请人标签折行；行政处罚本年处理决定 60（上年 0）",
			data: `2.5.1: 60
				2.6.1: 60
				3.1: 4 0 0 0 0 0 4
				3.3.1: 4 0 0 0 0 0 4
				3.3.7: 4 0 0 0 0 0 4`,
			edits: []edit{brokenHeads}},
	},
}

// xingqing2019 is three units of 银川市兴庆区 for 2019 in the 2019 format, a
// year after district/兴庆区2018 (the 2018 format).
var xingqing2019 = mdistrict{
	name: "银川市兴庆区", folder: "2019", year: 2019,
	note: "Three units of 兴庆区 for 2019 in the 2019 format, to compare with the 2018-format tables of " +
		"district/兴庆区2018 through --previous (a change of format): 凤凰北街街道's requests grow tenfold. " +
		"`roster.txt` lists the three units; `totals` in expect.json.",
	roster: []string{
		"# 兴庆区 2019 年度政府信息公开工作年度报告统计表报送名单",
		"凤凰北街街道办事处", "大新镇", "掌政镇",
	},
	units: []munit{
		{unit: "凤凰北街街道", file: "凤凰北街街道办事处.xlsx", format: format2019,
			about: "表格从 B2 开始；标题单位写作「兴庆区凤凰北街街道办事处」；本年新收申请 160（上年 2018 版收到申请数 15）",
			data: `2.1.2: 3 3 40
				3.1: 150 10 0 0 0 0 160
				3.3.1: 100 8 0 0 0 0 108
				3.3.4.1: 45 2 0 0 0 0 47
				3.3.7: 145 10 0 0 0 0 155
				3.4: 5 0 0 0 0 0 5
				4: 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0`,
			edits: []edit{
				placedAt(2, 2, 1),
				titled("兴庆区凤凰北街街道办事处2019年政府信息公开工作年度报告"),
			}},
		{unit: "大新镇", file: "大新镇.xlsx", format: format2019,
			about: "三节分在 Sheet1、Sheet2、Sheet3；本年新收申请 8（上年 2018 版收到申请数 6）",
			data: `2.1.2: 4 2 30
				3.1: 8 0 0 0 0 0 8
				3.3.1: 6 0 0 0 0 0 6
				3.3.4.1: 2 0 0 0 0 0 2
				3.3.7: 8 0 0 0 0 0 8`,
			edits: []edit{onSheets("Sheet1", "Sheet2", "Sheet3")}},
		{unit: "掌政镇", file: "掌政镇2019年统计表.xlsx", format: format2019,
			about: "三节在同一工作表（样表版式）；规范性文件三栏都是 0；本年新收申请 2（上年 0）",
			data: `2.1.2: 0 0 0
				3.1: 2 0 0 0 0 0 2
				3.3.1: 2 0 0 0 0 0 2
				3.3.7: 2 0 0 0 0 0 2`,
			edits: []edit{titled("银川市兴庆区掌政镇2019年政府信息公开工作年度报告")}},
	},
}
