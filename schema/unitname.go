package schema

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Administrative suffixes, longest first within each group. A unit name is
// the last administrative segment of a text: "银川市兴庆区掌政镇" → 掌政镇.
var (
	upperSuffixes = []string{"特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "州", "盟", "地区", "区", "县", "旗"}
	lowerSuffixes = []string{"街道办事处", "街道", "民族乡", "镇", "乡", "苏木", "办事处", "开发区", "园区", "管委会"}
	// bodySuffixes name the office of a unit rather than the unit.
	bodySuffixes = []string{"人民政府办公室", "人民政府", "政府办公室", "党政办公室", "党政办", "政府", "办公室"}
)

// UnitName extracts a reporting unit's name from a title, a 填报单位 line or
// a file name: it drops the higher administrative levels, a year, and words
// such as 人民政府: "银川市兴庆区掌政镇人民政府" → 掌政镇, "凤凰北街街道办事处" →
// 凤凰北街街道. It returns "" when nothing name-like is left.
func UnitName(text string) string {
	s := Fold(text)
	s = yearRE.ReplaceAllString(s, " ")
	s = cnYearRE.ReplaceAllString(s, " ")
	// Keep only runs of letters (a name has no spaces or punctuation), and
	// the digits of an ordinal inside one (第1镇); other digits are numbering
	// (03大新镇, 附件2) and split.
	s = letters(s)
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return ""
	}
	// Prefer the field naming the lowest level: a township over its district
	// ("银川市兴庆区 大新镇人民政府" → 大新镇).
	name := fields[0]
	found := false
	for _, f := range fields {
		if hasAnySuffix(lastSegment(cleanBody(f)), lowerSuffixes) {
			name, found = f, true
			break
		}
	}
	if !found {
		for _, f := range fields {
			if hasAnySuffix(cleanBody(f), upperSuffixes) {
				name = f
				break
			}
		}
	}
	name = cleanBody(name)
	for _, w := range []string{"政府信息公开", "信息公开", "统计表", "年度报告", "年报"} {
		if i := strings.Index(name, w); i > 0 {
			name = name[:i]
		}
	}
	name = lastSegment(cleanBody(name))
	if strings.HasSuffix(name, "街道办事处") {
		name = strings.TrimSuffix(name, "办事处")
	}
	return name
}

// letters turns every rune of s but letters, and digits after 第, into
// spaces.
func letters(s string) string {
	b := []rune(s)
	ordinal := false
	for i, r := range b {
		switch {
		case unicode.IsLetter(r):
			ordinal = r == '第'
		case ordinal && unicode.IsDigit(r):
		default:
			b[i], ordinal = ' ', false
		}
	}
	return string(b)
}

// CanonicalUnit is the form unit names are compared in (rosters, duplicate
// units): the unit name, or the folded text when it holds no name.
func CanonicalUnit(name string) string {
	if n := UnitName(name); n != "" {
		return n
	}
	return strings.Join(strings.Fields(Fold(name)), "")
}

// HasAdminSuffix reports whether a name ends like an administrative unit
// (镇, 乡, 街道, 区, 县, …).
func HasAdminSuffix(name string) bool {
	return hasAnySuffix(name, lowerSuffixes) || hasAnySuffix(name, upperSuffixes)
}

func cleanBody(s string) string {
	for changed := true; changed; {
		changed = false
		for _, b := range bodySuffixes {
			if strings.HasSuffix(s, b) && utf8.RuneCountInString(s) > utf8.RuneCountInString(b)+1 {
				s, changed = strings.TrimSuffix(s, b), true
			}
		}
	}
	return s
}

// lastSegment drops leading higher-level names while a name of at least two
// characters remains: "银川市兴庆区掌政镇" → "兴庆区掌政镇" → "掌政镇".
func lastSegment(s string) string {
	for {
		cut := -1
		for _, suf := range upperSuffixes {
			from := 0
			for {
				i := strings.Index(s[from:], suf)
				if i < 0 {
					break
				}
				end := from + i + len(suf)
				prefix, rest := s[:end], s[end:]
				if utf8.RuneCountInString(prefix) >= 2 && utf8.RuneCountInString(rest) >= 2 && !startsWithAny(rest, upperSuffixes) && !isSuffix(rest) {
					if cut < 0 || end < cut {
						cut = end
					}
					break
				}
				from = end
			}
		}
		if cut < 0 {
			return s
		}
		s = s[cut:]
	}
}

// isSuffix reports a text that is an administrative suffix alone (街道):
// cutting before it would leave no name ("东区街道" is not 东区 + 街道).
func isSuffix(s string) bool {
	for _, suf := range append(append([]string{}, lowerSuffixes...), upperSuffixes...) {
		if s == suf {
			return true
		}
	}
	return false
}

// UpperLevel reports a district, county or city name (区, 县, 市, 旗…).
func UpperLevel(name string) bool {
	return hasAnySuffix(name, upperSuffixes) && !hasAnySuffix(name, lowerSuffixes)
}

// LowerLevel reports a township or street-office name (镇, 乡, 街道…).
func LowerLevel(name string) bool { return hasAnySuffix(name, lowerSuffixes) }

func startsWithAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, sufs []string) bool {
	for _, suf := range sufs {
		if strings.HasSuffix(s, suf) && utf8.RuneCountInString(s) > utf8.RuneCountInString(suf) {
			return true
		}
	}
	return false
}

var (
	yearRE   = regexp.MustCompile(`(?:19|20)\d{2}\s*年?度?`)
	cnYearRE = regexp.MustCompile(`[二][〇○零Ｏ0O][一二三四五六七八九〇○零Ｏ0O]{2}\s*年?度?`)
	cnDigits = map[rune]rune{'〇': '0', '○': '0', '零': '0', 'Ｏ': '0', 'O': '0', '0': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9'}
	yearOnly = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
	yearBare = regexp.MustCompile(`(?:^|\D)((?:19|20)\d{2})(?:\D|$)`)
)

// ParseYear finds a report year in a text: "2018 年度", "二〇一八年", or a
// bare 2018 (in a file name). It returns 0 when there is none.
func ParseYear(text string) int {
	s := Fold(text)
	if m := yearOnly.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if m := cnYearRE.FindString(text); m != "" {
		var b strings.Builder
		for _, r := range m {
			if d, ok := cnDigits[r]; ok {
				b.WriteRune(d)
			}
		}
		if y, err := strconv.Atoi(b.String()[:4]); err == nil {
			return y
		}
	}
	if m := yearBare.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// FileUnit derives a unit name from a file's path: "乡镇/03-大新镇2018年统计表.xlsx"
// → 大新镇; the bare file name when nothing name-like is in it.
func FileUnit(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	if i := strings.LastIndex(base, "."); i > 0 {
		base = base[:i]
	}
	if u := UnitName(base); u != "" {
		return u
	}
	return base
}
