package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"tally/cleanup"
	"tally/consolidate"
	"tally/errtext"
	"tally/schema"
)

// Extensions of the files a folder walk reads as submissions, and of the
// files it reports as "not a workbook" because a unit may have sent one
// instead of its table. Anything else in a folder is passed over.
var (
	workbookExts = map[string]bool{".xlsx": true, ".xlsm": true, ".xltx": true, ".xltm": true,
		".xls": true, ".et": true, ".ett": true, ".ods": true}
	strayExts = map[string]bool{".csv": true, ".pdf": true, ".doc": true, ".docx": true, ".wps": true, ".odt": true,
		".jpg": true, ".jpeg": true, ".png": true, ".bmp": true, ".gif": true, ".tif": true, ".tiff": true,
		".zip": true, ".rar": true, ".7z": true}
)

// collectSources turns the command line's paths into sources: files as
// named, folders walked recursively in sorted order, skipping hidden files,
// lock and temporary files. A path that cannot be read becomes a source
// whose loading fails, so it is reported like any bad submission.
func collectSources(paths []string) []consolidate.Source {
	var out []consolidate.Source
	seen := map[string]bool{}
	add := func(name string, sev schema.Severity) {
		key := name
		if abs, err := filepath.Abs(name); err == nil {
			key = abs
		}
		if seen[key] {
			return
		}
		seen[key] = true
		src := consolidate.Source{Name: name, Severity: sev, Load: func() ([]byte, error) { return readInput(name) }}
		if info, err := os.Stat(name); err == nil {
			src.Modified = info.ModTime()
		}
		out = append(out, src)
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			add(p, schema.Error)
			continue
		}
		_ = walkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed := err
				out = append(out, consolidate.Source{Name: path, Severity: schema.Error,
					Load: func() ([]byte, error) { return nil, failed }})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != p && skipName(name) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Follow a link to a file, never one to a folder (no loops).
				// A link that leads nowhere (its target is gone, or it
				// loops) is read like a file, and gets its verdict: it
				// stands where a unit's table should be.
				if fi, err := os.Stat(path); err == nil && fi.IsDir() {
					return nil
				}
			}
			ext := strings.ToLower(filepath.Ext(name))
			switch {
			case workbookExts[ext]:
				add(path, schema.Error)
			case strayExts[ext]:
				add(path, schema.Warning)
			}
			return nil
		})
	}
	return out
}

// walkDir and rename are the file system calls a test stands in for, to
// make a folder unreadable or a destination locked as Windows does.
var (
	walkDir = filepath.WalkDir
	rename  = os.Rename
)

// skipName reports hidden files, Office and LibreOffice lock files and
// temporary files.
func skipName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, "~") ||
		strings.HasSuffix(lower, ".tmp") || lower == "thumbs.db" || lower == "desktop.ini"
}

// readInput reads an input: a submission, a roster, a schema file, last
// year's figures. Inputs are only ever opened for reading, and only regular
// files are read: a named pipe, a device or a socket would block the run or
// never end, so it is refused without waiting on it (openRegular), and a
// read that stops delivering data is given up (readWithin). A link that
// leads nowhere is said to be one.
func readInput(name string) ([]byte, error) {
	f, info, err := openInput(name)
	if err != nil {
		return nil, linkError(name, err)
	}
	const limit = 100 << 20
	if info.Size() > limit {
		f.Close()
		mb := info.Size() >> 20
		return nil, errtext.New(fmt.Sprintf("文件有 %d MB，远远超出一份统计表的大小", mb),
			fmt.Sprintf("the file is %d MB, far larger than any statistics table", mb))
	}
	return readWithin(f, info.Size(), name, readStall)
}

// openInput opens an input that is a regular file; a test stands in for
// it, to give a file that stops answering as one on a lost network drive
// does.
var openInput = openRegular

// readStall is how long a read of an input may go without any data before
// it is given up.
var readStall = 30 * time.Second

// openRegular opens a regular file for reading. What is not one (a named
// pipe, a device, a socket) is refused before it is opened; and the file
// is opened without waiting (nonBlocking) and looked at again once open, in
// case something else took its name in between.
func openRegular(name string) (io.ReadCloser, fs.FileInfo, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(name, info); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(name, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, nil, err
	}
	if info, err = f.Stat(); err == nil {
		err = regular(name, info)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// regular refuses what is not a regular file, saying what it is.
func regular(name string, info fs.FileInfo) error {
	m := info.Mode()
	var what schema.Both
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
	case m&fs.ModeNamedPipe != 0:
		what = schema.Both{Zh: "一个管道", En: "a pipe"}
	case m&fs.ModeSocket != 0:
		what = schema.Both{Zh: "一个套接字", En: "a socket"}
	case m&fs.ModeDevice != 0:
		what = schema.Both{Zh: "一个设备", En: "a device"}
	case irregularIsFile:
		return nil
	default:
		what = schema.Both{Zh: "一个特殊文件", En: "a special file"}
	}
	return msgErr("input.not-regular", name, what)
}

// linkError says, of an input that cannot be opened because it is a
// symbolic link that leads nowhere, that it is one: its target is missing,
// or the links loop. Any other error is returned as it is.
func linkError(name string, err error) error {
	if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ELOOP) {
		return err
	}
	info, lerr := os.Lstat(name)
	if lerr != nil || info.Mode()&fs.ModeSymlink == 0 {
		return err
	}
	if errors.Is(err, syscall.ELOOP) {
		return msgErr("input.link-loop", name)
	}
	target, rerr := os.Readlink(name)
	if rerr != nil {
		return err
	}
	return msgErr("input.link-missing", name, target)
}

