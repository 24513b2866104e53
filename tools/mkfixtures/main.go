// Command mkfixtures writes the workbooks under testdata/ that tally's tests
// read, with an expect.json per folder saying what a reader must find in them.
//
// Usage:
//
//	go run ./tools/mkfixtures -out testdata
//
// Each workbook is described as data (cases.go), built with excelize, and saved
// by LibreOffice (soffice must be on PATH), so that the files are written by
// real spreadsheet software: LibreOffice computes the formulas, which excelize
// leaves without cached values. The generator then reads every file back,
// checks it holds what the case meant, and derives the expected values, cells
// and findings from it with its own copy of the rules.
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
	out := flag.String("out", "testdata", "folder to write seed/, validate/, cross/ and bad/ into")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixtures:", err)
		os.Exit(1)
	}
}

// generator holds the places one run writes to.
type generator struct {
	out, tmp string
	lo       office
}

// folders are the output folders; run empties and rewrites each of them.
var folders = []string{"seed", "validate", "cross", "bad"}

func run(out string) error {
	tmp, err := os.MkdirTemp("", "mkfixtures-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	g := &generator{out: out, tmp: tmp, lo: office{profile: filepath.Join(tmp, "profile")}}
	for _, name := range folders {
		dir := filepath.Join(out, name)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}

	seedBooks, validate, cross := []workbook{seedBook()}, validateBooks(), crossBooks()
	seedExp, err := g.folder("seed", seedBooks)
	if err != nil {
		return err
	}
	validateExp, err := g.folder("validate", validate)
	if err != nil {
		return err
	}
	crossExp, err := g.folder("cross", cross)
	if err != nil {
		return err
	}
	badExp, err := g.bad()
	if err != nil {
		return err
	}

	// seed/ and validate/ read together must raise no cross-submission finding;
	// cross/ gets its findings from its files and its roster.
	if err := noCross(slices.Concat(seedExp, validateExp)); err != nil {
		return err
	}
	top := crossCheck(crossExp, crossRoster)
	if len(top) != 1 || top[0].Unit != "丽景街街道" {
		return fmt.Errorf("cross/roster.txt is meant to miss only 丽景街街道, got %v", top)
	}
	books := slices.Concat(seedBooks, validate, cross)
	for i, e := range slices.Concat(seedExp, validateExp, crossExp) {
		if err := books[i].checkKinds(e.Findings); err != nil {
			return err
		}
	}

	roster := strings.Join(crossRoster, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(out, "cross", "roster.txt"), []byte(roster), 0o644); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		exps []*expectation
	}{{"seed", seedExp}, {"validate", validateExp}, {"bad", badExp}} {
		if err := writeExpect(filepath.Join(out, f.name, "expect.json"), f.exps, "", nil); err != nil {
			return err
		}
	}
	if err := writeExpect(filepath.Join(out, "cross", "expect.json"), crossExp, "roster.txt", top); err != nil {
		return err
	}
	return writeReadme(filepath.Join(out, "README.md"), [][]*expectation{seedExp, validateExp, crossExp, badExp}, top)
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
		if err := os.WriteFile(filepath.Join(g.out, name, w.file), data, 0o644); err != nil {
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
