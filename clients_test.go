package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/schema"
	"tally/xlsx"
)

// The workbooks tally writes, in the programs clerks open them with: every
// kind (the consolidated workbook, the .xlsx log, marked-up copies,
// templates), of every format and in both languages, opened by openpyxl and
// by LibreOffice, and every sheet of tally's own printed by LibreOffice to
// PDF, as its page setup says, and read back.

// written is a workbook tally wrote for these tests.
type written struct {
	path string
	// sheets are the sheets of tally's own, to print: nil for every sheet
	// (a marked-up copy holds the township's sheets as they came); print
	// is false for a workbook laid out as another of the set (the other
	// marked-up copies of a run).
	sheets []string
	print  bool
}

var writtenSet struct {
	once  sync.Once
	dir   string
	files []written
	fail  []string
}

// removeWritten removes the workbooks written for these tests (TestMain).
func removeWritten() {
	if writtenSet.dir != "" {
		os.RemoveAll(writtenSet.dir)
	}
}

// writtenWorkbooks writes, once for the test binary, every kind of
// workbook tally writes.
func writtenWorkbooks(t *testing.T) []written {
	t.Helper()
	needSoffice(t) // the sample district holds an .xls
	w := &writtenSet
	w.once.Do(func() {
		dir, err := os.MkdirTemp("", "tally-clients-")
		if err != nil {
			w.fail = append(w.fail, err.Error())
			return
		}
		w.dir = dir
		do := func(args ...string) {
			_, stderr, code := run(t, args...)
			if code == 2 {
				w.fail = append(w.fail, fmt.Sprintf("tally %s: %s", strings.Join(args, " "), stderr))
			}
		}
		td := func(p ...string) string { return filepath.Join(append([]string{"testdata"}, p...)...) }
		runs := []struct {
			name, unit, out string
			in              []string
		}{
			{"2018", "兴庆区", "兴庆区2018.xlsx", []string{td("district", "兴庆区2018"), "--year", "2018",
				"--roster", td("district", "兴庆区2018", "roster.txt")}},
			{"2019", "平潭综合实验区", "平潭综合实验区2020.xlsx", []string{td("matrix", "2019")}},
			{"2021", "沭阳县", "沭阳县2021.xlsx", []string{td("matrix", "2021"), "--roster", td("matrix", "2021", "roster.txt")}},
			{"2021-previous", "平潭综合实验区", "平潭综合实验区2021.xlsx", []string{td("previous", "2021"), "--previous", td("matrix", "2019")}},
			{"2019-previous", "兴庆区", "兴庆区2019.xlsx", []string{td("previous", "2019"), "--previous", td("district", "兴庆区2018")}},
		}
		for _, sub := range []string{"template-zh", "template-en", "template-blank"} {
			if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
				w.fail = append(w.fail, err.Error())
				return
			}
		}
		for _, lang := range []string{"zh", "en"} {
			for _, r := range runs {
				at := filepath.Join(dir, r.name+"-"+lang)
				if err := os.MkdirAll(at, 0o755); err != nil {
					w.fail = append(w.fail, err.Error())
					return
				}
				do(append([]string{"consolidate", "--lang", lang, "--fail-on", "never", "--name", r.unit,
					"--out", filepath.Join(at, r.out), "--log", filepath.Join(at, "log.xlsx"),
					"--annotate", filepath.Join(at, "marked")}, r.in...)...)
			}
			for _, tpl := range []struct{ id, year string }{{"gov-info-2018", "2018"}, {"gov-info-2019", "2020"}, {"gov-info-2021", "2021"}} {
				do("template", "--lang", lang, "--schema", tpl.id, "--unit", "掌政镇", "--year", tpl.year,
					"--out", filepath.Join(dir, "template-"+lang, tpl.id+".xlsx"))
				if lang == "zh" {
					// A template for every township: the unit left to fill in.
					do("template", "--schema", tpl.id, "--out", filepath.Join(dir, "template-blank", tpl.id+".xlsx"))
				}
			}
		}
		printed := map[string]bool{}
		err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".xlsx" {
				return err
			}
			f := written{path: p, print: true}
			if filepath.Base(filepath.Dir(p)) == "marked" {
				f.print = !printed[filepath.Dir(p)]
				printed[filepath.Dir(p)] = true
				lang := schema.Zh
				if strings.Contains(p, "-en"+string(filepath.Separator)) {
					lang = schema.En
				}
				f.sheets = []string{xlsx.Names(lang).Issues}
			}
			w.files = append(w.files, f)
			return nil
		})
		if err != nil {
			w.fail = append(w.fail, err.Error())
		}
	})
	require.Empty(t, w.fail, "writing the workbooks")
	require.NotEmpty(t, w.files)
	return w.files
}

// name is how a test names a written workbook: its path in the set.
func (w written) name() string {
	rel, err := filepath.Rel(writtenSet.dir, w.path)
	if err != nil {
		return w.path
	}
	return filepath.ToSlash(rel)
}

