package testkit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// ReadFile is the contents of the file at path; a file that cannot be read
// fails the test.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// FixturePath is the path of a file of the module's testdata folder: path
// is relative to it, in slashes ("seed/掌政镇.xlsx"). It holds from the
// folder of any package's tests (the folder go test runs them in), found
// as the nearest folder up from there that holds go.mod.
func FixturePath(t testing.TB, path string) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata", filepath.FromSlash(path))
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatalf("no go.mod in the folders above the test's")
		}
		dir = up
	}
}

// Fixture is the contents of a file of the module's testdata folder (see
// FixturePath); a file that cannot be read fails the test.
func Fixture(t testing.TB, path string) []byte {
	t.Helper()
	return ReadFile(t, FixturePath(t, path))
}
