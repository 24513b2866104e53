package run

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"tally/consolidate"
	"tally/errtext"
	"tally/internal/files"
	"tally/schema"
)

// A role is a file of the run: what names it (the flag, or "" for a
// submission), its path, and for a marked-up copy the source it is of.
type role struct {
	flag, path, of string
}

// planOutputs names every output of a run — the consolidated workbook
// (Out), the log, and the marked-up copy each source would get, named
// after it (copyNames) — and refuses, before anything is read, one that is
// an input — a submission, the roster, the schema file, a file of last
// year's figures — or another output: by the same path, another spelling,
// other capitals, a symbolic or a hard link. It returns the path of each
// source's copy.
func (r *runner) planOutputs() (map[string]string, error) {
	cfg := r.cfg
	inputs := &pathIndex{dir: r.dir()}
	for _, s := range r.sources {
		inputs.add(role{path: s.Name})
	}
	for _, s := range r.previous {
		inputs.add(role{flag: "--previous", path: s.Name})
	}
	if cfg.Roster != "" {
		inputs.add(role{flag: "--roster", path: cfg.Roster})
	}
	if f := r.schemaFile(); f != "" {
		inputs.add(role{flag: "--schema", path: f})
	}
	return plan(inputs, cfg.Out, cfg.Log, cfg.Annotate, r.sources, cfg.Lang)
}

// plan checks the outputs (out, log and the copies in annotate, each
// empty when not asked for) against the inputs and each other, and
// returns the path of each source's copy.
func plan(inputs *pathIndex, out, log, annotate string, sources []consolidate.Source, lang schema.Lang) (map[string]string, error) {
	var outputs []role
	if out != "" {
		outputs = append(outputs, role{flag: "--out", path: out})
	}
	if log != "" {
		outputs = append(outputs, role{flag: "--log", path: log})
	}
	copies := map[string]string{}
	if annotate != "" {
		names := copyNames(sources, lang)
		for _, s := range sources {
			path := filepath.Join(annotate, names[s.Name])
			copies[s.Name] = path
			outputs = append(outputs, role{flag: "--annotate", path: path, of: s.Name})
		}
	}
	written := &pathIndex{dir: inputs.dir}
	res := &resolver{dir: inputs.dir, paths: map[string]string{}, dirs: map[string]string{}}
	for _, o := range outputs {
		if in, ok := inputs.find(o.path, res); ok {
			return nil, refused(msgRunOutputFailed, o.flag, errtext.Of(isInput(o, in)))
		}
		if other, ok := written.find(o.path, res); ok {
			return nil, refused(msgRunOutputFailed, o.flag, errtext.Of(isOutput(o, other)))
		}
		written.add(o)
	}
	return copies, nil
}

// isInput says that an output would be written over an input.
func isInput(o, in role) error {
	switch {
	case o.of != "":
		return errtext.Msg(msgOutCopyIsInput, o.of, o.path, in.path)
	case in.flag != "":
		return errtext.Msg(msgOutIsFlagInput, o.path, in.flag, in.path)
	}
	return errtext.Msg(msgOutIsInput, o.path, in.path)
}

// isOutput says that two outputs would be the same file.
func isOutput(o, other role) error {
	switch {
	case o.of != "":
		return errtext.Msg(msgOutCopyIsOutput, o.of, o.path, other.flag, other.path)
	case other.of != "":
		return errtext.Msg(msgOutCopyIsOutput, other.of, other.path, o.flag, o.path)
	}
	return errtext.Msg(msgOutLogIsOut, o.path)
}

// A pathIndex finds, among files, the one a path is: by its name first (a
// run over thousands of files resolves only the paths whose name is the
// path's), then, when the path exists, by the file itself (a hard link, or
// a spelling that resolving cannot see through), looking at the files on
// disk once, by their identity (files.Key). Relative paths are in dir.
type pathIndex struct {
	dir    folder
	byName map[string][]role
	all    []role
	byFile map[any][]statRole
}

type statRole struct {
	role
	info os.FileInfo
}

func (x *pathIndex) add(r role) {
	if x.byName == nil {
		x.byName = map[string][]role{}
	}
	key := strings.ToLower(filepath.Base(r.path))
	x.byName[key] = append(x.byName[key], r)
	x.all = append(x.all, r)
	if x.byFile != nil {
		x.stat(r)
	}
}

