package main

import (
	"bytes"
	"context"
	"errors"
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
	return stdout.String(), stderr.String(), exitOf(t, err)
}

// exitOf is the exit status of a finished command, -1 when a signal killed
// it.
func exitOf(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	require.NoError(t, err)
	return 0
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
