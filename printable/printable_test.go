package printable

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"掌政镇":                        "掌政镇",
		"C:\\报表\\掌政镇.xlsx":           "C:\\报表\\掌政镇.xlsx",
		"\x1b[1A\x1b[2K✓ ok":         `\x1b[1A\x1b[2K✓ ok`,
		"a\tb\nc\rd":                 `a\tb\nc\rd`,
		"del\x7f":                    `del\x7f`,
		"csi\u009b2K":                `csi\u009b2K`,
		"bad\xff\xfe":                `bad\xff\xfe`,
		"\u202eslx.exe":              `\u202eslx.exe`,
		"line\u2028sep":              `line\u2028sep`,
		"emoji 😀 and full-width ［1］": "emoji 😀 and full-width ［1］",
	} {
		assert.Equal(t, want, Line(in), "%q", in)
	}
	assert.Equal(t, "two\nlines \\x1b", Text("two\nlines \x1b"))
	assert.Equal(t, `\r`, Text("\r"))
}

func TestJSON(t *testing.T) {
	in := map[string]string{"unit": "掌政\x1b镇\x7f\u0085\u009b\u202e\u2028 ok"}
	raw, err := json.Marshal(in)
	require.NoError(t, err)
	out := JSON(raw)
	for _, r := range string(out) {
		assert.False(t, unsafe(r), "%q left in %s", r, out)
	}
	var back map[string]string
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, in, back, "the same JSON")
	plain := []byte(`{"a":"掌政镇"}`)
	assert.Equal(t, plain, JSON(plain))
}
