package xlsx

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/schema"
)

// Last year's consolidated workbook gives back every unit's figures from
// its detail sheet, in either layout, each value with its cell there.
func TestReadUnitsOfAConsolidatedWorkbook(t *testing.T) {
	saved := maxColumns
	t.Cleanup(func() { maxColumns = saved })
	for _, cols := range []int{saved, 8} { // a column per unit; a row per unit
		maxColumns = cols
		res := district(t, 6)
		var buf bytes.Buffer
		require.NoError(t, WriteConsolidated(&buf, res, WriteOptions{Lang: schema.Zh}))
		units := ReadUnits(buf.Bytes(), "兴庆区2018.xlsx", Options{Schemas: schema.Builtins()})
		require.Len(t, units, 6, "layout with %d columns", cols)
		for i, u := range units {
			want := res.Submissions[i]
			assert.Equal(t, want.Unit, u.Unit)
			assert.Equal(t, "兴庆区2018.xlsx", u.File)
			assert.Equal(t, "明细", u.Sheet)
			assert.Equal(t, 2018, u.Year)
			assert.Same(t, res.Schema, u.Schema)
			for _, k := range res.Schema.Keys() {
				a, _ := want.Get(k)
				b, ok := u.Get(k)
				require.True(t, ok, k)
				assert.True(t, a.Equal(b), "%s %s: %s ≠ %s", u.Unit, k, a, b)
			}
		}
		first := res.Schema.Keys()[0]
		if cols == saved {
			assert.Equal(t, "D3", units[0].Ref(first))
		} else {
			assert.Equal(t, "C3", units[0].Ref(first))
		}
	}
	maxColumns = saved

	// A township's own workbook is one table.
	data := table{title: "大新镇2018年度政府信息公开情况统计表"}.build(t)
	units := ReadUnits(data, "大新镇.xlsx", Options{Schemas: schema.Builtins()})
	require.Len(t, units, 1)
	assert.Equal(t, "大新镇", units[0].Unit)
}
