package main

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"tally/internal/files"
	"tally/schema"
	"tally/xlsx"
)

// copyTree copies a folder of fixtures into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	}))
}

// An output that is an input, however it is spelled, is refused before
// anything is read, with exit status 2, and the input is left as it was.
func TestOutputThatIsAnInputIsRefused(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "掌政镇.xlsx")
	copyTree(t, "testdata/seed", dir)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.Symlink(in, filepath.Join(dir, "link.xlsx")))
	require.NoError(t, os.Link(in, filepath.Join(dir, "hard.xlsx")))
	before := sha256File(t, in)
	spellings := map[string]string{
		"the same path":      in,
		"through a folder":   filepath.Join(dir, "sub", "..", "掌政镇.xlsx"),
		"relative":           mustRel(t, in),
		"a symbolic link":    filepath.Join(dir, "link.xlsx"),
		"a hard link":        filepath.Join(dir, "hard.xlsx"),
		"in capitals":        filepath.Join(dir, "掌政镇.XLSX"),
		"the folder's input": in,
	}
	for what, out := range spellings {
		t.Run(what, func(t *testing.T) {
			args := []string{in}
			if what == "the folder's input" {
				args = []string{dir}
			}
			_, stderr, code := run(t, append([]string{"consolidate", "--name", "兴庆区", "--out", out}, args...)...)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, "tally 从不覆盖报送的原件")
			_, stderr, code = run(t, append([]string{"validate", "--log", strings.TrimSuffix(out, filepath.Ext(out)) + ".xlsx"}, args...)...)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, "--log")
			assert.Equal(t, before, sha256File(t, in))
		})
	}
	_, stderr, code := run(t, "consolidate", "--name", "兴庆区", "--out", filepath.Join(dir, "x.xlsx"), "--log", filepath.Join(dir, "sub", "..", "x.xlsx"), in)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "日志和汇总表请用不同的文件名")
}

func mustRel(t *testing.T, p string) string {
	wd, err := os.Getwd()
	require.NoError(t, err)
	rel, err := filepath.Rel(wd, p)
	require.NoError(t, err)
	return rel
}

// Full runs with every output, marked-up copies included, leave every
// input byte for byte as it was, broken files and all.
func TestRunsNeverChangeInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	for _, d := range []string{"seed", "validate", "bad", "cross", "wild", "district/兴庆区2018", "matrix/mixed"} {
		copyTree(t, filepath.Join("testdata", d), filepath.Join(in, d))
	}
	before := hashTree(t, in)
	require.Greater(t, len(before), 40)
	_, stderr, code := run(t, "validate", "--annotate", filepath.Join(dir, "marked"), "--log", filepath.Join(dir, "log.xlsx"), in)
	require.NotEqual(t, 2, code, stderr)
	// The marked-up copies may even go into the inputs' own folder.
	_, stderr, code = run(t, "consolidate", "--name", "兴庆区", "--out", filepath.Join(dir, "兴庆区.xlsx"),
		"--annotate", filepath.Join(in, "seed"), "--log", filepath.Join(dir, "log.csv"), filepath.Join(in, "district"), filepath.Join(in, "validate"))
	require.NotEqual(t, 2, code, stderr)
	after := hashTree(t, in)
	for p, h := range before {
		assert.Equal(t, h, after[p], "%s changed", p)
	}
	marked, err := os.ReadDir(filepath.Join(dir, "marked"))
	require.NoError(t, err)
	assert.NotEmpty(t, marked)
}