// readWithin reads size bytes of an input (fewer if it shrank meanwhile) and
// closes it. A read that delivers no data for stall is given up: the input
// is left to the goroutine that reads it, which closes it if the read ever
// returns; the run goes on.
func readWithin(f io.ReadCloser, size int64, name string, stall time.Duration) ([]byte, error) {
	buf := make([]byte, size)
	var got atomic.Int64
	done := make(chan error, 1)
	go func() {
		defer f.Close()
		n, err := io.ReadFull(&counting{r: f, n: &got}, buf)
		if err == io.ErrUnexpectedEOF || err == io.EOF && n == 0 {
			err = nil // the file shrank while it was read: take what is there
		}
		done <- err
	}()
	tick := time.NewTicker(stall)
	defer tick.Stop()
	var last int64
	for {
		select {
		case err := <-done:
			return buf[:got.Load()], err
		case <-tick.C:
			n := got.Load()
			if n == last {
				return nil, msgErr("input.stalled", name, int(stall/time.Second))
			}
			last = n
		}
	}
}

// counting counts the bytes read through it.
type counting struct {
	r io.Reader
	n *atomic.Int64
}

func (c *counting) Read(p []byte) (int, error) {
	// A read of at most 1 MiB at a time, so that progress shows.
	n, err := c.r.Read(p[:min(len(p), 1<<20)])
	c.n.Add(int64(n))
	return n, err
}

// writeAtomic writes an output file through a temporary file in the same
// folder and a rename, so a reader never sees half a file: a run stopped
// midway leaves the old file or none, and a run interrupted (Ctrl-C,
// SIGTERM) removes the temporary file (cleanup). write streams the
// contents. The output was checked against every input and every other
// output before anything was read (planOutputs).
func writeAtomic(path string, lang schema.Lang, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return outputError(lang, "out.is-folder", path)
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
			return outputError(lang, "out.no-folder", path, dir)
		}
		return outputError(lang, "out.cannot-write", path, errtext.Of(err))
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
		return outputError(lang, "out.cannot-write", path, errtext.Of(fw.err))
	}
	if err != nil {
		tmp.Close()
		return err
	}
	// CreateTemp makes the file readable by its owner only; an output is an
	// ordinary document.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return outputError(lang, "out.cannot-write", path, errtext.Of(err))
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return outputError(lang, "out.cannot-write", path, errtext.Of(err))
	}
	if err := tmp.Close(); err != nil {
		return outputError(lang, "out.cannot-write", path, errtext.Of(err))
	}
	if err := rename(tmp.Name(), path); err != nil {
		// Windows refuses to replace a file another program holds open
		// (Excel, WPS); a rename that failed for a reason known to be
		// another (a name too long, a full or read-only disk) says that
		// reason instead.
		if errtext.Known(err) && !errtext.InUse(err) {
			return outputError(lang, "out.cannot-write", path, errtext.Of(err))
		}
		return outputError(lang, "out.locked", path, errtext.Of(err))
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

// bytesOf writes data as it is, for writeAtomic.
func bytesOf(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// outputError is a message about an output, printed in the run's
// language.
func outputError(_ schema.Lang, id string, args ...any) error {
	return msgErr(id, args...)
}

func init() {
	schema.Register(map[string]schema.Text{
		"out.is-input": {
			Zh: "%[1]s 是这次读取的报表之一（%[2]s）；tally 从不覆盖报送的原件，请换一个输出文件名",
			En: "%[1]s is one of the inputs (%[2]s); tally never writes over an input, choose another name"},
		"input.not-regular": {
			Zh: "%[1]s 是%[2]s，不是普通文件；tally 只读取普通文件，请给出报表文件本身",
			En: "%[1]s is %[2]s, not a regular file; tally reads regular files only: name the file itself"},
		"input.link-missing": {
			Zh: "%[1]s 是一个快捷方式（符号链接），它指向的 %[2]s 不存在",
			En: "%[1]s is a link to %[2]s, which does not exist"},
		"input.link-loop": {
			Zh: "%[1]s 是一个快捷方式（符号链接），链接绕成了循环，指不到任何文件",
			En: "%[1]s is a link that loops back on itself and leads to no file"},
		"input.stalled": {
			Zh: "读取 %[1]s 时 %[2]d 秒内没有读到任何数据，已放弃（文件可能在断开的网络盘上）",
			En: "reading %[1]s stalled: no data came for %[2]d seconds, so it was given up (the file may be on a network drive that went away)"},
		"out.log-is-out": {
			Zh: "%s 既是 --log 又是 --out；日志和汇总表请用不同的文件名",
			En: "%s is both the --log and the --out workbook; give the log its own name"},
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

// isTerminal reports a terminal; a test stands in for it.
var isTerminal = func(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progress draws a bar on stderr when it is a terminal and the run is long.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, total int, lang schema.Lang) *progress {
	f, ok := fileOf(w)
	if !ok || total < 20 || !isTerminal(f) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total, progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(schema.Text{Zh: "读取中", En: "reading"}.In(lang)), progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100e6))}
}

func (p *progress) update(done, _ int) {
	if p.bar != nil {
		_ = p.bar.Set(done)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
