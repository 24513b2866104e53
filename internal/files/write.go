package files

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"tally/cleanup"
	"tally/errtext"
	"tally/schema"
)

// Rename moves a written temporary file into place; a test stands in for
// it, to make a destination locked as Windows does.
var Rename = os.Rename

// WriteAtomic writes an output file through a temporary file in the same
// folder and a rename, so a reader never sees half a file: a run stopped
// midway leaves the old file or none, and a run interrupted (Ctrl-C,
// SIGTERM) removes the temporary file (cleanup). write streams the
// contents; an error it returns is returned as it is, and the old file is
// left as it was.
func WriteAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return errtext.Msg("out.is-folder", path)
	}
	var tmp *os.File
	release, err := cleanup.Track(func() (func(), error) {
		var err error
		if tmp, err = os.CreateTemp(dir, ".tally-*.tmp"); err != nil {
			return nil, err
		}
		name := tmp.Name()
		return func() { os.Remove(name) }, nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return errtext.Msg("out.no-folder", path, dir)
		}
		return errtext.Msg("out.cannot-write", path, errtext.Of(err))
	}
	defer release()
	defer os.Remove(tmp.Name())
	fw := &fileWriter{w: tmp}
	bw := bufio.NewWriterSize(fw, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if fw.err != nil {
		tmp.Close()
		return errtext.Msg("out.cannot-write", path, errtext.Of(fw.err))
	}
	if err != nil {
		tmp.Close()
		return err
	}
	// CreateTemp makes the file readable by its owner only; an output is an
	// ordinary document.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return errtext.Msg("out.cannot-write", path, errtext.Of(err))
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return errtext.Msg("out.cannot-write", path, errtext.Of(err))
	}
	if err := tmp.Close(); err != nil {
		return errtext.Msg("out.cannot-write", path, errtext.Of(err))
	}
	if err := Rename(tmp.Name(), path); err != nil {
		// Windows refuses to replace a file another program holds open
		// (Excel, WPS); a rename that failed for a reason known to be
		// another (a name too long, a full or read-only disk) says that
		// reason instead.
		if errtext.Known(err) && !errtext.InUse(err) {
			return errtext.Msg("out.cannot-write", path, errtext.Of(err))
		}
		return errtext.Msg("out.locked", path, errtext.Of(err))
	}
	return nil
}

// fileWriter remembers the first error of the file it writes to, to tell a
// full disk from a failure to make the contents.
type fileWriter struct {
	w   io.Writer
	err error
}

func (f *fileWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// Bytes writes data as it is, for WriteAtomic.
func Bytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

func init() {
	schema.Register(map[string]schema.Text{
		"out.is-folder": {
			Zh: "%s 是一个文件夹，不能作为输出文件；请在文件夹里指定一个文件名",
			En: "%s is a folder, not a file; name a file inside it"},
		"out.no-folder": {
			Zh: "无法写入 %[1]s：文件夹 %[2]s 不存在；请先建好文件夹，或换一个位置",
			En: "cannot write %[1]s: the folder %[2]s does not exist; create it or choose another place"},
		"out.cannot-write": {
			Zh: "无法写入 %[1]s（%[2]v）；请检查磁盘空间和这个文件夹的写入权限",
			En: "cannot write %[1]s (%[2]v); check the free space and that the folder can be written to"},
		"out.locked": {
			Zh: "无法替换 %[1]s：它可能正在 Excel 或 WPS 中打开，或被其他程序占用；请关闭它后重新运行（原文件未改动）（%[2]v）",
			En: "cannot replace %[1]s: it may be open in Excel or WPS or locked by another program; close it and run again (the file was left as it was) (%[2]v)"},
	})
}
