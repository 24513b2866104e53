package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/files"
	"tally/internal/testkit"
	"tally/xlsx"
)

// renamedSheet is a copy of a workbook whose first sheet is named name (as
// the XML of the workbook part writes it).
func renamedSheet(t testing.TB, data []byte, name string) []byte {
	return testkit.ZipWith(t, data, func(part string, body []byte) []byte {
		if part == "xl/workbook.xml" {
			return bytes.Replace(body, []byte(`name="Sheet1"`), []byte(`name="`+name+`"`), 1)
		}
		return body
	})
}

// Every readable submission with a finding gets its marked-up copy,
// however odd the file: sheet names Excel does not allow (control
// characters, bytes that are not text, : / ? * [ ], a quote at an end,
// more than 31 characters) are renamed in the copy and said so; a file
// name too long for a copy's name is cut. A workbook too large to mark up
// (a sheet padded with formatted empty rows) gets no copy and a message
// naming it, at once; the others are made, and the run ends by its
// findings.
func TestMarkedUpCopiesOfOddFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "报表")
	bad := testkit.Fixture(t, "validate/文昌路街道.xlsx") // a sum error at C25
	long := strings.Repeat("银川市兴庆区文昌路街道", 7) + "统计表" // 80 characters
	files := map[string][]byte{
		"slash.xlsx":         renamedSheet(t, bad, "表/一:[1]?*"),
		"escape.xlsx":        renamedSheet(t, bad, "表\x1b[2K一"),
		"reference.xlsx":     renamedSheet(t, bad, "表&#27;一"),
		"bytes.xlsx":         renamedSheet(t, bad, "表\xff\xfe一"),
		"quote.xlsx":         renamedSheet(t, bad, "'表一'"),
		"long-sheet.xlsx":    renamedSheet(t, bad, strings.Repeat("表", 40)),
		long + "一.xlsx":      bad, // 81 characters
		long + "二.xlsx":      bad,
		"padded.xlsx":        testkit.PadRows(t, bad, 150_000),
		"文昌路街道.xlsx":         bad,
		"the-others-ok.xlsx": testkit.Fixture(t, "seed/掌政镇.xlsx"),
	}
	for name, data := range files {
		require.NoError(t, os.MkdirAll(in, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(in, name), data, 0o644))
	}
	marked := filepath.Join(dir, "标注")
	_, stderr, code := run(t, "validate", "--annotate", marked, in)
	assert.Equal(t, 1, code, "the findings' status: %s", stderr)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	require.Len(t, lines, 1, stderr)
	assert.Contains(t, lines[0], "无法为 "+filepath.Join(in, "padded.xlsx")+" 做标注副本")
	assert.Contains(t, lines[0], "超过 100000 个行和单元格")
	assert.NotContains(t, stderr, "Excel")

	entries, err := os.ReadDir(marked)
	require.NoError(t, err)
	got := map[string]bool{}
	for _, e := range entries {
		assert.LessOrEqual(t, len(e.Name()), 255, e.Name())
		got[e.Name()] = true
	}
	// A name cut at a character to fit 255 bytes with its tail.
	cut := func(s, tail string) string {
		n := 255 - len(tail)
		for !utf8.RuneStart(s[n]) {
			n--
		}
		return s[:n] + tail
	}
	want := []string{"slash-问题标注.xlsx", "escape-问题标注.xlsx", "reference-问题标注.xlsx", "bytes-问题标注.xlsx",
		"quote-问题标注.xlsx", "long-sheet-问题标注.xlsx", "文昌路街道-问题标注.xlsx",
		cut(long+"一", "…-问题标注.xlsx"), cut(long+"二", "…-问题标注-2.xlsx")}
	for _, w := range want {
		assert.True(t, got[w], "no copy %s among %v", w, got)
	}
	assert.Len(t, got, len(want))
	for name, sheet := range map[string]string{
		"slash-问题标注.xlsx":      "表／一：［1］？＊",
		"escape-问题标注.xlsx":     "表␛［2K一",
		"reference-问题标注.xlsx":  "表␛一",
		"bytes-问题标注.xlsx":      "表\ufffd\ufffd一",
		"quote-问题标注.xlsx":      "’表一’",
		"long-sheet-问题标注.xlsx": strings.Repeat("表", 31),
		"文昌路街道-问题标注.xlsx":      "Sheet1",
	} {
		data, err := os.ReadFile(filepath.Join(marked, name))
		require.NoError(t, err)
		var dump bytes.Buffer
		require.NoError(t, xlsx.Dump(&dump, data), name)
		d := dump.String()
		assert.Contains(t, d, fmt.Sprintf("sheet %q", sheet), name)
		at := strings.Index(d, fmt.Sprintf("sheet %q", sheet))
		assert.Contains(t, d[max(at, 0):], `C25 n "13" fill=FF9999`, "%s: the error is marked", name)
		assert.Contains(t, d, "link="+quoteSheet(sheet)+"!C25", name)
		if sheet != "Sheet1" {
			assert.Contains(t, d, "这份副本中改名为“"+sheet+"”", "%s: the list says the sheet was renamed", name)
		}
	}
	if os.Getenv("TALLY_REQUIRE_SOFFICE") != "" || haveSoffice() {
		// LibreOffice opens a copy with a renamed sheet, and keeps the mark.
		back := libreOfficeRoundTrip(t, filepath.Join(marked, "escape-问题标注.xlsx"))
		data, err := os.ReadFile(back)
		require.NoError(t, err)
		var dump bytes.Buffer
		require.NoError(t, xlsx.Dump(&dump, data))
		assert.Contains(t, dump.String(), `C25 n "13" fill=FF9999`)
	}
}

