package schema

import (
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
)

func TestUnitName(t *testing.T) {
	for in, want := range map[string]string{
		"银川市兴庆区掌政镇 2018 年度政府信息公开情况统计表": "掌政镇",
		"2018年度通贵乡政府信息公开情况统计表":         "通贵乡",
		"掌政镇政府信息公开情况统计表（2018年）":        "掌政镇",
		"掌政镇人民政府":            "掌政镇",
		"凤凰北街街道办事处":          "凤凰北街街道",
		"宁夏回族自治区银川市兴庆区胜利街街道": "胜利街街道",
		"兰州市城关区":             "城关区",
		"市中区文化街道":            "文化街道",
		"新市区":                "新市区",
		"银川市兴庆区":             "兴庆区",
		"月牙湖乡2018年统计表":       "月牙湖乡",
		"03-大新镇":             "大新镇",
		"03大新镇":              "大新镇",
		"附件2文化街街道":           "文化街街道",
		"第12镇":               "第12镇",
		"填报单位：通贵乡人民政府（盖章）":   "通贵乡",
		"":     "",
		"2018": "",
	} {
		assert.Equal(t, want, UnitName(in), "%q", in)
	}
	assert.Equal(t, CanonicalUnit("凤凰北街街道办事处"), CanonicalUnit("凤凰北街街道"))
	assert.True(t, HasAdminSuffix("掌政镇"))
	assert.False(t, HasAdminSuffix("统计表"))
}

func TestParseYear(t *testing.T) {
	for in, want := range map[string]int{
		"银川市兴庆区掌政镇 2018 年度政府信息公开情况统计表": 2018,
		"二〇一八年度政府信息公开情况统计表":            2018,
		"二○一九年":           2019,
		"掌政镇2018.xlsx":    2018,
		"２０１７年":           2017,
		"统计表":             0,
		"电话 0951-6121130": 0,
	} {
		assert.Equal(t, want, ParseYear(in), "%q", in)
	}
}

func TestFileUnit(t *testing.T) {
	assert.Equal(t, "大新镇", FileUnit("乡镇/03-大新镇2018年统计表.xlsx"))
	assert.Equal(t, "大新镇", FileUnit(`C:\报表\大新镇.xlsx`))
	assert.Equal(t, "统计表", FileUnit("统计表.xlsx"))
	assert.Equal(t, "notes", FileUnit("notes"))
}

// The title parser reads titles, 填报单位 lines and file names from any
// submission: it never fails, a year is a plausible year, and a unit name is
// one run of letters taken from the text.
func FuzzTitle(f *testing.F) {
	for _, s := range []string{
		"大新镇2018年度政府信息公开情况统计表", "银川市兴庆区掌政镇人民政府2018年政府信息公开工作年度报告",
		"填报单位：凤凰北街街道办事处", "二〇一八年度", "乡镇/03-大新镇2018年统计表.xlsx", "２０１９年", "二O二一 年度",
		"", "年", "镇镇镇", "\xff\xfe", "兴庆区", `C:\报表\月牙湖乡.xls`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u := UnitName(s)
		if strings.ContainsFunc(u, func(r rune) bool { return !unicode.IsLetter(r) }) {
			t.Fatalf("UnitName(%q) = %q has more than letters", s, u)
		}
		if u != "" && !strings.Contains(Fold(s), u) {
			t.Fatalf("UnitName(%q) = %q is not in the text", s, u)
		}
		if y := ParseYear(s); y != 0 && (y < 1900 || y > 2099) {
			t.Fatalf("ParseYear(%q) = %d", s, y)
		}
		_ = FileUnit(s)
		_ = UpperLevel(u)
		_ = LowerLevel(u)
	})
}
