package consolidate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"tally/schema"
)

// A roster saved by Notepad as ANSI (GBK on a Chinese Windows) or as
// "Unicode" (UTF-16) reads as the same units; a file that is no text is
// refused, not read as garbage units.
func TestReadRosterEncodings(t *testing.T) {
	const text = "# 兴庆区\r\n掌政镇\r\n大新镇\r\n凤凰北街街道办事处\r\n"
	want := []string{"掌政镇", "大新镇", "凤凰北街街道办事处"}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	require.NoError(t, err)
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	require.NoError(t, err)
	for name, data := range map[string]string{"utf-8": text, "bom": "\ufeff" + text, "gbk": gbk, "utf-16": utf16} {
		got, err := ReadRoster([]byte(data))
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	_, err = ReadRoster([]byte("PK\x03\x04\x14\x00\x06\x00\x08\x00"))
	assert.ErrorIs(t, err, schema.ErrNotText)
}
