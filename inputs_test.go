package main

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/files"
	"tally/internal/testkit"
)

// A file that stops delivering data (one on a network drive that went
// away) is given up after files.Stall without data, as that file's verdict,
// and the run ends; a slow file that goes on delivering is read whole.
func TestStalledReadIsGivenUp(t *testing.T) {
	seed := filepath.Join("testdata", "seed", "掌政镇.xlsx")
	data := testkit.Fixture(t, "seed/掌政镇.xlsx")
	dir := t.TempDir()
	stalled := filepath.Join(dir, "大新镇.xlsx")
	slow := filepath.Join(dir, "通贵乡.xlsx")
	for _, p := range []string{stalled, slow} {
		require.NoError(t, os.WriteFile(p, data, 0o644))
	}
	savedOpen, savedStall := files.Open, files.Stall
	t.Cleanup(func() { files.Open, files.Stall = savedOpen, savedStall })
	files.Stall = time.Second
	var pipes []*io.PipeWriter
	files.Open = func(name string) (io.ReadCloser, fs.FileInfo, error) {
		f, info, err := savedOpen(name)
		switch {
		case err != nil:
			return nil, nil, err
		case name == stalled:
			// A few bytes, then nothing.
			r, w := io.Pipe()
			pipes = append(pipes, w)
			go func() { _, _ = w.Write(data[:100]) }()
			f.Close()
			return r, info, nil
		case name == slow:
			return &trickle{r: f, every: 300 * time.Millisecond}, info, nil
		}
		return f, info, nil
	}
	t.Cleanup(func() {
		for _, w := range pipes {
			w.Close()
		}
	})
	stdout, stderr, code := runWithin(t, time.Minute, "validate", "--format", "json", seed, stalled, slow)
	assert.Equal(t, 1, code, stderr)
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep), stdout)
	status := map[string]string{}
	for _, s := range rep.Submissions {
		status[filepath.Base(s.File)] = s.Status
	}
	assert.Equal(t, map[string]string{"掌政镇.xlsx": "warnings", "大新镇.xlsx": "unreadable", "通贵乡.xlsx": "warnings"}, status,
		"the slow file is read whole (a second copy of the seed: a duplicate unit)")
	var why []string
	for _, f := range rep.Findings {
		if filepath.Base(f.File) == "大新镇.xlsx" {
			why = append(why, f.Kind+": "+f.Message)
		}
	}
	require.Len(t, why, 1)
	assert.Contains(t, why[0], "unreadable: ")
	assert.Contains(t, why[0], "1 秒内没有读到任何数据，已放弃")
}

// trickle reads a little at a time, slowly: the seed's 9 KB in about 3
// seconds, three times the stall allowed.
type trickle struct {
	r     io.ReadCloser
	every time.Duration
}

func (t *trickle) Read(p []byte) (int, error) {
	time.Sleep(t.every)
	return t.r.Read(p[:min(len(p), 1024)])
}

func (t *trickle) Close() error { return t.r.Close() }
