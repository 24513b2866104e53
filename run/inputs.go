package run

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"tally/consolidate"
	"tally/internal/files"
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

// collectSources turns the paths a run is given into sources: files as
// named, folders walked recursively in sorted order, skipping hidden files,
// lock and temporary files. A path that cannot be read becomes a source
// whose loading fails, so it is reported like any bad submission. Relative
// paths are in dir; the sources are named as the paths are given, a file
// of a folder by the folder's path joined with its path inside it.
func collectSources(dir folder, paths []string) []consolidate.Source {
	var out []consolidate.Source
	seen := map[string]bool{}
	add := func(name, at string, sev schema.Severity) {
		key := at
		if abs, err := filepath.Abs(at); err == nil {
			key = abs
		}
		if seen[key] {
			return
		}
		seen[key] = true
		src := consolidate.Source{Name: name, Severity: sev, Load: func() ([]byte, error) { return files.Read(at) }}
		if info, err := os.Stat(at); err == nil {
			src.Modified = info.ModTime()
		}
		out = append(out, src)
	}
	for _, p := range paths {
		root := dir.at(p)
		info, err := os.Stat(root)
		if err != nil || !info.IsDir() {
			add(p, root, schema.Error)
			continue
		}
		// named is a path of the walk as the sources name it.
		named := func(path string) string {
			if root == p {
				return path
			}
			if rel, err := filepath.Rel(root, path); err == nil {
				return filepath.Join(p, rel)
			}
			return path
		}
		_ = walkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed := err
				out = append(out, consolidate.Source{Name: named(path), Severity: schema.Error,
					Load: func() ([]byte, error) { return nil, failed }})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != root && skipName(name) {
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
				add(named(path), path, schema.Error)
			case strayExts[ext]:
				add(named(path), path, schema.Warning)
			}
			return nil
		})
	}
	return out
}

// walkDir walks a folder; a test stands in for it, to make a folder
// unreadable.
var walkDir = filepath.WalkDir

// skipName reports hidden files, Office and LibreOffice lock files and
// temporary files.
func skipName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, "~") ||
		strings.HasSuffix(lower, ".tmp") || lower == "thumbs.db" || lower == "desktop.ini"
}
