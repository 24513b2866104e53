package xlsx

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/consolidate"
	"tally/internal/testkit"
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
		units := readUnits(buf.Bytes(), "兴庆区2018.xlsx")
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
	data := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	units := readUnits(data, "大新镇.xlsx")
	require.Len(t, units, 1)
	assert.Equal(t, "大新镇", units[0].Unit)
}

// The 同比 sheet lists the district and each unit's comparable figures,
// every change a formula with its value; past the sheet's last row, a last
// line says how many did not fit.
func TestYearOnYearSheet(t *testing.T) {
	units := []string{"大新镇", "掌政镇", "通贵乡"}
	prev := &consolidate.Previous{Jump: consolidate.DefaultJump(), Units: districtOf(t, units, 2017, 0, consolidate.Options{}).Submissions}
	res := districtOf(t, units, 2018, 1, consolidate.Options{Jobs: 1, Previous: prev})
	require.NotNil(t, res.YearOnYear)
	keys := len(res.Schema.Keys())
	var buf bytes.Buffer
	require.NoError(t, WriteConsolidated(&buf, res, WriteOptions{Lang: schema.Zh}))
	var dump bytes.Buffer
	require.NoError(t, Dump(&dump, buf.Bytes()))
	d := dump.String()
	assert.Contains(t, d, `D1 s "本年（2018）" fill=DDEBF7`)
	assert.Contains(t, d, `E1 s "上年（2017）" fill=DDEBF7`)
	assert.Contains(t, d, `A2 s "兴庆区（合计）"`)
	assert.Contains(t, d, fmt.Sprintf(`A%d s "大新镇"`, 2+keys), "the district's figures, then each unit's")
	assert.Contains(t, d, `F2 n "3" =D2-E2`, "one more in each of three units")
	assert.NotContains(t, d, "previous:", "no finding between the years: the units match and change little")
	// The summary and detail totals, and a change and a share per row.
	assert.Equal(t, 2*keys+2*4*keys, formulasAgree(t, buf.Bytes()))

	saved := maxSheetRows
	t.Cleanup(func() { maxSheetRows = saved })
	maxSheetRows = 5
	buf.Reset()
	require.NoError(t, WriteConsolidated(&buf, res, WriteOptions{Lang: schema.Zh}))
	dump.Reset()
	require.NoError(t, Dump(&dump, buf.Bytes()))
	assert.Contains(t, dump.String(), fmt.Sprintf(`A5 s "另有 %d 行超出工作表的行数上限`, 4*keys-3))
}
