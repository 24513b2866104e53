package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
)

// A number past the exact range is a finding and counts nowhere: 1e9999
// typed in a count once reached 明细 and 汇总 as +Inf (LibreOffice then
// recalculated the totals to 0) and the JSON as a 10,000-digit integer.
func TestOutOfRangeNumbers(t *testing.T) {
	seed := testkit.Fixture(t, "seed/掌政镇.xlsx")
	dir := t.TempDir()
	huge := testkit.ZipWith(t, seed, func(name string, body []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return body
		}
		// C4 is 1.1 主动公开政府信息数 (135), C5 its first part (0).
		body = bytes.Replace(body, []byte(`<c r="C4" s="5" t="n"><v>135</v></c>`), []byte(`<c r="C4" s="5" t="n"><v>1e9999</v></c>`), 1)
		return bytes.Replace(body, []byte(`<c r="C5" s="5" t="n"><v>0</v></c>`), []byte(`<c r="C5" s="5" t="str"><v>1e300</v></c>`), 1)
	})
	require.NotEqual(t, seed, huge)
	in := filepath.Join(dir, "in")
	require.NoError(t, os.Mkdir(in, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(in, "掌政镇.xlsx"), huge, 0o644))
	out := filepath.Join(dir, "区.xlsx")

	stdout, stderr, code := run(t, "consolidate", in, "--name", "示例区", "--out", out, "--format", "json")
	require.Equal(t, 1, code, stderr)
	var report struct {
		Submissions []struct {
			Values map[string]json.Number `json:"values"`
		} `json:"submissions"`
		Findings []struct {
			Rule    string `json:"rule"`
			Cell    string `json:"cell"`
			Message string `json:"message"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report), stdout)
	require.Len(t, report.Submissions, 1)
	cells := map[string]string{}
	for _, f := range report.Findings {
		if f.Rule == "read:out-of-range" {
			cells[f.Cell] = f.Message
		}
	}
	assert.Len(t, cells, 2, "%v", cells)
	assert.Contains(t, cells["C4"], "1e9999")
	assert.Contains(t, cells["C5"], "1e300")
	assert.NotRegexp(t, `\d{20}`, stdout, "a number past the exact range reached the report")

	// Neither the district workbook nor its sheets hold the number.
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	long := regexp.MustCompile(`<v>[^<]*(?:Inf|NaN|\d{20})[^<]*</v>`)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		assert.NotRegexp(t, long, string(body), f.Name)
	}
}
