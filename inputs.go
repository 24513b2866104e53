package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"tally/consolidate"
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
		out = append(out, consolidate.Source{Name: name, Severity: sev, Load: func() ([]byte, error) { return readInput(name) }})
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			add(p, schema.Error)
			continue
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
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
		return nil, fmt.Errorf("%s is a folder", name)
	}
	const limit = 100 << 20
	if info.Size() > limit {
		return nil, fmt.Errorf("the file is %d MB, far larger than any statistics table", info.Size()>>20)
	}
	return io.ReadAll(io.LimitReader(f, limit))
}

// writeAtomic writes an output file through a temporary file in the same
// folder and a rename, so a reader never sees half a file. It refuses to
// write over any input.
func writeAtomic(path string, data []byte, inputs []string) error {
	if err := notAnInput(path, inputs); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".tally-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot replace %s (is it open in Excel or WPS? close it and run again): %w", path, err)
	}
	return nil
}

// notAnInput refuses an output path that is, or resolves to, an input.
func notAnInput(path string, inputs []string) error {
	out := resolve(path)
	for _, in := range inputs {
		if resolve(in) == out {
			return fmt.Errorf("%s is one of the inputs; tally never writes over an input, choose another name", path)
		}
	}
	return nil
}

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

// progress draws a bar on stderr when it is a terminal and the run is long.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, total int) *progress {
	f, ok := w.(*os.File)
	if !ok || total < 20 || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total, progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("reading"), progressbar.OptionShowCount(),
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
