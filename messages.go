package main

import "tally/schema"

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgCliStopped = schema.Define("cli.stopped", schema.Text{
		Zh: "已中止（%s）：临时文件已删除；尚未写完的输出没有写入，原有的文件保持原样",
		En: "stopped (%s): the temporary files are removed; an output not yet finished was not written, and the file it would replace is as it was"})
)
