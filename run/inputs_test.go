package run

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/schema"
)

// A folder walk skips lock, hidden and temporary files, does not follow a
// link back up the tree, reports a folder it cannot open, and lists the
// same files in the same order every time.
func TestWalkingFolders(t *testing.T) {
	dir := t.TempDir()
	files := []string{"b.xlsx", "a.xlsx", "~$a.xlsx", ".hidden.xlsx", "draft.tmp", ".tally-123.tmp", "~wrl0001.tmp",
		"sub/c.xls", "sub/说明.pdf", "sub/notes.txt", ".git/x.xlsx", "locked/d.xlsx", "Thumbs.db", "z/e.et"}
	for _, f := range files {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644))
	}
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "sub", "loop")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "sub", "a-link.xlsx")))
	// The folder "locked" cannot be opened (root can open anything, so the
	// walk is told so, as it would be).
	locked := filepath.Join(dir, "locked")
	saved := walkDir
	t.Cleanup(func() { walkDir = saved })
	walkDir = func(root string, fn fs.WalkDirFunc) error {
		return saved(root, func(p string, d fs.DirEntry, err error) error {
			if p == locked && err == nil {
				if err := fn(p, d, nil); err != nil {
					return err
				}
				return fn(p, d, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission})
			}
			return fn(p, d, err)
		})
	}
	var first []string
	for range 3 {
		done := make(chan []string, 1)
		go func() {
			var names []string
			for _, s := range collectSources("", []string{dir}) {
				rel, _ := filepath.Rel(dir, s.Name)
				names = append(names, rel+" "+string(s.Severity))
			}
			done <- names
		}()
		select {
		case names := <-done:
			if first == nil {
				first = names
			}
			assert.Equal(t, first, names, "the same order every time")
		case <-time.After(30 * time.Second):
			t.Fatal("the walk did not finish: a link loop")
		}
	}
	assert.Equal(t, []string{"a.xlsx error", "b.xlsx error", "locked error", "sub/a-link.xlsx error",
		"sub/c.xls error", "sub/说明.pdf warning", "z/e.et error"}, first)
	// The folder that cannot be opened is a finding of its own, and the run
	// goes on.
	res, err := Validate(context.Background(), Config{Paths: []string{dir}, Lang: schema.En})
	require.NoError(t, err)
	assert.True(t, res.Failed)
	var out bytes.Buffer
	require.NoError(t, res.WriteCSV(&out, schema.En))
	assert.Regexp(t, `error,unreadable,read:unreadable,.*locked,.*permission denied`, out.String())
}
