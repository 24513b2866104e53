package xlsx

import "tally/schema"

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgAnnotateHead         = schema.Define("annotate.head", schema.Text{Zh: "序号|严重程度|工作表|单元格|说明", En: "No.|Severity|Sheet|Cell|Finding"})
	msgAnnotateNeedsConvert = schema.Define("annotate.needs-convert", schema.Text{
		Zh: "需要先转换成 .xlsx 才能标注，但没有安装 LibreOffice",
		En: "it must be converted to .xlsx to be marked up, and LibreOffice is not installed"})
	msgAnnotateNotAWorkbook = schema.Define("annotate.not-a-workbook", schema.Text{
		Zh: "不是 Excel 工作簿",
		En: "it is not a workbook"})
	msgAnnotatePanic = schema.Define("annotate.panic", schema.Text{
		Zh: "%s，无法编辑这个工作簿",
		En: "the workbook cannot be edited: %s"})
	msgAnnotatePartTooLarge = schema.Define("annotate.part-too-large", schema.Text{
		Zh: "工作簿中的 %[1]s 解压后超过 %[2]d MB，远超一份统计表，做标注副本会耗费过多的内存和时间",
		En: "its part %[1]s inflates to more than %[2]d MB, far more than a statistics table: a marked-up copy would take too much memory and time"})
	msgAnnotateRenamed = schema.Define("annotate.renamed", schema.Text{
		Zh: "工作表“%[1]s”的名称 Excel 不允许，这份副本中改名为“%[2]s”",
		En: "the sheet %[1]s has a name Excel does not allow: it is named %[2]s in this copy"})
	msgAnnotateTitle    = schema.Define("annotate.title", schema.Text{Zh: "%[1]s 报表的问题（%[2]s），请逐条核实修改后重新报送；有问题的单元格已标色并加批注", En: "Problems in the table of %[1]s (%[2]s): please check and correct each, then send it again; the cells are coloured and commented"})
	msgAnnotateTooLarge = schema.Define("annotate.too-large", schema.Text{
		Zh: "工作簿解压后超过 %d MB，远超一份统计表，做标注副本会耗费过多的内存和时间",
		En: "the workbook inflates to more than %d MB, far more than a statistics table: a marked-up copy would take too much memory and time"})
	msgAnnotateTooManyCells = schema.Define("annotate.too-many-cells", schema.Text{
		Zh: "工作表中有超过 %d 个行和单元格（多半是整列设置了格式的空行），远超一份统计表，做标注副本会耗费过多的内存和时间；删除表格下方多余的行后可以再做",
		En: "its sheets hold more than %d rows and cells (usually empty rows formatted down to the bottom), far more than a statistics table: a marked-up copy would take too much memory and time; delete the rows below the table to get one"})
	msgStatusErrors            = schema.Define("status.errors", schema.Text{Zh: "有错误", En: "errors"})
	msgStatusOk                = schema.Define("status.ok", schema.Text{Zh: "无问题", En: "ok"})
	msgStatusUnreadable        = schema.Define("status.unreadable", schema.Text{Zh: "无法读取", En: "unreadable"})
	msgStatusWarnings          = schema.Define("status.warnings", schema.Text{Zh: "有警告", En: "warnings"})
	msgTemplateCheckHead       = schema.Define("template.check-head", schema.Text{Zh: "校验", En: "Check"})
	msgTemplateDiff            = schema.Define("template.diff", schema.Text{Zh: "差", En: "off by"})
	msgTemplateExampleUnit     = schema.Define("template.example-unit", schema.Text{Zh: "掌政镇", En: "掌政镇"})
	msgTemplateFiller          = schema.Define("template.filler", schema.Text{Zh: "填报单位：%s", En: "Unit: %s"})
	msgTemplateFooter          = schema.Define("template.footer", schema.Text{Zh: "填表人：|联系电话：|填报日期：", En: "Filled in by:|Telephone:|Date:"})
	msgTemplateHelpAmount      = schema.Define("template.help-amount", schema.Text{Zh: "金额以%s为单位，最多保留 %d 位小数", En: "amounts are in %s with at most %d decimal places"})
	msgTemplateHelpBlank       = schema.Define("template.help-blank", schema.Text{Zh: "2. 没有发生的事项请填 0。留空的单元格按 0 计算，但会被标注为“未填写”；不要填“无”“—”或文字说明。", En: "2. Type 0 where nothing happened. A blank cell counts as 0 but is flagged as blank; do not type 无, — or words."})
	msgTemplateHelpCheck       = schema.Define("template.help-check", schema.Text{Zh: "4. “校验”一列自动检查合计与分项：显示 ✓ 即无误；显示“差 1”“超 2”等时该行变红，说明合计与分项之和不符或“其中”项超过总数，请改正后再报送。", En: "4. The check column tests totals against their parts: ✓ means correct; \"off by 1\", \"over by 2\" and a red row mean a total and its parts disagree or an of-which item exceeds its total. Correct it before sending."})
	msgTemplateHelpContact     = schema.Define("template.help-contact", schema.Text{Zh: "如有疑问，请联系：%s", En: "Questions: %s"})
	msgTemplateHelpEachCol     = schema.Define("template.help-each-col", schema.Text{Zh: "每一列：", En: "in every column: "})
	msgTemplateHelpEachRow     = schema.Define("template.help-each-row", schema.Text{Zh: "每一行：", En: "on every row: "})
	msgTemplateHelpEnd         = schema.Define("template.help-end", schema.Text{Zh: "。", En: "."})
	msgTemplateHelpNegative    = schema.Define("template.help-negative", schema.Text{Zh: "“%s”减少时填负数", En: "%s is negative for a decrease"})
	msgTemplateHelpNocontact   = schema.Define("template.help-nocontact", schema.Text{Zh: "如有疑问，请联系汇总单位（区政府办公室）。", En: "Questions: ask the office that sent this table."})
	msgTemplateHelpNumbers     = schema.Define("template.help-numbers", schema.Text{Zh: "3. 只填数字，不带单位（单位见%s）；件数、次数、人数为整数", En: "3. Numbers only, without units (see %s); counts are whole numbers"})
	msgTemplateHelpRows        = schema.Define("template.help-rows", schema.Text{Zh: "5. 本表式为《%[1]s》(%[2]s)。表格下方请填写填表人、联系电话和填报日期。", En: "5. This is the %[1]s table (%[2]s). Below the table, give who filled it in, a telephone number and the date."})
	msgTemplateHelpRules       = schema.Define("template.help-rules", schema.Text{Zh: "表中数字须满足的关系：", En: "The relations the numbers must satisfy:"})
	msgTemplateHelpSend        = schema.Define("template.help-send", schema.Text{Zh: "6. 请以 .xlsx 格式报送，文件名用“单位名称+年度”，如“%s”。", En: "6. Send it as .xlsx, named after the unit and year, e.g. %s."})
	msgTemplateHelpSoft        = schema.Define("template.help-soft", schema.Text{Zh: "（一般应满足，不满足时请核实）", En: " (usually; check when it does not hold)"})
	msgTemplateHelpThen        = schema.Define("template.help-then", schema.Text{Zh: "，%s", En: ", %s"})
	msgTemplateHelpTitle       = schema.Define("template.help-title", schema.Text{Zh: "%s 填表说明", En: "How to fill in: %s"})
	msgTemplateHelpUnitsColumn = schema.Define("template.help-units-column", schema.Text{Zh: "“单位”一列", En: "the unit column"})
	msgTemplateHelpUnitsHeader = schema.Define("template.help-units-header", schema.Text{Zh: "表头", En: "the headers"})
	msgTemplateHelpWhere       = schema.Define("template.help-where", schema.Text{Zh: "1. 只在“统计数”一列（浅黄色单元格）填写数字，其余单元格已锁定；请勿增删行、修改指标名称或移动表格。", En: "1. Type numbers only in the value column (the pale yellow cells); the rest is locked. Do not add or remove rows, rename indicators or move the table."})
	msgTemplateHelpWhereMatrix = schema.Define("template.help-where-matrix", schema.Text{Zh: "1. 只在浅黄色单元格填写数字，其余单元格已锁定；请勿增删行列、修改指标名称或移动表格。", En: "1. Type numbers only in the pale yellow cells; the rest is locked. Do not add or remove rows or columns, rename indicators or move the tables."})
	msgTemplateOver            = schema.Define("template.over", schema.Text{Zh: "超", En: "over by"})
	msgTemplateRuleCount       = schema.Define("template.rule-count", schema.Text{Zh: "填写不小于 0 的整数，没有请填 0。", En: "A whole number, 0 or more; 0 if none."})
	msgTemplateRuleDecimal     = schema.Define("template.rule-decimal", schema.Text{Zh: "填写不小于 0 的数，最多 %d 位小数，没有请填 0。", En: "A number, 0 or more, at most %d decimal places; 0 if none."})
	msgTemplateRuleRelation    = schema.Define("template.rule-relation", schema.Text{Zh: "应 %s %s。", En: " Must be %s %s."})
	msgTemplateRuleSigned      = schema.Define("template.rule-signed", schema.Text{Zh: "填写整数，减少时填负数。", En: "A whole number; negative for a decrease."})
	msgTemplateRuleUnit        = schema.Define("template.rule-unit", schema.Text{Zh: "单位：%s。", En: "Unit: %s. "})
	msgTemplateUnder           = schema.Define("template.under", schema.Text{Zh: "少", En: "short by"})
	msgWriteCheckAuthor        = schema.Define("write.check-author", schema.Text{Zh: "校核", En: "Check"})
	msgWriteCommand            = schema.Define("write.command", schema.Text{Zh: "命令", En: "Command"})
	msgWriteDetailHead         = schema.Define("write.detail-head", schema.Text{Zh: "代码|指标|单位|文件|合计", En: "Code|Indicator|Unit|File|Total"})
	msgWriteDetailUnit         = schema.Define("write.detail-unit", schema.Text{Zh: "填报单位", En: "Reporting unit"})
	msgWriteFiller             = schema.Define("write.filler", schema.Text{Zh: "填报单位：%[1]s（汇总 %[2]d 个单位）", En: "Unit: %[1]s (%[2]d units consolidated)"})
	msgWriteFindingsHead       = schema.Define("write.findings-head", schema.Text{Zh: "严重程度|类别|文件|单位|工作表|单元格|代码|规则|应为|实际|说明|规则代码", En: "Severity|Kind|File|Unit|Sheet|Cell|Codes|Rule|Expected|Actual|Message|Rule code"})
	msgWriteName               = schema.Define("write.name", schema.Text{Zh: "汇总单位", En: "Consolidated unit"})
	msgWriteNo                 = schema.Define("write.no", schema.Text{Zh: "否", En: "no"})
	msgWritePageNumber         = schema.Define("write.page-number", schema.Text{Zh: "第 &P 页，共 &N 页", En: "Page &P of &N"})
	msgWritePrevious           = schema.Define("write.previous", schema.Text{Zh: "上年数据", En: "Last year"})
	msgWritePreviousFile       = schema.Define("write.previous-file", schema.Text{Zh: "%s（SHA-256 %s，%d 年度，%d 个单位）", En: "%s (SHA-256 %s, %d, %d units)"})
	msgWriteSchema             = schema.Define("write.schema", schema.Text{Zh: "表式", En: "Format"})
	msgWriteSchemaHash         = schema.Define("write.schema-hash", schema.Text{Zh: "表式 SHA-256", En: "Format SHA-256"})
	msgWriteSourcesHead        = schema.Define("write.sources-head", schema.Text{Zh: "序号|文件|SHA-256|单位|年度|表式|工作表|状态|错误|警告|提示|计入合计", En: "No.|File|SHA-256|Unit|Year|Format|Sheet|Status|Errors|Warnings|Notes|Summed"})
	msgWriteStatusHead         = schema.Define("write.status-head", schema.Text{Zh: "序号|单位|状态|错误|警告|文件|主要问题", En: "No.|Unit|Status|Errors|Warnings|File|Main problem"})
	msgWriteStatusMissing      = schema.Define("write.status-missing", schema.Text{Zh: "名单中有此单位，未收到报表", En: "on the roster; no table was received"})
	msgWriteStatusMore         = schema.Define("write.status-more", schema.Text{Zh: "（另有 %d 个问题，见“差异”）", En: " (and %d more problems: see Findings)"})
	msgWriteStatusSuperseded   = schema.Define("write.status-superseded", schema.Text{Zh: "（另有 %[1]d 份未计入：%[2]s）", En: " (%[1]d more not summed: %[2]s)"})
	msgWriteSummaryMarks       = schema.Define("write.summary-marks", schema.Text{Zh: "标色的合计数不符合表内的勾稽关系（红色为错误，黄色须核实），原因见该单元格的批注和“%[1]s”工作表。", En: "A coloured total breaks a rule of the table (red: an error; yellow: to be checked); its comment and the %[1]s sheet say why."})
	msgWriteSummaryMissing     = schema.Define("write.summary-missing", schema.Text{Zh: "未报送：名单中有 %[1]d 个单位没有报送报表，未计入合计：%[2]s。", En: "Not sent: %[1]d units on the roster sent no table and are not in the totals: %[2]s."})
	msgWriteSummaryNote        = schema.Define("write.summary-note", schema.Text{Zh: "说明：本表汇总 %[1]d 个单位的报表，每个数字是各单位数字之和，公式引用“%[2]s”工作表。", En: "Note: the tables of %[1]d units summed; each number is the sum of the units' numbers, a formula over the %[2]s sheet."})
	msgWriteTool               = schema.Define("write.tool", schema.Text{Zh: "工具", En: "Tool"})
	msgWriteYear               = schema.Define("write.year", schema.Text{Zh: "年度", En: "Year"})
	msgWriteYes                = schema.Define("write.yes", schema.Text{Zh: "是", En: "yes"})
	msgWriteYoyDistrict        = schema.Define("write.yoy-district", schema.Text{Zh: "%s（合计）", En: "%s (total)"})
	msgWriteYoyHead            = schema.Define("write.yoy-head", schema.Text{
		Zh: "单位|代码|指标|本年%[1]s|上年%[2]s|增减|增减率",
		En: "Unit|Code|Indicator|This year%[1]s|Last year%[2]s|Change|Change (share)"})
	msgWriteYoyLastName = schema.Define("write.yoy-last-name", schema.Text{Zh: "%s（上年：%s）", En: "%s (last year: %s)"})
	msgWriteYoyLeft     = schema.Define("write.yoy-left", schema.Text{
		Zh: "另有 %d 行超出工作表的行数上限，未列出；请分批汇总查看",
		En: "%d more rows exceed the sheet's row limit and are not listed; consolidate in smaller groups to see them"})
)

// statusNames are the statuses of a submission in words.
var statusNames = map[schema.Status]*schema.Def{
	schema.StatusOK:         msgStatusOk,
	schema.StatusWarnings:   msgStatusWarnings,
	schema.StatusErrors:     msgStatusErrors,
	schema.StatusUnreadable: msgStatusUnreadable,
}
