package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/internal/testkit"
	"tally/xlsx"
)

// officeCell is what LibreOffice reports of a cell through UNO.
type officeCell struct {
	Text        string `json:"text"`
	Locked      bool   `json:"locked"`
	Validation  string `json:"validation"`
	Conditional int    `json:"conditional"`
}

// office has LibreOffice open a workbook, type values into cells, recalculate,
// report the cells asked for and save the result (testdata/lo/office.py).
func office(t *testing.T, in, out, sheet string, set map[string]any, read []string) (bool, map[string]officeCell) {
	t.Helper()
	needSoffice(t)
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import uno").Run(); err != nil {
		if os.Getenv("TALLY_REQUIRE_SOFFICE") != "" {
			t.Fatal("LibreOffice's Python bridge (python3-uno) is required here")
		}
		t.Skip("python3-uno is not installed")
	}
	req, err := json.Marshal(map[string]any{"in": in, "out": out, "sheet": sheet, "set": set, "read": read})
	require.NoError(t, err)
	cmd := exec.Command(py, filepath.Join("testdata", "lo", "office.py"))
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	var reply struct {
		Protected bool                  `json:"protected"`
		Cells     map[string]officeCell `json:"cells"`
	}
	require.NoError(t, json.Unmarshal(raw, &reply), string(raw))
	return reply.Protected, reply.Cells
}

// seedValues reads the seed's real figures from its fixture expectations.
func seedValues(t *testing.T) map[string]json.Number {
	t.Helper()
	raw := testkit.Fixture(t, "seed/expect.json")
	var files []struct {
		Values map[string]json.Number `json:"values"`
	}
	require.NoError(t, json.Unmarshal(raw, &files))
	return files[0].Values
}

func template2018(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "掌政镇2018.xlsx")
	_, stderr, code := run(t, append([]string{"template", "--schema", "gov-info-2018", "--unit", "掌政镇",
		"--year", "2018", "--contact", "兴庆区政府办公室 0951-6121130", "--out", out}, args...)...)
	require.Equal(t, 0, code, stderr)
	return out
}

func TestTemplateGolden(t *testing.T) {
	out := template2018(t)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, xlsx.Dump(&buf, data))
	golden(t, "template-2018.dump.txt", buf.String())
}

// A blank template reads back with no errors; every value is blank.
func TestTemplateBlankValidates(t *testing.T) {
	out := template2018(t)
	rep, code := jsonOf(t, "validate", out)
	assert.Equal(t, 0, code)
	s := rep.Submissions[0]
	assert.Equal(t, "掌政镇", s.Unit)
	assert.Equal(t, 2018, *s.Year)
	assert.Equal(t, "统计表", s.Sheet)
	for _, f := range rep.Findings {
		assert.Equal(t, "blank", f.Kind, f.Message)
	}
	assert.Len(t, rep.Findings, 58)
}

// A template filled in LibreOffice with the seed's real figures: the live
// checks show ✓, the protection and validation are there, and the saved
// workbook validates clean with every value exact.
func TestTemplateFilledInLibreOffice(t *testing.T) {
	out := template2018(t)
	refs := xlsx.SummaryRefs(testkit.Gov2018(t))
	seed := seedValues(t)
	set := map[string]any{}
	for code, v := range seed {
		set[refs[code]] = string(v) // typed as text, as a user types
	}
	set[refs["8.4"]] = "0.35"
	filled := filepath.Join(t.TempDir(), "filled.xlsx")
	checked := []string{"3.1", "3.2", "3.3", "3.3.4", "4", "5", "8.3", "1.1.1", "1.2.1", "2.2.1.1", "2.2.2.1"}
	read := []string{"A5", "B5", refs["1.1"], refs["8.4"]}
	for _, code := range checked {
		read = append(read, checkOf(refs[code]))
	}
	protected, cells := office(t, out, filled, "统计表", set, read)
	assert.True(t, protected)
	assert.True(t, cells["A5"].Locked, "labels are locked")
	assert.True(t, cells["B5"].Locked, "units are locked")
	assert.False(t, cells[refs["1.1"]].Locked, "values are open")
	assert.Equal(t, "WHOLE", cells[refs["1.1"]].Validation)
	assert.Equal(t, "CUSTOM", cells[refs["8.4"]].Validation, "万元: a non-negative decimal of at most 4 places")
	for _, code := range checked {
		ref := checkOf(refs[code])
		assert.Equal(t, "✓", cells[ref].Text, "check of %s", code)
		assert.Equal(t, 1, cells[ref].Conditional, "the row of %s turns red when its check fails", code)
	}
	rep, code := jsonOf(t, "validate", filled)
	assert.Equal(t, 0, code)
	assert.Empty(t, rep.Findings)
	got := rep.Submissions[0].Values
	for code, v := range seed {
		if code == "8.4" {
			continue
		}
		assert.Equal(t, dec(v), dec(*got[code]), code)
	}
	assert.Equal(t, "0.35", dec(*got["8.4"]))
}

