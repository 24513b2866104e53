// Package errtext says what went wrong with a file in words a clerk can act
// on, in Chinese and in English: the errors of the operating system (a file
// that is not there, a folder that may not be read, a full disk, a file
// another program holds) and of a damaged zip, keeping the path they
// concern. A message of tally's that quotes an error quotes it through
// [Of], so that no "open x: no such file or directory" shows in a Chinese
// sentence. A refusal or a reason of tally's own is a [Message]: a message
// of the catalogues, its arguments escaped for the terminal.
//
// It imports schema (for the catalogues and languages) and printable.
package errtext

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"tally/schema"
)

// An Error is an error whose message is given in both languages. Its
// Error method gives the English.
type Error struct {
	Zh, En string
}

// New makes an error with a message in both languages.
func New(zh, en string) error { return &Error{Zh: zh, En: en} }

func (e *Error) Error() string { return e.En }

// Localize implements [schema.Localizer].
func (e *Error) Localize(lang schema.Lang) string {
	return schema.Text{Zh: e.Zh, En: e.En}.In(lang)
}

// Of is err in words, in either language. An error that is already given
// in both languages (a [schema.Localizer], such as an [Error]) is used as
// it is.
func Of(err error) schema.Localizer {
	if err == nil {
		return schema.Both{}
	}
	var loc schema.Localizer
	if errors.As(err, &loc) {
		return loc
	}
	path := pathOf(err)
	if t, ok := words[causeOf(err)]; ok {
		if path == "" {
			return schema.Both{Zh: t.zh, En: t.en}
		}
		return schema.Both{Zh: fmt.Sprintf(t.zhPath, path), En: fmt.Sprintf(t.enPath, path)}
	}
	// An error tally has no words for: the system's own text, marked as
	// such, so that whoever reads it can look it up.
	return schema.Both{Zh: "系统报告的错误：" + err.Error(), En: err.Error()}
}

// Known reports an error tally has words for (a file that is not there, a
// full disk, a name too long…).
func Known(err error) bool { return causeOf(err) != "" }

// InUse reports an error that may mean another program holds the file:
// Windows refuses to replace or remove a file open in Excel, with a
// sharing violation or a refused permission.
func InUse(err error) bool {
	c := causeOf(err)
	return c == busy || c == permission
}

// Panic is a fault inside tally (a recovered panic) in words: in Chinese
// that it is an internal error, in English what it was, for the
// maintainers the message asks to be told.
func Panic(r any) schema.Localizer {
	return schema.Both{Zh: "tally 内部出错", En: fmt.Sprint(r)}
}

// pathOf is the path an error concerns, or "".
func pathOf(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.New
	}
	return ""
}

// The causes tally has words for.
const (
	notExist    = "not-exist"
	permission  = "permission"
	isDir       = "is-dir"
	notDir      = "not-dir"
	noSpace     = "no-space"
	readOnly    = "read-only"
	busy        = "busy"
	tooMany     = "too-many"
	nameTooLong = "name-too-long"
	loop        = "loop"
	ioError     = "io"
	exists      = "exists"
	zipFormat   = "zip-format"
	zipChecksum = "zip-checksum"
	zipMethod   = "zip-method"
	truncated   = "truncated"
	corrupt     = "corrupt"
)

type text struct{ zh, en, zhPath, enPath string }

var words = map[string]text{
	notExist: {"找不到这个文件或文件夹", "no such file or folder",
		"找不到 %s：没有这个文件或文件夹", "%s does not exist: no such file or folder"},
	permission: {"没有访问权限", "permission denied",
		"没有访问 %s 的权限", "permission denied: %s may not be opened"},
	isDir: {"这是一个文件夹，不是文件", "it is a folder, not a file",
		"%s 是一个文件夹，不是文件", "%s is a folder, not a file"},
	notDir: {"路径中有一级不是文件夹", "part of the path is not a folder",
		"%s 的路径中有一级不是文件夹", "part of the path %s is not a folder"},
	noSpace: {"磁盘空间不足", "the disk is full",
		"磁盘空间不足，无法写入 %s", "the disk is full: %s cannot be written"},
	readOnly: {"磁盘是只读的", "the disk is read-only",
		"%s 在只读的磁盘上", "%s is on a read-only disk"},
	busy: {"文件正被其他程序占用", "the file is in use by another program",
		"%s 正被其他程序占用", "%s is in use by another program"},
	tooMany: {"同时打开的文件过多", "too many files are open at once",
		"同时打开的文件过多，无法打开 %s", "too many files are open at once to open %s"},
	nameTooLong: {"文件名过长", "the file name is too long",
		"文件名过长：%s", "the file name is too long: %s"},
	loop: {"快捷方式形成了循环", "the links form a loop",
		"%s 的快捷方式形成了循环", "the links of %s form a loop"},
	ioError: {"读写磁盘或网络时出错", "a disk or network error",
		"读写 %s 时磁盘或网络出错", "a disk or network error on %s"},
	exists: {"文件已存在", "the file exists already",
		"%s 已存在", "%s exists already"},
	zipFormat: {"不是有效的压缩格式", "not a valid zip file",
		"%s 不是有效的压缩格式", "%s is not a valid zip file"},
	zipChecksum: {"压缩数据校验不符，内容已损坏", "a checksum does not match: the contents are damaged",
		"%s 的压缩数据校验不符，内容已损坏", "a checksum of %s does not match: the contents are damaged"},
	zipMethod: {"使用了不支持的压缩方式", "an unsupported compression method",
		"%s 使用了不支持的压缩方式", "%s uses an unsupported compression method"},
	truncated: {"文件在中途就结束了，内容不完整", "the file ends too early: it is incomplete",
		"%s 在中途就结束了，内容不完整", "%s ends too early: it is incomplete"},
	corrupt: {"压缩数据已损坏", "the compressed data is damaged",
		"%s 的压缩数据已损坏", "the compressed data of %s is damaged"},
}

// causeOf names the cause of an error, or "".
func causeOf(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if c := errnoCause(errno); c != "" {
			return c
		}
	}
	var flateErr flate.CorruptInputError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return notExist
	case errors.Is(err, fs.ErrPermission):
		return permission
	case errors.Is(err, fs.ErrExist):
		return exists
	case errors.Is(err, zip.ErrFormat):
		return zipFormat
	case errors.Is(err, zip.ErrChecksum):
		return zipChecksum
	case errors.Is(err, zip.ErrAlgorithm):
		return zipMethod
	case errors.Is(err, io.ErrUnexpectedEOF):
		return truncated
	case errors.As(err, &flateErr):
		return corrupt
	}
	return ""
}
