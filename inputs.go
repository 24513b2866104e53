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
	"syscall"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

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
				if fi, err := os.Stat(path); err != nil || fi.IsDir() {
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

// readInput reads a submission. Inputs are only ever opened for reading.
func readInput(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
	}
	const limit = 100 << 20
	if info.Size() > limit {
		mb := info.Size() >> 20
		return nil, errtext.New(fmt.Sprintf("文件有 %d MB，远远超出一份统计表的大小", mb),
			fmt.Sprintf("the file is %d MB, far larger than any statistics table", mb))
	}
	buf := make([]byte, info.Size())
	n, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF {
		err = nil // the file shrank while it was read: take what is there
	}
	return buf[:n], err
}

// writeAtomic writes an output file through a temporary file in the same
// folder and a rename, so a reader never sees half a file: a run stopped
// midway leaves the old file or none. write streams the contents; it is
// never given an input to write over.
func writeAtomic(path string, inputs []string, lang schema.Lang, write func(io.Writer) error) error {
	if err := notAnInput(path, inputs, lang); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return outputError(lang, "out.is-folder", path)
	}
	tmp, err := os.CreateTemp(dir, ".tally-*.tmp")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return outputError(lang, "out.no-folder", path, dir)
		}
		return outputError(lang, "out.cannot-write", path, errtext.Of(err))
	}
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

// notAnInput refuses an output path that is, or resolves to, an input: the
// same path under another spelling or in other capitals, a symbolic link
// to it, or a hard link. A run over thousands of files checks each output:
// an input's path is resolved only when its name is the output's, and it is
// looked at on disk only when the output exists (a link to it can only be
// there if it does).
func notAnInput(path string, inputs []string, lang schema.Lang) error {
	out := resolve(path)
	name := filepath.Base(out)
	outInfo, statErr := os.Stat(path)
	for _, in := range inputs {
		same := strings.ToLower(filepath.Base(in)) == name && resolve(in) == out
		if !same && statErr == nil {
			// A link, or a spelling resolve cannot see through.
			if inInfo, err := os.Stat(in); err == nil {
				same = os.SameFile(inInfo, outInfo)
			}
		}
		if same {
			return outputError(lang, "out.is-input", path, in)
		}
	}
	return nil
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

// resolve is a path made absolute, through symbolic links, and lower-cased
// (Windows and macOS folders do not tell A.xlsx from a.xlsx, so neither does
// the check).
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	} else if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	return strings.ToLower(abs)
}

// isTerminal reports a terminal; a test stands in for it.
var isTerminal = func(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progress draws a bar on stderr when it is a terminal and the run is long.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, total int, lang schema.Lang) *progress {
	f, ok := w.(*os.File)
	if !ok || total < 20 || !isTerminal(f) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total, progressbar.OptionSetWriter(f),
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
