// Package run is one run of tally, as the command line and the page
// (tally serve) both make it: it finds the submissions the paths name,
// checks every output it will write against every input before anything
// is read, reads and checks the submissions on workers, consolidates them,
// writes the outputs atomically (the consolidated workbook, the log, the
// marked-up copies) and returns what it found and did.
//
// [Validate] and [Consolidate] take a [Config] and return a [Result] (the
// consolidate result, the outputs written, the warnings said, whether the
// findings fail the run) or an [Error] (a run that could not do what it
// was asked: refused, nothing to do, an output not written). [Template]
// writes a fill-in workbook. A run prints nothing: the caller is told
// through Config's callbacks (Progress, Reading, Settled, Warn, Report) and
// the Result.
//
// It imports tally's model and pipeline (schema, xlsx, consolidate),
// errtext, and internal/files for the file system; never urfave/cli nor
// anything of the command line.
package run

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"tally/consolidate"
	"tally/errtext"
	"tally/internal/files"
	"tally/read"
	"tally/schema"
	"tally/source"
	"tally/xlsx"
)

// Config is everything a run needs. Its zero value, with Paths, validates
// in Chinese against the built-in schemas and fails on errors.
type Config struct {
	// Paths are the submissions: files, and folders walked recursively in
	// name order (hidden, lock and temporary files skipped).
	Paths []string
	// Dir, when set, is the folder the run's relative paths are in: the
	// submissions, the roster, a schema file, last year's figures and the
	// outputs, as if the run were made in it ("" is the working folder).
	// The names in the reports and messages stay as the paths were given,
	// relative: the page (tally serve) runs on "." in the folder of an
	// upload, and its report names the files as the command line run in
	// that folder would.
	Dir string
	// Lang is the language of messages, reports, sheet names and the
	// marked-up copies' names; "" is Chinese.
	Lang schema.Lang
	// Schema is the table format: a built-in schema id, or a schema file;
	// "" matches each workbook against every built-in schema.
	Schema string
	// Roster is a text file naming the units expected to submit, one a
	// line; Units, when no Roster is given, are those units. With
	// neither, no unit is missing.
	Roster string
	Units  []string
	// Year is the report year every submission must have; 0 takes the
	// year most have.
	Year int
	// Previous are last year's figures: its consolidated workbook, folders
	// of its submissions, or files.
	Previous []string
	// Jump says which changes from last year are implausible; nil is
	// consolidate.DefaultJump().
	Jump *consolidate.Jump
	// FailOn is the least severe finding that fails the run.
	FailOn FailOn
	// Jobs is how many files are read at once; 0 is one per CPU.
	Jobs int
	// Log, when set, is a file the report is also written to, by its
	// extension: .json, .csv or .xlsx.
	Log string
	// Annotate, when set, is the folder each readable submission with an
	// error or a warning gets its marked-up copy in.
	Annotate string

	// Out, Name and ExcludeInvalid are Consolidate's: the consolidated
	// workbook to write (.xlsx), the consolidated unit (default: the unit
	// Out's file name names), and whether submissions with errors are left
	// out of the totals.
	Out            string
	Name           string
	ExcludeInvalid bool

	// Version is tally's version, recorded in the reports and workbooks.
	Version string
	// Command is the run as its command line would be, recorded in the
	// sources sheet so that an auditor can run it again.
	Command []string

	// Progress, when set, is called with (0, total) once the submissions
	// are found, before any is read, then with (done, total) after each
	// is read (from the workers, one call at a time).
	Progress func(done, total int)
	// Reading, when set, is called on a worker as it starts on a
	// submission, with its name as the report gives it; Settled, once the
	// worker has read and checked it, with what the submission's own checks
	// found (its Verdict). Between the two a file is being read: a legacy
	// .xls waits there for LibreOffice. The page (tally serve) shows each
	// verdict as it comes, so that the first files' show while the slowest
	// is still read. Both are called from the workers, several at a time
	// (they must be safe for concurrent use), Settled before the Progress
	// call that counts the file. The checks across files (a unit that sent
	// two files, the year, copied tables, the roster) come after every file
	// is read and may add to a verdict: the Result has the last word.
	Reading func(file string)
	Settled func(v Verdict)
	// Warn, when set, is told at once of what went wrong while the run
	// went on: a marked-up copy that could not be made or written.
	// Result.Warnings holds the same.
	Warn func(msg schema.Localizer)
	// Report, when set, is given the result once every finding is made
	// and the consolidated workbook is written, before the log and the
	// marked-up copies: the command line prints its report there, so that
	// the outputs are made in the order --out, the report, --log, the
	// copies. An error it returns ends the run with that error.
	Report func(res *consolidate.Result) error
}

