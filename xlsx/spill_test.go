package xlsx

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Rows past spillAt go to a temporary file, read back whole as often as a
// workbook asks, and the file goes with Close.
func TestSpill(t *testing.T) {
	saved := spillAt
	t.Cleanup(func() { spillAt = saved })
	spillAt = 10
	t.Setenv("TMPDIR", t.TempDir())
	var s spill
	for _, part := range []string{"<row>", "一二三", "</row>", strings.Repeat("x", 40)} {
		_, err := s.Write([]byte(part))
		require.NoError(t, err)
	}
	require.NotNil(t, s.file, "past the bound the bytes are in a file")
	want := "<row>一二三</row>" + strings.Repeat("x", 40)
	assert.EqualValues(t, len(want), s.Len())
	for range 2 {
		var b bytes.Buffer
		_, err := s.WriteTo(&b)
		require.NoError(t, err)
		assert.Equal(t, want, b.String())
	}
	name := s.file.Name()
	s.Close()
	_, err := os.Stat(name)
	assert.True(t, os.IsNotExist(err), "the file is removed")

	var small spill
	_, _ = small.Write([]byte("abc"))
	assert.Nil(t, small.file, "under the bound the bytes stay in memory")
}
