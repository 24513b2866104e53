package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/command"
	"tally/internal/testkit"
	"tally/schema"
	"tally/xlsx"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// run runs tally in-process and returns its stdout, stderr and exit code.
func run(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := command.Main(append([]string{"tally"}, args...), &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

// needSoffice skips a test that converts legacy files when LibreOffice is
// missing, unless the environment demands it (CI does). With -short (the
// race detector's run in CI) the tests that drive LibreOffice are left out:
// what they hold is what tally writes, not how its goroutines meet.
func needSoffice(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("LibreOffice's tests are left out of -short runs")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("TALLY_REQUIRE_SOFFICE") != "" {
			t.Fatal("LibreOffice (soffice) is required here but not on PATH")
		}
		t.Skip("LibreOffice (soffice) is not installed")
	}
}

// expectFile is one entry of a fixture folder's expect.json.
type expectFile struct {
	File     string                      `json:"file"`
	About    string                      `json:"about"`
	Unit     string                      `json:"unit"`
	Year     int                         `json:"year"`
	Sheet    string                      `json:"sheet"`
	Skipped  bool                        `json:"skipped"`
	Values   map[string]*json.Number     `json:"values"`
	Cells    map[string]string           `json:"cells"`
	Findings []expectFinding             `json:"findings"`
	Extra    map[string]*json.RawMessage `json:"-"`
}

type expectFinding struct {
	Kind     string       `json:"kind"`
	Severity string       `json:"severity"`
	Cell     string       `json:"cell"`
	Codes    []string     `json:"codes"`
	Expected *json.Number `json:"expected"`
	Actual   *json.Number `json:"actual"`
	// Message is words the finding's message must contain.
	Message string `json:"message"`
}

// key identifies a finding; with numbers, its expected and actual values too.
func (f expectFinding) key(numbers bool) string {
	code := ""
	if len(f.Codes) > 0 {
		code = f.Codes[0]
	}
	s := fmt.Sprintf("%s %s cell=%s code=%s", f.Severity, f.Kind, f.Cell, code)
	if numbers && f.Expected != nil {
		s += " expected=" + dec(*f.Expected)
	}
	if numbers && f.Actual != nil {
		s += " actual=" + dec(*f.Actual)
	}
	return s
}

func dec(n json.Number) string { return decimal.RequireFromString(string(n)).String() }

type jsonReport struct {
	Schema      string `json:"schema"`
	Year        *int   `json:"year"`
	Submissions []struct {
		File     string                  `json:"file"`
		Unit     string                  `json:"unit"`
		Year     *int                    `json:"year"`
		Sheet    string                  `json:"sheet"`
		Status   string                  `json:"status"`
		Included bool                    `json:"included"`
		Values   map[string]*json.Number `json:"values"`
		Cells    map[string]string       `json:"cells"`
	} `json:"submissions"`
	Findings []struct {
		expectFinding
		File    string `json:"file"`
		Unit    string `json:"unit"`
		Rule    string `json:"rule"`
		Message string `json:"message"`
	} `json:"findings"`
	Totals  map[string]*json.Number `json:"totals"`
	Summary struct {
		Files, Readable, Errors, Warnings int
	} `json:"summary"`
}

// TestFixtures reads every fixture folder and holds the report to the
// folder's expect.json: unit, year, sheet, every value and cell, and exactly
// the expected errors and warnings (and blank, converted and extra-row
// notes) per file.
func TestFixtures(t *testing.T) {
	for _, dir := range []string{"seed", "validate", "bad", "cross", "district/兴庆区2018", "district/金凤区2018", "wild",
		"matrix/2021", "matrix/2019", "matrix/mixed", "matrix/agencies", "previous/2021", "previous/2022", "previous/2019"} {
		t.Run(dir, func(t *testing.T) {
			if dir != "seed" && dir != "bad" && dir != "cross" {
				needSoffice(t) // these folders hold an .xls or .ods
			}
			path := filepath.Join("testdata", dir)
			raw, err := os.ReadFile(filepath.Join(path, "expect.json"))
			require.NoError(t, err)
			var folder struct {
				Roster   string                  `json:"roster"`
				Findings []expectFinding         `json:"findings"`
				Files    []expectFile            `json:"files"`
				Totals   map[string]*json.Number `json:"totals"`
			}
			if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
				require.NoError(t, json.Unmarshal(raw, &folder.Files))
			} else {
				require.NoError(t, json.Unmarshal(raw, &folder))
			}
			files, topFindings := folder.Files, folder.Findings
			args := []string{"validate", "--format", "json", "--fail-on", "never", "--lang", "zh"}
			if folder.Roster != "" {
				args = append(args, "--roster", filepath.Join(path, folder.Roster))
			}
			if folder.Totals != nil {
				// The folder is a district: consolidate it and compare the totals.
				out := filepath.Join(t.TempDir(), "out.xlsx")
				rep, _ := jsonOf(t, "consolidate", "--name", "测试区", "--out", out, path)
				for code, want := range folder.Totals {
					require.NotNil(t, rep.Totals[code], code)
					assert.Equal(t, dec(*want), dec(*rep.Totals[code]), "total of %s", code)
				}
				assert.Len(t, rep.Totals, len(folder.Totals))
			}
			stdout, stderr, code := run(t, append(args, path)...)
			require.Equal(t, 0, code, stderr)
			var rep jsonReport
			require.NoError(t, json.Unmarshal([]byte(stdout), &rep))

			subs := map[string]int{}
			for i, s := range rep.Submissions {
				subs[filepath.Base(s.File)] = i
			}
			got := map[string][]expectFinding{}
			for _, f := range rep.Findings {
				if f.Severity == "info" && f.Kind != "blank" && f.Kind != "converted" && f.Kind != "extra-row" {
					continue
				}
				e := f.expectFinding
				e.Message = f.Message
				got[filepath.Base(f.File)] = append(got[filepath.Base(f.File)], e)
			}
			for _, e := range files {
				t.Run(e.File, func(t *testing.T) {
					i, found := subs[e.File]
					if e.Skipped {
						assert.False(t, found, "must be skipped")
						return
					}
					require.True(t, found, "not read")
					s := rep.Submissions[i]
					if e.Unit != "" {
						assert.Equal(t, e.Unit, s.Unit, "unit")
					}
					if e.Year != 0 {
						require.NotNil(t, s.Year)
						assert.Equal(t, e.Year, *s.Year, "year")
					}
					if e.Sheet != "" {
						assert.Equal(t, e.Sheet, s.Sheet, "sheet")
					}
					for code, want := range e.Values {
						gotV, ok := s.Values[code]
						require.True(t, ok, "value %s absent", code)
						if want == nil {
							assert.Nil(t, gotV, "value %s", code)
						} else if assert.NotNil(t, gotV, "value %s", code) {
							assert.Equal(t, dec(*want), dec(*gotV), "value %s", code)
						}
					}
					for code, want := range e.Cells {
						assert.Equal(t, want, s.Cells[code], "cell of %s", code)
					}
					var want, have []string
					for _, f := range e.Findings {
						want = append(want, f.key(false))
					}
					for _, f := range got[e.File] {
						have = append(have, f.key(false))
					}
					sort.Strings(want)
					sort.Strings(have)
					assert.Equal(t, want, have, "findings of %s (%s)", e.File, e.About)
					// Where the expectation gives words, the message says them.
					for _, w := range e.Findings {
						if w.Message == "" {
							continue
						}
						found := false
						for _, f := range got[e.File] {
							found = found || f.key(false) == w.key(false) && strings.Contains(f.Message, w.Message)
						}
						assert.True(t, found, "no finding %s whose message says %q", w.key(false), w.Message)
					}
					// Where the expectation gives the numbers, they match too.
					for _, w := range e.Findings {
						if w.Expected == nil && w.Actual == nil {
							continue
						}
						found := false
						for _, f := range got[e.File] {
							found = found || f.key(true) == w.key(true)
						}
						assert.True(t, found, "no finding %s", w.key(true))
					}
				})
			}
			var wantTop, haveTop []string
			for _, f := range topFindings {
				wantTop = append(wantTop, f.key(false))
			}
			for _, f := range rep.Findings {
				if f.File == "" {
					haveTop = append(haveTop, f.key(false))
				}
			}
			assert.ElementsMatch(t, wantTop, haveTop, "findings of the run as a whole")
		})
	}
}

