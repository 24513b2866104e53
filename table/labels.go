package table

import (
	"sort"
	"strings"
	"sync"
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

// mayBeLabel is a quick test that text may hold a letter (any character
// beyond ASCII might be one): only such text can be a label.
func mayBeLabel(text string) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// candCache looks up the labels of one sheet in one table's index, and
// remembers what it learnt of each text: locate asks about the same cells
// several times (to find the label columns, the header, each row's label,
// the rows a label runs on to), and the lookups hash the text each time.
type candCache struct {
	ix  *labelIndex
	g   *sheet
	idx map[string]int32 // text → its entry
	ent []candEntry
}

// candEntry is what a candCache knows of one text.
type candEntry struct {
	rows        []*schema.Row
	wordy, note int8 // 0: not asked yet, 1: yes, 2: no
}

func newCandCache(ix *labelIndex, g *sheet) *candCache {
	return &candCache{ix: ix, g: g, idx: make(map[string]int32, 128)}
}

// entry is the entry of a text that may be a label (mayBeLabel), made on
// first use; valid until the next call.
func (c *candCache) entry(text string) *candEntry {
	if i, ok := c.idx[text]; ok {
		return &c.ent[i]
	}
	rows := c.ix.candidates(text, c.g.norm(text))
	c.ent = append(c.ent, candEntry{rows: rows})
	c.idx[text] = int32(len(c.ent) - 1)
	return &c.ent[len(c.ent)-1]
}

func (c *candCache) get(text string) []*schema.Row {
	if !mayBeLabel(text) {
		return nil // a number, a date, a dash: never a label
	}
	return c.entry(text).rows
}

// wordy is wordy(text), remembered.
func (c *candCache) wordy(text string) bool {
	if !mayBeLabel(text) {
		return wordy(text)
	}
	e := c.entry(text)
	if e.wordy == 0 {
		e.wordy = yesNo(wordy(text))
	}
	return e.wordy == 1
}

// isNote is isNote(text), remembered.
func (c *candCache) isNote(text string) bool {
	if !mayBeLabel(text) {
		return isNote(text)
	}
	e := c.entry(text)
	if e.note == 0 {
		e.note = yesNo(isNote(text))
	}
	return e.note == 1
}

func yesNo(b bool) int8 {
	if b {
		return 1
	}
	return 2
}
