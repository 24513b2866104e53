package xlsx

import (
	"hash/maphash"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"tally/schema"
)

// labelIndex finds the rows and columns of a table by normalised label.
type labelIndex struct {
	table *schema.Table
	exact map[string][]*schema.Row
	byLen []labelEntry // every label and alias, longest first, for fuzzy matches
	units map[string]bool
	// header holds every header text: 统计指标, 单位, the column labels and
	// their groups; heads only those over the label and unit columns.
	header map[string]bool
	heads  map[string]bool
	cols   map[string][]*schema.Column
	// foreign holds the labels and titles of the schema's other tables: met
	// below a table, they end it.
	foreign map[string]bool

	memo memo[[]*schema.Row] // text → candidates
	// maxGrams is the most bigrams a label in byLen has.
	maxGrams int
	// colSpellings are the column labels and aliases, for headers spelled
	// a little differently (fuzzyColumn).
	colSpellings []colSpelling
}

// colSpelling is one spelling of a column's header.
type colSpelling struct {
	norm  string
	col   *schema.Column
	index int      // the column's position in its table
	grams []bigram // sorted
}

type labelEntry struct {
	norm  string
	row   *schema.Row
	grams []bigram // sorted
}

// indexes holds the label index of every table met, built once per process:
// a schema does not change while tally runs.
var indexes sync.Map // *schema.Table → *labelIndex

// labelIndexOf is the label index of a table of a schema.
func labelIndexOf(s *schema.Schema, t *schema.Table) *labelIndex {
	if ix, ok := indexes.Load(t); ok {
		return ix.(*labelIndex)
	}
	ix, _ := indexes.LoadOrStore(t, newLabelIndex(s, t))
	return ix.(*labelIndex)
}

// columnLabels are the texts a column's header may show: its label, its
// aliases, and its English name.
func columnLabels(c *schema.Column) []string {
	out := append([]string{c.Label}, c.Aliases...)
	if c.En != "" {
		out = append(out, c.En)
	}
	return out
}

func newLabelIndex(s *schema.Schema, t *schema.Table) *labelIndex {
	ix := &labelIndex{table: t, exact: map[string][]*schema.Row{}, units: map[string]bool{},
		header: map[string]bool{}, heads: map[string]bool{}, cols: map[string][]*schema.Column{}, foreign: map[string]bool{}}
	for _, r := range t.Rows {
		for _, n := range r.NormalLabels() {
			if n == "" {
				continue
			}
			if !containsRow(ix.exact[n], r) {
				ix.exact[n] = append(ix.exact[n], r)
			}
			ix.byLen = append(ix.byLen, labelEntry{n, r, bigrams(n)})
		}
		if r.Unit != "" {
			ix.units[schema.NormalizeUnit(r.Unit)] = true
		}
	}
	// The English names, as tally's workbooks in English print them: found
	// exactly, never by likeness (they are tally's own words).
	for _, r := range t.Rows {
		if n := schema.NormalizeLabel(r.En); n != "" && !containsRow(ix.exact[n], r) {
			ix.exact[n] = append(ix.exact[n], r)
		}
	}
	sort.SliceStable(ix.byLen, func(i, j int) bool { return len(ix.byLen[i].norm) > len(ix.byLen[j].norm) })
	for _, e := range ix.byLen {
		ix.maxGrams = max(ix.maxGrams, len(e.grams))
	}
	for _, h := range []string{t.Header.Label, t.Header.Unit, "统计指标", "指标", "指标名称", "项目", "计量单位", "单位", "信息内容", "Indicator", "Unit"} {
		if n := schema.NormalizeLabel(h); n != "" {
			ix.header[n] = true
			ix.heads[n] = true
		}
	}
	for i, c := range t.Columns {
		for _, l := range columnLabels(c) {
			if n := schema.NormalizeLabel(l); n != "" {
				ix.header[n] = true
				ix.cols[n] = append(ix.cols[n], c)
			}
		}
		// Likeness, as for row labels, for the label and its aliases; the
		// English name is found exactly only (it is tally's own word).
		for _, l := range append([]string{c.Label}, c.Aliases...) {
			if n := schema.NormalizeLabel(l); n != "" {
				ix.colSpellings = append(ix.colSpellings, colSpelling{n, c, i, bigrams(n)})
			}
		}
		for _, gl := range c.Group {
			if n := schema.NormalizeLabel(gl); n != "" {
				ix.header[n] = true
			}
		}
		if c.Unit != "" {
			ix.units[schema.NormalizeUnit(c.Unit)] = true
		}
	}
	if s != nil {
		own := map[string]bool{}
		for n := range ix.exact {
			own[n] = true
		}
		for n := range ix.header {
			own[n] = true
		}
		for _, o := range s.Tables {
			if o == t {
				continue
			}
			for _, l := range append([]string{o.Title}, o.Aliases...) {
				if n := schema.NormalizeLabel(l); n != "" && !own[n] {
					ix.foreign[n] = true
				}
			}
			for _, r := range o.Rows {
				for _, l := range append([]string{r.Label, r.En}, r.Aliases...) {
					if n := schema.NormalizeLabel(l); n != "" && !own[n] && !r.Unlabeled {
						ix.foreign[n] = true
					}
				}
			}
			for _, c := range o.Columns {
				for _, l := range append(columnLabels(c), c.Group...) {
					if n := schema.NormalizeLabel(l); n != "" && !own[n] {
						ix.foreign[n] = true
					}
				}
			}
		}
	}
	for _, u := range []string{"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项", "场", "期", "家", "户"} {
		ix.units[u] = true
	}
	return ix
}