// needTool skips a test that needs a program the machine lacks, unless the
// environment demands the tools (CI does).
func needTool(t *testing.T, what string, cmd ...string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("the tests that need %s are left out of -short runs", what)
	}
	if err := exec.Command(cmd[0], cmd[1:]...).Run(); err != nil {
		if os.Getenv("TALLY_REQUIRE_SOFFICE") != "" {
			t.Fatalf("%s is required here: %v", what, err)
		}
		t.Skipf("%s is not installed", what)
	}
}

// officeFile is what LibreOffice made of one workbook (testdata/lo/office.py).
type officeFile struct {
	Path         string        `json:"path"`
	Loaded       bool          `json:"loaded"`
	Error        string        `json:"error"`
	Interactions []string      `json:"interactions"`
	SheetNames   []string      `json:"sheetNames"`
	Sheets       []officeSheet `json:"sheets"`
}

type officeSheet struct {
	Name      string   `json:"name"`
	PDF       string   `json:"pdf"`
	Landscape bool     `json:"landscape"`
	Paper     [2]int   `json:"paper"`
	Scale     [3]int   `json:"scale"`
	Used      [2]int   `json:"used"`
	ColBreaks [][2]any `json:"colBreaks"`
	RowBreaks [][2]any `json:"rowBreaks"`
	TitleRows *[2]int  `json:"titleRows"`
	TitleCols *[2]int  `json:"titleCols"`
	CSV       string   `json:"csv"`
}

var officeSet struct {
	once  sync.Once
	files map[string]officeFile
	err   error
}

// inOffice has LibreOffice open every written workbook and print each
// sheet of tally's own to a PDF, once for the test binary.
func inOffice(t *testing.T, files []written) map[string]officeFile {
	t.Helper()
	needTool(t, "LibreOffice's Python bridge (python3-uno)", "/usr/bin/python3", "-c", "import uno")
	o := &officeSet
	o.once.Do(func() {
		type item struct {
			Path   string   `json:"path"`
			PDF    string   `json:"pdf"`
			Sheets []string `json:"sheets"`
		}
		var items []item
		pdfs := filepath.Join(writtenSet.dir, "pdf")
		if o.err = os.MkdirAll(pdfs, 0o755); o.err != nil {
			return
		}
		for i, f := range files {
			it := item{Path: f.path, Sheets: f.sheets}
			if f.print {
				it.PDF = filepath.Join(pdfs, strconv.Itoa(i))
			}
			items = append(items, it)
		}
		req, err := json.Marshal(map[string]any{"check": items})
		if err != nil {
			o.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "/usr/bin/python3", filepath.Join("testdata", "lo", "office.py"))
		cmd.Stdin = bytes.NewReader(req)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		raw, err := cmd.Output()
		if err != nil {
			o.err = fmt.Errorf("%v: %s", err, stderr.String())
			return
		}
		var reply struct {
			Files []officeFile `json:"files"`
		}
		if o.err = json.Unmarshal(raw, &reply); o.err != nil {
			return
		}
		o.files = map[string]officeFile{}
		for _, f := range reply.Files {
			o.files[f.Path] = f
		}
	})
	require.NoError(t, o.err)
	return o.files
}

// sheetsOf lists a workbook's sheets as excelize reads them.
func sheetsOf(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	return f.GetSheetList()
}

// TestWorkbooksOpen opens every kind of workbook tally writes, in every
// format and both languages, with openpyxl (its warnings taken as errors)
// and with LibreOffice: each loads as it is, with every sheet, and
// LibreOffice asks no question while loading it (a file it has to repair
// asks whether to).
func TestWorkbooksOpen(t *testing.T) {
	files := writtenWorkbooks(t)
	needTool(t, "openpyxl (python3-openpyxl)", "/usr/bin/python3", "-c", "import openpyxl")
	args := []string{filepath.Join("testdata", "lo", "openpyxl_load.py")}
	for _, f := range files {
		args = append(args, f.path)
	}
	raw, err := exec.Command("/usr/bin/python3", args...).Output()
	require.NoError(t, err)
	var openpyxl map[string]struct {
		Sheets []string `json:"sheets"`
		Error  string   `json:"error"`
	}
	require.NoError(t, json.Unmarshal(raw, &openpyxl))
	office := inOffice(t, files)
	for _, f := range files {
		t.Run(f.name(), func(t *testing.T) {
			want := sheetsOf(t, f.path)
			op := openpyxl[f.path]
			if assert.Empty(t, op.Error, "openpyxl refuses it") {
				assert.Equal(t, want, op.Sheets, "openpyxl's sheets")
			}
			lo := office[f.path]
			if assert.True(t, lo.Loaded, "LibreOffice does not load it: %s", lo.Error) {
				assert.Empty(t, lo.Interactions, "LibreOffice asks while loading it")
				assert.Equal(t, want, lo.SheetNames, "LibreOffice's sheets")
			}
		})
	}
}
