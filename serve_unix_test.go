//go:build !windows

package main

import (
	"bufio"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tally started as a double-click starts it (no arguments) or with a
// folder dropped onto it serves the page: the address on its first line;
// a browser it cannot open is said, not fatal; Ctrl-C stops it, and its
// temporary folder, with the uploads in it, is removed.
func TestServedWhenStartedAlone(t *testing.T) {
	bin := builtTally(t)
	for _, args := range [][]string{nil, {district}} {
		tmp := t.TempDir()
		cmd := exec.Command(bin, args...)
		// No browser to open here: no xdg-open on the PATH.
		cmd.Env = append(os.Environ(), "PATH=/nonexistent", "TMPDIR="+tmp, "LANG=zh_CN.UTF-8")
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		stderr := &lockedText{}
		cmd.Stderr = stderr
		require.NoError(t, cmd.Start())
		lines := bufio.NewScanner(out)
		require.True(t, lines.Scan(), "the address: %s", stderr.String())
		url := lines.Text()
		assert.Regexp(t, `^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}$`, url)
		require.True(t, lines.Scan())
		assert.Contains(t, lines.Text(), "按 Ctrl-C 或关闭此窗口")
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(url)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
		entries, _ := filepath.Glob(filepath.Join(tmp, "tally-*", "tally-serve-*"))
		assert.Len(t, entries, 1, "the server's folder, in the program's private one")

		require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
		err = cmd.Wait()
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit), "%v", err)
		assert.Equal(t, 130, exit.ExitCode())
		assert.Contains(t, stderr.String(), "无法自动打开浏览器")
		left, _ := os.ReadDir(tmp)
		assert.Empty(t, left, "the temporary folder is removed")
	}
}

// The command line as started: nothing, or paths only, serves the page;
// anything else is as given.
func TestStartedAlone(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "掌政镇.xlsx")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	for _, tc := range []struct{ in, want []string }{
		{[]string{"tally"}, []string{"tally", "serve"}},
		{[]string{"tally", dir}, []string{"tally", "serve", dir}},
		{[]string{"tally", dir, file}, []string{"tally", "serve", dir, file}},
		{[]string{"tally", "validate", dir}, []string{"tally", "validate", dir}},
		{[]string{"tally", dir, "--lang", "en"}, []string{"tally", dir, "--lang", "en"}},
		{[]string{"tally", filepath.Join(dir, "没有")}, []string{"tally", filepath.Join(dir, "没有")}},
		{[]string{"tally", "help"}, []string{"tally", "help"}},
		{[]string{"tally", "--version"}, []string{"tally", "--version"}},
	} {
		assert.Equal(t, tc.want, asStarted(tc.in), "%q", tc.in)
	}
}

// lockedText is a program's output read while the program writes it.
type lockedText struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedText) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedText) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
