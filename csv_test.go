package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
	"tally/schema"
)

// quoted is what a Chinese message quotes of a submission: its words, a
// formula, an error value.
var quoted = regexp.MustCompile(`“[^”]*”|（公式 [^）]*）|#[A-Z/0-9]+[!?]`)

// The CSV log speaks the run's language: the header, the severities, the
// kinds and the rules in words; the rule codes and cell codes, for
// scripts, are those of the JSON report in both.
func TestCSVLogLanguage(t *testing.T) {
	dir := t.TempDir()
	// The workbooks of testdata/validate (its .xls and .ods need
	// LibreOffice, and add no kind of finding), the broken files and the
	// cross-checks: every kind of finding but those of last year.
	in, err := filepath.Glob("testdata/validate/*.xlsx")
	require.NoError(t, err)
	in = append(in, "testdata/bad", "testdata/cross")
	jsonPath := filepath.Join(dir, "log.json")
	_, stderr, code := run(t, append([]string{"validate", "--log", jsonPath, "--roster", "testdata/cross/roster.txt"}, in...)...)
	require.NotEqual(t, 2, code, stderr)
	var rep jsonReport
	require.NoError(t, json.Unmarshal(testkit.ReadFile(t, jsonPath), &rep))
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		seen[f.Kind] = true
	}
	require.GreaterOrEqual(t, len(seen), 15, "most kinds of finding: %v", seen)
	kinds := map[string]bool{}
	for _, k := range schema.Kinds {
		kinds[k] = true
	}
	for _, tc := range []struct {
		lang   schema.Lang
		header string
		sevs   map[string]string
	}{
		{schema.Zh, "严重程度,类别,规则代码,文件,单位,工作表,单元格,指标代码,应为,实际,说明,规则",
			map[string]string{"error": "错误", "warning": "警告", "info": "提示"}},
		{schema.En, "severity,kind,rule,file,unit,sheet,cell,codes,expected,actual,message,rule_text",
			map[string]string{"error": "error", "warning": "warning", "info": "info"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			path := filepath.Join(dir, "log-"+string(tc.lang)+".csv")
			_, stderr, code := run(t, append([]string{"validate", "--lang", string(tc.lang), "--log", path,
				"--roster", "testdata/cross/roster.txt"}, in...)...)
			require.NotEqual(t, 2, code, stderr)
			data := testkit.ReadFile(t, path)
			require.True(t, bytes.HasPrefix(data, []byte("\ufeff")), "a byte-order mark for Excel")
			rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
			require.NoError(t, err)
			assert.Equal(t, tc.header, strings.Join(rows[0], ","))
			rows = rows[1:]
			require.Len(t, rows, len(rep.Findings), "one row a finding")
			for i, row := range rows {
				f := rep.Findings[i]
				assert.Equal(t, tc.sevs[f.Severity], row[0], "severity of row %d", i+1)
				assert.Equal(t, f.Rule, row[2], "the rule code of row %d, as in the JSON report", i+1)
				assert.Equal(t, strings.Join(f.Codes, " "), row[7], "codes of row %d", i+1)
				assert.NotEmpty(t, row[11], "the rule in words, row %d", i+1)
				if tc.lang == schema.En {
					assert.True(t, kinds[row[1]], "row %d: the kind %q", i+1, row[1])
					assert.Equal(t, f.Kind, row[1])
					assert.Empty(t, chineseIn(row[11]), "row %d: the rule %q", i+1, row[11])
					continue
				}
				assert.Equal(t, schema.KindName(f.Kind, schema.Zh), row[1])
				for _, col := range []int{0, 1, 11} {
					assert.Empty(t, englishIn(row[col]), "row %d, column %s: %q", i+1, rows[0][col], row[col])
					assert.NotEmpty(t, chineseIn(row[col]), "row %d, column %d: %q", i+1, col, row[col])
				}
				// The message, but for what it quotes of the submission: its
				// file, unit and sheet, its text and formulas.
				msg := quoted.ReplaceAllString(row[10], "")
				assert.Empty(t, englishIn(withoutArgs(msg, []string{row[3], row[4], row[5]})), "row %d: the message %q", i+1, row[10])
			}
		})
	}
}
