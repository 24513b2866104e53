package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/files"
	"tally/internal/testkit"
)

// Every output — --out, --log, and the marked-up copy each submission
// would get — is checked against every input (the submissions, the
// roster, a schema file, last year's files) and every other output, by
// the same path, other capitals, a symbolic or a hard link, once and
// before anything is read: a run that would write over one is refused
// with exit status 2, having read and written nothing.
func TestOutputsAreCheckedBeforeAnythingIsRead(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "报表")
	require.NoError(t, os.Mkdir(in, 0o755))
	write := func(path string, data []byte) {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
	seed := testkit.Fixture(t, "seed/掌政镇.xlsx")
	bad := testkit.Fixture(t, "validate/文昌路街道.xlsx") // has an error: it gets a copy
	write(filepath.Join(in, "掌政镇.xlsx"), seed)
	write(filepath.Join(in, "文昌路街道.xlsx"), bad)
	roster := filepath.Join(dir, "名单.csv")
	write(roster, []byte("掌政镇\n文昌路街道\n"))
	require.NoError(t, os.Symlink(roster, filepath.Join(dir, "链接.csv")))
	require.NoError(t, os.Link(roster, filepath.Join(dir, "硬链接.csv")))
	schemaFile := filepath.Join(dir, "表式.json")
	write(schemaFile, []byte("id: x\n"))
	last := filepath.Join(dir, "上年", "文昌路街道-问题标注.xlsx")
	write(last, seed)
	again := filepath.Join(dir, "又一次")
	write(filepath.Join(again, "文昌路街道.xlsx"), bad)
	write(filepath.Join(again, "文昌路街道-问题标注.xlsx"), seed) // last time's copy, sent back
	caps := filepath.Join(dir, "caps")
	write(filepath.Join(caps, "wenchang.xlsx"), bad)
	write(filepath.Join(caps, "WENCHANG-MARKED.XLSX"), seed)
	copyDir := filepath.Join(dir, "标注")
	copyOf := filepath.Join(copyDir, "文昌路街道-问题标注.xlsx")
	require.NoError(t, os.Mkdir(copyDir, 0o755))

	cases := []struct {
		name string
		args []string
		want string // words of the message (Chinese)
	}{
		{"--log the roster", []string{"validate", in, "--roster", roster, "--log", roster},
			"--log：" + roster + " 是 --roster 读取的文件"},
		{"--log a link to the roster", []string{"validate", in, "--roster", roster, "--log", filepath.Join(dir, "链接.csv")},
			"是 --roster 读取的文件"},
		{"--log a hard link to the roster", []string{"validate", in, "--roster", roster, "--log", filepath.Join(dir, "硬链接.csv")},
			"是 --roster 读取的文件"},
		{"--log the schema file", []string{"validate", in, "--schema", schemaFile, "--log", schemaFile},
			"是 --schema 读取的文件"},
		{"--out last year's file", []string{"consolidate", in, "--name", "兴庆区", "--previous", filepath.Dir(last), "--out", last},
			"是 --previous 读取的文件"},
		{"a copy that is --out", []string{"consolidate", in, "--name", "兴庆区", "--annotate", copyDir, "--out", copyOf},
			"--annotate：" + filepath.Join(in, "文昌路街道.xlsx") + " 的标注副本 " + copyOf + " 会覆盖 --out"},
		{"a copy that is --log", []string{"validate", in, "--annotate", copyDir, "--log", copyOf},
			"的标注副本 " + copyOf + " 会覆盖 --log"},
		{"a copy that is last year's file", []string{"validate", in, "--annotate", filepath.Dir(last), "--previous", last},
			"会覆盖这次读取的 " + last},
		{"a copy that is a submission", []string{"validate", again, "--annotate", again},
			"会覆盖这次读取的 " + filepath.Join(again, "文昌路街道-问题标注.xlsx")},
		{"a copy that is a submission in other capitals", []string{"validate", caps, "--annotate", caps, "--lang", "en"},
			"would replace " + filepath.Join(caps, "WENCHANG-MARKED.XLSX")},
		{"--log the --out workbook", []string{"consolidate", in, "--name", "兴庆区", "--out", filepath.Join(dir, "x.xlsx"), "--log", filepath.Join(dir, "X.xlsx")},
			"日志和汇总表请用不同的文件名"},
	}
	savedOpen := files.Open
	t.Cleanup(func() { files.Open = savedOpen })
	var opened atomic.Int32
	files.Open = func(name string) (io.ReadCloser, fs.FileInfo, error) {
		opened.Add(1)
		return savedOpen(name)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := hashTree(t, dir)
			opened.Store(0)
			stdout, stderr, code := run(t, tc.args...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.want)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
			assert.Zero(t, opened.Load(), "a file was read before the run was refused")
			assert.Equal(t, before, hashTree(t, dir), "nothing was written, nothing changed")
		})
	}

	// The copies' names are known before anything is read: the same runs
	// with other outputs write them, and nothing else.
	_, stderr, code := run(t, "validate", in, "--annotate", copyDir, "--roster", roster, "--log", filepath.Join(dir, "log.csv"))
	assert.Equal(t, 1, code, stderr)
	entries, err := os.ReadDir(copyDir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, "文昌路街道-问题标注.xlsx", entries[0].Name())
}