func (x *pathIndex) stat(r role) {
	if info, err := os.Stat(x.dir.at(r.path)); err == nil && !info.IsDir() {
		k := files.Key(info)
		x.byFile[k] = append(x.byFile[k], statRole{r, info})
	}
}

// find returns the file of the index that path is, if any.
func (x *pathIndex) find(path string, res *resolver) (role, bool) {
	target := res.resolve(path)
	for _, key := range []string{strings.ToLower(filepath.Base(path)), filepath.Base(target)} {
		for _, r := range x.byName[key] {
			if res.resolve(r.path) == target {
				return r, true
			}
		}
	}
	info, err := os.Stat(x.dir.at(path))
	if err != nil || info.IsDir() {
		return role{}, false
	}
	if x.byFile == nil {
		x.byFile = map[any][]statRole{}
		for _, r := range x.all {
			x.stat(r)
		}
	}
	for _, r := range x.byFile[files.Key(info)] {
		if os.SameFile(r.info, info) {
			return r.role, true
		}
	}
	return role{}, false
}

// A resolver resolves paths (resolve), remembering the paths and the
// folders it has resolved: the marked-up copies of thousands of files share
// one folder. Relative paths are in dir.
type resolver struct {
	dir         folder
	paths, dirs map[string]string
}

// resolve is a path made absolute, through symbolic links, and lower-cased
// (Windows and macOS folders do not tell A.xlsx from a.xlsx, so neither does
// the check).
func (r *resolver) resolve(p string) string {
	if got, ok := r.paths[p]; ok {
		return got
	}
	got := r.resolveOnce(p)
	r.paths[p] = got
	return got
}

func (r *resolver) resolveOnce(p string) string {
	abs, err := filepath.Abs(r.dir.at(p))
	if err != nil {
		return strings.ToLower(filepath.Clean(p))
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return strings.ToLower(real)
	}
	dir := filepath.Dir(abs)
	real, ok := r.dirs[dir]
	if !ok {
		if real, err = filepath.EvalSymlinks(dir); err != nil {
			real = dir
		}
		r.dirs[dir] = real
	}
	return strings.ToLower(filepath.Join(real, filepath.Base(abs)))
}

// maxName is the longest file name, in bytes, that every file system tally
// writes to takes (255 bytes on Linux and macOS; Windows counts 255 UTF-16
// units, never fewer than the bytes).
const maxName = 255

// copyNames names the marked-up copy of every source: the source's name
// without its extension, then -问题标注 (-marked in English) and .xlsx; a
// name that would be too long for the file system is cut at a character
// and marked with …, and two sources whose copies would have the same name
// (in any capitals) are told apart by -2, -3…. Spreadsheets and files
// named on the command line are named first, so that their copies keep
// the plain name.
func copyNames(sources []consolidate.Source, lang schema.Lang) map[string]string {
	suffix := map[schema.Lang]string{schema.Zh: "-问题标注", schema.En: "-marked"}[lang]
	names := map[string]string{}
	used := map[string]bool{}
	for _, tier := range []bool{true, false} {
		for _, s := range sources {
			if (s.Severity != schema.Warning) != tier {
				continue
			}
			if _, done := names[s.Name]; done {
				continue
			}
			base := strings.TrimSuffix(filepath.Base(s.Name), filepath.Ext(s.Name))
			for n := 1; ; n++ {
				name := copyName(base, suffix, n)
				if !used[strings.ToLower(name)] {
					used[strings.ToLower(name)] = true
					names[s.Name] = name
					break
				}
			}
		}
	}
	return names
}

// copyName is the n-th name of a marked-up copy of a file named base,
// within maxName bytes.
func copyName(base, suffix string, n int) string {
	tail := suffix
	if n > 1 {
		tail += fmt.Sprintf("-%d", n)
	}
	tail += ".xlsx"
	if len(base)+len(tail) <= maxName {
		return base + tail
	}
	const more = "…"
	cut := maxName - len(tail) - len(more)
	for cut > 0 && !utf8.RuneStart(base[cut]) {
		cut--
	}
	return base[:cut] + more + tail
}
