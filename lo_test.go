package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// recalcProfile makes a LibreOffice profile that recalculates every formula
// when it loads an .xlsx, instead of trusting the cached values.
func recalcProfile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	user := filepath.Join(dir, "user")
	require.NoError(t, os.MkdirAll(user, 0o755))
	xcu := `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
	require.NoError(t, os.WriteFile(filepath.Join(user, "registrymodifications.xcu"), []byte(xcu), 0o644))
	return "file://" + dir
}

// libreOfficeRoundTrip has LibreOffice open a workbook (recalculating
// every formula) and save it again as .xlsx; it returns the saved file.
func libreOfficeRoundTrip(t *testing.T, path string) string {
	t.Helper()
	needSoffice(t)
	out := t.TempDir()
	cmd := exec.Command("soffice", "--headless", "--norestore", "-env:UserInstallation="+recalcProfile(t),
		"--convert-to", "xlsx", "--outdir", out, path)
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, string(msg))
	saved := filepath.Join(out, filepath.Base(path))
	_, err = os.Stat(saved)
	require.NoError(t, err, "LibreOffice could not open and save %s: %s", path, msg)
	return saved
}

// formulaCells lists every formula cell of a workbook with its cached value
// (a cell a merged cell covers is not one: excelize reports the merged
// cell's formula for it).
func formulaCells(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	out := map[string]string{}
	raw := excelize.Options{RawCellValue: true}
	for _, sheet := range f.GetSheetList() {
		covered := map[string]bool{}
		merges, err := f.GetMergeCells(sheet)
		require.NoError(t, err)
		for _, m := range merges {
			c1, r1, err := excelize.CellNameToCoordinates(m.GetStartAxis())
			require.NoError(t, err)
			c2, r2, err := excelize.CellNameToCoordinates(m.GetEndAxis())
			require.NoError(t, err)
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					if r != r1 || c != c1 {
						name, _ := excelize.CoordinatesToCellName(c, r)
						covered[name] = true
					}
				}
			}
		}
		rows, err := f.GetRows(sheet, raw)
		require.NoError(t, err)
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if covered[ref] {
					continue
				}
				formula, _ := f.GetCellFormula(sheet, ref)
				if formula == "" {
					continue
				}
				v, err := f.GetCellValue(sheet, ref, raw)
				require.NoError(t, err)
				out[sheet+"!"+ref] = v
			}
		}
	}
	return out
}

// sameNumber compares two cached values as a spreadsheet shows them: to 15
// significant digits.
func sameNumber(a, b string) bool {
	fa, err1 := strconv.ParseFloat(a, 64)
	fb, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return a == b
	}
	return strconv.FormatFloat(fa, 'g', 15, 64) == strconv.FormatFloat(fb, 'g', 15, 64)
}

// checkInLibreOffice asserts that LibreOffice opens the workbook, and that
// every formula it recalculates equals the value tally cached.
func checkInLibreOffice(t *testing.T, path string) int {
	t.Helper()
	ours := formulaCells(t, path)
	require.NotEmpty(t, ours, "no formulas in %s", path)
	theirs := formulaCells(t, libreOfficeRoundTrip(t, path))
	for cell, v := range ours {
		lo, ok := theirs[cell]
		if !ok {
			t.Errorf("%s: the formula is gone after LibreOffice saved the file", cell)
			continue
		}
		if !sameNumber(v, lo) {
			t.Errorf("%s: tally cached %s, LibreOffice computes %s", cell, v, lo)
		}
	}
	return len(ours)
}
