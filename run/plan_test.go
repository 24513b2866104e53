package run

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"tally/consolidate"
	"tally/schema"
)

// The marked-up copies are named from their files: a name too long for the
// file system (255 bytes) is cut at a character and marked with …; copies
// that would have the same name, in any capitals, are told apart by -2;
// spreadsheets keep the plain name before the other files a folder holds.
func TestCopyNames(t *testing.T) {
	long := strings.Repeat("银川市兴庆区掌政镇", 9) // 81 characters, 243 bytes
	names := copyNames([]consolidate.Source{
		{Name: "a/" + long + "一.xlsx", Severity: schema.Error},
		{Name: "b/" + long + "二.xlsx", Severity: schema.Error},
		{Name: "掌政镇.pdf", Severity: schema.Warning},
		{Name: "掌政镇.xlsx", Severity: schema.Error},
		{Name: "x/AB.xlsx", Severity: schema.Error},
		{Name: "y/ab.xlsx", Severity: schema.Error},
	}, schema.Zh)
	one, two := names["a/"+long+"一.xlsx"], names["b/"+long+"二.xlsx"]
	for _, n := range []string{one, two} {
		assert.LessOrEqual(t, len(n), maxName, n)
		assert.True(t, strings.HasPrefix(n, long[:200]), "recognisable: %s", n)
		assert.True(t, strings.HasSuffix(n, "…-问题标注.xlsx") || strings.HasSuffix(n, "…-问题标注-2.xlsx"), n)
		assert.True(t, utf8.ValidString(n), "cut at a character: %q", n)
	}
	assert.NotEqual(t, one, two, "unique")
	assert.Equal(t, "掌政镇-问题标注.xlsx", names["掌政镇.xlsx"])
	assert.Equal(t, "掌政镇-问题标注-2.xlsx", names["掌政镇.pdf"])
	assert.Equal(t, "AB-问题标注.xlsx", names["x/AB.xlsx"])
	assert.Equal(t, "ab-问题标注-2.xlsx", names["y/ab.xlsx"])
}
