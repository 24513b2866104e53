package command

import "tally/schema"

// The messages of the command line's own refusals: its flags' values and
// words; a run's refusals are package run's.
func init() {
	schema.Register(map[string]schema.Text{
		"cli.lang": {
			Zh: "--lang %s：语言只能是 zh（中文）或 en（英文）",
			En: "--lang %s: the language is zh (Chinese) or en (English)"},
		"cli.format": {
			Zh: "--format %s：报告格式只能是 text、json 或 csv",
			En: "--format %s: the report is text, json or csv"},
		"cli.fail-on": {
			Zh: "--fail-on %s：只能是 error（有错误时退出码为 1）、warning（有警告或错误时）或 never（从不）",
			En: "--fail-on %s: use error, warning or never"},
		"cli.jump": {
			Zh: "--jump %s：请写成 倍数,下限,从零 三个数，例如 5,10,50（0 表示不检查）",
			En: "--jump %s: give FACTOR,MIN,FROM_ZERO as numbers, e.g. 5,10,50 (0 turns the check off)"},
		"cli.jump-factor": {
			Zh: "--jump %s：倍数应大于 1（或为 0，表示不检查）",
			En: "--jump %s: the factor must be more than 1 (or 0 to turn the check off)"},
		"cli.report-failed": {
			Zh: "无法输出报告：%s",
			En: "the report cannot be written: %s"},
		"cli.template.args": {
			Zh: "template 不需要路径（多出了“%s”）；单位和年度请用 --unit 和 --year 给出，输出文件用 --out",
			En: "template takes no paths (%q is left over); give the unit and year with --unit and --year, the file with --out"},
		"cli.schemas.unknown": {
			Zh: "没有“%s”这个内置表式；运行 tally schemas 查看内置表式",
			En: "no built-in schema has the id %q (see tally schemas)"},
		"cli.schemas.show-what": {
			Zh: "请给出要显示的表式编号，例如 tally schemas show gov-info-2018",
			En: "name the schema to show, e.g. tally schemas show gov-info-2018"},
		"cli.schemas.usage": {
			Zh: "看不懂“%s”：用法是 tally schemas（列出内置表式）或 tally schemas show 表式编号",
			En: "%q is not understood: use tally schemas, or tally schemas show ID"},
	})
}
