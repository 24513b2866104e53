// Package consolidate runs tally's pipeline on a set of submissions: it
// reads them (through a reader it is given, never opening a file itself),
// checks each one against its schema, makes the checks that need several
// submissions (duplicate units, copied tables, the year, the roster), and
// builds the result and its reports.
//
// Its main types are [Source] (an input and how to load its bytes),
// [Options] and [Result] (the submissions, the findings that belong to no
// one submission, the totals), with the JSON, CSV and text reports
// ([Result.WriteJSON], [Result.WriteCSV], [Result.WriteText]); [Validate]
// reads and checks, [Result.Consolidate] sums. It imports schema, errtext
// and printable of tally's packages: no workbook library, no file system
// (its sources load themselves), no command line.
package consolidate

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"tally/internal/contain"
	"time"

	"github.com/shopspring/decimal"

	"tally/errtext"
	"tally/schema"
)

// A Source is one input: its name as the user gave or tally found it, and
// how to load its bytes.
type Source struct {
	Name string
	Load func() ([]byte, error)
	// Severity of an unreadable finding for this source: error for files
	// named on the command line and spreadsheets, warning for other files
	// met in a folder.
	Severity schema.Severity
	// Modified is when the file was last changed (zero when unknown).
	Modified time.Time
}

// A Reader turns a file's bytes into a submission (read.File, bound to its
// options).
type Reader func(data []byte, name string) *schema.Submission

// Options control a run.
type Options struct {
	// Year is the report year every submission must have; 0 takes the
	// year most submissions have.
	Year int
	// Roster lists the units expected to submit; nil means no roster.
	Roster []string
	// Jobs is how many files are read at once; 0 means one per CPU.
	Jobs int
	// Progress, when set, is called after each file is read.
	Progress func(done, total int)
	// Previous, when set, is last year's figures to compare with.
	Previous *Previous
	// Settled, when set, is called on the worker once a submission is
	// read and checked, with the bytes it was read from (nil when none
	// could be loaded): what it keeps of them (for a marked-up copy) is
	// the caller's.
	Settled func(sub *schema.Submission, data []byte)
}

// Result is the outcome of a run.
type Result struct {
	// Schema is the table format of the run: the one most submissions use.
	Schema *schema.Schema
	// Year is the report year of the run (given, or the majority's).
	Year        int
	Submissions []*schema.Submission
	// Findings holds the findings that belong to no one submission (a
	// unit on the roster that sent nothing, a rule the totals break).
	Findings []schema.Finding

	// Set by Consolidate: the consolidated unit, the output path, and the
	// cell-wise totals of the included submissions (nil for validate).
	Name   string
	Out    string
	Totals map[string]decimal.Decimal

	// Rostered says a roster was given: units missing from the run are
	// known.
	Rostered bool

	// YearOnYear sets the run beside last year (--previous); nil without.
	YearOnYear *YearOnYear
	// PreviousFiles are the files of last year's figures read.
	PreviousFiles []PreviousFile
}

// Validate reads and checks every source.
func Validate(sources []Source, read Reader, opt Options) *Result {
	subs := readAll(sources, read, opt)
	res := &Result{Submissions: subs}
	res.Schema = majoritySchema(subs)
	res.Year = opt.Year
	res.Rostered = opt.Roster != nil
	crossCheck(res, opt)
	// The findings the cross-checks added take their places among those
	// made while reading, and are packed with them.
	for _, sub := range subs {
		if sub.Loose() > 0 {
			fs := sub.FindingList()
			sortFindings(fs)
			sub.SetFindings(fs)
			sub.Compact()
		}
	}
	return res
}

// settle adds the findings of a submission's rules (fs) to it, and
// compacts it: a worker does it straight after reading, so that thousands
// of submissions are held in their small form.
func settle(sub *schema.Submission, fs []schema.Finding) {
	if !sub.Unreadable && sub.Schema != nil {
		for i := range fs {
			fs[i].File, fs[i].Unit, fs[i].Sheet = sub.File, sub.Unit, sub.Sheet
		}
		for _, f := range fs {
			sub.Add(f)
		}
		sub.Included = true
		if y := sub.Year; y != 0 && !sub.Schema.Years.Contains(y) {
			sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindYear, Rule: "read:format-year",
				File: sub.File, Unit: sub.Unit, Sheet: sub.Sheet,
				Msg: schema.Msg(msgRunFormatYear, y, schema.Both{Zh: sub.Schema.Title, En: sub.Schema.En}, yearsText(sub.Schema.Years))})
		}
	}
	all := sub.FindingList()
	sortFindings(all)
	sub.SetFindings(all)
	sub.Compact()
}