// TestGolden holds whole reports, JSON and text, to golden files.
func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
		// soffice: the folder holds a file only LibreOffice reads (a
		// legacy .xls or .ods, formulas saved without their values), so
		// the output depends on it.
		soffice bool
	}{
		{"validate.json", []string{"validate", "--format", "json", "testdata/validate"}, true},
		{"validate.zh.txt", []string{"validate", "--lang", "zh", "testdata/validate"}, true},
		{"cross.en.txt", []string{"validate", "--lang", "en", "--roster", "testdata/cross/roster.txt", "testdata/cross"}, false},
		{"bad.csv", []string{"validate", "--format", "csv", "--lang", "zh", "testdata/bad"}, false},
		{"seed.json", []string{"validate", "--format", "json", "testdata/seed"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.soffice {
				needSoffice(t)
			}
			out, _, _ := run(t, tc.args...)
			golden(t, tc.name, out)
		})
	}
}

func TestExitCodes(t *testing.T) {
	seed := filepath.Join("testdata", "seed")
	bad := filepath.Join("testdata", "validate", "文昌路街道.xlsx") // a sum error
	warn := filepath.Join("testdata", "validate", "闽宁镇.xlsx")  // a consistency warning
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"validate", seed}, 0},
		{[]string{"validate", bad}, 1},
		{[]string{"validate", "--fail-on", "never", bad}, 0},
		{[]string{"validate", warn}, 0},
		{[]string{"validate", "--fail-on", "warning", warn}, 1},
		{[]string{"validate"}, 2},
		{[]string{"validate", "--format", "xml", seed}, 2},
		{[]string{"validate", "--fail-on", "sometimes", seed}, 2},
		{[]string{"validate", "--schema", "gov-info-1999", seed}, 2},
		{[]string{"validate", "--lang", "fr", seed}, 2},
		{[]string{"validate", "--roster", "no-such-roster.txt", seed}, 2},
		{[]string{"validate", "--log", "out.txt", seed}, 2},
		{[]string{"validate", "--year", "18", seed}, 2},
		{[]string{"validate", "no-such-file.xlsx"}, 2},       // nothing to check
		{[]string{"validate", seed, "no-such-file.xlsx"}, 1}, // a finding beside the others
		{[]string{"schemas"}, 0},
		{[]string{"schemas", "show", "nope"}, 2},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, code := run(t, tt.args...)
			assert.Equal(t, tt.code, code, stderr)
			if tt.code == 2 {
				assert.Contains(t, stderr, "tally: ")
			}
		})
	}
}

