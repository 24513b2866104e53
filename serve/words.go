package serve

import "tally/schema"

// words are the page's own words in one language: the labels, headings
// and buttons the templates print (the findings, statuses and counts are
// the command line's, from packages schema and consolidate; what the
// page says in sentences is in messages.go). A field that is missing does
// not compile where Go uses it, and fails the test that renders every
// page where a template does; TestWordsComplete checks that none is
// empty.
type words struct {
	Lang, Title, Subtitle, Switch, SwitchTitle                           string
	Home, NewRun, Recent, NoRuns                                         string
	Choose, Folder, FolderHint, Files, FilesHint, Drop, DropHint         string
	Options, Roster, RosterHint, RosterFile, Name, NameHint, Year        string
	YearHint, Schema, SchemaAuto, Previous, PreviousHint, Start, Limits  string
	Uploading, Reading, Running, Failed, Refresh, Stopped                string
	Board, Unit, Status, Findings, File, Sheet, Cell, Label, Rule        string
	Units, Severity, NoFindings, Blanks, Superseded, Missing             string
	Totals, TotalsNote, Indicator, UnitCol, Value, TotalsRun, NoTotals   string
	Downloads, Consolidated, LogXlsx, LogCSV, Marked, NoMarked, Download string
	Print, PrintUnit, Back, Top, Warnings, Files16, Version, Privacy     string
	Forbidden, ForbiddenText, NotFound, Colon                            string
	ReadingFile, Unreadable, Blank                                       string
	Chosen, ChosenIn, ChosenNext, Clear                                  string
	GroupError, GroupWarning, GroupInfo                                  string
}

var zhWords = words{
	Lang: "zh-CN", Title: "tally 报表检查", Subtitle: "检查乡镇、街道报送的政府信息公开情况统计表，并汇总成一张表",
	Switch: "English", SwitchTitle: "Switch to English",
	Home: "首页", NewRun: "新的检查", Recent: "最近的检查", NoRuns: "还没有检查过",
	Choose: "1. 选择报表",
	Folder: "选择文件夹", FolderHint: "选择存放各单位报表的文件夹（含子文件夹）",
	Files: "选择文件", FilesHint: "也可以只选几个报表文件",
	Drop: "把报表所在的文件夹拖到这里，或者：", DropHint: "支持 .xlsx、.xlsm、.xls、.et、.ods；其他文件会被忽略或标出",
	Options: "2. 其他信息（可不填）",
	Roster:  "应报单位名单", RosterHint: "每行一个单位，用来找出未报送的单位", RosterFile: "或选择名单文件（.txt）",
	Name: "汇总单位名称", NameHint: "如 兴庆区；不填则取文件夹名称中的单位",
	Year: "报表年度", YearHint: "如 2018；不填则取多数报表的年度",
	Schema: "表式", SchemaAuto: "自动识别",
	Previous: "上年数据", PreviousHint: "上年的汇总表或上年各单位的报表，用于与上年比较",
	Start:     "开始检查",
	Limits:    "限制",
	Uploading: "正在上传", Reading: "正在读取报表", Running: "正在检查", Failed: "未能完成",
	Refresh: "每读完一个文件就列出它的结果；全部读完后，页面自动显示报送情况", Stopped: "已停止",
	Board: "报送情况", Unit: "单位", Status: "状态", Findings: "问题", File: "文件", Sheet: "工作表",
	Cell: "单元格", Label: "指标", Rule: "规则",
	Units: "各单位的问题", Severity: "严重程度", NoFindings: "无问题",
	Blanks: "未填写的单元格（按 0 计算）", Superseded: "未计入合计的其他文件", Missing: "未收到该单位的报表",
	Totals: "汇总数", TotalsNote: "标红的合计数不符合表内的勾稽关系（错误），标黄的需要核实（警告），原因见下方“整体问题”。",
	Indicator: "统计指标", UnitCol: "单位", Value: "统计数", TotalsRun: "整体问题",
	NoTotals:  "没有填写汇总单位名称，也无法从文件夹名称得出，所以只做了检查，没有汇总。",
	Downloads: "下载", Consolidated: "汇总表", LogXlsx: "差异清单（Excel）", LogCSV: "差异清单（CSV）",
	Marked: "问题标注副本（压缩包）", NoMarked: "没有需要标注的报表", Download: "下载",
	Print: "打印", PrintUnit: "打印本单位", Back: "返回首页", Top: "回到顶部", Warnings: "提示",
	Files16: "个文件", Version: "版本", Privacy: "所有文件只在本机处理，不会上传到网络；关闭 tally 后自动删除。",
	Forbidden: "无法访问", ForbiddenText: "请打开 tally 启动时显示的地址（以 ?token= 结尾的那一行）。",
	NotFound: "找不到这个页面", Colon: "：",
	ReadingFile: "读取中", Unreadable: "无法读取", Blank: "空",
	Chosen: "已选择 {files}", ChosenIn: "（文件夹：{folder}）", ChosenNext: "还可以再添加文件、填写名单等信息；准备好后按“开始检查”。", Clear: "清除所选",
	GroupError: "错误", GroupWarning: "警告", GroupInfo: "提示",
}

