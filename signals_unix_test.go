//go:build !windows

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/files"
	"tally/schema"
)

// waitFor polls until ok or the limit, failing the test at the limit.
func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(limit); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("no %s within %s", what, limit)
		}
	}
}

// gone reports a process that has ended (or is a zombie waiting to be
// reaped by whoever inherited it).
func gone(pid int) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return true
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	i := bytes.LastIndexByte(stat, ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

// Ctrl-C or SIGTERM while LibreOffice converts a legacy file stops the
// converter (its whole process group) and removes every temporary folder
// tally made, says so in the run's language, and exits with 130 or 143.
// (A stand-in for LibreOffice records its process and its child's, and
// waits.)
func TestInterruptStopsTheConverter(t *testing.T) {
	xls := filepath.Join(district, "新华街街道2018统计表.xls")
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		lang string
		says string
	}{
		{syscall.SIGINT, 130, "zh", "tally: 已中止（按下了 Ctrl-C）：临时文件已删除"},
		{syscall.SIGTERM, 143, "en", "tally: stopped (SIGTERM): the temporary files are removed"},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			tmp, fake := t.TempDir(), t.TempDir()
			pids := filepath.Join(t.TempDir(), "pids")
			script := "#!/bin/sh\necho $$ >> " + pids + "\nsleep 300 &\necho $! >> " + pids + "\nwait\n"
			require.NoError(t, os.WriteFile(filepath.Join(fake, "soffice"), []byte(script), 0o755))
			cmd := exec.Command(builtTally(t), "validate", "--lang", tc.lang, xls)
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "PATH="+fake+string(os.PathListSeparator)+os.Getenv("PATH"))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			var started []int
			waitFor(t, 30*time.Second, "conversion", func() bool {
				data, _ := os.ReadFile(pids)
				started = started[:0]
				for _, f := range strings.Fields(string(data)) {
					pid, err := strconv.Atoi(f)
					require.NoError(t, err)
					started = append(started, pid)
				}
				return len(started) == 2
			})
			left, err := os.ReadDir(tmp)
			require.NoError(t, err)
			require.NotEmpty(t, left, "the conversion's folder is in TMPDIR")
			require.NoError(t, cmd.Process.Signal(tc.sig))
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				assert.Equal(t, tc.code, exitOf(t, err), stderr.String())
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("tally did not stop")
			}
			assert.True(t, strings.HasPrefix(stderr.String(), tc.says), stderr.String())
			left, err = os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, left, "every temporary folder is removed")
			for _, pid := range started {
				waitFor(t, 10*time.Second, "end of process "+strconv.Itoa(pid), func() bool { return gone(pid) })
			}
		})
	}
}

// TestInterruptChild writes an output slowly and for ever; it runs as a
// child of TestInterruptWhileWriting, which stops it.
func TestInterruptChild(t *testing.T) {
	path := os.Getenv("TALLY_INTERRUPT_OUT")
	if path == "" {
		t.Skip("run by TestInterruptWhileWriting")
	}
	stopOnSignal(os.Stderr, schema.Zh)
	_ = files.WriteAtomic(path, func(w io.Writer) error {
		chunk := make([]byte, 1<<20)
		for {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// SIGTERM while an output is being written removes its temporary file,
// leaves the file it would have replaced as it was, and exits with 143.
func TestInterruptWhileWriting(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区.xlsx")
	require.NoError(t, os.WriteFile(out, []byte("last year's workbook"), 0o644))
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TALLY_INTERRUPT_OUT="+out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	waitFor(t, 30*time.Second, "temporary file of a few MB", func() bool {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".tally-*.tmp"))
		if len(tmps) == 0 {
			return false
		}
		info, err := os.Stat(tmps[0])
		return err == nil && info.Size() > 2<<20
	})
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, 143, exitOf(t, cmd.Wait()), stderr.String())
	assert.Contains(t, stderr.String(), "tally: 已中止（收到终止信号 SIGTERM）")
	left, _ := filepath.Glob(filepath.Join(dir, ".tally-*"))
	assert.Empty(t, left, "the temporary file is removed")
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "last year's workbook", string(got))
}