func TestSchemasShow(t *testing.T) {
	out, _, code := run(t, "schemas", "show", "gov-info-2018")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "id: gov-info-2018")
	list, _, _ := run(t, "schemas")
	assert.Contains(t, list, "gov-info-2018")
}

func TestYearAndLog(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "log.json")
	_, _, code := run(t, "validate", "--year", "2017", "--log", logPath, "--fail-on", "never", "testdata/seed")
	require.Equal(t, 0, code)
	data, err := os.ReadFile(logPath)
	require.NoError(t, err)
	var rep jsonReport
	require.NoError(t, json.Unmarshal(data, &rep))
	require.Len(t, rep.Findings, 1)
	assert.Equal(t, "year", rep.Findings[0].Kind)
	assert.Equal(t, "error", rep.Findings[0].Severity, "a year other than --year is an error")
	csvPath := filepath.Join(dir, "log.csv")
	_, _, code = run(t, "validate", "--log", csvPath, "testdata/validate/文昌路街道.xlsx")
	require.Equal(t, 1, code)
	data, err = os.ReadFile(csvPath)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("\ufeff严重程度,类别,规则代码,")), "a Chinese header")
	assert.Contains(t, string(data), "sum:3.1")
	// An output never overwrites an input.
	in := filepath.Join(dir, "in.xlsx")
	orig := testkit.Fixture(t, "seed/掌政镇.xlsx")
	require.NoError(t, os.WriteFile(in, orig, 0o644))
	_, stderr, code := run(t, "validate", "--log", filepath.Join(dir, ".", "in.json"), in)
	require.Equal(t, 0, code, stderr)
	require.NoError(t, os.Rename(in, filepath.Join(dir, "in.csv")))
	_, stderr, code = run(t, "validate", "--log", filepath.Join(dir, "in.csv"), filepath.Join(dir, "in.csv"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "从不覆盖报送的原件")
	after, _ := os.ReadFile(filepath.Join(dir, "in.csv"))
	assert.Equal(t, orig, after)
}

