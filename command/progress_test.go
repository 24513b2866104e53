package command

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/schema"
)

// The progress bar a long run draws on a terminal speaks the run's
// language.
func TestProgressLanguage(t *testing.T) {
	saved := isTerminal
	t.Cleanup(func() { isTerminal = saved })
	isTerminal = func(*os.File) bool { return true }
	for lang, want := range map[schema.Lang]string{schema.Zh: "读取中", schema.En: "reading"} {
		f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
		require.NoError(t, err)
		p := newProgress(f, 40, lang)
		require.NotNil(t, p.bar)
		p.update(20, 40)
		assert.Equal(t, want, p.bar.State().Description, lang)
		p.finish()
		require.NoError(t, f.Close())
	}
	// Short runs and what is not a terminal get no bar.
	assert.Nil(t, newProgress(os.Stderr, 5, schema.Zh).bar)
}
