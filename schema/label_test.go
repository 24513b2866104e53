package schema

import (
	"strings"
	"tally/internal/fuzzbudget"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
)

func TestNormalizeLabel(t *testing.T) {
	tests := map[string]string{
		"(一) 主动公开政府信息数\n(不同渠道和方式公开相同信息计 1 条 )": "主动公开政府信息数",
		"（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）":       "主动公开政府信息数",
		"其中：主动公开规范性文件数":                        "主动公开规范性文件数",
		"其中:主动公开规范性文件数":                        "主动公开规范性文件数",
		"其中：主要负责同志参加政府网站在线访\n谈次数":              "主要负责同志参加政府网站在线访谈次数",
		"1.政府公报公开政府信息数":                        "政府公报公开政府信息数",
		"1、政府公报公开政府信息数":                        "政府公报公开政府信息数",
		"１．政府公报公开政府信息数":                        "政府公报公开政府信息数",
		"(1)当面申请数": "当面申请数",
		"①当面申请数":   "当面申请数",
		"四、行政复议数量": "行政复议数量",
		"危及国家安全、公共安全、经济\n安全和社会稳定":       "危及国家安全公共安全经济安全和社会稳定",
		"不是《条例》所指政府信息":                  "不是条例所指政府信息",
		"2.专职人员数 (不包括政府公报及政府\n网站工作人员数)": "专职人员数",
		"（四）政府信息公开专项经费（不包括用于政府":         "政府信息公开专项经费",
		"统计指标":               "统计指标",
		"  主动  公开   政府信息数  ": "主动公开政府信息数",
		"(二) 被依法纠错数":         "被依法纠错数",
		"1.5倍":               "15倍",
		"":                   "",
		"(不同渠道和方式公开相同信息计 1 条 )": "",
	}
	for in, want := range tests {
		assert.Equal(t, want, NormalizeLabel(in), "%q", in)
	}
}

func TestStripNumbering(t *testing.T) {
	assert.Equal(t, "收到申请数", StripNumbering("(一) 收到申请数"))
	assert.Equal(t, "主动公开政府信息数", StripNumbering("(一)主动公开政府信息数\n(不同渠道和方式公开相同信息计 1 条 )"))
	assert.Equal(t, "涉及国家秘密", StripNumbering("其中：涉及国家秘密"))
}

func TestNormalizeUnit(t *testing.T) {
	for in, want := range map[string]string{"条": "条", "（条）": "条", "人 次": "人次", "万元": "万元", "单位：万元": "万元", "": ""} {
		assert.Equal(t, want, NormalizeUnit(in), in)
	}
}

func FuzzNormalizeLabel(f *testing.F) {
	for _, s := range []string{"(一) 主动公开政府信息数\n(不同渠道)", "其中：涉及国家秘密", "1.5倍", "（（", "一、二、三", "①②", "60", "007"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		defer fuzzbudget.Check(t, time.Now())
		n := NormalizeLabel(s)
		for _, r := range n {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("%q -> %q keeps %q", s, n, r)
			}
		}
		// The normal form of a name is stable once numbering is gone.
		if again := NormalizeLabel(n); len(again) > len(n) {
			t.Fatalf("%q -> %q -> %q grew", s, n, again)
		}
		// A whole number is its own normal form: the reader relies on it
		// to skip the normaliser for the many number cells.
		if s != "" && strings.Trim(s, "0123456789") == "" && n != s {
			t.Fatalf("the number %q -> %q", s, n)
		}
		_ = StripNumbering(s)
		// StripNumbering runs the expression only on text with ) . 、 or
		// a leading 其中: no other text may match it.
		for _, x := range []string{s, strings.TrimSpace(Fold(s))} {
			if numbering.MatchString(x) && !strings.HasPrefix(strings.TrimSpace(x), "其中") && !strings.ContainsAny(x, ").、") {
				t.Fatalf("%q is numbered without ) . 、 or 其中", x)
			}
		}
	})
}