// sha256File hashes a file, for before/after comparisons.
func sha256File(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return fmt.Sprintf("%x", sha256.Sum256(data))
}

func hashTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out[p] = sha256File(t, p)
		}
		return err
	}))
	return out
}

// jsonOf runs tally with --format json and decodes the report.
func jsonOf(t testing.TB, args ...string) (jsonReport, int) {
	t.Helper()
	stdout, stderr, code := run(t, append([]string{args[0], "--format", "json"}, args[1:]...)...)
	require.NotEqual(t, 2, code, stderr)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
	return rep, code
}

// sumOf adds the values of a code over the included submissions.
func sumOf(rep jsonReport, code string) decimal.Decimal {
	var t decimal.Decimal
	for _, s := range rep.Submissions {
		if v := s.Values[code]; s.Included && v != nil {
			t = t.Add(decimal.RequireFromString(string(*v)))
		}
	}
	return t
}

// district is the bundled sample district.
var district = filepath.Join("testdata", "district", "兴庆区2018")

func TestConsolidateRoundTrip(t *testing.T) {
	needSoffice(t)
	in := district
	before := hashTree(t, in)
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区2018.xlsx")
	rep, code := jsonOf(t, "consolidate", in, "--name", "兴庆区", "--year", "2018", "--out", out,
		"--roster", filepath.Join(in, "roster.txt"),
		"--annotate", filepath.Join(dir, "marked"), "--log", filepath.Join(dir, "log.xlsx"))
	assert.Equal(t, 1, code, "the inputs carry errors")
	assert.Len(t, rep.Submissions, 16)
	require.NotNil(t, rep.Totals)
	// The totals are exactly the sums of the included submissions.
	for code, v := range rep.Totals {
		assert.Equal(t, sumOf(rep, code).String(), dec(*v), "total of %s", code)
	}
	assert.Equal(t, "2893", dec(*rep.Totals["1.1"]))
	assert.Equal(t, "17.8", dec(*rep.Totals["8.4"]), "exact decimals")
	// The workbook reads back as one submission of 兴庆区 with the same numbers.
	back, _ := jsonOf(t, "validate", "--fail-on", "never", out)
	require.Len(t, back.Submissions, 1)
	s := back.Submissions[0]
	assert.Equal(t, "兴庆区", s.Unit)
	assert.Equal(t, 2018, *s.Year)
	assert.Equal(t, "汇总", s.Sheet)
	for code, v := range rep.Totals {
		require.NotNil(t, s.Values[code], code)
		assert.Equal(t, dec(*v), dec(*s.Values[code]), "read back %s", code)
	}
	// LibreOffice recalculates every formula to the value tally cached.
	n := checkInLibreOffice(t, out)
	assert.Equal(t, 2*len(rep.Totals), n, "every total on the summary and the detail sheets is a formula")
	// Inputs are never written.
	assert.Equal(t, before, hashTree(t, in))

	// In English the workbook reads back alike: its table prints the
	// English names.
	en := filepath.Join(dir, "Xingqing2018.xlsx")
	_, _, code = run(t, "consolidate", in, "--name", "兴庆区", "--lang", "en", "--out", en)
	require.NotEqual(t, 2, code)
	back, _ = jsonOf(t, "validate", "--fail-on", "never", en)
	require.Len(t, back.Submissions, 1)
	s = back.Submissions[0]
	assert.Equal(t, "兴庆区", s.Unit)
	assert.Equal(t, "Summary", s.Sheet)
	for code, v := range rep.Totals {
		require.NotNil(t, s.Values[code], code)
		assert.Equal(t, dec(*v), dec(*s.Values[code]), "read back %s from the English workbook", code)
	}
}

