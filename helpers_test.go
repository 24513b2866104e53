package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"tally/command"
)

// built is the tally program, built once for the tests that run it as a
// program (signals, pipes, a run that must end).
var built struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// builtTally builds the program once for the test binary and returns its
// path.
func builtTally(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "tally-built-"); built.err != nil {
			return
		}
		built.path = filepath.Join(built.dir, "tally")
		out, err := exec.Command("go", "build", "-o", built.path, "-ldflags", "-X main.version="+command.ToolVersion(), ".").CombinedOutput()
		if err != nil {
			built.err = errors.New(string(out))
		}
	})
	require.NoError(t, built.err, "go build")
	return built.path
}

// removeBuilt removes the program built for the tests.
func removeBuilt() {
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
}

// runProgram runs the built program and returns its stdout, stderr and
// exit status; a run that has not ended within limit fails the test (and
// is killed).
func runProgram(t *testing.T, limit time.Duration, env []string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, builtTally(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("tally %v did not end within %s", args, limit)
	}
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return stdout.String(), stderr.String(), code
}

// runWithin is run, failing the test when the run has not ended within
// limit (the run is left behind).
func runWithin(t *testing.T, limit time.Duration, args ...string) (string, string, int) {
	t.Helper()
	type result struct {
		stdout, stderr string
		code           int
	}
	done := make(chan result, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := command.Main(append([]string{"tally"}, args...), &stdout, &stderr)
		done <- result{stdout.String(), stderr.String(), code}
	}()
	select {
	case r := <-done:
		return r.stdout, r.stderr, r.code
	case <-time.After(limit):
		t.Fatalf("tally %v did not end within %s", args, limit)
	}
	return "", "", -1
}

// zipWith is a copy of a workbook with parts changed: edit is given each
// part's name and contents and returns the contents to write.
func zipWith(t testing.TB, data []byte, edit func(name string, body []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		w, err := zw.Create(zf.Name)
		require.NoError(t, err)
		_, err = w.Write(edit(zf.Name, body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// readFixture reads a file of testdata.
func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", path))
	require.NoError(t, err)
	return data
}