func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func haveSoffice() bool {
	_, err := exec.LookPath("soffice")
	return err == nil && !testing.Short()
}

// A copy that cannot be written never stops the others, and is not blamed
// on Excel when the system says why it failed (a name too long, a full
// disk); the run then ends with 2, once every other copy is made.
func TestCopyThatCannotBeWritten(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "报表")
	require.NoError(t, os.Mkdir(in, 0o755))
	for _, name := range []string{"文昌路街道.xlsx", "闽宁镇.xlsx"} {
		require.NoError(t, os.WriteFile(filepath.Join(in, name), testkit.Fixture(t, "validate/"+name), 0o644))
	}
	marked := filepath.Join(dir, "标注")
	saved := files.Rename
	t.Cleanup(func() { files.Rename = saved })
	files.Rename = func(from, to string) error {
		if strings.Contains(to, "文昌路街道") {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.ENAMETOOLONG}
		}
		return saved(from, to)
	}
	_, stderr, code := run(t, "validate", "--annotate", marked, "--log", filepath.Join(dir, "log.json"), in)
	assert.Equal(t, 2, code)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	require.Len(t, lines, 2, stderr)
	assert.Contains(t, lines[0], filepath.Join(in, "文昌路街道.xlsx")+" 的标注副本没有写入")
	assert.Contains(t, lines[0], "文件名过长")
	assert.NotContains(t, lines[0], "Excel")
	assert.Equal(t, "tally: --annotate：1 份标注副本没有写入（原因见上）", lines[1])
	_, err := os.Stat(filepath.Join(marked, "闽宁镇-问题标注.xlsx"))
	assert.NoError(t, err, "the other copy is made")
	_, err = os.Stat(filepath.Join(dir, "log.json"))
	assert.NoError(t, err, "the log is written")
	leftovers, _ := filepath.Glob(filepath.Join(marked, ".tally-*"))
	assert.Empty(t, leftovers)

	// A destination another program holds is still said to be open in
	// Excel or WPS.
	files.Rename = func(from, to string) error {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("The process cannot access the file because it is being used by another process.")}
	}
	_, stderr, code = run(t, "validate", "--annotate", marked, in)
	assert.Equal(t, 2, code)
	assert.Equal(t, 2, strings.Count(stderr, "可能正在 Excel 或 WPS 中打开"), stderr)
}
