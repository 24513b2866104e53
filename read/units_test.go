package read

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"tally/schema"
	"tally/source"
	"tally/xlsx"
)

// What reading a consolidated workbook back knows of it is what package
// xlsx writes: the marker in its properties, the detail sheet's names and
// the head of its totals.
func TestConsolidatedWorkbookAsXlsxWritesIt(t *testing.T) {
	assert.Equal(t, xlsx.Marker, source.Consolidated)
	var heads []string
	for i, lang := range []schema.Lang{schema.Zh, schema.En} {
		assert.Equal(t, xlsx.Names(lang).Detail, detailSheets[i])
		h := strings.Split(schema.Msg(schema.MustLookup("write.detail-head")).Render(lang), "|")
		heads = append(heads, h[len(h)-1])
	}
	assert.Equal(t, heads, totalHeads)
}