// A destination another program holds (Windows refuses to replace a file
// open in Excel) gets a message that says so, and the run fails with 2.
func TestLockedDestination(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区.xlsx")
	require.NoError(t, os.WriteFile(out, []byte("open in Excel"), 0o644))
	saved := files.Rename
	t.Cleanup(func() { files.Rename = saved })
	files.Rename = func(from, to string) error {
		return &os.LinkError{Op: "rename", Old: from, New: to,
			Err: errors.New("The process cannot access the file because it is being used by another process.")}
	}
	_, stderr, code := run(t, "consolidate", "--name", "兴庆区", "--out", out, "testdata/seed")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "可能正在 Excel 或 WPS 中打开")
	got, _ := os.ReadFile(out)
	assert.Equal(t, "open in Excel", string(got))
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".tally-*"))
	assert.Empty(t, leftovers, "the temporary file is removed")
	files.Rename = saved
	folder := filepath.Join(dir, "汇总.xlsx")
	require.NoError(t, os.Mkdir(folder, 0o755))
	_, stderr, code = run(t, "consolidate", "--name", "兴庆区", "--out", folder, "testdata/seed")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "是一个文件夹")
	_, stderr, code = run(t, "consolidate", "--name", "兴庆区", "--out", filepath.Join(dir, "no", "x.xlsx"), "testdata/seed")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "不存在")
}

// TestMain runs the tests in the default language, Chinese, whatever the
// machine's locale, and watches every message they render (checkMessages).
func TestMain(m *testing.M) {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		os.Unsetenv(env)
	}
	watch := watchMessages()
	code := m.Run()
	schema.Rendered = nil
	if code == 0 && !testing.Short() && flag.Lookup("test.run").Value.String() == "" {
		code = watch.check(os.Stderr)
	}
	removeWritten()
	removeBuilt()
	os.Exit(code)
}

// The outputs are the same bytes whatever -j is: the report, the log and
// the consolidated workbook (as a dump, which leaves out zip timestamps).
func TestOutputsIndependentOfJobs(t *testing.T) {
	dir := t.TempDir()
	in := []string{"testdata/district/兴庆区2018", "testdata/cross", "testdata/bad"}
	outputs := func(jobs string) []string {
		at := filepath.Join(dir, "j"+jobs)
		require.NoError(t, os.Mkdir(at, 0o755))
		out := filepath.Join(at, "兴庆区.xlsx")
		logJSON := filepath.Join(at, "log.json")
		logXLSX := filepath.Join(at, "log.xlsx")
		same := strings.NewReplacer(at, "DIR", "--jobs "+jobs, "--jobs N")
		stdout, stderr, code := run(t, append([]string{"consolidate", "-j", jobs, "--name", "兴庆区", "--out", out,
			"--log", logJSON, "--format", "csv"}, in...)...)
		require.NotEqual(t, 2, code, stderr)
		_, stderr, code = run(t, append([]string{"validate", "-j", jobs, "--log", logXLSX}, in...)...)
		require.NotEqual(t, 2, code, stderr)
		var got []string
		for _, p := range []string{out, logXLSX} {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			var d bytes.Buffer
			require.NoError(t, xlsx.Dump(&d, data))
			got = append(got, same.Replace(d.String()))
		}
		js, err := os.ReadFile(logJSON)
		require.NoError(t, err)
		return append(got, same.Replace(stdout), same.Replace(string(js)))
	}
	one := outputs("1")
	for _, jobs := range []string{"4"} {
		other := outputs(jobs)
		for i := range one {
			if one[i] != other[i] {
				a, b := strings.Split(one[i], "\n"), strings.Split(other[i], "\n")
				for l := range min(len(a), len(b)) {
					if a[l] != b[l] {
						t.Errorf("-j %s, output %d, line %d:\n  -j 1: %s\n  -j %s: %s", jobs, i, l+1, a[l], jobs, b[l])
						break
					}
				}
			}
		}
	}
}

// A roster saved by Notepad as ANSI (GBK on a Chinese Windows) or as
// "Unicode" (UTF-16) is read as the units it names, not as garbage that
// makes every unit missing and every submission unknown.
func TestRosterEncodings(t *testing.T) {
	dir := t.TempDir()
	const text = "# 兴庆区\r\n掌政镇\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	require.NoError(t, err)
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	require.NoError(t, err)
	for name, data := range map[string]string{"gbk.txt": gbk, "utf16.txt": utf16, "bom.txt": "\ufeff" + text} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
		rep, code := jsonOf(t, "validate", "--roster", path, filepath.Join("testdata", "seed"))
		assert.Equal(t, 0, code, name)
		for _, f := range rep.Findings {
			assert.NotContains(t, []string{"missing-unit", "unknown-unit"}, f.Kind, "%s: %s", name, f.Message)
		}
	}
}