func containsRow(rs []*schema.Row, r *schema.Row) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// memo remembers the results of a function of a text, for at most maxMemo
// texts: the labels of thousands of workbooks are mostly the same few
// hundred texts. A text is remembered the second time it is met: a title,
// a name or a note met once would otherwise fill the memo before the
// labels of a layout met later.
type memo[V any] struct {
	m sync.Map // text → V
	n atomic.Int64
	// seen holds the hashes of texts met once and not yet remembered, one
	// per slot: a text met since in the same slot takes its place.
	seen [1 << 12]atomic.Uint64
}

var memoSeed = maphash.MakeSeed()

func (m *memo[V]) get(text string, f func(string) V) V {
	if v, ok := m.m.Load(text); ok {
		return v.(V)
	}
	v := f(text)
	if m.n.Load() < maxMemo {
		h := maphash.String(memoSeed, text) | 1 // 0 is an empty slot
		slot := &m.seen[h%uint64(len(m.seen))]
		if slot.Load() != h {
			slot.Store(h)
		} else if _, loaded := m.m.LoadOrStore(text, v); !loaded {
			m.n.Add(1)
		}
	}
	return v
}

var labelNorms, folded, unitNorms memo[string]

// normUnit is schema.NormalizeUnit, remembered: every value row's unit cell
// is compared with the schema's, and a table has a handful of units.
func normUnit(text string) string {
	if text == "" {
		return ""
	}
	return unitNorms.get(text, schema.NormalizeUnit)
}

// normLabel is schema.NormalizeLabel, remembered for texts that may be
// labels: numbers are many, seldom met again, and quick to reduce.
func normLabel(text string) string {
	if text == "" {
		return ""
	}
	if !mayBeLabel(text) {
		if allDigits(text) {
			return text // a whole number is its own normal form
		}
		return schema.NormalizeLabel(text)
	}
	return labelNorms.get(text, schema.NormalizeLabel)
}

// allDigits reports text of ASCII digits only.
func allDigits(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			return false
		}
	}
	return true
}

// foldText is schema.Fold, remembered: the same label texts are folded for
// every table of every schema in every workbook.
func foldText(text string) string {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return folded.get(text, schema.Fold)
		}
	}
	return text // folding leaves ASCII as it is
}

// maxMemo bounds the texts an index remembers the candidates of: the labels
// of thousands of workbooks are mostly the same few hundred texts.
const maxMemo = 1 << 12

// candidates returns the rows a label may name, given the text and its
// normal form (normLabel), remembering the answer for the next workbook:
// exact matches of the label or an alias; else, when the text runs on past
// a label after a space or a colon (a note without parentheses), that
// label; else close spellings.
func (ix *labelIndex) candidates(text, norm string) []*schema.Row {
	if rs := ix.exact[norm]; len(rs) > 0 {
		return rs
	}
	return ix.memo.get(text, func(text string) []*schema.Row { return ix.lookup(text, norm) })
}

