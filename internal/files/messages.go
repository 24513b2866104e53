package files

import "tally/schema"

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgInputLinkLoop = schema.Define("input.link-loop", schema.Text{
		Zh: "%[1]s 是一个快捷方式（符号链接），链接绕成了循环，指不到任何文件",
		En: "%[1]s is a link that loops back on itself and leads to no file"})
	msgInputLinkMissing = schema.Define("input.link-missing", schema.Text{
		Zh: "%[1]s 是一个快捷方式（符号链接），它指向的 %[2]s 不存在",
		En: "%[1]s is a link to %[2]s, which does not exist"})
	msgInputNotRegular = schema.Define("input.not-regular", schema.Text{
		Zh: "%[1]s 是%[2]s，不是普通文件；tally 只读取普通文件，请给出报表文件本身",
		En: "%[1]s is %[2]s, not a regular file; tally reads regular files only: name the file itself"})
	msgInputStalled = schema.Define("input.stalled", schema.Text{
		Zh: "读取 %[1]s 时 %[2]d 秒内没有读到任何数据，已放弃（文件可能在断开的网络盘上）",
		En: "reading %[1]s stalled: no data came for %[2]d seconds, so it was given up (the file may be on a network drive that went away)"})
	msgOutCannotWrite = schema.Define("out.cannot-write", schema.Text{
		Zh: "无法写入 %[1]s（%[2]v）；请检查磁盘空间和这个文件夹的写入权限",
		En: "cannot write %[1]s (%[2]v); check the free space and that the folder can be written to"})
	msgOutIsFolder = schema.Define("out.is-folder", schema.Text{
		Zh: "%s 是一个文件夹，不能作为输出文件；请在文件夹里指定一个文件名",
		En: "%s is a folder, not a file; name a file inside it"})
	msgOutLocked = schema.Define("out.locked", schema.Text{
		Zh: "无法替换 %[1]s：它可能正在 Excel 或 WPS 中打开，或被其他程序占用；请关闭它后重新运行（原文件未改动）（%[2]v）",
		En: "cannot replace %[1]s: it may be open in Excel or WPS or locked by another program; close it and run again (the file was left as it was) (%[2]v)"})
	msgOutNoFolder = schema.Define("out.no-folder", schema.Text{
		Zh: "无法写入 %[1]s：文件夹 %[2]s 不存在；请先建好文件夹，或换一个位置",
		En: "cannot write %[1]s: the folder %[2]s does not exist; create it or choose another place"})
)