var enWords = words{
	Lang: "en", Title: "tally", Subtitle: "Check the statistics tables townships submit, and consolidate them",
	Switch: "中文", SwitchTitle: "切换到中文",
	Home: "Home", NewRun: "New check", Recent: "Recent checks", NoRuns: "Nothing checked yet",
	Choose: "1. Choose the tables",
	Folder: "Choose a folder", FolderHint: "the folder holding the units' tables (with its subfolders)",
	Files: "Choose files", FilesHint: "or only a few tables",
	Drop: "Drop the folder of the tables here, or:", DropHint: ".xlsx, .xlsm, .xls, .et and .ods are read; other files are passed over or noted",
	Options: "2. More (optional)",
	Roster:  "Roster of units", RosterHint: "one unit a line, to find the units that sent nothing", RosterFile: "or choose a roster file (.txt)",
	Name: "Consolidated unit", NameHint: "e.g. 兴庆区; left empty, the unit in the folder's name",
	Year: "Report year", YearHint: "e.g. 2018; left empty, the year most tables have",
	Schema: "Format", SchemaAuto: "detect",
	Previous: "Last year", PreviousHint: "last year's consolidated workbook or tables, to compare with",
	Start:     "Check",
	Limits:    "Limits",
	Uploading: "Uploading", Reading: "Reading the tables", Running: "Checking", Failed: "Could not be done",
	Refresh: "each file is listed with its verdict as soon as it is read; once all are, the page shows the results by itself", Stopped: "stopped",
	Board: "Units", Unit: "Unit", Status: "Status", Findings: "Findings", File: "File", Sheet: "Sheet",
	Cell: "Cell", Label: "Indicator", Rule: "Rule",
	Units: "Findings by unit", Severity: "Severity", NoFindings: "no problems",
	Blanks: "Blank cells (counted as 0)", Superseded: "Other files, not summed", Missing: "No table came from this unit",
	Totals: "Totals", TotalsNote: "A total marked red breaks a rule of the table (an error), one marked amber is to be confirmed (a warning); see \"For the run as a whole\" below.",
	Indicator: "Indicator", UnitCol: "Unit", Value: "Value", TotalsRun: "For the run as a whole",
	NoTotals:  "No consolidated unit was named, nor could one be taken from the folder's name: the tables were checked, not summed.",
	Downloads: "Downloads", Consolidated: "Consolidated workbook", LogXlsx: "Findings (Excel)", LogCSV: "Findings (CSV)",
	Marked: "Marked-up copies (zip)", NoMarked: "no table needed marking", Download: "Download",
	Print: "Print", PrintUnit: "Print this unit", Back: "Home", Top: "Top", Warnings: "Notes",
	Files16: "files", Version: "version", Privacy: "Every file stays on this computer and is deleted when tally stops.",
	Forbidden: "Forbidden", ForbiddenText: "Open the address tally printed when it started (the line ending in ?token=…).",
	NotFound: "No such page", Colon: ": ",
	ReadingFile: "reading", Unreadable: "unreadable", Blank: "blank",
	Chosen: "Chosen: {files}", ChosenIn: " (the folder {folder})", ChosenNext: "More files, the roster and the rest may still be added; press Check when ready.", Clear: "Clear",
	GroupError: "Errors", GroupWarning: "Warnings", GroupInfo: "Notes",
}

// wordsIn are the page's words in lang.
func wordsIn(lang schema.Lang) *words {
	if lang == schema.En {
		return &enWords
	}
	return &zhWords
}