func TestConsolidateExcludeInvalidValidatesClean(t *testing.T) {
	needSoffice(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区.xlsx")
	rep, _ := jsonOf(t, "consolidate", "--exclude-invalid", "--out", out, district)
	for _, s := range rep.Submissions {
		assert.Equal(t, s.Status != "errors" && s.Status != "unreadable", s.Included, s.File)
	}
	for _, f := range rep.Findings {
		if f.File == out {
			assert.NotEqual(t, "error", f.Severity, "the totals of valid submissions break no rule: %s", f.Message)
		}
	}
	back, code := jsonOf(t, "validate", out)
	assert.Equal(t, 0, code)
	assert.Equal(t, "兴庆区", back.Submissions[0].Unit, "the unit comes from the --out name")
	for _, f := range back.Findings {
		assert.NotEqual(t, "error", f.Severity, f.Message)
	}
}

// Townships → districts → city: a consolidated workbook is itself a
// submission.
func TestTwoLevels(t *testing.T) {
	needSoffice(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "兴庆区.xlsx"), filepath.Join(dir, "金凤区.xlsx")
	ra, _ := jsonOf(t, "consolidate", "--name", "兴庆区", "--out", a, "--exclude-invalid", district)
	rb, _ := jsonOf(t, "consolidate", "--name", "金凤区", "--out", b, filepath.Join("testdata", "district", "金凤区2018"))
	city := filepath.Join(dir, "银川市.xlsx")
	rc, _ := jsonOf(t, "consolidate", "--name", "银川市", "--out", city, "--year", "2018", "--fail-on", "never", a, b)
	require.Len(t, rc.Submissions, 2)
	assert.Equal(t, "兴庆区", rc.Submissions[0].Unit)
	assert.Equal(t, "金凤区", rc.Submissions[1].Unit)
	for code, v := range rc.Totals {
		want := decimal.RequireFromString(string(*ra.Totals[code])).Add(decimal.RequireFromString(string(*rb.Totals[code])))
		assert.Equal(t, want.String(), dec(*v), code)
	}
	back, code := jsonOf(t, "validate", city)
	assert.Equal(t, 0, code, "the city's table validates clean")
	assert.Equal(t, "银川市", back.Submissions[0].Unit)
	for code, v := range rc.Totals {
		assert.Equal(t, dec(*v), dec(*back.Submissions[0].Values[code]), code)
	}
}

func TestAnnotate(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("testdata", "validate", "文昌路街道.xlsx") // sum error at C25
	before := sha256File(t, src)
	marked := filepath.Join(dir, "marked")
	_, _, code := run(t, "validate", "--annotate", marked, src, "testdata/validate/闽宁镇.xlsx", "testdata/seed/掌政镇.xlsx")
	require.Equal(t, 1, code)
	assert.Equal(t, before, sha256File(t, src), "the original is never written")
	entries, err := os.ReadDir(marked)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{"文昌路街道-问题标注.xlsx", "闽宁镇-问题标注.xlsx"}, names, "only submissions with findings")
	check := func(path string) {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		var dump bytes.Buffer
		require.NoError(t, xlsx.Dump(&dump, data))
		d := dump.String()
		assert.True(t, strings.HasPrefix(strings.SplitN(d, "\nsheet ", 2)[1], `"问题清单"`), "the list of problems comes first")
		assert.Contains(t, d, `C25 n "13" fill=FF9999`, "red fill on the error")
		assert.Regexp(t, `comment C25 "校核：\\n错误：合计不符`, d)
		assert.Equal(t, 1, strings.Count(d, "  comment "), "one comment, on the cell with the finding")
		assert.Contains(t, d, `link='Sheet1'!C25`)
		f, err := excelize.OpenFile(path)
		require.NoError(t, err)
		defer f.Close()
		assert.Equal(t, 0, f.GetActiveSheetIndex(), "opens on the list of problems")
	}
	path := filepath.Join(marked, "文昌路街道-问题标注.xlsx")
	check(path)
	// LibreOffice opens the marked-up copy and keeps the fill and comment.
	if _, err := exec.LookPath("soffice"); err == nil || os.Getenv("TALLY_REQUIRE_SOFFICE") != "" {
		check(libreOfficeRoundTrip(t, path))
	}
}

