//go:build !windows

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/command"
)

// A report piped into a program that stops reading (tally validate … |
// head) ends the report, not the run: the log and the marked-up copies
// are written all the same, nothing is said about the closed pipe, and
// the exit status is the findings' (tally used to die of SIGPIPE, exit
// 141, before writing them).
func TestClosedStdoutEndsTheReportNotTheOutputs(t *testing.T) {
	for _, format := range []string{"text", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			r, w, err := os.Pipe()
			require.NoError(t, err)
			r.Close() // the reader has gone before the first line
			log, marked := filepath.Join(dir, "log.json"), filepath.Join(dir, "标注")
			cmd := exec.Command(builtTally(t), "validate", "--format", format, "--log", log, "--annotate", marked,
				filepath.Join("testdata", "validate", "文昌路街道.xlsx"), filepath.Join("testdata", "validate", "闽宁镇.xlsx"))
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = w, &stderr
			require.NoError(t, cmd.Start())
			w.Close()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				assert.Equal(t, 1, exitOf(t, err), "the findings' status; stderr: %s", stderr.String())
			case <-time.After(2 * time.Minute):
				_ = cmd.Process.Kill()
				t.Fatal("tally did not end")
			}
			assert.Empty(t, stderr.String())
			data, err := os.ReadFile(log)
			require.NoError(t, err, "the log is written")
			assert.True(t, json.Valid(data))
			copies, err := os.ReadDir(marked)
			require.NoError(t, err, "the copies are written")
			assert.NotEmpty(t, copies)
		})
	}
	// Help and the schemas end quietly too.
	for _, args := range [][]string{{"--help"}, {"schemas", "show", "gov-info-2018"}} {
		r, w, err := os.Pipe()
		require.NoError(t, err)
		r.Close()
		cmd := exec.Command(builtTally(t), args...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = w, &stderr
		err = cmd.Run()
		w.Close()
		assert.Equal(t, 0, exitOf(t, err), "%v: %s", args, stderr.String())
		assert.Empty(t, stderr.String(), args)
	}
}

// brokenPipe is a stdout whose reader has gone.
type brokenPipe struct{ writes int }

func (b *brokenPipe) Write([]byte) (int, error) {
	b.writes++
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
}

// In-process, the same: the report stops at the first failed write.
func TestClosedStdoutInProcess(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "log.csv")
	stdout := &brokenPipe{}
	var stderr bytes.Buffer
	code := command.Main([]string{"tally", "validate", "--log", log, filepath.Join("testdata", "validate", "文昌路街道.xlsx")}, stdout, &stderr)
	assert.Equal(t, 1, code, stderr.String())
	assert.Empty(t, stderr.String())
	assert.Equal(t, 1, stdout.writes, "the report stops at the first failed write")
	_, err := os.Stat(log)
	assert.NoError(t, err, "the log is written")
}
