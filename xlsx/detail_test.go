package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/internal/testkit"
	"tally/schema"
)

// district is a consolidated run over n made-up units of the 2018 table.
func district(t testing.TB, n int) *consolidate.Result {
	var units []string
	for i := range n {
		units = append(units, fmt.Sprintf("第%d镇", i+1))
	}
	return districtOf(t, units, 2018, 0, consolidate.Options{Jobs: 1})
}

// districtOf is a consolidated run over made-up units of the 2018 table
// for a year; each cell holds its position plus the file name's length
// plus add.
func districtOf(t testing.TB, units []string, year int, add int64, opt consolidate.Options) *consolidate.Result {
	s := testkit.Gov2018(t)
	var sources []consolidate.Source
	for _, u := range units {
		name := u + ".xlsx"
		sources = append(sources, consolidate.Source{Name: name, Load: func() ([]byte, error) { return []byte(name), nil }})
	}
	read := func(data []byte, name string) *schema.Submission {
		sub := &schema.Submission{File: name, Unit: name[:len(name)-5], Year: year, Schema: s, Sheet: "Sheet1", Values: map[string]schema.Value{}}
		for i, k := range s.Keys() {
			sub.Values[k] = schema.Value{State: schema.Present, Num: decimal.NewFromInt(int64(i+len(name)) + add), Ref: fmt.Sprintf("C%d", i+4)}
		}
		return sub
	}
	res := consolidate.Validate(sources, read, opt)
	refs := SummaryRefs(res.Schema)
	res.Consolidate(consolidate.ConsolidateOptions{Name: "兴庆区", Sheet: "汇总", TotalRef: func(k string) string { return refs[k] }})
	return res
}

// formulasAgree computes every formula of a workbook with excelize's engine
// and compares it with the value tally cached; it returns how many it saw.
func formulasAgree(t *testing.T, data []byte) int {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		for r, row := range rows {
			for c := range row {
				at := ref(r, c)
				if fm, _ := f.GetCellFormula(sheet, at); fm == "" {
					continue
				}
				cached, _ := f.GetCellValue(sheet, at, excelize.Options{RawCellValue: true})
				got, err := f.CalcCellValue(sheet, at, excelize.Options{RawCellValue: true})
				require.NoError(t, err, "%s!%s", sheet, at)
				assert.Equal(t, cached, got, "%s!%s", sheet, at)
				n++
			}
		}
	}
	return n
}

// With more units than a sheet has columns, the detail sheet lists the units
// down its rows and totals each column at the bottom; the summary refers to
// those totals, and every formula computes to the value cached.
func TestDetailByRows(t *testing.T) {
	saved := maxColumns
	t.Cleanup(func() { maxColumns = saved })
	maxColumns = 8
	res := district(t, 6)
	var buf bytes.Buffer
	require.NoError(t, WriteConsolidated(&buf, res, WriteOptions{Lang: schema.Zh}))
	var dump bytes.Buffer
	require.NoError(t, Dump(&dump, buf.Bytes()))
	d := dump.String()
	assert.Contains(t, d, `A3 s "第1镇"`)
	assert.Contains(t, d, `A9 s "合计"`)
	assert.Contains(t, d, `=SUM(C3:C8)`)
	assert.Contains(t, d, `='明细'!C9`, "the summary's first total is the detail's total row")
	keys := res.Schema.Keys()
	assert.Contains(t, d, fmt.Sprintf(`%s1 s %q`, colName(1+len(keys)), keys[len(keys)-1]))
	if testing.Verbose() {
		t.Log(d[strings.Index(d, "sheet \"明细\""):][:1500])
	}
	n := formulasAgree(t, buf.Bytes())
	assert.Equal(t, 2*len(keys), n, "a total per key on the detail and the summary")

	// Under the limit, one column per unit as before.
	maxColumns = saved
	buf.Reset()
	require.NoError(t, WriteConsolidated(&buf, res, WriteOptions{Lang: schema.Zh}))
	dump.Reset()
	require.NoError(t, Dump(&dump, buf.Bytes()))
	assert.Contains(t, dump.String(), `D1 s "第1镇"`)
	assert.Contains(t, dump.String(), `='明细'!J3`)
	assert.Equal(t, 2*len(keys), formulasAgree(t, buf.Bytes()))
}
