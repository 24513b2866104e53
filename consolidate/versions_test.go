package consolidate

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/schema"
)

func TestVersionOf(t *testing.T) {
	for _, tt := range []struct {
		name      string
		mark, rev int
		word      string
		date      int
	}{
		{"大新镇.xlsx", 0, 0, "", 0},
		{"大新镇（修改稿）.xlsx", 1, 0, "修改稿", 0},
		{"大新镇(修改稿2).xlsx", 1, 2, "修改稿", 0},
		{"前进街街道 2018年报统计表(终).xlsx", 2, 0, "(终)", 0},
		{"掌政镇2018统计表-终稿.xlsx", 2, 0, "终稿", 0},
		{"通贵乡统计表（初稿）.xlsx", -1, 0, "初稿", 0},
		{"丽景街街道统计表2019.1.10.xlsx", 0, 0, "", 20190110},
		{"丽景街街道统计表20190108.xlsx", 0, 0, "", 20190108},
		{"月牙湖乡2019年1月9日更正.xlsx", 1, 0, "更正", 20190109},
		{"星河街街道v3.xlsx", 0, 3, "v3", 0},
		{"兴庆区2018年统计表.xlsx", 0, 0, "", 0}, // a year alone is no date
		{"2018.13.40.xlsx", 0, 0, "", 0},  // nor are impossible months and days
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := versionOf("收件/"+tt.name, time.Time{})
			assert.Equal(t, tt.mark, v.mark, "mark")
			assert.Equal(t, tt.rev, v.rev, "revision")
			assert.Equal(t, tt.word, v.word, "word")
			assert.Equal(t, tt.date, v.date, "date")
		})
	}
}

// twice runs two files of 掌政镇, named a and b, with the given
// modification times; the first has 5 in 1.1, the second 6.
func twice(t *testing.T, a, b string, ma, mb time.Time) *Result {
	t.Helper()
	src := func(name, data string, mod time.Time) Source {
		return Source{Name: name, Modified: mod, Load: func() ([]byte, error) { return []byte(data), nil }}
	}
	res := Validate([]Source{src(a, "掌政镇|2018|5", ma), src(b, "掌政镇|2018|6", mb)}, fakeReader(t), Options{})
	res.Consolidate(ConsolidateOptions{Name: "兴庆区"})
	return res
}

func TestTheLaterVersionIsSummed(t *testing.T) {
	noon := time.Date(2019, 1, 10, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		about  string
		a, b   string
		ma, mb time.Time
		kept   int
		sev    schema.Severity
		reason string
	}{
		{"a revision mark beats a later time", "掌政镇（修改）.xlsx", "掌政镇.xlsx", noon, noon.Add(time.Hour), 0, schema.Warning, "修改"},
		{"a draft loses to no mark", "掌政镇初稿.xlsx", "掌政镇.xlsx", noon.Add(time.Hour), noon, 1, schema.Warning, "草稿"},
		{"a later date in the name", "掌政镇2019.1.12.xlsx", "掌政镇2019.1.8.xlsx", noon, noon.Add(time.Hour), 0, schema.Warning, "2019.1.12"},
		{"then the modification time", "掌政镇.xlsx", "收件/掌政镇.xlsx", noon.Add(time.Hour), noon, 0, schema.Warning, "2019-01-10"},
		{"nothing tells them apart: an error, still one summed", "掌政镇.xlsx", "收件/掌政镇.xlsx", noon, noon, 1, schema.Error, "无法"},
		{"times seconds apart say nothing", "掌政镇.xlsx", "收件/掌政镇.xlsx", noon.Add(20 * time.Second), noon, 1, schema.Error, "无法"},
	} {
		t.Run(tt.about, func(t *testing.T) {
			res := twice(t, tt.a, tt.b, tt.ma, tt.mb)
			kept, other := res.Submissions[tt.kept], res.Submissions[1-tt.kept]
			assert.True(t, kept.Included)
			assert.False(t, other.Included)
			assert.Equal(t, kept.File, other.SupersededBy)
			want, _ := kept.Get("1.1")
			assert.Equal(t, want.String(), res.Totals["1.1"].String(), "only the kept table is summed")
			for _, s := range res.Submissions {
				require.Len(t, s.FindingList(), 1)
				f := s.FindingList()[0]
				assert.Equal(t, schema.KindDuplicateUnit, f.Kind)
				assert.Equal(t, tt.sev, f.Severity)
				assert.Contains(t, f.Message(schema.Zh), tt.reason)
			}
			units := res.Units()
			require.Len(t, units, 1)
			assert.True(t, kept == units[0].File, "the kept file stands for the unit")
			require.Len(t, units[0].Superseded, 1)
			assert.True(t, other == units[0].Superseded[0])
		})
	}
}

func TestUnitsByStatus(t *testing.T) {
	stray := Source{Name: "银古路街道年报.docx", Severity: schema.Warning, Load: func() ([]byte, error) { return []byte("PK"), nil }}
	broken := Source{Name: "通贵乡.xlsx", Load: func() ([]byte, error) { return []byte("PK"), nil }}
	fakes := fakeReader(t)
	read := func(data []byte, name string) *schema.Submission {
		if string(data) == "PK" {
			sub := &schema.Submission{File: name, Unit: schema.FileUnit(name), Unreadable: true}
			sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindUnreadable})
			return sub
		}
		sub := fakes(data, name)
		if sub.Unit == "月牙湖乡" {
			sub.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindConsistency})
		}
		if sub.Unit == "大新镇" {
			sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindSum})
		}
		return sub
	}
	res := Validate([]Source{fake("掌政镇|2018|1"), fake("月牙湖乡|2018|2"), fake("大新镇|2018|3"), broken, stray}, read,
		Options{Roster: []string{"掌政镇", "月牙湖乡", "大新镇", "通贵乡", "银古路街道", "丽景街街道"}})
	var got []string
	for _, u := range res.Units() {
		got = append(got, u.Status.Name(schema.Zh)+" "+u.Name)
	}
	assert.Equal(t, []string{
		// A Word report is not the table: its unit has still not sent it.
		"未报送 丽景街街道", "未报送 银古路街道",
		// A workbook that cannot be read was sent: it must be sent again.
		"需重报 大新镇", "需重报 通贵乡",
		"需核实 月牙湖乡", "需核实 银古路街道",
		"通过 掌政镇",
	}, got)
}