// judge reads a source and checks it against its schema's rules: the
// verdict on one file, made on a worker. It returns the submission and the
// bytes it was read from (nil when none could be loaded). A panic on the
// way — a bug tripped by a crafted file, an expression in a user's schema
// that cannot run — is that file's finding with the reason, not the end of
// the run: this is where tally contains it.
func judge(src Source, read Reader) (sub *schema.Submission, data []byte) {
	var fs []schema.Finding
	p := contain.Call(func() {
		sub, data = readOne(src, read)
		if !sub.Unreadable && sub.Schema != nil {
			fs = sub.Schema.Check(sub)
		}
	})
	switch {
	case p != nil && sub == nil: // while it was loaded or read
		sub, data = loadFailed(src, schema.Msg(msgReadPanic, errtext.Panic(p))), nil
	case p != nil: // while its rules were checked
		fs = []schema.Finding{{Severity: schema.Error, Kind: schema.KindUnreadable, Rule: "run:check",
			Msg: schema.Msg(msgRunCheckFailed, errtext.Panic(p))}}
	}
	settle(sub, fs)
	return sub, data
}

// readAll reads the sources on Jobs workers, keeping their order.
func readAll(sources []Source, read Reader, opt Options) []*schema.Submission {
	subs := make([]*schema.Submission, len(sources))
	var mu sync.Mutex
	done := 0
	each(len(sources), opt.Jobs, func(i int) {
		var data []byte
		subs[i], data = judge(sources[i], read)
		if opt.Settled != nil {
			opt.Settled(subs[i], data)
		}
		if opt.Progress != nil {
			mu.Lock()
			done++
			opt.Progress(done, len(sources))
			mu.Unlock()
		}
	})
	return subs
}

// each calls f for 0 … n-1 on jobs workers (0: one per CPU), and returns
// when every call has.
func each(n, jobs int, f func(i int)) {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// readOne reads a source, and returns its submission and the bytes it was
// read from (nil when none could be loaded).
func readOne(src Source, read Reader) (sub *schema.Submission, data []byte) {
	data, err := src.Load()
	if err != nil {
		return loadFailed(src, errtext.Of(err)), nil
	}
	sub = read(data, src.Name)
	sub.Modified = src.Modified
	if sub.Unreadable && src.Severity == schema.Warning {
		fs := sub.FindingList()
		for i := range fs {
			if k := fs[i].Kind; k == schema.KindUnreadable || k == schema.KindSchema {
				fs[i].Severity = schema.Warning
			}
		}
		sub.SetFindings(fs)
	}
	return sub, data
}

// loadFailed is the submission of a source that could not be read, for
// reason.
func loadFailed(src Source, reason schema.Localizer) *schema.Submission {
	sub := &schema.Submission{File: src.Name, Unreadable: true, Values: map[string]schema.Value{}}
	sub.Add(schema.Finding{Severity: src.severity(), Kind: schema.KindUnreadable, Rule: "read:unreadable",
		Msg: schema.Msg(msgRunLoadFailed, reason)})
	sub.Unit = schema.FileUnit(src.Name)
	sub.Modified = src.Modified
	sub.Stamp()
	return sub
}

func (s Source) severity() schema.Severity {
	if s.Severity == "" {
		return schema.Error
	}
	return s.Severity
}

// majoritySchema is the schema most readable submissions use.
func majoritySchema(subs []*schema.Submission) *schema.Schema {
	count := map[*schema.Schema]int{}
	var best *schema.Schema
	for _, s := range subs {
		if s.Schema == nil {
			continue
		}
		count[s.Schema]++
		if best == nil || count[s.Schema] > count[best] {
			best = s.Schema
		}
	}
	return best
}

// yearsText says which report years a format is for.
func yearsText(y schema.Years) schema.Both {
	switch {
	case y.From != 0 && y.To == 0:
		return schema.Both{Zh: fmt.Sprintf("%d 年度起", y.From), En: fmt.Sprintf("%d on", y.From)}
	case y.From == 0:
		return schema.Both{Zh: fmt.Sprintf("%d 年度及以前", y.To), En: fmt.Sprintf("up to %d", y.To)}
	}
	return schema.Both{Zh: fmt.Sprintf("%d–%d 年度", y.From, y.To), En: fmt.Sprintf("%d to %d", y.From, y.To)}
}

// sortFindings orders a submission's findings: errors first, then by sheet,
// row and column of the cell, then by rule.
func sortFindings(fs []schema.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := a.Severity.Rank(), b.Severity.Rank(); ra != rb {
			return ra > rb
		}
		sa, ra, ca := cellPos(a.Cell)
		sb, rb, cb := cellPos(b.Cell)
		if sa != sb {
			return sa < sb
		}
		if ra != rb {
			return ra < rb
		}
		if ca != cb {
			return ca < cb
		}
		return a.Rule < b.Rule
	})
}
