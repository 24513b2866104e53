// Command mkfixtures writes the workbooks under testdata/ that tally's tests
// read, with an expect.json per folder saying what a reader must find in them.
//
// Usage:
//
//	go run ./tools/mkfixtures -out testdata
//	go run ./tools/mkfixtures -out testdata -only district
//	go run ./tools/mkfixtures -out testdata -only matrix
//	go run ./tools/mkfixtures -out testdata -only previous
//
// Each workbook is described as data (cases.go, district.go; matrix.go for
// the reports in the 2019 and 2021 formats, whose tables mformat.go
// describes and whose sources sources.go lists in matrix/SOURCES.md; previous.go
// for the folders that a --previous comparison reads), built with
// excelize, and saved by LibreOffice (soffice must be on PATH), so that the
// files are written by real spreadsheet software: LibreOffice computes the
// formulas, which excelize leaves without cached values. The generator then
// reads every file back, checks it holds what the case meant, and derives the
// expected values, cells and findings from it with its own copy of the rules.
//
// With -only, the generator rebuilds only the folders named (a folder, or a
// parent such as district) and leaves the others as they are; it reads their
// expect.json to check the folders against each other and to write README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

func main() {
	out := flag.String("out", "testdata", "folder to write the fixture folders and README.md into")
	only := flag.String("only", "", "comma-separated folders to rebuild (e.g. district or district/金凤区2018); default all")
	flag.Parse()
	if err := run(*out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixtures:", err)
		os.Exit(1)
	}
}

// generator holds the places one run writes to.
type generator struct {
	out, tmp string
	lo       office
}

// A folder is one output folder: its workbooks, its roster and what its
// expect.json holds.
type folder struct {
	name  string            // path under -out, with forward slashes
	note  string            // the README's paragraph on it
	books func() []workbook // nil for bad/, which (*generator).bad makes
	// roster lists the lines of roster.txt (comments included); nil: none.
	roster []string
	// missing lists the roster units meant to have sent nothing.
	missing []string
	// cross: the findings that need several of its files, and those of the
	// roster, belong to its expect.json.
	cross bool
	// totals: expect.json gives the cell-wise totals of its submissions.
	totals bool
}

// object reports whether expect.json is an object rather than a bare array.
func (f folder) object() bool { return f.roster != nil || f.totals }

// folders are the output folders, in README order; a run empties and rewrites
// each folder it builds.
var folders = append([]folder{
	{name: "seed", books: func() []workbook { return []workbook{seedBook()} },
		note: "The seed report's own table (掌政镇, 2018), exactly as the seed prints it. No findings."},
	{name: "validate", books: validateBooks,
		note: "One realistic variation per file, mostly of the base figures (a township with 12 requests, " +
			"figures in every section, passing every rule), each with its own unit and figures."},
	{name: "cross", books: crossBooks, roster: crossRoster, missing: []string{"丽景街街道"}, cross: true,
		note: "Cross-submission checks; the roster is `roster.txt`."},
	{name: "bad",
		note: "Files that are not readable workbooks, and files a folder walk skips."},
}, slices.Concat(districtFolders(), matrixFolders(), previousFolders())...)

// result is what building (or, with -only, reading) a folder gave.
type result struct {
	exps []*expectation
	top  []finding // findings of the folder as a whole (roster units without a file)
}

func run(out, only string) error {
	selected, err := selectFolders(only)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "mkfixtures-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	g := &generator{out: out, tmp: tmp, lo: office{profile: filepath.Join(tmp, "profile")}}

	results := make([]result, len(folders))
	for i, f := range folders {
		if !selected[i] {
			exps, top, err := readExpect(filepath.Join(out, filepath.FromSlash(f.name), "expect.json"))
			if err != nil {
				return fmt.Errorf("%s is not rebuilt and cannot be read (run without -only): %w", f.name, err)
			}
			results[i] = result{exps, top}
			continue
		}
		if results[i], err = g.build(f); err != nil {
			return err
		}
	}

	// seed/ and validate/ read together must raise no cross-submission finding.
	if selected[0] || selected[1] {
		if err := noCross(slices.Concat(results[0].exps, results[1].exps)); err != nil {
			return err
		}
	}
	sources := false
	for i, f := range folders {
		if !selected[i] {
			continue
		}
		if err := g.write(f, results[i]); err != nil {
			return err
		}
		sources = sources || strings.HasPrefix(f.name, "matrix/")
	}
	if sources {
		if err := writeSources(out); err != nil {
			return err
		}
	}
	return writeReadme(filepath.Join(out, "README.md"), results)
}

