package errtext

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/schema"
)

// latin finds English words.
var latin = regexp.MustCompile(`[A-Za-z]{2,}`)

// The errors of real calls, in words: the path kept, no English in the
// Chinese, the cause in the English.
func TestOf(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "名单.txt")
	require.NoError(t, os.WriteFile(file, []byte("掌政镇\n"), 0o644))
	_, notExist := os.ReadFile(filepath.Join(dir, "没有.txt"))
	_, isDir := os.ReadFile(dir)
	_, notDir := os.ReadFile(filepath.Join(file, "x"))
	_, badZip := zip.NewReader(bytes.NewReader([]byte("not a zip at all, but long enough to look")), 41)
	cases := []struct {
		err    error
		zh, en string
	}{
		{notExist, "找不到 " + filepath.Join(dir, "没有.txt") + "：没有这个文件或文件夹", "does not exist"},
		{isDir, dir + " 是一个文件夹，不是文件", "is a folder, not a file"},
		{notDir, "的路径中有一级不是文件夹", "is not a folder"},
		{&fs.PathError{Op: "open", Path: "/x/locked", Err: fs.ErrPermission}, "没有访问 /x/locked 的权限", "permission denied"},
		{fmt.Errorf("reading: %w", &fs.PathError{Op: "open", Path: "a.xlsx", Err: fs.ErrNotExist}), "找不到 a.xlsx", "a.xlsx does not exist"},
		{badZip, "不是有效的压缩格式", "not a valid zip file"},
		{io.ErrUnexpectedEOF, "内容不完整", "ends too early"},
		{New("中文", "English"), "中文", "English"},
		{errors.New("something odd"), "系统报告的错误：something odd", "something odd"},
	}
	for _, tc := range cases {
		require.Error(t, tc.err)
		zh := Of(tc.err).Localize(schema.Zh)
		en := Of(tc.err).Localize(schema.En)
		assert.Contains(t, zh, tc.zh, "%v", tc.err)
		assert.Contains(t, en, tc.en, "%v", tc.err)
		if tc.en != "something odd" { // tally has no words for it: the system's own
			words := pathOf(tc.err)
			assert.Empty(t, latin.FindAllString(strings.ReplaceAll(zh, words, ""), -1), "English in %q", zh)
		}
	}
	assert.Equal(t, "tally 内部出错", Panic("index out of range").Localize(schema.Zh))
	assert.Equal(t, "index out of range", Panic("index out of range").Localize(schema.En))
}
