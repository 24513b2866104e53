package main

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// yearFindings lists a report's previous and jump findings as "unit
// severity kind code expected→actual", and checks that each one's cell is
// where its submission read that code.
func yearFindings(t *testing.T, rep jsonReport) []string {
	t.Helper()
	cells := map[string]map[string]string{}
	for _, s := range rep.Submissions {
		cells[s.File] = s.Cells
	}
	var out []string
	for _, f := range rep.Findings {
		if f.Kind != "previous" && f.Kind != "jump" {
			continue
		}
		code, change := "", ""
		if len(f.Codes) > 0 {
			code = f.Codes[0]
			assert.Equal(t, cells[f.File][code], f.Cell, "the cell of %s in %s", code, f.File)
		}
		if f.Expected != nil && f.Actual != nil {
			change = fmt.Sprintf(" %s→%s", *f.Expected, *f.Actual)
		}
		out = append(out, fmt.Sprintf("%s %s %s %s%s", f.Unit, f.Severity, f.Kind, code, change))
	}
	sort.Strings(out)
	return out
}

func messageOf(rep jsonReport, unit, code string) string {
	for _, f := range rep.Findings {
		if f.Unit == unit && len(f.Codes) > 0 && f.Codes[0] == code && (f.Kind == "previous" || f.Kind == "jump") {
			return f.Message
		}
	}
	return ""
}

// Two consecutive years of one district, three of them: 2020 in the 2019
// format (matrix/2019), then 2021 and 2022 in the 2021 format. Each finding
// between the years comes where it is due, and none where the figures
// agree; last year's figures read the same from its consolidated workbook
// as from its folder of submissions.
func TestPreviousYears(t *testing.T) {
	needSoffice(t)
	dir := t.TempDir()

	// 2020 (2019 format) → 2021: across the change of format.
	out2021 := filepath.Join(dir, "平潭综合实验区2021.xlsx")
	rep, _ := jsonOf(t, "consolidate", "--out", out2021, "--previous", filepath.Join("testdata", "matrix", "2019"),
		filepath.Join("testdata", "previous", "2021"))
	assert.Equal(t, []string{
		"敖东镇 info previous ",                        // new this year
		"流水镇 warning jump 2.5.1@decisions 263→2630", // 处理决定 tenfold
		"澳前镇 info previous ",                        // sent its table last year only
		// 苏澳镇 carries in other requests than last year carried out
		"苏澳镇 error previous 3.2@commercial 1→0",
		"苏澳镇 error previous 3.2@natural 3→2",
		"苏澳镇 error previous 3.2@total 4→2",
	}, yearFindings(t, rep))
	assert.Contains(t, messageOf(rep, "流水镇", "2.5.1@decisions"), "增至 10.0 倍")
	assert.Contains(t, messageOf(rep, "苏澳镇", "3.2@natural"), "结转下年度继续办理")

	// The 同比 sheet: the district and each unit matched, with formulas
	// LibreOffice computes alike.
	f, err := excelize.OpenFile(out2021)
	require.NoError(t, err)
	assert.Equal(t, []string{"汇总", "报送情况", "明细", "同比", "差异", "来源"}, f.GetSheetList())
	rows, err := f.GetRows("同比")
	require.NoError(t, err)
	units := map[string]bool{}
	for _, r := range rows[1:] {
		units[r[0]] = true
		if r[1] == "2.5.1@decisions" && r[0] == "流水镇" {
			assert.Equal(t, []string{"2630", "263", "2367", "900.00%"}, r[3:7])
		}
	}
	assert.Equal(t, map[string]bool{"平潭综合实验区（合计）": true, "潭城镇": true, "苏澳镇": true, "流水镇": true}, units)
	// 来源 records last year's files, so the run can be made again.
	rows, err = f.GetRows("来源")
	require.NoError(t, err)
	lastFiles := 0
	for _, r := range rows {
		if len(r) > 2 && r[1] == "上年数据" {
			lastFiles++
			assert.Regexp(t, `matrix/2019/.*\.xlsx（SHA-256 [0-9a-f]{64}，2020 年度，1 个单位）`, filepath.ToSlash(r[2]))
		}
		if len(r) > 2 && r[1] == "命令" {
			assert.Contains(t, r[2], "--previous "+filepath.Join("testdata", "matrix", "2019"))
		}
	}
	assert.Equal(t, 4, lastFiles)
	require.NoError(t, f.Close())
	checkInLibreOffice(t, out2021)

	// 2021 → 2022, last year's figures from the workbook consolidated above.
	in2022 := filepath.Join("testdata", "previous", "2022")
	want2022 := []string{
		"敖东镇 warning jump 2.6.1@decisions 0→60",
		"流水镇 warning jump 2.8.1@fees 3.105862→31058.62",
		"苏澳镇 warning previous 2.1.2@valid 25→31",
	}
	rep, _ = jsonOf(t, "validate", "--previous", out2021, in2022)
	assert.Equal(t, want2022, yearFindings(t, rep))
	assert.Contains(t, messageOf(rep, "流水镇", "2.8.1@fees"), "可能把元当作万元填写")
	assert.Contains(t, messageOf(rep, "苏澳镇", "2.1.2@valid"), "上年·行政规范性文件·现行有效(平潭综合实验区2021.xlsx 明细!")
	// The same from last year's folder of submissions.
	rep, _ = jsonOf(t, "validate", "--previous", filepath.Join("testdata", "previous", "2021"), in2022)
	assert.Equal(t, want2022, yearFindings(t, rep))
}

// A 2019 table compared with last year's 2018 table: only the figures the
// 2019 schema declares comparable are compared.
func TestPreviousAcrossTheFormatChange(t *testing.T) {
	needSoffice(t)
	rep, _ := jsonOf(t, "validate", "--previous", filepath.Join("testdata", "district", "兴庆区2018"),
		filepath.Join("testdata", "previous", "2019"))
	got := yearFindings(t, rep)
	notes := 0
	var rest []string
	for _, g := range got {
		if strings.HasSuffix(g, " info previous ") {
			notes++ // the units of 2018 that are not in this folder
		} else {
			rest = append(rest, g)
		}
	}
	assert.Equal(t, 13, notes)
	assert.Equal(t, []string{"凤凰北街街道 warning jump 3.1@total 15→160"}, rest)
	assert.Contains(t, messageOf(rep, "凤凰北街街道", "3.1@total"), "上年（收到申请数）为 15")
}
