package serve

import "tally/schema"

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgServeBadUpload = schema.Define("serve.bad-upload", schema.Text{
		Zh: "上传没有完成（%s）；请重新选择文件后再试一次",
		En: "the upload did not complete (%s); choose the files again and retry"})
	msgServeBadYear = schema.Define("serve.bad-year", schema.Text{
		Zh: "报表年度“%s”不是年份；请写四位数的年份，如 2018，或者不填",
		En: "the report year %q is no year; write four digits, e.g. 2018, or leave it empty"})
	msgServeBadSchema = schema.Define("serve.bad-schema", schema.Text{
		Zh: "没有“%s”这个表式；请从列表中选择，或选“自动识别”",
		En: "there is no format %q; choose one from the list, or detect"})
	msgServeGridCell = schema.Define("serve.grid-cell", schema.Text{
		Zh: "这条规则还涉及另外 1 个单元格，图中没有画出：%[1]s",
		En: "1 more cell of this rule is not drawn: %[1]s"})
	msgServeGridCells = schema.Define("serve.grid-cells", schema.Text{
		Zh: "这条规则还涉及另外 %[1]d 个单元格，图中没有画出：%[2]s",
		En: "%[1]d more cells of this rule are not drawn: %[2]s"})
	msgServeGridRow = schema.Define("serve.grid-row", schema.Text{
		Zh: "这条规则还涉及另外 1 行，图中没有画出：%[1]s",
		En: "1 more row of this rule is not drawn: %[1]s"})
	msgServeGridRows = schema.Define("serve.grid-rows", schema.Text{
		Zh: "这条规则还涉及另外 %[1]d 行，图中没有画出：%[2]s",
		En: "%[1]d more rows of this rule are not drawn: %[2]s"})
	msgServeLimits = schema.Define("serve.limits", schema.Text{
		Zh: "每次最多上传 %[1]s、%[2]d 个文件；保留最近 %[3]d 次检查的结果，更早的连同文件一起删除",
		En: "an upload is at most %[1]s and %[2]d files; the last %[3]d checks are kept, older ones deleted with their files"})
	msgServeListen = schema.Define("serve.listen", schema.Text{
		Zh: "--listen %s 不是本机地址：同一网络中的其他电脑也能连接（仍须使用带令牌的地址）；只在确有需要时这样做",
		En: "--listen %s is not a loopback address: other computers on the network can connect (they still need the address with its token); do so only when you must"})
	msgServeMore    = schema.Define("serve.more", schema.Text{Zh: " 等（另有 %d 个）", En: " and %d more"})
	msgServeNoFiles = schema.Define("serve.no-files", schema.Text{
		Zh: "没有收到任何文件；请选择报表所在的文件夹或报表文件",
		En: "no file came with the upload; choose the folder of the tables, or the files"})
	msgServeNoRun = schema.Define("serve.no-run", schema.Text{
		Zh: "找不到这次检查（%[1]s）：只保留最近 %[2]d 次检查，tally 重新启动后也会清空；请重新上传",
		En: "no such check (%[1]s): only the last %[2]d checks are kept, and none once tally restarts; upload again"})
	msgServeNotReady = schema.Define("serve.not-ready", schema.Text{
		Zh: "这次检查还没有这个文件（%s）：检查尚未完成，或没有生成这个文件",
		En: "this check has no such file (%s): it is still running, or did not make it"})
	msgServeStopped = schema.Define("serve.stopped", schema.Text{
		Zh: "检查已中止：tally 正在退出，或这次检查被较新的检查替换",
		En: "the check was stopped: tally is stopping, or newer checks replaced it"})
	msgServeTooLarge = schema.Define("serve.too-large", schema.Text{
		Zh: "上传的文件超过了 %s 的上限；请分几次上传，或只选报表所在的文件夹",
		En: "the upload is larger than the limit of %s; upload in parts, or only the folder of the tables"})
	msgServeTooMany = schema.Define("serve.too-many", schema.Text{
		Zh: "一次最多上传 %d 个文件；请分几次上传，或只选报表所在的文件夹",
		En: "an upload holds at most %d files; upload in parts, or only the folder of the tables"})
)