func TestConsolidateOutputs(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.xlsx")
	_, stderr, code := run(t, "consolidate", "testdata/seed")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--out")
	_, stderr, code = run(t, "consolidate", "--out", out, "testdata/seed")
	assert.Equal(t, 2, code, "no --name and none in the file name")
	assert.Contains(t, stderr, "--name")
	_, _, code = run(t, "consolidate", "--out", filepath.Join(dir, "a.csv"), "--name", "兴庆区", "testdata/seed")
	assert.Equal(t, 2, code)
	seedCopy := filepath.Join(dir, "掌政镇.xlsx")
	data := testkit.Fixture(t, "seed/掌政镇.xlsx")
	require.NoError(t, os.WriteFile(seedCopy, data, 0o644))
	_, stderr, code = run(t, "consolidate", "--name", "兴庆区", "--out", seedCopy, seedCopy)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "从不覆盖报送的原件")
	// English sheet names; the .xlsx log holds the status of the units, the
	// findings and the sources.
	_, _, code = run(t, "consolidate", "--lang", "en", "--name", "兴庆区", "--out", out, "--log", filepath.Join(dir, "log.xlsx"), "--log", filepath.Join(dir, "log.xlsx"), "testdata/seed")
	require.Equal(t, 0, code)
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	assert.Equal(t, []string{"Summary", "Status", "Detail", "Findings", "Sources"}, f.GetSheetList())
	f.Close()
	lg, err := excelize.OpenFile(filepath.Join(dir, "log.xlsx"))
	require.NoError(t, err)
	assert.Equal(t, []string{"Status", "Findings", "Sources"}, lg.GetSheetList())
	lg.Close()
	_, _, code = run(t, "consolidate", "--name", "兴庆区", "--out", out, "--log", filepath.Join(dir, "log.json"), "testdata/seed")
	require.Equal(t, 0, code)
	var rep jsonReport
	raw, err := os.ReadFile(filepath.Join(dir, "log.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &rep))
	assert.Equal(t, "135", dec(*rep.Totals["1.1"]))
}

// The harness that compares with LibreOffice can fail: a wrong cached
// value is caught.
func TestLibreOfficeCatchesAWrongCache(t *testing.T) {
	needSoffice(t)
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{10, 20, excelize.Cell{Formula: "A1+B1", Value: 31}}))
	require.NoError(t, sw.Flush())
	path := filepath.Join(t.TempDir(), "wrong.xlsx")
	require.NoError(t, f.SaveAs(path))
	theirs := formulaCells(t, libreOfficeRoundTrip(t, path))
	assert.Equal(t, "30", theirs["Sheet1!C1"], "LibreOffice recalculated instead of trusting the cache")
	assert.False(t, sameNumber("31", theirs["Sheet1!C1"]))
}

// TestGoldenWorkbooks holds the produced workbooks, as text dumps, to golden
// files: the consolidated workbook, the .xlsx log and a marked-up copy.
func TestGoldenWorkbooks(t *testing.T) {
	needSoffice(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区2018.xlsx")
	marked := filepath.Join(dir, "marked")
	logPath := filepath.Join(dir, "log.xlsx")
	report, _, _ := run(t, "consolidate", district, "--name", "兴庆区", "--year", "2018", "--out", out,
		"--roster", filepath.Join(district, "roster.txt"), "--annotate", marked, "--log", logPath, "--format", "json")
	for name, path := range map[string]string{
		"兴庆区2018.dump.txt":     out,
		"兴庆区2018-log.dump.txt": logPath,
		"月牙湖乡-问题标注.dump.txt":   filepath.Join(marked, "月牙湖乡政府信息公开情况统计表（2018年度）-问题标注.xlsx"),
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, xlsx.Dump(&buf, data))
			golden(t, name, strings.ReplaceAll(buf.String(), dir, "$TMP"))
		})
	}
	t.Run("兴庆区2018.json", func(t *testing.T) {
		golden(t, "兴庆区2018.json", strings.ReplaceAll(report, dir, "$TMP"))
	})
}

// golden compares got with testdata/golden/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test . -update to create it")
	assert.Equal(t, string(want), got)
}

