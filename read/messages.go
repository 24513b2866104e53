package read

import "tally/schema"

// convertText is the message for a file that must be converted before it
// can be read: what it is, in Chinese and English.
func convertText(what, whatEn string) schema.Text {
	return schema.Text{
		Zh: "这是" + what + "，需要先转换才能读取：用 Excel 或 WPS 打开后“另存为”→“Excel 工作簿(*.xlsx)”；" +
			"或者安装 LibreOffice 后重新运行 tally，它会自动转换一份副本来读取（原文件不变），" +
			"也可以手动执行 soffice --headless --convert-to xlsx 加文件名",
		En: "this is " + whatEn + " and must be converted first: open it in Excel or WPS and " +
			"Save As \"Excel Workbook (*.xlsx)\"; or install LibreOffice and run tally again, " +
			"it then reads a converted copy (the original is left alone); or convert it yourself " +
			"with soffice --headless --convert-to xlsx FILE",
	}
}

// What to ask a unit for when it sent something other than its table.
const (
	ask   = "请让报送单位提供填好的 Excel 统计表（.xlsx）"
	askEn = "ask the unit for the filled-in Excel table (.xlsx)"
)

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgReadBookTooLarge = schema.Define("read.book-too-large", schema.Text{
		Zh: "工作簿的内容过多，远远超出一份统计表：读到%[1]s时已超过 tally 读取一个工作簿的上限（%[2]s），无法完整读取，因此整个文件未读取，也不计入汇总；请检查是否发错了文件，或删去与统计表无关的工作表后重新报送",
		En: "the workbook holds far more than a statistics table: at %[1]s it passed the most tally reads of one workbook (%[2]s) and cannot be read whole, so none of it was read and it is not consolidated. Check that it is the right file, or delete the sheets that are not the table and send it again"})
	msgReadConvertFailed = schema.Define("read.convert-failed", schema.Text{
		Zh: "无法转换此文件（%s）；请用 Excel 或 WPS 打开后另存为 .xlsx 格式",
		En: "the file could not be converted (%s); open it in Excel or WPS and save it as .xlsx"})
	msgReadConverted = schema.Define("read.converted", schema.Text{
		Zh: "此文件为%s，已由 %s 转换出一份副本来读取，原文件未改动；建议今后用 .xlsx 格式报送",
		En: "the file is a %s and was read through a copy converted by %s; the original was not changed. Ask for .xlsx next time"})
	msgReadCsv = schema.Define("read.csv", schema.Text{
		Zh: "此文件为 CSV 文本表格，已按表格读取；CSV 不保存公式和格式，建议今后用 .xlsx 格式报送",
		En: "the file is a CSV text table and was read as one; CSV keeps no formulas or formats, so ask for .xlsx next time"})
	msgReadDamaged = schema.Define("read.damaged", schema.Text{
		Zh: "文件已损坏，无法作为工作簿打开（%s）；请让报送单位用 Excel 或 WPS 重新保存后发送",
		En: "the file is damaged and cannot be opened as a workbook (%s); ask the unit to save it again in Excel or WPS and resend it"})
	msgReadDamagedZip = schema.Define("read.damaged-zip", schema.Text{
		Zh: "文件已损坏或不完整（可能是下载或传送中断）；请让报送单位重新发送",
		En: "the file is damaged or incomplete (an interrupted download or transfer?); ask the unit to send it again"})
	msgReadEmpty = schema.Define("read.empty", schema.Text{
		Zh: "文件是空的（0 字节），可能在保存或传送时出错；请让报送单位重新发送",
		En: "the file is empty (0 bytes), probably broken while saving or sending; ask the unit to send it again"})
	msgReadEncrypted = schema.Define("read.encrypted", schema.Text{
		Zh: "文件设置了打开密码，无法读取；请报送单位在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后重新发送",
		En: "the file is password-protected; ask the unit to remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it) and send it again"})
	msgReadImage            = schema.Define("read.image", schema.Text{Zh: "这是一张图片（扫描件或照片），不是 Excel 工作簿；" + ask, En: "this is a picture (a scan or photo), not a workbook; " + askEn})
	msgReadNeedsConvertEt   = schema.Define("read.needs-convert.et", convertText("WPS 表格文件（.et）", "a WPS Spreadsheets file (.et)"))
	msgReadNeedsConvertHtml = schema.Define("read.needs-convert.html", convertText("网页格式的表格（常见于系统导出的 .xls）", "a table saved as a web page (as some systems export .xls)"))
	msgReadNeedsConvertOds  = schema.Define("read.needs-convert.ods", convertText("OpenDocument 表格（.ods）", "an OpenDocument spreadsheet (.ods)"))
	msgReadNeedsConvertXls  = schema.Define("read.needs-convert.xls", convertText("旧版 Excel 文件（.xls）", "a legacy Excel file (.xls)"))
	msgReadNeedsConvertXml  = schema.Define("read.needs-convert.xml", convertText("Excel 2003 XML 表格", "an Excel 2003 XML spreadsheet"))
	msgReadPdf              = schema.Define("read.pdf", schema.Text{Zh: "这是一个 PDF 文件，不是 Excel 工作簿；" + ask + "，不要 PDF 或扫描件", En: "this is a PDF, not a workbook; " + askEn + ", not a PDF or a scan"})
	msgReadPresentation     = schema.Define("read.presentation", schema.Text{Zh: "这是一份演示文稿，不是 Excel 工作簿；" + ask, En: "this is a presentation, not a workbook; " + askEn})
	msgReadRecalculated     = schema.Define("read.recalculated", schema.Text{
		Zh: "此文件中的公式没有保存计算结果（文件不是由电子表格软件保存的），已由 %s 重新计算后读取",
		En: "the file's formulas had no stored results (it was not saved by a spreadsheet program); %s computed them"})
	msgReadText     = schema.Define("read.text", schema.Text{Zh: "这是一个纯文本文件，不是 Excel 工作簿；" + ask, En: "this is a plain text file, not a workbook; " + askEn})
	msgReadTooLarge = schema.Define("read.too-large", schema.Text{
		Zh: "文件解压后异常巨大，远远超出一份统计表的大小（可能是损坏或恶意构造的文件），已跳过；请检查是否发错了文件",
		En: "the file inflates to an absurd size, far beyond any statistics table (it may be damaged or crafted), and was skipped; check that it is the right file"})
	msgReadUnknown    = schema.Define("read.unknown", schema.Text{Zh: "无法识别的文件格式，不是 Excel 工作簿；" + ask, En: "this file is in no format tally knows and is not a workbook; " + askEn})
	msgReadWord       = schema.Define("read.word", schema.Text{Zh: "这是一份 Word 文档，不是 Excel 工作簿；" + ask, En: "this is a Word document, not a workbook; " + askEn})
	msgReadZipArchive = schema.Define("read.zip-archive", schema.Text{
		Zh: "这是一个压缩包，不是工作簿；请先解压，再对解压出的文件夹运行 tally",
		En: "this is a ZIP archive, not a workbook; unpack it and run tally on the unpacked folder"})
	msgReadZipEntries = schema.Define("read.zip-entries", schema.Text{
		Zh: "文件中的条目超过 %[1]d 个（或条目目录超过 %[2]d MB），远远超出任何工作簿（一份工作簿通常只有几十个部分），可能是损坏或恶意构造的文件，已跳过；请检查是否发错了文件",
		En: "the file holds more than %[1]d entries (or a directory of entries over %[2]d MB), far more than any workbook, which has a few dozen parts; it may be damaged or crafted, and was skipped. Check that it is the right file"})
)
