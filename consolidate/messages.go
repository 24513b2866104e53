package consolidate

import "tally/schema"

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgCrossDuplicateKept = schema.Define("cross.duplicate-kept", schema.Text{
		Zh: "“%[1]s”共有 %[2]d 份报表；计入合计的是这一份（%[4]s），未计入：%[3]s；如果不对，请删除不用的那份后重新运行",
		En: "%[1]s sent %[2]d tables; this one is summed (%[4]s), not %[3]s; if that is wrong, remove the one not to use and run again"})
	msgCrossIdenticalValues = schema.Define("cross.identical-values", schema.Text{
		Zh: "全部数字与 %[1]s 完全相同，可能是复制了别的单位的报表而没有改数字；请核实",
		En: "every number equals those of %[1]s; the table may have been copied from another unit without changing the figures. Please check"})
	msgCrossMissingUnit = schema.Define("cross.missing-unit", schema.Text{
		Zh: "名单中的“%[1]s”没有报送报表",
		En: "%[1]s, on the roster, sent no table"})
	msgCrossMixedFormat = schema.Define("cross.mixed-format", schema.Text{
		Zh: "此报表用的是《%[1]s》，而本次大多数报表用的是《%[2]s》；两种表式不能相加，请按本次的表式重新填报",
		En: "this table is in the %[1]s format while most are in the %[2]s format; the two cannot be summed, ask for the table in the run's format"})
	msgCrossNotOnRoster = schema.Define("cross.not-on-roster", schema.Text{
		Zh: "“%[1]s”不在应报单位名单中；请核对单位名称是否写错，或是否需要加入名单",
		En: "%[1]s is not on the roster of expected units; check the name, or add it to the roster"})
	msgCrossSuperseded = schema.Define("cross.superseded", schema.Text{
		Zh: "同一单位另有一份报表 %[1]s（%[2]s），这一份已被取代，未计入合计；如果这一份才是正式的，请删除另一份后重新运行",
		En: "the same unit sent another table, %[1]s (%[2]s); this one is superseded and not summed; if this one is the final table, remove the other and run again"})
	msgCrossYearGiven = schema.Define("cross.year-given", schema.Text{
		Zh: "报表年度为 %[1]d 年，不是本次汇总的 %[2]d 年；请确认是否报错了年份的表格",
		En: "the table is for %[1]d, not %[2]d, the year of this run; check the right year's table was sent"})
	msgCrossYearMajority = schema.Define("cross.year-majority", schema.Text{
		Zh: "报表年度为 %[1]d 年，而其他大多数报表为 %[2]d 年；请确认是否报错了年份的表格",
		En: "the table is for %[1]d while most tables are for %[2]d; check the right year's table was sent"})
	msgCsvHead = schema.Define("csv.head", schema.Text{
		Zh: "严重程度,类别,规则代码,文件,单位,工作表,单元格,指标代码,应为,实际,说明,规则",
		En: "severity,kind,rule,file,unit,sheet,cell,codes,expected,actual,message,rule_text"})
	msgPreviousBadLink = schema.Define("previous.bad-link", schema.Text{
		Zh: "表式 %[1]s 对上年表式 %[2]s 的比较定义有误，未与上年比较：%[3]s",
		En: "the %[1]s schema's comparison with last year's %[2]s is wrong, so nothing was compared: %[3]s"})
	msgPreviousJump = schema.Define("previous.jump", schema.Text{
		Zh: "%[1]s%[2]s 为 %[3]s，上年%[4]s为 %[5]s，%[6]s，变化异常，请核实%[7]s",
		En: "%[1]s%[2]s is %[3]s, last year%[4]s %[5]s: %[6]s, an implausible change; please check%[7]s"})
	msgPreviousNoLink = schema.Define("previous.no-link", schema.Text{
		Zh: "上年报表用的是《%[1]s》，今年用的是《%[2]s》，两种表式之间没有可比的单元格，未与上年比较",
		En: "last year's table is in the %[1]s format and this year's in the %[2]s format, which have no comparable cells; not compared with last year"})
	msgPreviousNoUnit = schema.Define("previous.no-unit", schema.Text{
		Zh: "上年数据中没有找到“%[1]s”，未与上年比较（如单位改名，请核对名称）",
		En: "%[1]s is not in last year's figures and was not compared with last year (if the unit was renamed, check the name)"})
	msgPreviousNotThisYear = schema.Define("previous.not-this-year", schema.Text{
		Zh: "上年有“%[1]s”的报表（%[2]s），本次没有该单位的报表",
		En: "last year's figures have %[1]s (%[2]s); this run has no table from it"})
	msgPreviousTwice = schema.Define("previous.twice", schema.Text{
		Zh: "上年数据中“%[1]s”有不止一份（%[2]s、%[3]s），用的是 %[2]s",
		En: "last year's figures hold %[1]s more than once (%[2]s, %[3]s); %[2]s is used"})
	msgPreviousUnreadable = schema.Define("previous.unreadable", schema.Text{
		Zh: "上年的这份文件无法读取，未用于与上年比较：%[1]s",
		En: "this file of last year's could not be read and was not used for the comparison with last year: %[1]s"})
	msgPreviousYear = schema.Define("previous.year", schema.Text{
		Zh: "--previous 给出的是 %[1]d 年度的数据，不是上一年（%[2]d 年度）",
		En: "--previous gave figures of %[1]d, not of the year before (%[2]d)"})
	msgReadPanic = schema.Define("read.panic", schema.Text{
		Zh: "读取文件时出错（%[1]s），文件结构异常；请让报送单位用 Excel 或 WPS 重新保存后发送",
		En: "reading the file failed (%[1]s); its structure is abnormal. Ask the unit to save it again in Excel or WPS and resend it"})
	msgRunCheckFailed = schema.Define("run.check-failed", schema.Text{
		Zh: "检查这份报表时出错（%s）；请把文件发给 tally 的维护者",
		En: "checking this table failed (%s); send the file to tally's maintainers"})
	msgRunFormatYear = schema.Define("run.format-year", schema.Text{
		Zh: "报表年度为 %[1]d 年，但用的是《%[2]s》（适用于 %[3]s）；请确认年度和表式",
		En: "the table is for %[1]d but in the %[2]s format (for %[3]s); check the year and the format"})
	msgRunLoadFailed = schema.Define("run.load-failed", schema.Text{
		Zh: "无法读取这个文件（%s）；请检查文件是否存在、是否有权限读取",
		En: "the file could not be read (%s); check it exists and can be read"})
	msgStatusUnitCheck   = schema.Define("status.unit.check", schema.Text{Zh: "需核实", En: "to confirm"})
	msgStatusUnitMissing = schema.Define("status.unit.missing", schema.Text{Zh: "未报送", En: "not sent"})
	msgStatusUnitPassed  = schema.Define("status.unit.passed", schema.Text{Zh: "通过", En: "passed"})
	msgStatusUnitResend  = schema.Define("status.unit.resend", schema.Text{Zh: "需重报", En: "to resend"})
	msgTextAndMore       = schema.Define("text.and-more", schema.Text{Zh: " 等", En: " and more"})
	msgTextBlank         = schema.Define("text.blank", schema.Text{Zh: "%d 个单元格未填写，按 0 计算：%s", En: "%d blank cell counted as 0: %s"})
	msgTextBlanks        = schema.Define("text.blanks", schema.Text{Zh: "%d 个单元格未填写，按 0 计算：%s", En: "%d blank cells counted as 0: %s"})
	msgTextCounts        = schema.Define("text.counts", schema.Text{Zh: "%[1]s，%[2]s", En: "%[1]s, %[2]s"})
	msgTextError         = schema.Define("text.error", schema.Text{Zh: "%d 个错误", En: "%d error"})
	msgTextErrors        = schema.Define("text.errors", schema.Text{Zh: "%d 个错误", En: "%d errors"})
	msgTextFile          = schema.Define("text.file", schema.Text{Zh: "%d 个文件", En: "%d file"})
	msgTextFiles         = schema.Define("text.files", schema.Text{Zh: "%d 个文件", En: "%d files"})
	msgTextHeader        = schema.Define("text.header", schema.Text{
		Zh: "tally %[1]s · 共 %[2]s · %[3]s · %[4]s 年度",
		En: "tally %[1]s · %[2]s · %[3]s · year %[4]s"})
	MsgTextListSep     = schema.Define("text.list-sep", schema.Text{Zh: "、", En: ", "})
	msgTextNotTheTable = schema.Define("text.not-the-table", schema.Text{Zh: "不是统计表", En: "not the table"})
	msgTextNote        = schema.Define("text.note", schema.Text{Zh: "%d 个提示", En: "%d note"})
	msgTextNotes       = schema.Define("text.notes", schema.Text{Zh: "%d 个提示", En: "%d notes"})
	msgTextOk          = schema.Define("text.ok", schema.Text{Zh: "无问题", En: "no problems"})
	msgTextRunLevel    = schema.Define("text.run-level", schema.Text{Zh: "整体问题：", En: "For the run as a whole:"})
	msgTextSummary     = schema.Define("text.summary", schema.Text{
		Zh: "共 %[1]s（%[2]d 个可读）：%[3]s，%[4]s，%[5]s",
		En: "%[1]s (%[2]d readable): %[3]s, %[4]s, %[5]s"})
	msgTextUnits           = schema.Define("text.units", schema.Text{Zh: "报送情况：%[1]d 个单位", En: "Units: %[1]d"})
	msgTextUnitsAll        = schema.Define("text.units-all", schema.Text{Zh: "报送情况：%[1]d 个单位已报送，名单中的单位均已报送", En: "Units: %[1]d sent a file, every unit on the roster"})
	msgTextUnitsRoster     = schema.Define("text.units-roster", schema.Text{Zh: "报送情况：%[1]d 个单位已报送，名单中 %[2]d 个未报送", En: "Units: %[1]d sent a file, %[2]d on the roster did not"})
	msgTextUnitsStatus     = schema.Define("text.units-status", schema.Text{Zh: "%[1]s %[2]d 个：", En: "%[1]s (%[2]d): "})
	msgTextUnitsSuperseded = schema.Define("text.units-superseded", schema.Text{Zh: "（另有 %d 份未计入）", En: " (+%d not summed)"})
	msgTextUnreadable      = schema.Define("text.unreadable", schema.Text{Zh: "无法读取", En: "unreadable"})
	msgTextWarning         = schema.Define("text.warning", schema.Text{Zh: "%d 个警告", En: "%d warning"})
	msgTextWarnings        = schema.Define("text.warnings", schema.Text{Zh: "%d 个警告", En: "%d warnings"})
	msgTextWritten         = schema.Define("text.written", schema.Text{
		Zh: "汇总表已写入 %[1]s：%[2]s，%[3]d 个单位计入合计，%[4]s未计入",
		En: "the consolidated table of %[2]s is in %[1]s: %[3]d units summed, %[4]s left out"})
	msgTotalOtherSchema = schema.Define("total.other-schema", schema.Text{
		Zh: "此报表用的是《%[1]s》，与本次汇总的《%[2]s》不同，未计入合计；请按本次的表式重新填报",
		En: "this table is in the %[1]s format, not the %[2]s format of this run, and is not summed; ask for the table in the run's format"})
	msgTotalRule = schema.Define("total.rule", schema.Text{
		Zh: "汇总数有误：%[1]s；%[2]s",
		En: "the totals break a rule: %[1]s; %[2]s"})
)