// A 2021-format district: read, checked, consolidated in the matrix layout;
// the valid units' table reads back clean with the same totals, and
// LibreOffice computes every formula to the value tally cached.
func TestMatrixDistrict(t *testing.T) {
	needSoffice(t)
	in := filepath.Join("testdata", "matrix", "2021")
	before := hashTree(t, in)
	out := filepath.Join(t.TempDir(), "沭阳县2021.xlsx")
	rep, _ := jsonOf(t, "consolidate", "--exclude-invalid", "--roster", filepath.Join(in, "roster.txt"), "--out", out, in)
	assert.Equal(t, "gov-info-2021", rep.Schema)
	summed := 0
	for _, s := range rep.Submissions {
		if s.Included {
			summed++
		}
	}
	assert.GreaterOrEqual(t, summed, 3)
	for code, v := range rep.Totals {
		assert.Equal(t, sumOf(rep, code).String(), dec(*v), code)
	}
	back, code := jsonOf(t, "validate", out)
	assert.Equal(t, 0, code, "the valid units' table validates clean")
	require.Len(t, back.Submissions, 1)
	s := back.Submissions[0]
	assert.Equal(t, "gov-info-2021", back.Schema)
	assert.Equal(t, "沭阳县", s.Unit)
	for code, v := range rep.Totals {
		require.NotNil(t, s.Values[code], code)
		assert.Equal(t, dec(*v), dec(*s.Values[code]), code)
	}
	n := checkInLibreOffice(t, out)
	assert.Equal(t, 2*len(rep.Totals), n)
	assert.Equal(t, before, hashTree(t, in))

	// The English workbook, whose headers and rows print the English names,
	// reads back alike.
	en := filepath.Join(t.TempDir(), "Shuyang2021.xlsx")
	_, _, code = run(t, "consolidate", "--exclude-invalid", "--lang", "en", "--name", "沭阳县", "--out", en, in)
	require.NotEqual(t, 2, code)
	back, code = jsonOf(t, "validate", en)
	assert.Equal(t, 0, code)
	require.Len(t, back.Submissions, 1)
	assert.Equal(t, "gov-info-2021", back.Schema)
	for code, v := range rep.Totals {
		require.NotNil(t, back.Submissions[0].Values[code], code)
		assert.Equal(t, dec(*v), dec(*back.Submissions[0].Values[code]), code)
	}
}

// The 2021 template filled in LibreOffice: its checks compute, and it
// reads back clean and exact.
func TestTemplate2021InLibreOffice(t *testing.T) {
	out := filepath.Join(t.TempDir(), "良田镇2021.xlsx")
	_, stderr, code := run(t, "template", "--schema", "gov-info-2021", "--unit", "良田镇", "--year", "2021", "--out", out)
	require.Equal(t, 0, code, stderr)
	s, _ := schema.Builtin("gov-info-2021")
	refs := xlsx.SummaryRefs(s)
	set := map[string]any{
		refs["3.1@natural"]: "3", refs["3.1@total"]: "3", refs["3.3.1@natural"]: "2", refs["3.3.1@total"]: "2",
		refs["3.3.7@natural"]: "2", refs["3.3.7@total"]: "2", refs["3.4@natural"]: "1", refs["3.4@total"]: "1",
		refs["2.8.1@fees"]: "0.018632", refs["4@review_upheld"]: "1", refs["4@review_total"]: "1",
	}
	filled := filepath.Join(t.TempDir(), "filled.xlsx")
	checks := []string{checkOf(refs["3.1@total"]), checkOf(refs["3.3.7@total"])}
	_, cells := office(t, out, filled, "统计表", set, checks)
	for _, c := range checks {
		assert.Equal(t, "✓", cells[c].Text, c)
	}
	rep, code := jsonOf(t, "validate", filled)
	assert.Equal(t, 0, code)
	assert.Equal(t, "gov-info-2021", rep.Schema)
	for _, f := range rep.Findings {
		assert.Equal(t, "blank", f.Kind, f.Message)
	}
	v := rep.Submissions[0].Values
	assert.Equal(t, "0.018632", dec(*v["2.8.1@fees"]))
	assert.Equal(t, "3", dec(*v["3.1@total"]))
}

// sheetOf is one sheet's part of a workbook's dump.
func sheetOf(t *testing.T, path, sheet string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var dump bytes.Buffer
	require.NoError(t, xlsx.Dump(&dump, data))
	parts := strings.Split(dump.String(), "\nsheet ")
	for _, p := range parts[1:] {
		if strings.HasPrefix(p, fmt.Sprintf("%q", sheet)) {
			return p
		}
	}
	t.Fatalf("%s has no sheet %s", path, sheet)
	return ""
}

