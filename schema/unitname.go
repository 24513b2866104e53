package schema

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Administrative suffixes, longest first within each group. A unit name is
// the last administrative segment of a text: "银川市兴庆区掌政镇" → 掌政镇.
var (
	upperSuffixes = []string{"特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "州", "盟", "地区", "区", "县", "旗"}
	lowerSuffixes = []string{"街道办事处", "街道", "民族乡", "镇", "乡", "苏木", "办事处", "开发区", "园区", "片区", "管委会"}
	// agencySuffixes end the names of the other units that publish the
	// table: a government's departments and agencies and the bodies under
	// it (市场监督管理局, 卫生健康委员会, 政务服务中心, 金井片区管理局).
	agencySuffixes = []string{"管理委员会", "委员会", "联合会", "红十字会", "工会", "局", "委", "办", "中心", "院", "所", "站", "馆", "队", "处", "署", "厅", "社"}
	// bodySuffixes name the office of a unit rather than the unit.
	bodySuffixes = []string{"人民政府办公室", "人民政府", "政府办公室", "党政办公室", "党政办", "政府办", "政府", "办公室"}
	// genericWords make up the names of offices that have no name of their
	// own: 管理局 is the office of what precedes it (金井片区管理局).
	genericWords = []string{"管理", "服务", "工作", "综合", "行政", "执法", "党工", "办事"}
	// boundWords begin with the character of a higher level's suffix but are
	// words of the name after it: 市场监督管理局 is not 市 + 场监督管理局.
	boundWords = []string{"市场", "市政", "市容", "市民", "市直", "市级", "区域", "区划", "区直", "区级", "县域", "县直", "县级",
		"省直", "省级", "市委", "县委", "区委", "州委", "旗委", "省委"}
	// formWords start the words of a title or file name that follow the
	// unit's name: 统计表, 年度报告.
	formWords = []string{"政府信息公开", "信息公开", "统计表", "年度报告", "年报"}
	// numberingWords are the words of an attachment's number (附件2) that a
	// file name may start with.
	numberingWords = []string{"附件", "附表", "表"}
)

// UnitName extracts a reporting unit's name from a title, a 填报单位 line or
// a file name: it drops the higher administrative levels, a year, an
// attachment's number, and words such as 人民政府: "银川市兴庆区掌政镇人民政府" →
// 掌政镇, "凤凰北街街道办事处" → 凤凰北街街道, "平潭综合实验区金井片区管理局" →
// 金井片区管理局. It returns "" when nothing name-like is left.
func UnitName(text string) string {
	s := Fold(text)
	s = yearRE.ReplaceAllString(s, " ")
	s = cnYearRE.ReplaceAllString(s, " ")
	// Keep only the runs of letters (a name has no spaces or punctuation),
	// and the digits of an ordinal inside one (第1镇; other digits are
	// numbering: 03大新镇, 附件2), each up to the words of the form that
	// follow a name.
	s = letters(s)
	var fields []string
	for _, f := range strings.Fields(s) {
		if f = cutFormWords(f); f != "" && !slices.Contains(numberingWords, f) {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return ""
	}
	// Prefer the field naming the lowest level: a township over its district
	// ("银川市兴庆区 大新镇人民政府" → 大新镇).
	name := fields[0]
	found := false
	for _, f := range fields {
		if LowerLevel(lastSegment(cleanBody(f))) {
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

// cutFormWords cuts a run of letters before the words of the form that
// follow a unit's name: 掌政镇政府信息公开情况统计表 → 掌政镇. A run that
// starts with them is left as it is.
func cutFormWords(f string) string {
	for _, w := range formWords {
		if i := strings.Index(f, w); i > 0 {
			f = f[:i]
		}
	}
	return f
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

// IsUnitName reports whether a name ends like a unit that publishes the
// table: an administrative unit, or a department or agency (局, 委员会,
// 中心, …).
func IsUnitName(name string) bool {
	return HasAdminSuffix(name) || hasAnySuffix(name, agencySuffixes)
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
// characters remains: "银川市兴庆区掌政镇" → "兴庆区掌政镇" → "掌政镇". It never
// cuts inside a word (市场监督管理局 keeps its 市) nor before the bare name of
// an office ("金井片区管理局" stays whole).
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
				if utf8.RuneCountInString(prefix) >= 2 && utf8.RuneCountInString(rest) >= 2 &&
					(!startsWithAny(rest, upperSuffixes) || startsWithAny(rest, boundWords)) &&
					!isSuffix(rest) && !bareOffice(rest) && !boundAcross(prefix, rest) {
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

// boundAcross reports a cut that would split a word: the last character of
// prefix begins a word that goes on in rest (市|场 of 市场).
func boundAcross(prefix, rest string) bool {
	last, size := utf8.DecodeLastRuneInString(prefix)
	if size == 0 {
		return false
	}
	for _, w := range boundWords {
		if first, n := utf8.DecodeRuneInString(w); first == last && strings.HasPrefix(rest, w[n:]) {
			return true
		}
	}
	return false
}

// bareOffice reports the name of an office without a name of its own (管理局,
// 管理委员会, 综合执法局): what precedes it is part of the unit's name.
func bareOffice(s string) bool {
	for _, suf := range append(append([]string{}, lowerSuffixes...), agencySuffixes...) {
		rest, ok := strings.CutSuffix(s, suf)
		if !ok {
			continue
		}
		for rest != "" {
			i := slices.IndexFunc(genericWords, func(w string) bool { return strings.HasPrefix(rest, w) })
			if i < 0 {
				break
			}
			rest = rest[len(genericWords[i]):]
		}
		if rest == "" {
			return true
		}
	}
	return false
}

// isSuffix reports a text that is an administrative suffix alone (街道):
// cutting before it would leave no name ("东区街道" is not 东区 + 街道).
func isSuffix(s string) bool {
	return slices.Contains(lowerSuffixes, s) || slices.Contains(upperSuffixes, s)
}

// UpperLevel reports a district, county or city name (区, 县, 市, 旗…).
func UpperLevel(name string) bool {
	return hasAnySuffix(name, upperSuffixes) && !LowerLevel(name)
}

// LowerLevel reports a name below a district or county: a township or a
// street office (镇, 乡, 街道…), or a department or agency (局, 中心…).
func LowerLevel(name string) bool {
	return hasAnySuffix(name, lowerSuffixes) || hasAnySuffix(name, agencySuffixes)
}

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
// → 大新镇. A name that does not end like a unit's is never cut: then the
// file name is kept whole but for its years, the words of the form
// (统计表, 年报) and an attachment's number ("附件2 富宁街统计表.xlsx" → 富宁街);
// the bare file name when nothing else is left.
func FileUnit(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	if i := strings.LastIndex(base, "."); i > 0 {
		base = base[:i]
	}
	if u := UnitName(base); IsUnitName(u) {
		return u
	}
	if s := fileStem(base); s != "" {
		return s
	}
	return base
}

// Marks of a file's number or version, not of its unit: "03-", "(1)", 附件2,
// （修改稿）.
var (
	leadingNumber = regexp.MustCompile(`^\s*[(\[]?\d+[)\]]?[\s._、\-]*`)
	attachment    = regexp.MustCompile(`(?:附件|附表|表)\s*\d+`)
	draftMark     = regexp.MustCompile(`[(\[【]\s*(?:终稿|定稿|修改稿|修订稿|最终版|终版|终|副本|草稿|\d+)\s*[)\]】]`)
)

// fileStem is a file name without its years, the words of the form (and
// what follows them), an attachment's number or a draft's mark, trimmed of
// the spaces and separators left at its ends: "附件2 富宁街统计表" → 富宁街,
// "bomb-cell" stays whole.
func fileStem(base string) string {
	s := Fold(base)
	s = yearRE.ReplaceAllString(s, " ")
	s = cnYearRE.ReplaceAllString(s, " ")
	s = draftMark.ReplaceAllString(s, " ")
	s = attachment.ReplaceAllString(s, " ")
	s = leadingNumber.ReplaceAllString(s, "")
	for _, w := range formWords {
		if i := strings.Index(s, w); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, " -_.、,，·")
}
