package run

import (
	"tally/errtext"
	"tally/schema"
)

// An Error is a run that could not do what it was asked, with the reason
// in either language (the command line exits with status 2 on one).
type Error struct {
	Kind ErrorKind
	msg  *errtext.Message
}

// ErrorKind tells why a run could not do what it was asked.
type ErrorKind int

const (
	// Refused: the configuration asks for what cannot be done — a value
	// out of range, a schema or roster that cannot be used, an output that
	// is a folder, in a folder that does not exist, or that would be
	// written over an input or another output. Found before anything is
	// read or written.
	Refused ErrorKind = iota + 1
	// Nothing: there is nothing to check (no path exists, the folders hold
	// no file tally reads, only documents that are no tables) or nothing
	// to sum. The Result, when there is one, says what each file is.
	Nothing
	// Unwritten: an output could not be written (a full disk, a file open
	// in Excel); the outputs before it are written.
	Unwritten
)

func (e *Error) Error() string { return e.msg.Error() }

// Localize implements [schema.Localizer]: the reason in lang.
func (e *Error) Localize(lang schema.Lang) string { return e.msg.Localize(lang) }

// refused, nothing and unwritten make an Error of a catalogue message
// (errtext.Msg: its arguments shown escaped).
func refused(id string, args ...any) *Error {
	return &Error{Kind: Refused, msg: errtext.Msg(id, args...)}
}

func nothing(id string, args ...any) *Error {
	return &Error{Kind: Nothing, msg: errtext.Msg(id, args...)}
}

// unwritten is an output that could not be written: what names it (the
// flag) and why.
func unwritten(flag string, err error) *Error {
	return &Error{Kind: Unwritten, msg: errtext.Msg("run.output-failed", flag, errtext.Of(err))}
}