// selectFolders reads -only: every folder when it is empty, else the folders
// named or under a folder named.
func selectFolders(only string) ([]bool, error) {
	selected := make([]bool, len(folders))
	if only == "" {
		for i := range selected {
			selected[i] = true
		}
		return selected, nil
	}
	for _, name := range strings.Split(only, ",") {
		name = strings.Trim(filepath.ToSlash(strings.TrimSpace(name)), "/")
		found := false
		for i, f := range folders {
			if f.name == name || strings.HasPrefix(f.name, name+"/") {
				selected[i], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("-only: no folder %q", name)
		}
	}
	return selected, nil
}

// build empties a folder, makes its files and returns what a reader must find
// in them, checked against what each case means to produce.
func (g *generator) build(f folder) (result, error) {
	dir := filepath.Join(g.out, filepath.FromSlash(f.name))
	if err := os.RemoveAll(dir); err != nil {
		return result{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return result{}, err
	}
	if f.books == nil {
		exps, err := g.bad()
		return result{exps: exps}, err
	}
	books := f.books()
	exps, err := g.folder(f.name, books)
	if err != nil {
		return result{}, err
	}
	var top []finding
	if f.cross {
		top = crossCheck(exps, rosterUnits(f.roster))
		var missing []string
		for _, t := range top {
			missing = append(missing, t.Unit)
		}
		if !slices.Equal(missing, f.missing) {
			return result{}, fmt.Errorf("%s/roster.txt is meant to miss %v, misses %v", f.name, f.missing, missing)
		}
		otherFormats(exps)
	}
	formatYears(exps)
	for i, e := range exps {
		if err := books[i].checkKinds(e.Findings); err != nil {
			return result{}, fmt.Errorf("%s/%w", f.name, err)
		}
	}
	return result{exps, top}, nil
}

// write writes a built folder's roster.txt and expect.json.
func (g *generator) write(f folder, r result) error {
	dir := filepath.Join(g.out, filepath.FromSlash(f.name))
	ex := expectDoc{exps: r.exps, object: f.object(), top: r.top}
	if f.roster != nil {
		ex.roster = "roster.txt"
		roster := strings.Join(f.roster, "\n") + "\n"
		if err := os.WriteFile(filepath.Join(dir, ex.roster), []byte(roster), 0o644); err != nil {
			return err
		}
	}
	if f.totals {
		ex.totalCodes, ex.totals = totals(r.exps)
	}
	return writeExpect(filepath.Join(dir, "expect.json"), ex)
}

// folder builds the workbooks of one output folder, has LibreOffice save them
// in their final formats, copies them into place and returns what a reader
// must find in each.
func (g *generator) folder(name string, books []workbook) ([]*expectation, error) {
	src := filepath.Join(g.tmp, "src", name)
	conv := filepath.Join(g.tmp, "lo", name)
	back := filepath.Join(g.tmp, "back", name)
	if err := os.MkdirAll(src, 0o755); err != nil {
		return nil, err
	}
	built := make([]*excelize.File, len(books))
	places := make([]*placement, len(books))
	byExt := map[string][]string{}
	var exts, legacy []string
	for i := range books {
		w := &books[i]
		f, p, err := w.build()
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", name, w.file, err)
		}
		built[i], places[i] = f, p
		path := filepath.Join(src, stem(w.file)+".xlsx")
		if err := f.SaveAs(path); err != nil {
			return nil, err
		}
		ext := filepath.Ext(w.file)
		if byExt[ext] == nil {
			exts = append(exts, ext)
		}
		byExt[ext] = append(byExt[ext], path)
		if w.converted() {
			legacy = append(legacy, filepath.Join(conv, w.file))
		}
	}
	for _, ext := range exts {
		if _, err := g.lo.convert(ext, conv, byExt[ext]); err != nil {
			return nil, err
		}
	}
	// A reader converts .xls and .ods to .xlsx with LibreOffice; so do we, to
	// know what it will read.
	if _, err := g.lo.convert(".xlsx", back, legacy); err != nil {
		return nil, err
	}
	exps := make([]*expectation, len(books))
	for i := range books {
		w := &books[i]
		read := filepath.Join(conv, w.file)
		if w.converted() {
			read = filepath.Join(back, stem(w.file)+".xlsx")
		}
		e, err := expectFile(w, read, built[i], places[i])
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", name, w.file, err)
		}
		exps[i] = e
		data, err := os.ReadFile(filepath.Join(conv, w.file))
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(g.out, filepath.FromSlash(name), w.file), data, 0o644); err != nil {
			return nil, err
		}
	}
	return exps, nil
}

func expectFile(w *workbook, path string, src *excelize.File, p *placement) (*expectation, error) {
	final, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer final.Close()
	return w.expect(final, src, p)
}

func stem(file string) string { return strings.TrimSuffix(file, filepath.Ext(file)) }
