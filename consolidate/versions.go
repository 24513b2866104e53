package consolidate

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tally/schema"
)

// When a unit sent more than one table, the run sums one of them: the
// latest version by what the file says of itself — a mark in its name
// (修改稿, 更正, 终稿; 初稿 and 草稿 are earlier), then a date in its
// name — and then by when the file was last modified. The others are
// superseded: read and listed, never summed.

// version is what a file's name and time say about how late it is.
type version struct {
	mark    int    // 0 none; -1 a draft; 1 revised; 2 final
	word    string // the mark as written in the name
	rev     int    // a revision number after the mark (修改稿2, v3)
	date    int    // yyyymmdd from the name, 0 when it has none
	dateStr string
	mod     time.Time
}

// Marks in a file name, from the latest. A draft is earlier than a file
// without a mark; a revision is later; a final version is latest.
var versionMarks = []struct {
	words []string
	rank  int
}{
	{[]string{"终稿", "定稿", "最终版", "最终", "终版", "正式版", "(终)"}, 2},
	{[]string{"修改稿", "修改版", "修改后", "修改", "修订稿", "修订版", "修订", "更正版", "更正", "更新版", "更新", "重报", "补报", "二稿", "三稿", "新版", "修正"}, 1},
	{[]string{"初稿", "草稿", "征求意见稿", "旧版", "原稿", "作废"}, -1},
}

var (
	revisionNumber = regexp.MustCompile(`(?i)(?:v|版本|第)\s*(\d{1,2})\s*(?:版|稿|次)?`)
	afterMark      = regexp.MustCompile(`^\s*[（(]?\s*(\d{1,2})\s*[）)]?`)
	// Dates in a name: 2019.1.10, 2019-01-10, 2019_1_10, 20190110,
	// 2019年1月10日.
	dateSep     = regexp.MustCompile(`(20\d\d)\s*[.\-_/年]\s*(\d{1,2})\s*[.\-_/月]\s*(\d{1,2})`)
	dateCompact = regexp.MustCompile(`(?:^|\D)(20\d\d)(\d\d)(\d\d)(?:\D|$)`)
)

// versionOf reads a file's version from its name and modification time.
func versionOf(path string, mod time.Time) version {
	name := filepath.Base(path)
	if ext := filepath.Ext(name); strings.Trim(strings.ToLower(ext), ".abcdefghijklmnopqrstuvwxyz") == "" {
		name = strings.TrimSuffix(name, ext) // .xlsx, not the .10 of 2019.1.10
	}
	v := version{mod: mod}
	folded := schema.Fold(name)
	for _, m := range versionMarks {
		for _, w := range m.words {
			fw := schema.Fold(w)
			i := strings.Index(folded, fw)
			if i < 0 {
				continue
			}
			if v.word == "" || m.rank > v.mark {
				v.mark, v.word = m.rank, w
				if n := afterMark.FindStringSubmatch(folded[i+len(fw):]); n != nil {
					v.rev, _ = strconv.Atoi(n[1])
				}
			}
			break
		}
	}
	if v.rev == 0 {
		if n := revisionNumber.FindStringSubmatch(folded); n != nil {
			v.rev, _ = strconv.Atoi(n[1])
			if v.word == "" {
				v.word = n[0]
			}
		}
	}
	if d := dateSep.FindStringSubmatch(folded); d != nil {
		v.date, v.dateStr = dateNumber(d[1], d[2], d[3]), d[0]
	} else if d := dateCompact.FindStringSubmatch(folded); d != nil {
		v.date, v.dateStr = dateNumber(d[1], d[2], d[3]), d[1]+d[2]+d[3]
	}
	return v
}

// dateNumber is yyyymmdd, or 0 when the parts are not a date.
func dateNumber(y, m, d string) int {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if mi < 1 || mi > 12 || di < 1 || di > 31 {
		return 0
	}
	return yi*10000 + mi*100 + di
}

// sameTime is how close two modification times are taken for the same:
// files saved from one e-mail, copied or unpacked together get times
// seconds apart that say nothing of which version is later.
const sameTime = time.Minute

// The reasons one version is later than another, in the order they are
// asked.
const (
	byMark = iota + 1
	byDate
	byModified
	byNothing
)

// later compares two versions: >0 when a is later, <0 when b is, and the
// reason that decided it (byNothing: they cannot be told apart).
func later(a, b version) (int, int) {
	if a.mark != b.mark {
		return a.mark - b.mark, byMark
	}
	if a.rev != b.rev {
		return a.rev - b.rev, byMark
	}
	if a.date != 0 && b.date != 0 && a.date != b.date {
		return a.date - b.date, byDate
	}
	if !a.mod.IsZero() && !b.mod.IsZero() {
		switch d := a.mod.Sub(b.mod); {
		case d >= sameTime:
			return 1, byModified
		case d <= -sameTime:
			return -1, byModified
		}
	}
	return 0, byNothing
}

// why says, in words, why the kept file was taken for the latest.
func why(kept version, reason int) schema.Both {
	switch reason {
	case byMark:
		w := kept.word
		if w == "" {
			return schema.Both{Zh: "其他文件名标有草稿或旧版", En: "the other file names say draft or old"}
		}
		return schema.Both{Zh: "文件名标有“" + w + "”", En: "its name says " + w}
	case byDate:
		return schema.Both{Zh: "文件名中的日期 " + kept.dateStr + " 最晚", En: "the date in its name, " + kept.dateStr + ", is the latest"}
	case byModified:
		t := kept.mod.Local().Format("2006-01-02 15:04")
		return schema.Both{Zh: "文件修改时间 " + t + " 最晚", En: "it was modified last, " + t}
	}
	return schema.Both{Zh: "无法从文件名和修改时间判断哪一份是最终版，暂取排在最后的一份", En: "neither the names nor the times tell which is final; the last one listed is taken for now"}
}
