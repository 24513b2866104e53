package read

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/consolidate"
	"tally/internal/testkit"
	"tally/schema"
)

// Units that are not townships take their names from their titles, or from
// their file names whole: four 平潭 tables are four units, every one summed.
func TestUnitsOfAnyKind(t *testing.T) {
	books := []struct {
		file, title, unit string
	}{
		{"平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表.xlsx",
			"平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表", "金井片区管理局"},
		{"岚城片区管理局.xlsx", "平潭综合实验区岚城片区管理局2022年度政府信息公开工作年度报告统计表", "岚城片区管理局"},
		{"平潭综合实验区市场监督管理局2022年报统计表.xlsx",
			"平潭综合实验区市场监督管理局2022年度政府信息公开工作年度报告统计表", "市场监督管理局"},
		// No unit in the title: the file name's, whole.
		{"附件2 平潭综合实验区交通与建设局统计表.xlsx", "2022年度政府信息公开工作年度报告统计表", "交通与建设局"},
	}
	var sources []consolidate.Source
	for i, b := range books {
		data := report2021With(t, b.unit, func(key string) any {
			if n, ok := consistent2021(key).(int); ok {
				return n * (i + 1)
			}
			return consistent2021(key)
		}, reportEdit{title: b.title})
		sub := File(data, b.file, Options{Schemas: schema.Builtins()})
		require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
		assert.Equal(t, b.unit, sub.Unit, b.file)
		assert.Equal(t, 2022, sub.Year, b.file)
		assert.Empty(t, testkit.Kinds(sub), "no finding about the unit's name: %s", b.file)
		sources = append(sources, consolidate.Source{Name: b.file, Load: func() ([]byte, error) { return data, nil }})
	}
	res := consolidate.Validate(sources, func(data []byte, name string) *schema.Submission {
		return File(data, name, Options{Schemas: schema.Builtins()})
	}, consolidate.Options{})
	res.Consolidate(consolidate.ConsolidateOptions{Name: "平潭综合实验区", Out: "平潭.xlsx"})
	for _, s := range res.Submissions {
		assert.True(t, s.Included, s.File)
		for _, f := range s.FindingList() {
			assert.NotEqual(t, schema.KindDuplicateUnit, f.Kind, "%s: %s", s.File, f.Message(schema.Zh))
		}
	}
	assert.Equal(t, "670", res.Totals["3.1@total"].String(), "67 × (1+2+3+4)")
}

// A district's template title over a department's table gives way to the
// department in the file name, as it does to a township's.
func TestDistrictTitleGivesWayToADepartment(t *testing.T) {
	data := report2021With(t, "", consistent2021, reportEdit{title: "平潭综合实验区2022年度政府信息公开工作年度报告统计表"})
	sub := File(data, "平潭综合实验区市场监督管理局.xlsx", Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable, "%v", testkit.Kinds(sub))
	assert.Equal(t, "市场监督管理局", sub.Unit)
	assert.Equal(t, []string{"unknown-unit@"}, testkit.Kinds(sub))
}