// A Verdict is what a submission's own checks found, as soon as a worker
// has read and checked it (Config.Settled).
type Verdict struct {
	// File is the submission's name as the report gives it, Unit the unit
	// it names ("" when none could be read).
	File, Unit string
	// Status grades it by its most serious finding; Errors and Warnings
	// count its findings of those severities.
	Status           schema.Status
	Errors, Warnings int
}

// FailOn is the least severe finding that fails a run (Result.Failed).
type FailOn int

const (
	FailOnError   FailOn = iota // an error fails the run (the default)
	FailOnWarning               // a warning or an error
	FailNever                   // nothing does
)

// fails reports whether findings as severe as worst fail the run.
func (f FailOn) fails(worst schema.Severity) bool {
	switch f {
	case FailOnWarning:
		return worst.Rank() >= schema.Warning.Rank()
	case FailNever:
		return false
	}
	return worst.Rank() >= schema.Error.Rank()
}

// A Result is what a run found and did.
type Result struct {
	// Result holds the submissions, their findings and the run's own,
	// and (Consolidate) the totals, with the reports made of them.
	*consolidate.Result
	// Outputs are the files written, in the order they were.
	Outputs []Output
	// Warnings are what went wrong while the run went on (Config.Warn).
	Warnings []schema.Localizer
	// Failed says findings at or above Config.FailOn were made (the
	// command line exits with status 1).
	Failed bool
}

// An Output is a file a run wrote.
type Output struct {
	// Flag names it as the command line does: --out, --log, or
	// --annotate for a marked-up copy.
	Flag string
	Path string
	// Of is the submission a marked-up copy is of.
	Of string
}

// Validate reads and checks the submissions the paths name, and writes
// the log and the marked-up copies asked for (Out, Name and
// ExcludeInvalid are Consolidate's, and ignored). The Result is nil when the
// run is refused before anything is read; with an error of kind Nothing or
// Unwritten, it holds what was found.
func Validate(ctx context.Context, cfg Config) (*Result, error) {
	if len(cfg.Paths) == 0 {
		return nil, refused(msgRunValidateNoPaths)
	}
	cfg.Out, cfg.Name, cfg.ExcludeInvalid = "", "", false
	r, err := start(cfg, schema.Both{})
	if err != nil {
		return nil, err
	}
	res, err := r.check(ctx)
	if err != nil {
		return nil, err
	}
	if !hasTables(r.sources, r.dir()) {
		// Only Word documents, PDFs and the like: say what each is, and
		// that nothing could be checked.
		if err := r.report(res); err != nil {
			return res, err
		}
		return res, nothing(msgRunNoTables, listed(cfg.Paths), len(r.sources), r.rosterNote())
	}
	return res, r.finish(ctx, res, nil)
}

