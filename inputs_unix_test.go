//go:build !windows

package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
)

// A named pipe, a socket, a link whose target is gone and a link that
// loops, named like workbooks in a folder, each get a verdict that says
// what they are, and the run ends (a pipe used to block it forever, with
// nothing said; the links used to be passed over without a word). Named by
// --roster, --schema or --previous, such a file is refused (exit 2) at
// once.
func TestSpecialFilesGetAVerdict(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "掌政镇.xlsx"), testkit.Fixture(t, "seed/掌政镇.xlsx"), 0o644))
	pipe := filepath.Join(dir, "大新镇.xlsx")
	require.NoError(t, syscall.Mkfifo(pipe, 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "说明.txt"), 0o644)) // passed over, as any .txt
	require.NoError(t, os.Symlink(filepath.Join(dir, "已删除.xlsx"), filepath.Join(dir, "通贵乡.xlsx")))
	require.NoError(t, os.Symlink("月牙湖乡.xlsx", filepath.Join(dir, "月牙湖乡.xlsx")))
	// A socket's path is limited to about 100 bytes: made in a short folder.
	sockDir, err := os.MkdirTemp("", "s")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(sockDir) })
	l, err := net.Listen("unix", filepath.Join(sockDir, "s.xlsx"))
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })

	verdicts := func(stdout string) map[string]string {
		var rep jsonReport
		require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
		out := map[string]string{}
		for _, f := range rep.Findings {
			out[filepath.Base(f.File)] += f.Kind + ": " + f.Message + "\n"
		}
		return out
	}
	for _, how := range []string{"in-process", "the program"} {
		t.Run(how, func(t *testing.T) {
			args := []string{"validate", "--format", "json", dir, filepath.Join(sockDir, "s.xlsx")}
			var stdout, stderr string
			var code int
			if how == "in-process" {
				stdout, stderr, code = runWithin(t, time.Minute, args...)
			} else {
				stdout, stderr, code = runProgram(t, time.Minute, nil, args...)
			}
			assert.Equal(t, 1, code, stderr)
			v := verdicts(stdout)
			assert.Contains(t, v["大新镇.xlsx"], "unreadable: ")
			assert.Contains(t, v["大新镇.xlsx"], "是一个管道，不是普通文件")
			assert.Contains(t, v["通贵乡.xlsx"], "是一个快捷方式（符号链接），它指向的 "+filepath.Join(dir, "已删除.xlsx")+" 不存在")
			assert.Contains(t, v["月牙湖乡.xlsx"], "链接绕成了循环")
			assert.Contains(t, v["s.xlsx"], "是一个套接字，不是普通文件")
			assert.NotContains(t, v, "说明.txt")
			assert.Empty(t, v["掌政镇.xlsx"], "the other files are read as usual")
		})
	}

	schemaPipe := filepath.Join(dir, "表式.yaml")
	require.NoError(t, syscall.Mkfifo(schemaPipe, 0o644))
	seed := filepath.Join(dir, "掌政镇.xlsx")
	for _, tc := range []struct {
		args []string
		zh   string
		en   string
	}{
		{[]string{"--roster", filepath.Join(dir, "说明.txt")}, "--roster：无法读取名单文件：", "is a pipe, not a regular file"},
		{[]string{"--roster", "/dev/zero"}, "是一个设备，不是普通文件", "is a device, not a regular file"},
		{[]string{"--roster", filepath.Join(dir, "通贵乡.xlsx")}, "它指向的", "which does not exist"},
		{[]string{"--schema", schemaPipe}, "--schema：无法读取表式文件：", "is a pipe"},
		{[]string{"--previous", pipe}, "--previous：", "is a pipe"},
	} {
		for _, lang := range []string{"zh", "en"} {
			args := append([]string{"validate", "--lang", lang, seed}, tc.args...)
			_, stderr, code := runWithin(t, time.Minute, args...)
			assert.Equal(t, 2, code, "%v: %s", args, stderr)
			want := tc.zh
			if lang == "en" {
				want = tc.en
			}
			assert.Contains(t, stderr, want, args)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
		}
	}
}
