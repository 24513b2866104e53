//go:build linux

package source

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeOffice writes a stand-in for soffice: a launcher that starts a child
// holding its output open, as soffice.bin does, writes the child's pid, and
// then does what body says.
func fakeOffice(t *testing.T, body string) (path, pidFile string) {
	t.Helper()
	dir := t.TempDir()
	pidFile = filepath.Join(dir, "child.pid")
	path = filepath.Join(dir, "soffice")
	script := "#!/bin/sh\nsleep 600 &\necho $! > " + pidFile + "\n" + body + "\n"
	require.NoError(t, os.WriteFile(path, []byte(script), 0o755))
	return path, pidFile
}

// gone reports whether the process written in pidFile has ended.
func gone(t *testing.T, pidFile string) bool {
	t.Helper()
	raw, err := os.ReadFile(pidFile)
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	require.NoError(t, err)
	for range 100 {
		// A killed process whose parent is gone too stays a zombie until
		// something reaps it: dead all the same.
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil || strings.Contains(string(stat), ") Z ") {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// The deadline of a conversion holds even when LibreOffice's office
// process outlives its launcher with the output open: the whole group is
// killed, nothing is used, and the temporary folder goes.
func TestConvertDeadlineKillsTheOffice(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path, pidFile := fakeOffice(t, "sleep 600")
	s := &Soffice{Path: path, Timeout: 500 * time.Millisecond}
	start := time.Now()
	_, err := s.Convert([]byte("not really a workbook"), ".xls")
	took := time.Since(start)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "did not finish")
	assert.Less(t, took, 5*time.Second, "the deadline and the wait for output bound the conversion")
	assert.True(t, gone(t, pidFile), "the office process is killed with its launcher")
	left, _ := os.ReadDir(tmp)
	assert.Empty(t, left, "the temporary folder is removed")
}

// A launcher that ends while its office process lingers with the output
// open: the conversion ends within seconds and the office is killed.
func TestConvertLauncherEndsOfficeLingers(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path, pidFile := fakeOffice(t, "exit 0")
	s := &Soffice{Path: path, Timeout: time.Minute}
	start := time.Now()
	_, err := s.Convert([]byte("x"), ".xls")
	require.Error(t, err, "no output was written")
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.True(t, gone(t, pidFile))
	left, _ := os.ReadDir(tmp)
	assert.Empty(t, left)
}
