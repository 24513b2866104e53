package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"tally/consolidate"
	"tally/errtext"
	"tally/schema"
)

// An outputPlan is every file a run will write, known before anything is
// read: the consolidated workbook (--out), the log (--log), and the
// marked-up copy each source would get (--annotate), whose name comes from
// the source's. planOutputs checks them all, once, against every input and
// each other.
type outputPlan struct {
	// copies maps a source's name to the path of its marked-up copy.
	copies map[string]string
}

// A role is a file of the run: what names it (the flag, or "" for a
// submission), its path, and for a marked-up copy the source it is of.
type role struct {
	flag, path, of string
}

// planOutputs names every output of a run and refuses, before anything is
// read, one that is an input — a submission, the roster, the schema file,
// a file of last year's figures — or another output: by the same path,
// another spelling, other capitals, a symbolic or a hard link.
func planOutputs(cfg *runConfig, out string, sources []consolidate.Source) (*outputPlan, error) {
	inputs := &pathIndex{}
	for _, s := range sources {
		inputs.add(role{path: s.Name})
	}
	for _, s := range cfg.prevSources {
		inputs.add(role{flag: "--previous", path: s.Name})
	}
	if cfg.rosterPath != "" {
		inputs.add(role{flag: "--roster", path: cfg.rosterPath})
	}
	if cfg.schemaPath != "" {
		inputs.add(role{flag: "--schema", path: cfg.schemaPath})
	}
	var outputs []role
	if out != "" {
		outputs = append(outputs, role{flag: "--out", path: out})
	}
	if cfg.log != "" {
		outputs = append(outputs, role{flag: "--log", path: cfg.log})
	}
	plan := &outputPlan{copies: map[string]string{}}
	if cfg.annotate != "" {
		names := copyNames(sources, cfg.lang)
		for _, s := range sources {
			path := filepath.Join(cfg.annotate, names[s.Name])
			plan.copies[s.Name] = path
			outputs = append(outputs, role{flag: "--annotate", path: path, of: s.Name})
		}
	}
	written := &pathIndex{}
	res := &resolver{paths: map[string]string{}, dirs: map[string]string{}}
	for _, o := range outputs {
		if in, ok := inputs.find(o.path, res); ok {
			return nil, msgErr("cli.output-failed", o.flag, errtext.Of(isInput(o, in)))
		}
		if other, ok := written.find(o.path, res); ok {
			return nil, msgErr("cli.output-failed", o.flag, errtext.Of(isOutput(o, other)))
		}
		written.add(o)
	}
	return plan, nil
}

// isInput says that an output would be written over an input.
func isInput(o, in role) error {
	switch {
	case o.of != "":
		return msgErr("out.copy-is-input", o.of, o.path, in.path)
	case in.flag != "":
		return msgErr("out.is-flag-input", o.path, in.flag, in.path)
	}
	return msgErr("out.is-input", o.path, in.path)
}

// isOutput says that two outputs would be the same file.
func isOutput(o, other role) error {
	switch {
	case o.of != "":
		return msgErr("out.copy-is-output", o.of, o.path, other.flag, other.path)
	case other.of != "":
		return msgErr("out.copy-is-output", other.of, other.path, o.flag, o.path)
	}
	return msgErr("out.log-is-out", o.path)
}

// A pathIndex finds, among files, the one a path is: by its name first (a
// run over thousands of files resolves only the paths whose name is the
// path's), then, when the path exists, by the file itself (a hard link, or
// a spelling that resolving cannot see through), looking at the files on
// disk once, by their identity (fileKey).
type pathIndex struct {
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
	if info, err := os.Stat(r.path); err == nil && !info.IsDir() {
		k := fileKey(info)
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
	info, err := os.Stat(path)
	if err != nil || info.IsDir() {
		return role{}, false
	}
	if x.byFile == nil {
		x.byFile = map[any][]statRole{}
		for _, r := range x.all {
			x.stat(r)
		}
	}
	for _, r := range x.byFile[fileKey(info)] {
		if os.SameFile(r.info, info) {
			return r.role, true
		}
	}
	return role{}, false
}

// A resolver resolves paths (resolve), remembering the paths and the
// folders it has resolved: the marked-up copies of thousands of files share
// one folder.
type resolver struct{ paths, dirs map[string]string }

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
	abs, err := filepath.Abs(p)
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

func init() {
	schema.Register(map[string]schema.Text{
		"out.is-flag-input": {
			Zh: "%[1]s 是 %[2]s 读取的文件（%[3]s）；tally 从不覆盖它读取的文件，请换一个输出文件名",
			En: "%[1]s is the file %[2]s reads (%[3]s); tally never writes over a file it reads, choose another name"},
		"out.copy-is-input": {
			Zh: "%[1]s 的标注副本 %[2]s 会覆盖这次读取的 %[3]s；tally 从不覆盖它读取的文件，请为 --annotate 换一个文件夹",
			En: "the marked-up copy of %[1]s, %[2]s, would replace %[3]s, which this run reads; tally never writes over a file it reads: choose another --annotate folder"},
		"out.copy-is-output": {
			Zh: "%[1]s 的标注副本 %[2]s 会覆盖 %[3]s %[4]s；请为 --annotate 换一个文件夹，或给 %[3]s 换一个文件名",
			En: "the marked-up copy of %[1]s, %[2]s, would replace the %[3]s file %[4]s: choose another --annotate folder, or another name for %[3]s"},
	})
}
