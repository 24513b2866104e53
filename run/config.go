package run

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"tally/consolidate"
	"tally/errtext"
	"tally/internal/files"
	"tally/schema"
)

// start checks the configuration, finds the files the paths name, checks
// every output against them and the other inputs (planOutputs), then reads
// the files the configuration names (a schema file, the roster): nothing is
// read before every output has been checked. It refuses a run with nothing
// to check: no path that exists, or folders with no file tally reads. A
// path that does not exist, beside others that do, is checked with them
// and gets an unreadable finding. notWritten, said when there is nothing to
// check, names the workbook that is then not written.
func start(cfg Config, notWritten schema.Localizer) (*runner, error) {
	if cfg.Lang == "" {
		cfg.Lang = schema.Zh
	}
	r := &runner{cfg: cfg}
	if err := r.checkConfig(); err != nil {
		return nil, err
	}
	dir := folder(cfg.Dir)
	var missing []string
	for _, p := range cfg.Paths {
		if _, err := os.Lstat(dir.at(p)); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) == len(cfg.Paths) {
		return nil, nothing(msgRunMissing, listed(missing), notWritten)
	}
	r.sources = collectSources(dir, cfg.Paths)
	for _, p := range cfg.Previous {
		// A file named that is no file (a pipe, a device) is a mistake of
		// the configuration; one that cannot be read otherwise is a
		// warning of the run, as a file of a --previous folder is.
		if info, err := os.Stat(dir.at(p)); err == nil && !info.IsDir() {
			if err := files.Regular(p, info); err != nil {
				return nil, refused(msgRunPreviousRead, errtext.Of(err))
			}
		}
	}
	if len(cfg.Previous) > 0 {
		r.previous = collectSources(dir, cfg.Previous)
	}
	var err error
	if r.copies, err = r.planOutputs(); err != nil {
		return nil, err
	}
	if err := r.readInputs(); err != nil {
		return nil, err
	}
	if len(r.sources) == 0 {
		return nil, nothing(msgRunNothingFound, listed(cfg.Paths), notWritten, r.rosterNote())
	}
	return r, nil
}

// checkConfig refuses, before anything is read, what the configuration
// asks for and cannot be done: a log of no kind tally writes, or where it
// cannot be written; an --annotate folder that is a file; a year no report
// has.
func (r *runner) checkConfig() error {
	cfg := r.cfg
	if cfg.Log != "" {
		switch strings.ToLower(filepath.Ext(cfg.Log)) {
		case ".json", ".csv", ".xlsx":
		default:
			return refused(msgRunLogExt, cfg.Log)
		}
		if err := canWrite("--log", cfg.Log, r.dir()); err != nil {
			return err
		}
	}
	if cfg.Annotate != "" {
		if info, err := os.Stat(r.dir().at(cfg.Annotate)); err == nil && !info.IsDir() {
			return refused(msgRunAnnotateIsFile, cfg.Annotate)
		}
	}
	if s, ok := schema.Builtin(cfg.Schema); ok {
		r.schemas, r.forced = []*schema.Schema{s}, true
	}
	return checkYear(cfg.Year)
}

// checkYear refuses a report year that is not one (a two-digit year).
func checkYear(y int) error {
	if y != 0 && (y < 1990 || y > 2100) {
		return refused(msgRunYear, y)
	}
	return nil
}

// schemaFile is the schema file the configuration names, or "" for a
// built-in schema or none.
func (r *runner) schemaFile() string {
	if r.cfg.Schema == "" || r.forced {
		return ""
	}
	return r.cfg.Schema
}

// readInputs reads the files the configuration names: a schema file, the
// roster.
func (r *runner) readInputs() error {
	var err error
	if r.schemas == nil {
		if r.schemas, r.forced, err = chooseSchemas(r.cfg.Schema, r.dir()); err != nil {
			return err
		}
	}
	switch {
	case r.cfg.Roster != "":
		if r.roster, err = readRoster(r.cfg.Roster, r.dir()); err != nil {
			return err
		}
	case len(r.cfg.Units) > 0:
		r.roster = r.cfg.Units
	}
	return nil
}

// readRoster reads a roster file: text as Windows editors save it (UTF-8
// with or without a byte-order mark, UTF-16, GBK), one unit a line. A
// roster that is no text (a workbook, a binary file) or names no unit is
// refused: it would make every unit "missing".
func readRoster(path string, dir folder) ([]string, error) {
	data, err := files.Read(dir.at(path))
	if err != nil {
		return nil, refused(msgRunRosterRead, errtext.Of(err))
	}
	units, err := consolidate.ReadRoster(data)
	if err != nil {
		return nil, refused(msgRunRosterNotText, path)
	}
	if len(units) == 0 {
		return nil, refused(msgRunRosterEmpty, path)
	}
	return units, nil
}

// chooseSchemas resolves a schema: a built-in id, a schema file, or every
// built-in schema for detection (""). A schema file's path is in dir.
func chooseSchemas(arg string, dir folder) ([]*schema.Schema, bool, error) {
	if arg == "" {
		return schema.Builtins(), false, nil
	}
	if s, ok := schema.Builtin(arg); ok {
		return []*schema.Schema{s}, true, nil
	}
	data, err := files.Read(dir.at(arg))
	if err != nil {
		if schema.IsBuiltinID(arg) || errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `./\`) {
			return nil, false, refused(msgRunSchemaUnknown, arg)
		}
		return nil, false, refused(msgRunSchemaRead, errtext.Of(err))
	}
	s, err := schema.Parse(arg, data)
	if err != nil {
		return nil, false, refused(msgRunSchemaErrors, arg, errtext.Lines(err.Error()))
	}
	return []*schema.Schema{s}, true, nil
}

// canWrite refuses, before anything is read, an output that cannot be
// written where it is asked for: a folder, or a file in a folder that does
// not exist. flag names the output; a relative path is in in.
func canWrite(flag, path string, in folder) error {
	if info, err := os.Stat(in.at(path)); err == nil && info.IsDir() {
		return refused(msgRunOutIsFolder, flag, path)
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(in.at(dir)); err != nil || !info.IsDir() {
		return refused(msgRunOutNoFolder, flag, path, dir)
	}
	return nil
}

// hasTables reports whether any source may hold a table: a spreadsheet
// found in a folder, or a file named; not only the Word documents, PDFs
// and pictures a folder walk reports. Their names are in dir.
func hasTables(sources []consolidate.Source, dir folder) bool {
	for _, s := range sources {
		if s.Severity != schema.Warning {
			if _, err := os.Lstat(dir.at(s.Name)); err == nil {
				return true
			}
		}
	}
	return false
}

// listed names paths for a message: the first three, then how many more.
func listed(paths []string) schema.Both {
	shown := paths
	if len(shown) > 3 {
		shown = shown[:3]
	}
	b := schema.Both{Zh: strings.Join(shown, "、"), En: strings.Join(shown, ", ")}
	if n := len(paths) - len(shown); n > 0 {
		b.Zh += fmt.Sprintf(" 等 %d 处", len(paths))
		b.En += fmt.Sprintf(" and %d more", n)
	}
	return b
}

// rosterNote says, when a roster was given, that none of its units has
// submitted yet.
func (r *runner) rosterNote() schema.Localizer {
	if len(r.roster) == 0 {
		return schema.Both{}
	}
	return schema.Msg(msgRunRosterNobody, len(r.roster))
}
