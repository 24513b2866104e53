package files

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAtomicWriteChild writes a large output with WriteAtomic; it runs as a
// child of TestKilledWriteLeavesOldOrNew, which kills it.
func TestAtomicWriteChild(t *testing.T) {
	path := os.Getenv("TALLY_ATOMIC_OUT")
	if path == "" {
		t.Skip("run by TestKilledWriteLeavesOldOrNew")
	}
	require.NoError(t, WriteAtomic(path, Bytes(bigOutput())))
}

// bigOutput is the large output the child writes: 96 MiB, not one byte
// like another.
func bigOutput() []byte {
	data := make([]byte, 96<<20)
	for i := range data {
		data[i] = byte(i * 131 >> 8)
	}
	return data
}

// A run killed while it writes an output leaves the old file or the whole
// new one, never a part.
func TestKilledWriteLeavesOldOrNew(t *testing.T) {
	if testing.Short() {
		t.Skip("writes large files")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "兴庆区.xlsx")
	old := []byte("the old workbook")
	want := sha256.Sum256(bigOutput())
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAtomicWriteChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TALLY_ATOMIC_OUT="+out)
		return cmd
	}
	// How long a whole write takes, to kill the next ones along the way.
	start := time.Now()
	require.NoError(t, child().Run())
	whole := time.Since(start)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Equal(t, want, sha256.Sum256(got))
	outcomes := map[string]int{}
	for i := range 12 {
		require.NoError(t, os.WriteFile(out, old, 0o644))
		cmd := child()
		require.NoError(t, cmd.Start())
		time.Sleep(time.Duration(float64(whole) * (0.1 + 0.85*float64(i)/12)))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		got, err := os.ReadFile(out)
		require.NoError(t, err, "the output vanished")
		switch {
		case bytes.Equal(got, old):
			outcomes["old"]++
		case sha256.Sum256(got) == want:
			outcomes["new"]++
		default:
			t.Fatalf("kill %d: a partial output of %d bytes", i, len(got))
		}
	}
	t.Logf("a whole write takes %s; after kills: %v", whole.Round(time.Millisecond), outcomes)
	assert.Positive(t, outcomes["old"], "no kill landed during the write")
}