// Consolidate reads and checks the submissions the paths name, sums them
// into the consolidated workbook (Config.Out), and writes the log and the
// marked-up copies asked for. The Result is nil when the run is refused
// before anything is read; with an error of kind Nothing or Unwritten, it
// holds what was found, and no workbook of zeros is written.
func Consolidate(ctx context.Context, cfg Config) (*Result, error) {
	if len(cfg.Paths) == 0 {
		return nil, refused(msgRunConsolidateNoPaths)
	}
	out := cfg.Out
	if out == "" {
		return nil, refused(msgRunOutRequired)
	}
	if info, err := os.Stat(folder(cfg.Dir).at(out)); err == nil && info.IsDir() {
		return nil, refused(msgRunOutIsFolder, "--out", out)
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return nil, refused(msgRunOutNotXlsx, out)
	}
	if err := canWrite("--out", out, folder(cfg.Dir)); err != nil {
		return nil, err
	}
	if cfg.Name == "" {
		u := schema.UnitName(strings.TrimSuffix(filepath.Base(out), filepath.Ext(out)))
		if !schema.HasAdminSuffix(u) {
			return nil, refused(msgRunNameRequired)
		}
		cfg.Name = u
	}
	notWritten := schema.Msg(msgRunNotWritten, out)
	r, err := start(cfg, notWritten)
	if err != nil {
		return nil, err
	}
	cfg = r.cfg
	res, err := r.check(ctx)
	if err != nil {
		return nil, err
	}
	names := xlsx.Names(cfg.Lang)
	var refs map[string]string
	if res.Schema != nil {
		refs = xlsx.SummaryRefs(res.Schema)
	}
	res.Consolidate(consolidate.ConsolidateOptions{Name: cfg.Name, ExcludeInvalid: cfg.ExcludeInvalid,
		Out: out, Sheet: names.Summary, TotalRef: func(k string) string { return refs[k] }})
	if why := nothingToSum(res.Result, r.sources, r.dir()); why != nil {
		// No workbook of zeros: the report says why each file is left
		// out, and the run ends without writing anything.
		res.Totals = nil
		if err := r.report(res); err != nil {
			return res, err
		}
		return res, nothing(msgRunNothingToSum, why, notWritten)
	}
	log := r.logAhead(res)
	if err := files.WriteAtomic(r.dir().at(out), func(w io.Writer) error {
		return xlsx.WriteConsolidated(w, res.Result, r.writeOptions())
	}); err != nil {
		if log != nil {
			<-log
		}
		return res, unwritten("--out", err)
	}
	res.Outputs = append(res.Outputs, Output{Flag: "--out", Path: out})
	var book *logBook
	if log != nil {
		b := <-log
		book = &b
	}
	return res, r.finish(ctx, res, book)
}

// nothingToSum says why a consolidation has no submission to sum, or nil
// when it has one.
func nothingToSum(res *consolidate.Result, sources []consolidate.Source, dir folder) schema.Localizer {
	readable, summed := 0, 0
	for _, s := range res.Submissions {
		if !s.Unreadable {
			readable++
		}
		if s.Included {
			summed++
		}
	}
	switch {
	case summed > 0:
		return nil
	case !hasTables(sources, dir):
		return schema.Msg(msgRunSumNoTables, len(sources))
	case readable == 0:
		return schema.Msg(msgRunSumUnreadable, len(res.Submissions))
	}
	return schema.Msg(msgRunSumAllInvalid, readable)
}

// A runner is one run under way: its configuration, and what it has found
// out before reading (the schemas, the roster, the sources, the outputs'
// plan).
type runner struct {
	cfg      Config
	schemas  []*schema.Schema
	forced   bool
	roster   []string
	sources  []consolidate.Source
	previous []consolidate.Source
	// copies maps a source's name to the path of its marked-up copy.
	copies map[string]string
	conv   *source.Soffice
	// kept are the bytes of flagged submissions, for their copies.
	kept *keeper
}

