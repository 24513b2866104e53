package schema

import (
	"strings"
	"tally/internal/fuzzbudget"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestDecodeText(t *testing.T) {
	const text = "掌政镇\r\n大新镇\r\n# 街道\r\n凤凰北街街道办事处\r\n"
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	bare16, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(text)
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(text)
	for _, tt := range []struct {
		name, in, want string
		ok             bool
	}{
		{"utf-8", text, text, true},
		{"utf-8 with a byte-order mark", "\ufeff" + text, text, true},
		{"utf-16 little-endian", utf16le, text, true},
		{"utf-16 big-endian", utf16be, text, true},
		{"gbk", gbk, text, true},
		{"utf-16 without its mark", bare16, "", false},
		{"a workbook", "PK\x03\x04\x14\x00\x06\x00", "", false},
		{"bytes no encoding reads", "\x81\x20\xff\xfe\xfd", "", false},
		{"empty", "", "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeText([]byte(tt.in))
			if !tt.ok {
				assert.ErrorIs(t, err, ErrNotText)
				return
			}
			assert.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("掌政镇\n大新镇\n"))
	f.Add([]byte("\xef\xbb\xbf掌政镇"))
	f.Add([]byte("\xff\xfe\x8c\x63\x3f\x65"))
	f.Add([]byte("\xd5\xc6\xd5\xfe\xd5\xf2"))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzbudget.Check(t, time.Now())
		got, err := DecodeText(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(got) {
			t.Fatalf("%q decodes to text that is not UTF-8", data)
		}
		if utf8.Valid(data) && !strings.ContainsRune(string(data), 0) && !strings.HasPrefix(string(data), "\ufeff") {
			if got != string(data) {
				t.Fatalf("UTF-8 text %q changed to %q", data, got)
			}
		}
	})
}
