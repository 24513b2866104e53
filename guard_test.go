package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"tally/schema"
	"tally/xlsx"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
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

// A folder walk skips lock, hidden and temporary files, does not follow a
// link back up the tree, reports a folder it cannot open, and lists the
// same files in the same order every time.
func TestWalkingFolders(t *testing.T) {
	dir := t.TempDir()
	files := []string{"b.xlsx", "a.xlsx", "~$a.xlsx", ".hidden.xlsx", "draft.tmp", ".tally-123.tmp", "~wrl0001.tmp",
		"sub/c.xls", "sub/说明.pdf", "sub/notes.txt", ".git/x.xlsx", "locked/d.xlsx", "Thumbs.db", "z/e.et"}
	for _, f := range files {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644))
	}
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "sub", "loop")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "sub", "a-link.xlsx")))
	// The folder "locked" cannot be opened (root can open anything, so the
	// walk is told so, as it would be).
	locked := filepath.Join(dir, "locked")
	saved := walkDir
	t.Cleanup(func() { walkDir = saved })
	walkDir = func(root string, fn fs.WalkDirFunc) error {
		return saved(root, func(p string, d fs.DirEntry, err error) error {
			if p == locked && err == nil {
				if err := fn(p, d, nil); err != nil {
					return err
				}
				return fn(p, d, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission})
			}
			return fn(p, d, err)
		})
	}
	var first []string
	for range 3 {
		done := make(chan []string, 1)
		go func() {
			var names []string
			for _, s := range collectSources([]string{dir}) {
				rel, _ := filepath.Rel(dir, s.Name)
				names = append(names, rel+" "+string(s.Severity))
			}
			done <- names
		}()
		select {
		case names := <-done:
			if first == nil {
				first = names
			}
			assert.Equal(t, first, names, "the same order every time")
		case <-time.After(30 * time.Second):
			t.Fatal("the walk did not finish: a link loop")
		}
	}
	assert.Equal(t, []string{"a.xlsx error", "b.xlsx error", "locked error", "sub/a-link.xlsx error",
		"sub/c.xls error", "sub/说明.pdf warning", "z/e.et error"}, first)
	// The folder that cannot be opened is a finding of its own, and the run
	// goes on.
	out, _, code := run(t, "validate", "--format", "csv", "--lang", "en", dir)
	assert.Equal(t, 1, code)
	assert.Regexp(t, `error,unreadable,read:unreadable,.*locked,.*permission denied`, out)
}

// TestAtomicWriteChild writes a large output with writeAtomic; it runs as a
// child of TestKilledWriteLeavesOldOrNew, which kills it.
func TestAtomicWriteChild(t *testing.T) {
	path := os.Getenv("TALLY_ATOMIC_OUT")
	if path == "" {
		t.Skip("run by TestKilledWriteLeavesOldOrNew")
	}
	require.NoError(t, writeAtomic(path, schema.Zh, bytesOf(bigOutput())))
}

// bigOutput is the large output the child writes: 96 MiB, not one byte
// like another.
func bigOutput() []byte {
	data := make([]byte, 96<<20)
	for i := range data {
		data[i] = byte(i * 131 >> 8)
	}
	return data
}

// A run killed while it writes an output leaves the old file or the whole
// new one, never a part.
func TestKilledWriteLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("writes large files")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区.xlsx")
	old := []byte("the old workbook")
	want := sha256.Sum256(bigOutput())
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAtomicWriteChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TALLY_ATOMIC_OUT="+out)
		return cmd
	}
	// How long a whole write takes, to kill the next ones along the way.
	start := time.Now()
	require.NoError(t, child().Run())
	whole := time.Since(start)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Equal(t, want, sha256.Sum256(got))
	outcomes := map[string]int{}
	for i := range 12 {
		require.NoError(t, os.WriteFile(out, old, 0o644))
		cmd := child()
		require.NoError(t, cmd.Start())
		time.Sleep(time.Duration(float64(whole) * (0.1 + 0.85*float64(i)/12)))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		got, err := os.ReadFile(out)
		require.NoError(t, err, "the output vanished")
		switch {
		case bytes.Equal(got, old):
			outcomes["old"]++
		case sha256.Sum256(got) == want:
			outcomes["new"]++
		default:
			t.Fatalf("kill %d: a partial output of %d bytes", i, len(got))
		}
	}
	t.Logf("a whole write takes %s; after kills: %v", whole.Round(time.Millisecond), outcomes)
	assert.Positive(t, outcomes["old"], "no kill landed during the write")
}

// A destination another program holds (Windows refuses to replace a file
// open in Excel) gets a message that says so, and the run fails with 2.
func TestLockedDestination(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区.xlsx")
	require.NoError(t, os.WriteFile(out, []byte("open in Excel"), 0o644))
	saved := rename
	t.Cleanup(func() { rename = saved })
	rename = func(from, to string) error {
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
	rename = saved
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
