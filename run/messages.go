package run

import "tally/schema"

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgAnnotateChanged = schema.Define("annotate.changed", schema.Text{
		Zh: "文件在检查之后又被改动过，标注会对不上；请重新运行",
		En: "the file changed after it was checked, and the marks would not fit it; run again"})
	msgAnnotateFailed = schema.Define("annotate.failed", schema.Text{
		Zh: "--annotate：无法为 %[1]s 做标注副本（%[2]s），其余照常",
		En: "--annotate: no marked-up copy of %[1]s (%[2]s); the others are made as usual"})
	msgAnnotateNotAllWritten = schema.Define("annotate.not-all-written", schema.Text{
		Zh: "%d 份标注副本没有写入（原因见上）",
		En: "%d marked-up copies were not written (see above why)"})
	msgAnnotateNotWritten = schema.Define("annotate.not-written", schema.Text{
		Zh: "--annotate：%[1]s 的标注副本没有写入：%[2]s；其余照常",
		En: "--annotate: the marked-up copy of %[1]s was not written: %[2]s; the others are made as usual"})
	msgOutCopyIsInput = schema.Define("out.copy-is-input", schema.Text{
		Zh: "%[1]s 的标注副本 %[2]s 会覆盖这次读取的 %[3]s；tally 从不覆盖它读取的文件，请为 --annotate 换一个文件夹",
		En: "the marked-up copy of %[1]s, %[2]s, would replace %[3]s, which this run reads; tally never writes over a file it reads: choose another --annotate folder"})
	msgOutCopyIsOutput = schema.Define("out.copy-is-output", schema.Text{
		Zh: "%[1]s 的标注副本 %[2]s 会覆盖 %[3]s %[4]s；请为 --annotate 换一个文件夹，或给 %[3]s 换一个文件名",
		En: "the marked-up copy of %[1]s, %[2]s, would replace the %[3]s file %[4]s: choose another --annotate folder, or another name for %[3]s"})
	msgOutIsFlagInput = schema.Define("out.is-flag-input", schema.Text{
		Zh: "%[1]s 是 %[2]s 读取的文件（%[3]s）；tally 从不覆盖它读取的文件，请换一个输出文件名",
		En: "%[1]s is the file %[2]s reads (%[3]s); tally never writes over a file it reads, choose another name"})
	msgOutIsInput = schema.Define("out.is-input", schema.Text{
		Zh: "%[1]s 是这次读取的报表之一（%[2]s）；tally 从不覆盖报送的原件，请换一个输出文件名",
		En: "%[1]s is one of the inputs (%[2]s); tally never writes over an input, choose another name"})
	msgOutLogIsOut = schema.Define("out.log-is-out", schema.Text{
		Zh: "%s 既是 --log 又是 --out；日志和汇总表请用不同的文件名",
		En: "%s is both the --log and the --out workbook; give the log its own name"})
	msgRunAnnotateIsFile = schema.Define("run.annotate-is-file", schema.Text{
		Zh: "--annotate %s 是一个文件，不是文件夹；请给出一个文件夹（不存在时会自动建立）",
		En: "--annotate %s is a file, not a folder; name a folder (it is made if it does not exist)"})
	msgRunConsolidateNoPaths = schema.Define("run.consolidate.no-paths", schema.Text{
		Zh: "请指出要汇总的报表：文件或文件夹，例如 tally consolidate 乡镇报表 --out 兴庆区2018.xlsx",
		En: "name the submissions to consolidate, files or folders, e.g. tally consolidate submissions --out district2018.xlsx"})
	msgRunLogExt = schema.Define("run.log-ext", schema.Text{
		Zh: "--log %s：日志按扩展名写成 .json、.csv 或 .xlsx，请用其中一种扩展名",
		En: "--log %s: the log is written as .json, .csv or .xlsx; name the file with one of those extensions"})
	msgRunMissing = schema.Define("run.missing", schema.Text{
		Zh: "找不到 %[1]s：没有这个文件或文件夹；请检查路径是否写对（可以把文件夹直接拖进命令行窗口）%[2]s",
		En: "%[1]s: no such file or folder; check the path%[2]s"})
	msgRunNameRequired = schema.Define("run.name-required", schema.Text{
		Zh: "请用 --name 指定汇总单位，例如 --name 兴庆区；或者在 --out 的文件名中写上单位，例如 --out 兴庆区2018.xlsx",
		En: "name the consolidated unit with --name, or put the unit in the --out file name"})
	msgRunNoTables = schema.Define("run.no-tables", schema.Text{
		Zh: "%[1]s 中没有 Excel 统计表，只有 %[2]d 个其他文件（Word 文档、PDF、图片等，见上）；请让报送单位提供填好的 Excel 统计表（.xlsx）%[3]s",
		En: "%[1]s holds no workbook, only %[2]d other files (Word documents, PDFs, pictures: see above); ask the units for their filled-in tables (.xlsx)%[3]s"})
	msgRunNotWritten = schema.Define("run.not-written", schema.Text{
		Zh: "（未写入 %s）",
		En: " (%s was not written)"})
	msgRunNothingFound = schema.Define("run.nothing-found", schema.Text{
		Zh: "在 %[1]s 中没有找到报表文件（.xlsx、.xls、.et、.ods 等）；请确认文件夹是否选对%[3]s%[2]s",
		En: "no submission found in %[1]s (no .xlsx, .xls, .et or .ods file); check that it is the right folder%[3]s%[2]s"})
	msgRunNothingToSum = schema.Define("run.nothing-to-sum", schema.Text{
		Zh: "没有可以汇总的报表：%[1]s%[2]s",
		En: "nothing to consolidate: %[1]s%[2]s"})
	msgRunOutIsFolder = schema.Define("run.out-is-folder", schema.Text{
		Zh: "%[1]s %[2]s 是一个文件夹，不能作为输出文件；请在文件夹里指定一个文件名",
		En: "%[1]s %[2]s is a folder, not a file; name a file inside it"})
	msgRunOutNoFolder = schema.Define("run.out-no-folder", schema.Text{
		Zh: "%[1]s %[2]s：文件夹 %[3]s 不存在；请先建好文件夹，或换一个位置",
		En: "%[1]s %[2]s: the folder %[3]s does not exist; create it or choose another place"})
	msgRunOutNotXlsx = schema.Define("run.out-not-xlsx", schema.Text{
		Zh: "--out %s：汇总表是 .xlsx 文件，请把文件名的扩展名写成 .xlsx",
		En: "--out %s: the consolidated workbook is an .xlsx file; name it so"})
	msgRunOutRequired = schema.Define("run.out-required", schema.Text{
		Zh: "请用 --out 指定要写出的汇总表，例如 --out 兴庆区2018.xlsx",
		En: "name the consolidated workbook to write with --out, e.g. --out district2018.xlsx"})
	msgRunOutputFailed = schema.Define("run.output-failed", schema.Text{
		Zh: "%[1]s：%[2]s",
		En: "%[1]s: %[2]s"})
	msgRunPreviousRead = schema.Define("run.previous-read", schema.Text{
		Zh: "--previous：无法读取上年的数字：%s",
		En: "--previous: last year's figures cannot be read: %s"})
	msgRunRosterEmpty = schema.Define("run.roster-empty", schema.Text{
		Zh: "--roster %s：名单中没有任何单位；请每行写一个单位名称（# 开头的行是注释）",
		En: "--roster %s: the roster names no unit; write one unit a line (lines starting with # are comments)"})
	msgRunRosterNobody = schema.Define("run.roster-nobody", schema.Text{
		Zh: "；名单中的 %d 个单位都还没有报送",
		En: "; none of the %d units on the roster has submitted"})
	msgRunRosterNotText = schema.Define("run.roster-not-text", schema.Text{
		Zh: "--roster %s：名单应是文本文件（.txt），每行一个单位；如果名单在 Excel 里，请把单位名称那一列复制到记事本，另存为 UTF-8 编码的 .txt 文件",
		En: "--roster %s: the roster is a text file (.txt) with one unit a line; if it is in Excel, copy the column of names into a text editor and save it as UTF-8 text"})
	msgRunRosterRead = schema.Define("run.roster-read", schema.Text{
		Zh: "--roster：无法读取名单文件：%s；请检查文件名",
		En: "--roster: the roster cannot be read: %s; check the file name"})
	msgRunSchemaErrors = schema.Define("run.schema-errors", schema.Text{
		Zh: "--schema %s：表式文件有错误（以下为位置和英文说明）：\n%s",
		En: "--schema %s: the schema file has errors:\n%s"})
	msgRunSchemaRead = schema.Define("run.schema-read", schema.Text{
		Zh: "--schema：无法读取表式文件：%s",
		En: "--schema: the schema file cannot be read: %s"})
	msgRunSchemaUnknown = schema.Define("run.schema-unknown", schema.Text{
		Zh: "--schema %s：没有这个内置表式，也没有这个表式文件；运行 tally schemas 查看内置表式",
		En: "--schema %s: no built-in schema has this id and there is no such schema file (see tally schemas)"})
	msgRunSumAllInvalid = schema.Define("run.sum.all-invalid", schema.Text{
		Zh: "%d 份报表都有错误，按 --exclude-invalid 都不计入合计；请改正后重新汇总，或去掉 --exclude-invalid",
		En: "all %d readable tables have errors and --exclude-invalid leaves them out; correct them, or run without --exclude-invalid"})
	msgRunSumNoTables = schema.Define("run.sum.no-tables", schema.Text{
		Zh: "只有 %d 个其他文件（Word 文档、PDF、图片等，见上），没有 Excel 统计表；请让报送单位提供填好的 Excel 统计表（.xlsx）",
		En: "there are only %d other files (Word documents, PDFs, pictures: see above) and no workbook; ask the units for their filled-in tables (.xlsx)"})
	msgRunSumUnreadable = schema.Define("run.sum.unreadable", schema.Text{
		Zh: "%d 个文件都无法读取（原因见上）；请按提示处理后重新汇总",
		En: "none of the %d files can be read (see above for why); deal with them and run again"})
	msgRunTemplateOutNotXlsx = schema.Define("run.template.out-not-xlsx", schema.Text{
		Zh: "--out %s：空白表是 .xlsx 文件，请把文件名的扩展名写成 .xlsx",
		En: "--out %s: the template is an .xlsx file; name it so"})
	msgRunTemplateOutRequired = schema.Define("run.template.out-required", schema.Text{
		Zh: "请用 --out 指定要写出的空白表，例如 --out 掌政镇2018.xlsx",
		En: "name the template to write with --out, e.g. --out township2018.xlsx"})
	msgRunTemplateSchema = schema.Define("run.template.schema", schema.Text{
		Zh: "请用 --schema 选择表式：%s",
		En: "choose the table format with --schema: %s"})
	msgRunValidateNoPaths = schema.Define("run.validate.no-paths", schema.Text{
		Zh: "请指出要检查的报表：文件或文件夹，例如 tally validate 乡镇报表",
		En: "name the submissions to check, files or folders, e.g. tally validate submissions"})
	msgRunYear = schema.Define("run.year", schema.Text{
		Zh: "--year %d：请给出四位数的报表年度，例如 --year 2018",
		En: "--year %d: give a four-digit report year, e.g. --year 2018"})
)
