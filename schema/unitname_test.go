package schema

import (
	"strings"
	"tally/internal/fuzzbudget"
	"testing"
	"time"
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
		// Units that are not townships: a 片区管理局, a government's
		// departments and agencies, never cut inside a word.
		"平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表": "金井片区管理局",
		"平潭综合实验区市场监督管理局2022年度政府信息公开工作年度报告统计表": "市场监督管理局",
		"银川市市场监督管理局": "市场监督管理局",
		"兴庆区市政管理局":   "市政管理局",
		"宿迁市沭阳县卫生健康委员会2021年度政府信息公开工作年度报告": "卫生健康委员会",
		"沭阳县政务服务中心":            "政务服务中心",
		"沭阳县统计局":               "统计局",
		"银川经济技术开发区管理委员会":       "银川经济技术开发区管理委员会",
		"附件2 平潭综合实验区交通与建设局统计表": "交通与建设局",
		"沭阳县人民政府办公室":           "沭阳县",
	} {
		assert.Equal(t, want, UnitName(in), "%q", in)
	}
	assert.Equal(t, CanonicalUnit("凤凰北街街道办事处"), CanonicalUnit("凤凰北街街道"))
	assert.True(t, HasAdminSuffix("掌政镇"))
	assert.False(t, HasAdminSuffix("统计表"))
}

func TestIsUnitName(t *testing.T) {
	for name, want := range map[string]bool{
		"掌政镇": true, "凤凰北街街道": true, "兴庆区": true, "金井片区管理局": true, "金井片区": true,
		"市场监督管理局": true, "卫生健康委员会": true, "政务服务中心": true, "行政审批局": true, "档案馆": true,
		"统计表": false, "附件": false, "主动公开政府信息情况": false, "": false, "局": false,
	} {
		assert.Equal(t, want, IsUnitName(name), name)
	}
	// A 片区 or a department is below a district: a district's template
	// title gives way to it, as to a township.
	assert.True(t, LowerLevel("金井片区管理局"))
	assert.True(t, LowerLevel("金井片区"))
	assert.False(t, UpperLevel("金井片区"))
	assert.True(t, UpperLevel("平潭综合实验区"))
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
	for in, want := range map[string]string{
		"乡镇/03-大新镇2018年统计表.xlsx": "大新镇",
		`C:\报表\大新镇.xlsx`:         "大新镇",
		"统计表.xlsx":               "统计表",
		"notes":                  "notes",
		"平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表.xlsx": "金井片区管理局",
		"平潭综合实验区市场监督管理局2022年报统计表.xlsx":             "市场监督管理局",
		"附件2 平潭综合实验区交通与建设局统计表.xlsx":                "交通与建设局",
		"大新镇（修改稿）.xlsx":                            "大新镇",
		// No unit's ending: the name is kept whole but for its years,
		// the form's words and an attachment's number, never cut.
		"附件2 富宁街统计表.xlsx":     "富宁街",
		"富宁街.xlsx":            "富宁街",
		"附件3.xlsx":            "附件3",
		"bomb-cell.xlsx":      "bomb-cell",
		"(1) 金井2022年统计表.xlsx": "金井",
	} {
		assert.Equal(t, want, FileUnit(in), "%q", in)
	}
}

// The title parser reads titles, 填报单位 lines and file names from any
// submission: it never fails, a year is a plausible year, and a unit name is
// one run of letters taken from the text.
func FuzzTitle(f *testing.F) {
	for _, s := range []string{
		"大新镇2018年度政府信息公开情况统计表", "银川市兴庆区掌政镇人民政府2018年政府信息公开工作年度报告",
		"填报单位：凤凰北街街道办事处", "二〇一八年度", "乡镇/03-大新镇2018年统计表.xlsx", "２０１９年", "二O二一 年度",
		"", "年", "镇镇镇", "\xff\xfe", "兴庆区", `C:\报表\月牙湖乡.xls`,
		"平潭综合实验区金井片区管理局2022年度政府信息公开工作年度报告统计表", "附件2 平潭综合实验区市场监督管理局统计表.xlsx",
		"银川市市场监督管理局", "区区局", "市市场", "(1) 金井2022年统计表（终）.xlsx",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		defer fuzzbudget.Check(t, time.Now())
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
		if f := FileUnit(s); f == "" && strings.TrimSpace(s) != "" && !strings.ContainsAny(s, `/\.`) {
			t.Fatalf("FileUnit(%q) is empty", s)
		}
		_ = UpperLevel(u)
		_ = LowerLevel(u)
		_ = IsUnitName(u)
	})
}