// check reads and checks the sources, on Config.Jobs workers. A run whose
// context is done stops reading (the files left are not loaded) and
// returns the context's error.
func (r *runner) check(ctx context.Context) (*Result, error) {
	cfg := r.cfg
	if cfg.Progress != nil {
		cfg.Progress(0, len(r.sources))
	}
	r.conv = source.FindSoffice()
	opt := consolidate.Options{Year: cfg.Year, Roster: r.roster, Jobs: cfg.Jobs, Progress: cfg.Progress}
	readFile := func(data []byte, name string) *schema.Submission {
		opt := read.Options{Schemas: r.schemas, Forced: r.forced}
		if r.conv != nil {
			opt.Converter = r.conv
		}
		return read.File(data, name, opt)
	}
	if len(cfg.Previous) > 0 {
		readUnits := func(data []byte, name string) []*schema.Submission {
			opt := read.Options{Schemas: schema.Builtins()}
			if r.forced {
				opt.Schemas = append(append([]*schema.Schema{}, r.schemas...), opt.Schemas...)
			}
			if r.conv != nil {
				opt.Converter = r.conv
			}
			return read.Units(data, name, opt)
		}
		jump := consolidate.DefaultJump()
		if cfg.Jump != nil {
			jump = *cfg.Jump
		}
		opt.Previous = consolidate.ReadPrevious(withContext(ctx, r.previous), readUnits, cfg.Jobs, jump)
	}
	if cfg.Annotate != "" {
		r.kept = newKeeper(len(r.sources))
	}
	if r.kept != nil || cfg.Settled != nil {
		opt.Settled = func(sub *schema.Submission, data []byte) {
			if r.kept != nil {
				r.kept.settled(sub, data)
			}
			if cfg.Settled != nil {
				cfg.Settled(Verdict{File: sub.File, Unit: sub.Unit, Status: sub.Status(),
					Errors: sub.Count(schema.Error), Warnings: sub.Count(schema.Warning)})
			}
		}
	}
	res := consolidate.Validate(reading(cfg.Reading, withContext(ctx, r.sources)), readFile, opt)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &Result{Result: res}, nil
}

// withContext makes sources that load nothing once ctx is done.
func withContext(ctx context.Context, sources []consolidate.Source) []consolidate.Source {
	if ctx.Done() == nil {
		return sources
	}
	out := make([]consolidate.Source, len(sources))
	for i, s := range sources {
		load := s.Load
		s.Load = func() ([]byte, error) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return load()
		}
		out[i] = s
	}
	return out
}

// reading makes sources that tell started (Config.Reading) as a worker
// starts to load them.
func reading(started func(file string), sources []consolidate.Source) []consolidate.Source {
	if started == nil {
		return sources
	}
	out := make([]consolidate.Source, len(sources))
	for i, s := range sources {
		load, name := s.Load, s.Name
		s.Load = func() ([]byte, error) {
			started(name)
			return load()
		}
		out[i] = s
	}
	return out
}

// report settles whether the findings fail the run, and gives the result
// to Config.Report.
func (r *runner) report(res *Result) error {
	res.Failed = r.cfg.FailOn.fails(res.Worst())
	if r.cfg.Report == nil {
		return nil
	}
	return r.cfg.Report(res.Result)
}

// finish reports, then writes the log and the marked-up copies; an output
// that cannot be written stops those after it, but a copy stops no other
// copy. book is the workbook log when it was made ahead.
func (r *runner) finish(ctx context.Context, res *Result, book *logBook) error {
	if err := r.report(res); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if r.cfg.Log != "" {
		if err := r.writeLog(res, book); err != nil {
			return unwritten("--log", err)
		}
		res.Outputs = append(res.Outputs, Output{Flag: "--log", Path: r.cfg.Log})
	}
	if r.cfg.Annotate != "" {
		if err := r.annotate(ctx, res); err != nil {
			return unwritten("--annotate", err)
		}
	}
	return ctx.Err()
}

// warn says, in Config.Warn and the Result, something that went wrong
// while the run goes on.
func (r *runner) warn(res *Result, id *schema.Def, args ...any) {
	msg := errtext.Msg(id, args...)
	res.Warnings = append(res.Warnings, msg)
	if r.cfg.Warn != nil {
		r.cfg.Warn(msg)
	}
}

// dir is the folder the run's relative paths are in (Config.Dir).
func (r *runner) dir() folder { return folder(r.cfg.Dir) }

// A folder is the folder relative paths are in; "" is the working folder.
type folder string

// at is where a path of the configuration is: in the folder when it is
// relative.
func (d folder) at(p string) string {
	if d == "" || p == "" || filepath.IsAbs(p) || filepath.VolumeName(p) != "" {
		return p
	}
	return filepath.Join(string(d), p)
}

func (r *runner) writeOptions() xlsx.WriteOptions {
	return xlsx.WriteOptions{Lang: r.cfg.Lang, Version: r.cfg.Version, Command: r.cfg.Command}
}
