package command

import "tally/schema"

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgCliFailOn = schema.Define("cli.fail-on", schema.Text{
		Zh: "--fail-on %s：只能是 error（有错误时退出码为 1）、warning（有警告或错误时）或 never（从不）",
		En: "--fail-on %s: use error, warning or never"})
	msgCliFlagBadValue = schema.Define("cli.flag-bad-value", schema.Text{
		Zh: "选项 %[1]s 的值“%[2]s”无效；运行 %[3]s --help 查看用法",
		En: "the option %[1]s cannot be %[2]q; see %[3]s --help"})
	msgCliFlagNeedsValue = schema.Define("cli.flag-needs-value", schema.Text{
		Zh: "选项 %[1]s 后面缺少值；运行 %[2]s --help 查看用法",
		En: "the option %[1]s needs a value; see %[2]s --help"})
	msgCliFlagNotBoolean = schema.Define("cli.flag-not-boolean", schema.Text{
		Zh: "选项 %[1]s 不需要值（多了“%[2]s”）",
		En: "the option %[1]s takes no value (not %[2]q)"})
	msgCliFlagNotInteger = schema.Define("cli.flag-not-integer", schema.Text{
		Zh: "选项 %[1]s 的值“%[2]s”不是整数；请写一个整数",
		En: "the option %[1]s takes a whole number, not %[2]q"})
	msgCliFlagOther = schema.Define("cli.flag-other", schema.Text{
		Zh: "命令行有误（%[1]s）；运行 %[2]s --help 查看用法",
		En: "the command line is wrong (%[1]s); see %[2]s --help"})
	msgCliFlagSyntax = schema.Define("cli.flag-syntax", schema.Text{
		Zh: "看不懂“%[1]s”：选项的写法是 --名称 值 或 --名称=值；运行 %[2]s --help 查看用法",
		En: "%[1]q is no option: write --name value or --name=value; see %[2]s --help"})
	msgCliFlagUndefined = schema.Define("cli.flag-undefined", schema.Text{
		Zh: "没有 %[1]s 这个选项；运行 %[2]s --help 查看可用的选项",
		En: "there is no option %[1]s; see %[2]s --help for the options"})
	msgCliFormat = schema.Define("cli.format", schema.Text{
		Zh: "--format %s：报告格式只能是 text、json 或 csv",
		En: "--format %s: the report is text, json or csv"})
	msgCliJump = schema.Define("cli.jump", schema.Text{
		Zh: "--jump %s：请写成 倍数,下限,从零 三个数，例如 5,10,50（0 表示不检查）",
		En: "--jump %s: give FACTOR,MIN,FROM_ZERO as numbers, e.g. 5,10,50 (0 turns the check off)"})
	msgCliJumpFactor = schema.Define("cli.jump-factor", schema.Text{
		Zh: "--jump %s：倍数应大于 1（或为 0，表示不检查）",
		En: "--jump %s: the factor must be more than 1 (or 0 to turn the check off)"})
	msgCliLang = schema.Define("cli.lang", schema.Text{
		Zh: "--lang %s：语言只能是 zh（中文）或 en（英文）",
		En: "--lang %s: the language is zh (Chinese) or en (English)"})
	msgCliNoCommand = schema.Define("cli.no-command", schema.Text{
		Zh: "请指定一个命令：validate（检查）、consolidate（汇总）、template（空白表）、schemas（表式）或 serve（网页）",
		En: "name a command: validate, consolidate, template, schemas or serve"})
	msgCliNoHelpTopic = schema.Define("cli.no-help-topic", schema.Text{
		Zh: "没有“%s”这个命令，无法显示它的帮助；可用的命令有 validate、consolidate、template、schemas 和 serve",
		En: "there is no command %q to show help for; the commands are validate, consolidate, template, schemas and serve"})
	msgCliReportFailed = schema.Define("cli.report-failed", schema.Text{
		Zh: "无法输出报告：%s",
		En: "the report cannot be written: %s"})
	msgCliServeListen = schema.Define("cli.serve.listen", schema.Text{
		Zh: "无法在 %[1]s 上提供页面：%[2]s；请换一个地址或端口，例如 --listen 127.0.0.1:8080",
		En: "the page cannot be served on %[1]s: %[2]s; choose another address or port, e.g. --listen 127.0.0.1:8080"})
	msgCliServeNoBrowser = schema.Define("cli.serve.no-browser", schema.Text{
		Zh: "无法自动打开浏览器（%s）；请把上面第一行的地址复制到浏览器中打开",
		En: "the browser could not be opened (%s); copy the address on the first line above into a browser"})
	msgCliServeStop = schema.Define("cli.serve.stop", schema.Text{
		Zh: "tally 正在提供检查页面（请在浏览器中打开上面的地址）；用完后按 Ctrl-C 或关闭此窗口即可停止，上传的文件随之删除",
		En: "tally is serving the page (open the address above in a browser); press Ctrl-C or close this window to stop, and the files uploaded are deleted"})
	msgCliSchemasShowWhat = schema.Define("cli.schemas.show-what", schema.Text{
		Zh: "请给出要显示的表式编号，例如 tally schemas show gov-info-2018",
		En: "name the schema to show, e.g. tally schemas show gov-info-2018"})
	msgCliSchemasUnknown = schema.Define("cli.schemas.unknown", schema.Text{
		Zh: "没有“%s”这个内置表式；运行 tally schemas 查看内置表式",
		En: "no built-in schema has the id %q (see tally schemas)"})
	msgCliSchemasUsage = schema.Define("cli.schemas.usage", schema.Text{
		Zh: "看不懂“%s”：用法是 tally schemas（列出内置表式）或 tally schemas show 表式编号",
		En: "%q is not understood: use tally schemas, or tally schemas show ID"})
	msgCliTemplateArgs = schema.Define("cli.template.args", schema.Text{
		Zh: "template 不需要路径（多出了“%s”）；单位和年度请用 --unit 和 --year 给出，输出文件用 --out",
		En: "template takes no paths (%q is left over); give the unit and year with --unit and --year, the file with --out"})
	msgCliUnknownCommand = schema.Define("cli.unknown-command", schema.Text{
		Zh: "没有“%s”这个命令；可用的命令有 validate（检查）、consolidate（汇总）、template（空白表）、schemas（表式）和 serve（网页），运行 tally --help 查看说明",
		En: "there is no command %q; the commands are validate, consolidate, template, schemas and serve (see tally --help)"})
	msgHelpAbout = schema.Define("help.about", schema.Text{
		Zh: "tally %s：检查乡镇、街道报送的《政府信息公开情况统计表》，逐个指标、逐个合计核对，指出每个问题所在的文件和单元格，并汇总成一张表。",
		En: "tally %s checks the statistics tables townships and street offices submit, indicator by indicator and sum by sum, points at the file and cell of every problem, and consolidates them into one table."})
	msgHelpConsolidate = schema.Define("help.consolidate", schema.Text{
		Zh: "检查报表，并把它们逐格相加，写出汇总表（--out）：汇总、明细、差异、来源四个工作表。即使有问题也会写出，问题记在“差异”表中；没有可以汇总的报表时不写。",
		En: "Checks submissions and adds them up cell by cell into the consolidated workbook (--out): the summary, detail, findings and sources sheets. It is written even when there are findings (they are in it); it is not written when there is no table to sum."})
	msgHelpExitCodes = schema.Define("help.exit-codes", schema.Text{
		Zh: "退出码：0 没有达到 --fail-on 的问题；1 有达到 --fail-on 的问题（报告已输出）；2 未能完成：命令用法有误，没有找到可检查的报表，没有可汇总的报表，或无法写出文件（原因写在最后一行，“tally：”之后）；130 按 Ctrl-C 中止，143 被终止（SIGTERM），临时文件均已删除。",
		En: "Exit status: 0 no finding at or above --fail-on; 1 findings at or above it (the report has been written); 2 the run could not be done: a usage error, no table found to check, none to consolidate, or an output that cannot be written (the reason is on the last line, after \"tally: \"); 130 stopped by Ctrl-C, 143 by SIGTERM, the temporary files removed."})
	msgHelpSchemas = schema.Define("help.schemas", schema.Text{
		Zh: "tally schemas 列出内置表式；tally schemas show 表式编号 以 YAML 显示其中一个。",
		En: "tally schemas lists the built-in table formats; tally schemas show ID prints one as YAML."})
	msgHelpServe = schema.Define("help.serve", schema.Text{
		Zh: "在本机浏览器中打开检查页面：选择或拖入报表文件夹，即可看到各单位的报送情况、每个问题所在的单元格、汇总数，并下载汇总表、差异清单和问题标注副本。只在本机提供（127.0.0.1），需用第一行显示的带令牌的地址打开；给出的路径会立即检查。不带任何参数运行 tally（如双击 tally.exe），或把文件夹拖到 tally.exe 上，也会打开这个页面。",
		En: "Opens the checking page in this computer's browser: choose or drop the folder of tables, and see every unit's status, the cell of each problem and the totals, and download the consolidated workbook, the findings and the marked-up copies. Served on this computer only (127.0.0.1), through the address with its token printed on the first line; PATHs given are checked at once. tally started with no arguments (a double-click on tally.exe), or with a folder dropped onto it, opens this page too."})
	msgHelpTemplate = schema.Define("help.template", schema.Text{
		Zh: "写出发给乡镇填报的空白表：正式表样，只能在数字格里填写，填错时当场标红。",
		En: "Writes the fill-in workbook a district sends its townships: the official layout, typing allowed in the value cells only, each check turning red as soon as it fails."})
	msgHelpValidate = schema.Define("help.validate", schema.Text{
		Zh: "检查报表：每个指标的数字、每个合计和“其中”项，以及报表之间的重复、年度和名单。列出每个问题所在的文件、工作表和单元格。除 --log 和 --annotate 指定的文件外，不写任何文件，也从不改动报表。",
		En: "Checks submissions: every indicator's number, every sum and of-which item, and across them duplicates, the year and the roster. Prints each problem with its file, sheet and cell. Writes no file but those --log and --annotate name, and never changes a submission."})
)