// The summary a clerk prints and signs tells the truth about itself: a
// total that breaks a rule is coloured (red: error, yellow: warning) and
// commented with the rule in words, its numbers and the units that cause
// it, and nothing else is; its 填报单位 line counts the units summed, not
// the files; and it says nothing of the tool that made it.
func TestSummaryTellsTheTruth(t *testing.T) {
	needSoffice(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区2018.xlsx")
	rep, _ := jsonOf(t, "consolidate", district, "--name", "兴庆区", "--year", "2018", "--out", out)
	refs := xlsx.SummaryRefs(testkit.Gov2018(t))
	summary := sheetOf(t, out, "汇总")
	var marked []string
	for _, f := range rep.Findings {
		if f.File == out {
			marked = append(marked, f.Cell)
		}
	}
	assert.ElementsMatch(t, []string{refs["3.1"], refs["3.3"], refs["8.3"]}, marked, "the rules the totals break")
	c31 := refs["3.1"]
	assert.Regexp(t, `(?m)^  `+c31+` n "124" .* fill=FF9999$`, summary, "收到申请数 124 ≠ 72+1+47+3: red")
	assert.Regexp(t, `(?m)^  `+refs["3.3"]+` n "122" .* fill=FFE699$`, summary, "申请答复数 ≠ 申请办结数, a warning: yellow")
	assert.Regexp(t, `(?m)^  comment `+c31+` "错误：.*收到申请数\(`+c31+`\) 为 124，而 当面\(`+refs["3.1.1"]+`\)\+传真.*合计 123，相差 1；来自月牙湖乡"$`, summary)
	assert.Equal(t, 3, strings.Count(summary, "\n  comment "), "a comment on each marked total, and none elsewhere")
	for _, line := range strings.Split(summary, "\n") {
		if strings.Contains(line, " fill=FF9999") || strings.Contains(line, " fill=FFE699") {
			assert.Regexp(t, `^  (`+refs["3.1"]+`|`+refs["3.3"]+`|`+refs["8.3"]+`) `, line, "only the totals that break a rule are coloured")
		}
	}
	assert.Contains(t, summary, `"填报单位：兴庆区（汇总 16 个单位）"`)
	assert.NotContains(t, strings.ToLower(summary), "tally", "the official table says nothing of the tool")

	// Two files of one unit (大新镇 and its 修改稿): the revised one is
	// summed, the first superseded, never both; the roster's unit that
	// sent nothing is named under the table.
	cross := filepath.Join(dir, "测试区.xlsx")
	rep, _ = jsonOf(t, "consolidate", filepath.Join("testdata", "cross"), "--roster", filepath.Join("testdata", "cross", "roster.txt"),
		"--name", "测试区", "--out", cross)
	summed := 0
	sum := decimal.Zero
	for _, s := range rep.Submissions {
		if s.Included {
			summed++
			sum = sum.Add(decimal.RequireFromString(string(*s.Values["1.1"])))
		}
		if filepath.Base(s.File) == "大新镇.xlsx" {
			assert.False(t, s.Included, "the first 大新镇 table is superseded by its 修改稿")
		}
	}
	require.Equal(t, 6, summed, "the files summed")
	assert.Equal(t, sum.String(), dec(*rep.Totals["1.1"]), "the totals are of the files summed")
	summary = sheetOf(t, cross, "汇总")
	assert.Contains(t, summary, `"填报单位：测试区（汇总 6 个单位）"`)
	assert.Contains(t, summary, "本表汇总 6 个单位的报表")
	assert.Contains(t, summary, "未报送：名单中有 1 个单位没有报送报表，未计入合计：丽景街街道。")
	sources := sheetOf(t, cross, "来源")
	assert.Regexp(t, `(?m)^  D9 s "丽景街街道" fill=D9D9D9\n  H9 s "未报送" fill=D9D9D9\n  L9 s "否" fill=D9D9D9$`, sources,
		"来源 lists the roster's unit that sent nothing after the files")
	status := sheetOf(t, cross, "报送情况")
	assert.Regexp(t, `(?m)^  B2 s "丽景街街道" fill=D9D9D9\n  C2 s "未报送"`, status, "报送情况 opens with whom to chase")

	en := filepath.Join(dir, "Xingqing2018.xlsx")
	_, _, code := run(t, "consolidate", district, "--name", "兴庆区", "--lang", "en", "--out", en)
	require.NotEqual(t, 2, code)
	summary = sheetOf(t, en, "Summary")
	assert.NotContains(t, strings.ToLower(summary), "tally")
	assert.Regexp(t, `(?m)^  comment `+c31+` "error: the totals break a rule: .*from 月牙湖乡"$`, summary)
}

// A run that reads nothing has nothing to consolidate: it says so and
// fails (exit 2), without writing a workbook.
func TestConsolidateNothingReadable(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区.xlsx")
	_, stderr, code := run(t, "consolidate", "--name", "兴庆区", "--out", out, t.TempDir())
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, "tally: ")
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "no workbook is written")
}
