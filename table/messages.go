package table

import "tally/schema"

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgReadBlank = schema.Define("read.blank", schema.Text{
		Zh: "%[1]s 未填写，按 0 计算；如确实为 0，建议填写 0",
		En: "%[1]s is blank and counted as 0; if it is 0, type 0"})
	msgReadBoolean = schema.Define("read.boolean", schema.Text{
		Zh: "%[1]s 填的是逻辑值 %[2]s，不是数字；请填写数字",
		En: "%[1]s holds the yes/no value %[2]s, not a number; type a number"})
	msgReadCircular = schema.Define("read.circular", schema.Text{
		Zh: "%[1]s 的公式直接或间接引用了它自己（循环引用%[2]s），算不出结果；请改正公式或直接填写数字",
		En: "%[1]s refers to itself, directly or through other cells (a circular reference%[2]s) and has no result; fix the formula or type the number"})
	msgReadDate = schema.Define("read.date", schema.Text{
		Zh: "%[1]s 是日期（%[2]s），不是数字；可能是输入“3-4”之类时被自动转成了日期，请把单元格格式改为“常规”后重新填写数字",
		En: "%[1]s holds a date (%[2]s), not a number; typing something like 3-4 turns into a date. Set the cell's format to General and type the number again"})
	msgReadDuplicateHidden = schema.Define("read.duplicate-hidden", schema.Text{
		Zh: "“%[1]s”出现了两次：第 %[3]d 行是隐藏行，采用的是第 %[2]d 行的数字；请删除隐藏的旧行",
		En: "%[1]s appears twice: row %[3]d is hidden, and row %[2]d is used; delete the hidden old row"})
	msgReadDuplicateRow = schema.Define("read.duplicate-row", schema.Text{
		Zh: "“%[1]s”出现了两次（第 %[2]d 行和第 %[3]d 行），只采用第 %[2]d 行的数字；请删除多余的一行",
		En: "%[1]s appears twice (rows %[2]d and %[3]d); only row %[2]d is used. Delete the extra row"})
	msgReadExtraColumn = schema.Define("read.extra-column", schema.Text{
		Zh: "%[1]s 列%[2]s在 %[3]s 填有数字，但统计表中没有这一栏，这些数字未计入任何指标；请核实是否填错了列",
		En: "column %[1]s%[2]s holds numbers in %[3]s, but the table has no such column: they count towards nothing. Check whether they belong in another column"})
	msgReadExtraColumnOther = schema.Define("read.extra-column-other", schema.Text{
		Zh: "%[1]s 列%[2]s在 %[3]s 填有数字，是%[4]s，不是本年度统计数，未计入统计表",
		En: "column %[1]s%[2]s holds numbers in %[3]s: %[4]s, not this year's figures, so they were not counted"})
	msgReadExtraRow = schema.Define("read.extra-row", schema.Text{
		Zh: "第 %[1]d 行“%[2]s”不是统计表中的指标，却填有数字 %[3]s；这个数字不会计入任何指标，请核实是否填错了行",
		En: "row %[1]d, %[2]q, is not an indicator of the table but holds the number %[3]s; it counts towards nothing, check whether it belongs to another row"})
	msgReadExtraRowNumbers = schema.Define("read.extra-row-numbers", schema.Text{
		Zh: "第 %[1]d 行“%[2]s”不是统计表中的指标，却在 %[3]s 填有数字（%[4]s）；这些数字不会计入任何指标，请核实是否填错了行",
		En: "row %[1]d, %[2]q, is not an indicator of the table but holds numbers in %[3]s (%[4]s); they count towards nothing, check whether they belong to another row"})
	msgReadFormulaError = schema.Define("read.formula-error", schema.Text{
		Zh: "%[1]s 是公式错误 %[2]s%[3]s；请修正公式或直接填写数字",
		En: "%[1]s is the formula error %[2]s%[3]s; fix the formula or type the number"})
	msgReadFormulaNotComputed = schema.Define("read.formula-not-computed", schema.Text{
		Zh: "%[1]s 的公式没有保存计算结果，而且用到了 tally 不自行计算的函数%[2]s；请用 Excel 或 WPS 打开、保存后再发送，或直接填写数字",
		En: "%[1]s has a formula with no stored result that uses functions tally does not compute itself%[2]s; open and save the file in Excel or WPS, or type the number"})
	msgReadHeaderSpelling = schema.Define("read.header-spelling", schema.Text{
		Zh: "表头“%[1]s”与统计表的“%[2]s”相差个别字，已按“%[2]s”读取这一列；请核对表头",
		En: "the header %[1]q was read as the column %[2]s, which it differs from by a slip; check the header"})
	msgReadHeadingNumbers = schema.Define("read.heading-numbers", schema.Text{
		Zh: "第 %[1]d 行“%[2]s”是分组标题，不是指标，却在 %[3]s 填有数字（%[4]s）；这些数字不会计入任何指标，请把数字填在其下各项中",
		En: "row %[1]d, %[2]q, is a heading, not an indicator, but holds numbers in %[3]s (%[4]s); they count towards nothing. Give the numbers in the rows under it"})
	msgReadLegacyRow = schema.Define("read.legacy-row", schema.Text{
		Zh: "第 %[1]d 行“%[2]s”是按 %[3]d 年版表式填的一行（%[4]s），现行表式在它下面分为几项；这一行的数字已计入“%[5]s”，其余各项按 0 计。请按现行表式填写",
		En: "row %[1]d, %[2]q, is one row as in the %[3]d format (%[4]s), where the current table has rows under it; its numbers were counted under %[5]s and the other rows as 0. Fill in the rows of the current table"})
	msgReadMissingRow = schema.Define("read.missing-row", schema.Text{
		Zh: "缺少“%[1]s”这一行（统计表中为“%[2]s”），该指标无法读取；请按统计表补齐这一行",
		En: "the row %[1]s (%[2]s in the official table) is missing, so it cannot be read; add the row as in the official table"})
	msgReadNegative = schema.Define("read.negative", schema.Text{
		Zh: "%[1]s 为负数 %[2]s；该指标不能为负",
		En: "%[1]s is negative (%[2]s); it cannot be"})
	msgReadNoData = schema.Define("read.no-data", schema.Text{
		Zh: "工作簿中没有任何数据（只有空白工作表或图表）；请让报送单位提供填好的统计表",
		En: "the workbook holds no data at all (only empty sheets or charts); ask the unit for the filled-in table"})
	msgReadNoMatchForced = schema.Define("read.no-match-forced", schema.Text{
		Zh: "工作簿与指定的《%[1]s》(%[2]s) 不符：最接近的工作表只对上了 %[3]s 的指标名称",
		En: "the workbook does not match the chosen %[1]s (%[2]s): the closest sheet matches only %[3]s of its indicator labels"})
	msgReadNoSchema = schema.Define("read.no-schema", schema.Text{
		Zh: "工作簿中找不到可识别的统计表：对照%[1]s，最接近的工作表只对上了 %[2]s 的指标名称；请确认报送的是正确的表格",
		En: "no known table in this workbook: compared with %[1]s, the closest sheet matches only %[2]s of the indicator labels; check that this is the right form"})
	msgReadNoUnitName = schema.Define("read.no-unit-name", schema.Text{
		Zh: "工作簿中找不到填报单位名称（标题或“填报单位”一栏），暂以“%[1]s”作为单位名称；请在标题中写明单位",
		En: "the workbook names no reporting unit (in its title or a 填报单位 line); %[1]q, from the file name, is used. Put the unit in the title"})
	msgReadNoYear = schema.Define("read.no-year", schema.Text{
		Zh: "工作簿中找不到统计年度（如标题“2018 年度……统计表”）；请在标题中写明年度",
		En: "the workbook gives no report year (as in a title like “2018 年度……统计表”); put the year in the title"})
	msgReadNonInteger = schema.Define("read.non-integer", schema.Text{
		Zh: "%[1]s 为 %[2]s，带有小数；该指标应为整数",
		En: "%[1]s is %[2]s, not a whole number; it counts things and must be one"})
	msgReadNonIntegerShown = schema.Define("read.non-integer-shown", schema.Text{
		Zh: "%[1]s 显示为 %[2]s，实际存的是 %[3]s，带有小数；该指标应为整数，请把单元格格式改为“常规”后填写整数",
		En: "%[1]s shows %[2]s but holds %[3]s, which is not a whole number; set the cell's format to General and type a whole number"})
	msgReadNotANumber = schema.Define("read.not-a-number", schema.Text{
		Zh: "%[1]s 填的是“%[2]s”，不是数字；请填写数字（没有请填 0）",
		En: "%[1]s holds %[2]q, which is not a number; type a number (0 if there is none)"})
	msgReadOtherSheet = schema.Define("read.other-sheet", schema.Text{
		Zh: "工作表“%[1]s”也是一份统计表，但只读取了“%[2]s”；如果它是另一个单位或另一年度的报表，请另存为单独的文件",
		En: "sheet %[1]q holds the table too, but only %[2]q was read; if it is another unit's or another year's table, save it as a file of its own"})
	msgReadOtherTable = schema.Define("read.other-table", schema.Text{
		Zh: "此工作表中还有另一份统计表（%[1]s，第 %[2]d–%[3]d 行），未读取；读取的是 %[4]s的表",
		En: "the sheet holds another table too (%[1]s, rows %[2]d–%[3]d), which was not read; the table read is for %[4]s"})
	msgReadOutOfRange = schema.Define("read.out-of-range", schema.Text{
		Zh: "%[1]s 填的是“%[2]s”，超出统计表能准确保存的范围（最多 15 位有效数字，小于 10 的 15 次方），未计入合计；请核对后重新填写",
		En: "%[1]s holds %[2]q, beyond what a table holds exactly (at most 15 significant digits, below 10^15); it is not counted. Check it and type it again"})
	msgReadStrayNumber = schema.Define("read.stray-number", schema.Text{
		Zh: "%[1]s 的统计数 %[2]s 为空，但同一行的 %[3]s 有数字 %[4]s；是否填错了列？",
		En: "%[1]s is blank in %[2]s, but %[3]s on its row holds %[4]s; was it typed in the wrong column?"})
	msgReadSubtotal = schema.Define("read.subtotal", schema.Text{
		Zh: "分组标题一行填有小计：%[1]s（%[2]s）为 %[3]s，而其下各项合计 %[4]s，相差 %[5]s；小计不计入统计表，请核实各项的数字",
		En: "a heading's row holds a subtotal: %[1]s (%[2]s) is %[3]s, but the rows under it add up to %[4]s (difference %[5]s); the subtotal counts towards nothing, check the rows' figures"})
	msgReadUnit = schema.Define("read.unit", schema.Text{
		Zh: "%[1]s 的单位写作“%[2]s”，统计表规定为“%[3]s”；请核实数字是否按规定单位填写",
		En: "the unit of %[1]s reads %[2]q but the table's unit is %[3]s; check the number is in %[3]s"})
	msgReadUnitCellConverted = schema.Define("read.unit-cell-converted", schema.Text{
		Zh: "%[1]s 的单位写作“%[2]s”，统计表规定为“%[3]s”；%[4]s 的 %[5]s（%[2]s）已换算为 %[6]s %[3]s计入，请核实并按规定单位填写",
		En: "the unit of %[1]s reads %[2]q but the table's unit is %[3]s; %[5]s (%[2]s) in %[4]s was converted to %[6]s %[3]s. Check it, and give the number in %[3]s"})
	msgReadUnitCellScaled = schema.Define("read.unit-cell-scaled", schema.Text{
		Zh: "%[1]s 的单位写作“%[2]s”，统计表规定为“%[3]s”；%[4]s 的数字按“%[2]s”换算为“%[3]s”计入，请核实并按规定单位填写",
		En: "the unit of %[1]s reads %[2]q but the table's unit is %[3]s; the number in %[4]s was converted from %[2]s to %[3]s. Check it, and give the number in %[3]s"})
	msgReadUnitConverted = schema.Define("read.unit-converted", schema.Text{
		Zh: "%[1]s 填的是“%[2]s”，已按统计表的单位换算为 %[3]s %[4]s",
		En: "%[1]s holds %[2]q, converted to the table's unit: %[3]s %[4]s"})
	msgReadUnitInValue = schema.Define("read.unit-in-value", schema.Text{
		Zh: "%[1]s 填的是“%[2]s”，与统计表规定的单位“%[3]s”不一致；请按规定单位填写数字",
		En: "%[1]s holds %[2]q, not in the table's unit %[3]s; give the number in %[3]s"})
	msgReadUnitMismatch = schema.Define("read.unit-mismatch", schema.Text{
		Zh: "表中写的单位是“%[1]s”，文件名中是“%[2]s”；按文件名计为“%[2]s”，请核实并在标题中写明本单位",
		En: "the table names %[1]q but the file name %[2]q; it is counted as %[2]s. Check, and put the unit in the title"})
)
