package main

import (
	"bytes"
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
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// run runs tally in-process and returns its stdout, stderr and exit code.
func run(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := newApp(&stdout, &stderr).Run(append([]string{"tally"}, args...))
	code := exitCode(&stderr, err)
	return stdout.String(), stderr.String(), code
}

// needSoffice skips a test that converts legacy files when LibreOffice is
// missing, unless the environment demands it (CI does).
func needSoffice(t *testing.T) {
	t.Helper()
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
		Rule    string `json:"rule"`
		Message string `json:"message"`
	} `json:"findings"`
	Summary struct {
		Files, Readable, Errors, Warnings int
	} `json:"summary"`
}

// TestFixtures reads every fixture folder and holds the report to the
// folder's expect.json: unit, year, sheet, every value and cell, and exactly
// the expected errors and warnings (and blank/converted notes) per file.
func TestFixtures(t *testing.T) {
	for _, dir := range []string{"seed", "validate", "bad", "cross"} {
		t.Run(dir, func(t *testing.T) {
			if dir == "validate" {
				needSoffice(t)
			}
			path := filepath.Join("testdata", dir)
			raw, err := os.ReadFile(filepath.Join(path, "expect.json"))
			require.NoError(t, err)
			var files []expectFile
			var topFindings []expectFinding
			args := []string{"validate", "--format", "json", "--fail-on", "never"}
			if dir == "cross" {
				var cross struct {
					Roster   string          `json:"roster"`
					Findings []expectFinding `json:"findings"`
					Files    []expectFile    `json:"files"`
				}
				require.NoError(t, json.Unmarshal(raw, &cross))
				files, topFindings = cross.Files, cross.Findings
				args = append(args, "--roster", filepath.Join(path, cross.Roster))
			} else {
				require.NoError(t, json.Unmarshal(raw, &files))
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
				if f.Severity == "info" && f.Kind != "blank" && f.Kind != "converted" {
					continue
				}
				got[filepath.Base(f.File)] = append(got[filepath.Base(f.File)], f.expectFinding)
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
	needSoffice(t)
	cases := []struct {
		name string
		args []string
	}{
		{"validate.json", []string{"validate", "--format", "json", "testdata/validate"}},
		{"validate.zh.txt", []string{"validate", "--lang", "zh", "testdata/validate"}},
		{"cross.en.txt", []string{"validate", "--lang", "en", "--roster", "testdata/cross/roster.txt", "testdata/cross"}},
		{"bad.csv", []string{"validate", "--format", "csv", "--lang", "zh", "testdata/bad"}},
		{"seed.json", []string{"validate", "--format", "json", "testdata/seed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, _, _ := run(t, tc.args...)
			golden := filepath.Join("testdata", "golden", tc.name)
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(out), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test . -update to create it")
			assert.Equal(t, string(want), out)
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
		{[]string{"validate", "no-such-file.xlsx"}, 1},
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
	assert.True(t, bytes.HasPrefix(data, []byte("\ufeffseverity,kind,rule,")))
	assert.Contains(t, string(data), "sum:3.1")
	// An output never overwrites an input.
	in := filepath.Join(dir, "in.xlsx")
	orig, err := os.ReadFile("testdata/seed/掌政镇.xlsx")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, orig, 0o644))
	_, stderr, code := run(t, "validate", "--log", filepath.Join(dir, ".", "in.json"), in)
	require.Equal(t, 0, code, stderr)
	require.NoError(t, os.Rename(in, filepath.Join(dir, "in.csv")))
	_, stderr, code = run(t, "validate", "--log", filepath.Join(dir, "in.csv"), filepath.Join(dir, "in.csv"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "never writes over an input")
	after, _ := os.ReadFile(filepath.Join(dir, "in.csv"))
	assert.Equal(t, orig, after)
}