func init() {
	schema.Register(map[string]schema.Text{
		"run.validate.no-paths": {
			Zh: "请指出要检查的报表：文件或文件夹，例如 tally validate 乡镇报表",
			En: "name the submissions to check, files or folders, e.g. tally validate submissions"},
		"run.consolidate.no-paths": {
			Zh: "请指出要汇总的报表：文件或文件夹，例如 tally consolidate 乡镇报表 --out 兴庆区2018.xlsx",
			En: "name the submissions to consolidate, files or folders, e.g. tally consolidate submissions --out district2018.xlsx"},
		"run.out-required": {
			Zh: "请用 --out 指定要写出的汇总表，例如 --out 兴庆区2018.xlsx",
			En: "name the consolidated workbook to write with --out, e.g. --out district2018.xlsx"},
		"run.out-not-xlsx": {
			Zh: "--out %s：汇总表是 .xlsx 文件，请把文件名的扩展名写成 .xlsx",
			En: "--out %s: the consolidated workbook is an .xlsx file; name it so"},
		"run.out-is-folder": {
			Zh: "%[1]s %[2]s 是一个文件夹，不能作为输出文件；请在文件夹里指定一个文件名",
			En: "%[1]s %[2]s is a folder, not a file; name a file inside it"},
		"run.out-no-folder": {
			Zh: "%[1]s %[2]s：文件夹 %[3]s 不存在；请先建好文件夹，或换一个位置",
			En: "%[1]s %[2]s: the folder %[3]s does not exist; create it or choose another place"},
		"run.name-required": {
			Zh: "请用 --name 指定汇总单位，例如 --name 兴庆区；或者在 --out 的文件名中写上单位，例如 --out 兴庆区2018.xlsx",
			En: "name the consolidated unit with --name, or put the unit in the --out file name"},
		"run.log-ext": {
			Zh: "--log %s：日志按扩展名写成 .json、.csv 或 .xlsx，请用其中一种扩展名",
			En: "--log %s: the log is written as .json, .csv or .xlsx; name the file with one of those extensions"},
		"run.annotate-is-file": {
			Zh: "--annotate %s 是一个文件，不是文件夹；请给出一个文件夹（不存在时会自动建立）",
			En: "--annotate %s is a file, not a folder; name a folder (it is made if it does not exist)"},
		"run.year": {
			Zh: "--year %d：请给出四位数的报表年度，例如 --year 2018",
			En: "--year %d: give a four-digit report year, e.g. --year 2018"},
		"run.schema-unknown": {
			Zh: "--schema %s：没有这个内置表式，也没有这个表式文件；运行 tally schemas 查看内置表式",
			En: "--schema %s: no built-in schema has this id and there is no such schema file (see tally schemas)"},
		"run.schema-read": {
			Zh: "--schema：无法读取表式文件：%s",
			En: "--schema: the schema file cannot be read: %s"},
		"run.schema-errors": {
			Zh: "--schema %s：表式文件有错误（以下为位置和英文说明）：\n%s",
			En: "--schema %s: the schema file has errors:\n%s"},
		"run.roster-read": {
			Zh: "--roster：无法读取名单文件：%s；请检查文件名",
			En: "--roster: the roster cannot be read: %s; check the file name"},
		"run.previous-read": {
			Zh: "--previous：无法读取上年的数字：%s",
			En: "--previous: last year's figures cannot be read: %s"},
		"run.roster-not-text": {
			Zh: "--roster %s：名单应是文本文件（.txt），每行一个单位；如果名单在 Excel 里，请把单位名称那一列复制到记事本，另存为 UTF-8 编码的 .txt 文件",
			En: "--roster %s: the roster is a text file (.txt) with one unit a line; if it is in Excel, copy the column of names into a text editor and save it as UTF-8 text"},
		"run.roster-empty": {
			Zh: "--roster %s：名单中没有任何单位；请每行写一个单位名称（# 开头的行是注释）",
			En: "--roster %s: the roster names no unit; write one unit a line (lines starting with # are comments)"},
		"run.roster-nobody": {
			Zh: "；名单中的 %d 个单位都还没有报送",
			En: "; none of the %d units on the roster has submitted"},
		"run.missing": {
			Zh: "找不到 %[1]s：没有这个文件或文件夹；请检查路径是否写对（可以把文件夹直接拖进命令行窗口）%[2]s",
			En: "%[1]s: no such file or folder; check the path%[2]s"},
		"run.nothing-found": {
			Zh: "在 %[1]s 中没有找到报表文件（.xlsx、.xls、.et、.ods 等）；请确认文件夹是否选对%[3]s%[2]s",
			En: "no submission found in %[1]s (no .xlsx, .xls, .et or .ods file); check that it is the right folder%[3]s%[2]s"},
		"run.no-tables": {
			Zh: "%[1]s 中没有 Excel 统计表，只有 %[2]d 个其他文件（Word 文档、PDF、图片等，见上）；请让报送单位提供填好的 Excel 统计表（.xlsx）%[3]s",
			En: "%[1]s holds no workbook, only %[2]d other files (Word documents, PDFs, pictures: see above); ask the units for their filled-in tables (.xlsx)%[3]s"},
		"run.not-written": {
			Zh: "（未写入 %s）",
			En: " (%s was not written)"},
		"run.nothing-to-sum": {
			Zh: "没有可以汇总的报表：%[1]s%[2]s",
			En: "nothing to consolidate: %[1]s%[2]s"},
		"run.sum.no-tables": {
			Zh: "只有 %d 个其他文件（Word 文档、PDF、图片等，见上），没有 Excel 统计表；请让报送单位提供填好的 Excel 统计表（.xlsx）",
			En: "there are only %d other files (Word documents, PDFs, pictures: see above) and no workbook; ask the units for their filled-in tables (.xlsx)"},
		"run.sum.unreadable": {
			Zh: "%d 个文件都无法读取（原因见上）；请按提示处理后重新汇总",
			En: "none of the %d files can be read (see above for why); deal with them and run again"},
		"run.sum.all-invalid": {
			Zh: "%d 份报表都有错误，按 --exclude-invalid 都不计入合计；请改正后重新汇总，或去掉 --exclude-invalid",
			En: "all %d readable tables have errors and --exclude-invalid leaves them out; correct them, or run without --exclude-invalid"},
		"run.output-failed": {
			Zh: "%[1]s：%[2]s",
			En: "%[1]s: %[2]s"},
		"run.template.out-required": {
			Zh: "请用 --out 指定要写出的空白表，例如 --out 掌政镇2018.xlsx",
			En: "name the template to write with --out, e.g. --out township2018.xlsx"},
		"run.template.out-not-xlsx": {
			Zh: "--out %s：空白表是 .xlsx 文件，请把文件名的扩展名写成 .xlsx",
			En: "--out %s: the template is an .xlsx file; name it so"},
		"run.template.schema": {
			Zh: "请用 --schema 选择表式：%s",
			En: "choose the table format with --schema: %s"},
	})
}
