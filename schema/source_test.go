package schema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// A schema file as editors save it: with a byte-order mark (Notepad), in
// UTF-16 (Notepad's "Unicode"), in GBK (ANSI on a Chinese Windows).
func TestSchemaFileEncodings(t *testing.T) {
	text, err := builtinFS.ReadFile("builtin/gov-info-2018.yaml")
	require.NoError(t, err)
	bom := append([]byte("\xef\xbb\xbf"), text...)
	s, err := Parse("bom.yaml", bom)
	require.NoError(t, err)
	assert.Equal(t, "gov-info-2018", s.ID)

	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(text)
	require.NoError(t, err)
	s, err = Parse("utf16.yaml", utf16)
	require.NoError(t, err)
	assert.Equal(t, "gov-info-2018", s.ID)

	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(text)
	require.NoError(t, err)
	s, err = Parse("gbk.yaml", gbk)
	require.NoError(t, err)
	assert.Equal(t, "gov-info-2018", s.ID)
	assert.Equal(t, "政府信息公开情况统计表", s.Title)

	_, err = Parse("binary.yaml", []byte("PK\x03\x04\x00\x00"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not text")
}

// A schema nested deeper than any table needs is refused before the YAML
// parser runs: 200,000 brackets once took the parser out of memory.
func TestSchemaNestingIsBounded(t *testing.T) {
	for name, text := range map[string]string{
		"brackets":    "id: x\ntables: " + strings.Repeat("[", 200000),
		"braces":      "id: x\ntables: " + strings.Repeat("{a: ", 100000),
		"items":       "id: x\ntables: " + strings.Repeat("- ", 300000),
		"indentation": "id: x\ntables:\n" + strings.Repeat(" ", 2000) + "- x\n",
		"large":       "id: x\n# " + strings.Repeat("x", maxSchemaBytes),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(name+".yaml", []byte(text))
			require.Error(t, err)
			var list ErrorList
			require.ErrorAs(t, err, &list)
			assert.Len(t, list, 1)
		})
	}
	// The built-in schemas are far within the limits.
	for _, s := range Builtins() {
		_, ok := shallow(s.Text)
		assert.True(t, ok, s.ID)
		assert.Less(t, len(s.Text), maxSchemaBytes/10)
		assert.False(t, bytes.HasPrefix(s.Text, []byte("\xef\xbb\xbf")))
	}
}