// lookup is candidates, not remembered.
func (ix *labelIndex) lookup(text, norm string) []*schema.Row {
	if norm == "" {
		return nil
	}
	if rs := ix.exact[norm]; len(rs) > 0 {
		return rs
	}
	stripped := schema.StripNumbering(text)
	if i := strings.IndexFunc(stripped, func(r rune) bool { return unicode.IsSpace(r) || r == ':' || r == '：' }); i > 0 {
		if rs := ix.exact[schema.NormalizeLabel(stripped[:i])]; len(rs) > 0 && utf8.RuneCountInString(stripped[:i]) >= 4 {
			return rs
		}
	}
	return ix.fuzzy(norm, 0.8, nil)
}

// fuzzy returns the rows whose labels are spelled most like norm, at least
// as alike as min; allow, when set, limits the rows considered.
func (ix *labelIndex) fuzzy(norm string, min float64, allow func(*schema.Row) bool) []*schema.Row {
	var out []*schema.Row
	best := 0.0
	// Dice ≥ min needs the shorter at least min/(2-min) of the longer: a
	// text far longer than every label (a title, a note) is none of them.
	if n := utf8.RuneCountInString(norm) - 1; float64(ix.maxGrams) < float64(n)*min/(2-min) {
		return nil
	}
	q := bigrams(norm)
	if len(q) < 2 {
		return nil
	}
	for _, e := range ix.byLen {
		if len(e.grams) < 2 {
			continue
		}
		// Dice ≥ min needs the shorter at least min/(2-min) of the longer.
		short, long := min2(len(q), len(e.grams))
		if float64(short) < float64(long)*min/(2-min) {
			continue
		}
		if allow != nil && !allow(e.row) {
			continue
		}
		if s := dice(q, e.grams); s >= min && s >= best {
			if s > best {
				out, best = out[:0], s
			}
			if !containsRow(out, e.row) {
				out = append(out, e.row)
			}
		}
	}
	return out
}

// fuzzyColumn returns the column whose header norm is most likely a slip
// for, by the likeness row labels are matched with (fuzzy): at least as
// alike as min, among the columns allow lets through; nil when none is, or
// when two columns are equally alike.
func (ix *labelIndex) fuzzyColumn(norm string, min float64, allow func(col *schema.Column, index int) bool) *schema.Column {
	q := bigrams(norm)
	if len(q) < 2 {
		return nil
	}
	var best *schema.Column
	bestScore, tie := 0.0, false
	for _, e := range ix.colSpellings {
		if len(e.grams) < 2 || !allow(e.col, e.index) {
			continue
		}
		short, long := min2(len(q), len(e.grams))
		if float64(short) < float64(long)*min/(2-min) {
			continue
		}
		s := dice(q, e.grams)
		switch {
		case s < min || s < bestScore:
		case s > bestScore:
			best, bestScore, tie = e.col, s, false
		case e.col != best:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return best
}

// A bigram is two consecutive characters.
type bigram [2]rune

// bigrams are a string's character bigrams, sorted; none below 3 characters.
func bigrams(s string) []bigram {
	rs := []rune(s)
	if len(rs) < 3 {
		return nil
	}
	out := make([]bigram, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, bigram{rs[i], rs[i+1]})
	}
	slices.SortFunc(out, func(a, b bigram) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	return out
}

// dice is the Dice coefficient of two sorted bigram lists (as multisets).
func dice(a, b []bigram) float64 {
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i][0] < b[j][0] || a[i][0] == b[j][0] && a[i][1] < b[j][1]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

func min2(a, b int) (int, int) {
	if a < b {
		return a, b
	}
	return b, a
}

// noteWords start the lines under a table that are not indicators.
var noteWords = []string{"填表人", "填报人", "制表人", "制表", "联系电话", "电话", "联系人", "审核人", "审核",
	"负责人", "单位负责人", "统计负责人", "分管领导", "填报日期", "填表日期", "报送日期", "日期", "说明", "注", "备注", "填表说明", "填报单位", "单位名称", "盖章"}

func isNote(text string) bool {
	s := strings.TrimSpace(foldText(text))
	for _, w := range noteWords {
		rest, ok := strings.CutPrefix(s, w)
		if !ok {
			continue
		}
		if utf8.RuneCountInString(w) >= 3 {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || strings.ContainsRune(":： ", r) || r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}