// The live check shows the difference, and tally reports the same error.
func TestTemplateLiveCheckShowsTheDifference(t *testing.T) {
	out := template2018(t)
	refs := xlsx.SummaryRefs(testkit.Gov2018(t))
	filled := filepath.Join(t.TempDir(), "filled.xlsx")
	set := map[string]any{refs["3.1"]: 6.0, refs["3.1.1"]: 5.0, refs["2.2.2"]: 1.0, refs["2.2.2.1"]: 3.0, refs["1.1"]: 10.0, refs["1.2.2"]: 12.0}
	c31, c2221, c122 := checkOf(refs["3.1"]), checkOf(refs["2.2.2.1"]), checkOf(refs["1.2.2"])
	_, cells := office(t, out, filled, "统计表", set, []string{c31, c2221, c122})
	assert.Equal(t, "差 1", cells[c31].Text, "收到申请数 6 against parts 5")
	assert.Equal(t, "超 2", cells[c2221].Text, "其中 3 over its parent 1")
	assert.Equal(t, "超 2", cells[c122].Text, "a channel 12 over the total 10")
	rep, code := jsonOf(t, "validate", filled)
	assert.Equal(t, 1, code)
	var rules []string
	for _, f := range rep.Findings {
		if f.Severity == "error" {
			rules = append(rules, f.Rule)
		}
	}
	assert.ElementsMatch(t, []string{"sum:3.1", "of-which:2.2.2.1", "bound:1.2.2"}, rules)
}

// Filled by another program (excelize): clean and exact.
func TestTemplateFilledByAnotherProgram(t *testing.T) {
	out := template2018(t, "--password", "secret")
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	refs := xlsx.SummaryRefs(testkit.Gov2018(t))
	for code, v := range seedValues(t) {
		n, _ := v.Float64()
		require.NoError(t, f.SetCellValue("统计表", refs[code], n))
	}
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())
	rep, code := jsonOf(t, "validate", out)
	assert.Equal(t, 0, code)
	assert.Empty(t, rep.Findings)
	sheetXML := string(testkit.Part(t, testkit.ReadFile(t, out), "xl/worksheets/sheet1.xml"))
	assert.Regexp(t, `<sheetProtection[^>]*(password|hashValue)=`, sheetXML, "--password protects the sheet")
}

func TestTemplateFlags(t *testing.T) {
	_, stderr, code := run(t, "template", "--schema", "gov-info-2018")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--out")
	_, _, code = run(t, "template", "--schema", "nope", "--out", filepath.Join(t.TempDir(), "x.xlsx"))
	assert.Equal(t, 2, code)
	en := filepath.Join(t.TempDir(), "en.xlsx")
	_, _, code = run(t, "template", "--schema", "gov-info-2018", "--lang", "en", "--out", en)
	require.Equal(t, 0, code)
	f, err := excelize.OpenFile(en)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Table", "Instructions"}, f.GetSheetList())
}

// checkOf is the live check beside a value cell (the next column).
func checkOf(ref string) string {
	col, row, _ := excelize.SplitCellName(ref)
	n, _ := excelize.ColumnNameToNumber(col)
	next, _ := excelize.ColumnNumberToName(n + 1)
	return next + fmt.Sprint(row)
}

// The instructions and input messages of every template, in both languages,
// are whole sentences about that template: no formatting debris, no unit
// where a cell has none, the example file name in the template's own unit
// and year, and the numbers' rules of its own format.
func TestTemplateTexts(t *testing.T) {
	cases := []struct {
		schema, unit, year, example string
		numbers                     []string // words the numbers' rule says (zh)
	}{
		{"gov-info-2018", "掌政镇", "2018", "掌政镇2018.xlsx", []string{"“单位”一列", "万元为单位，最多保留 4 位小数"}},
		{"gov-info-2019", "潭城镇", "2020", "潭城镇2020.xlsx", []string{"表头", "元为单位，最多保留 2 位小数", "“本年增/减”减少时填负数"}},
		{"gov-info-2021", "良田镇", "2021", "良田镇2021.xlsx", []string{"表头", "万元为单位，最多保留 6 位小数"}},
		{"gov-info-2021", "", "", "掌政镇2021.xlsx", nil},
	}
	for _, tc := range cases {
		for _, lang := range []string{"zh", "en"} {
			t.Run(tc.schema+"-"+tc.unit+"-"+lang, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "t.xlsx")
				args := []string{"template", "--schema", tc.schema, "--lang", lang, "--out", out}
				if tc.unit != "" {
					args = append(args, "--unit", tc.unit, "--year", tc.year)
				}
				_, stderr, code := run(t, args...)
				require.Equal(t, 0, code, stderr)
				data, err := os.ReadFile(out)
				require.NoError(t, err)
				var dump bytes.Buffer
				require.NoError(t, xlsx.Dump(&dump, data))
				d := dump.String()
				assert.NotContains(t, d, "%!", "a message formatted with the wrong arguments")
				assert.NotContains(t, d, "单位：。", "an input message names a unit the cell does not have")
				assert.NotContains(t, d, "Unit: .")
				assert.Contains(t, d, tc.example, "the example file name")
				if lang == "zh" {
					for _, w := range tc.numbers {
						assert.Contains(t, d, w)
					}
					if tc.schema != "gov-info-2018" {
						assert.NotContains(t, d, "“统计数”一列", "the matrix tables have no 统计数 column")
					}
				}
			})
		}
	}
}
