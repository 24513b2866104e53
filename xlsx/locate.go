package xlsx

import (
	"sort"
	"strings"
	"unicode/utf8"

	"tally/schema"
)

// labelIndex finds the rows of a table by normalised label.
type labelIndex struct {
	table  *schema.Table
	exact  map[string][]*schema.Row
	byLen  []labelEntry // every label and alias, longest first, for prefix matches
	units  map[string]bool
	header map[string]bool // header texts: 统计指标, 单位, column labels
	cols   map[string]*schema.Column
}

type labelEntry struct {
	norm string
	row  *schema.Row
}

func newLabelIndex(t *schema.Table) *labelIndex {
	ix := &labelIndex{table: t, exact: map[string][]*schema.Row{}, units: map[string]bool{},
		header: map[string]bool{}, cols: map[string]*schema.Column{}}
	for _, r := range t.Rows {
		for _, l := range append([]string{r.Label}, r.Aliases...) {
			n := schema.NormalizeLabel(l)
			if n == "" {
				continue
			}
			if !containsRow(ix.exact[n], r) {
				ix.exact[n] = append(ix.exact[n], r)
			}
			ix.byLen = append(ix.byLen, labelEntry{n, r})
		}
		if r.Unit != "" {
			ix.units[schema.NormalizeUnit(r.Unit)] = true
		}
	}
	sort.SliceStable(ix.byLen, func(i, j int) bool { return len(ix.byLen[i].norm) > len(ix.byLen[j].norm) })
	for _, h := range []string{t.Header.Label, t.Header.Unit, "指标", "指标名称", "项目", "计量单位", "单位"} {
		if n := schema.NormalizeLabel(h); n != "" {
			ix.header[n] = true
		}
	}
	for _, c := range t.Columns {
		for _, l := range append([]string{c.Label}, c.Aliases...) {
			if n := schema.NormalizeLabel(l); n != "" {
				ix.header[n] = true
				ix.cols[n] = c
			}
		}
		if c.Unit != "" {
			ix.units[schema.NormalizeUnit(c.Unit)] = true
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

// candidates returns the rows a label may name: exact matches of the label
// or an alias, else labels the text starts with (a note run into the
// label), else close spellings.
func (ix *labelIndex) candidates(norm string) []*schema.Row {
	if norm == "" {
		return nil
	}
	if rs := ix.exact[norm]; len(rs) > 0 {
		return rs
	}
	var out []*schema.Row
	hit := 0
	for _, e := range ix.byLen {
		if hit > 0 && len(e.norm) < hit {
			break
		}
		if utf8.RuneCountInString(e.norm) >= 4 && strings.HasPrefix(norm, e.norm) && !containsRow(out, e.row) {
			hit = len(e.norm)
			out = append(out, e.row)
		}
	}
	if len(out) > 0 {
		return out
	}
	best := 0.0
	for _, e := range ix.byLen {
		if s := similarity(norm, e.norm); s >= 0.8 && s >= best {
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

// similarity is the Dice coefficient of the two strings' character bigrams.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 3 || len(rb) < 3 {
		return 0
	}
	grams := map[[2]rune]int{}
	for i := 0; i+1 < len(ra); i++ {
		grams[[2]rune{ra[i], ra[i+1]}]++
	}
	common := 0
	for i := 0; i+1 < len(rb); i++ {
		g := [2]rune{rb[i], rb[i+1]}
		if grams[g] > 0 {
			grams[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ra)-1+len(rb)-1)
}

// noteWords start the lines under a table that are not indicators.
var noteWords = []string{"填表人", "填报人", "制表人", "制表", "联系电话", "电话", "联系人", "审核人", "审核",
	"负责人", "单位负责人", "统计负责人", "分管领导", "填报日期", "填表日期", "报送日期", "日期", "说明", "注", "备注", "填表说明", "填报单位", "单位名称", "盖章"}

func isNote(text string) bool {
	s := strings.TrimSpace(schema.Fold(text))
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

// placement is where a table was found on a sheet, and which sheet row
// holds each of its rows.
type placement struct {
	g        *grid
	ix       *labelIndex
	labelCol int
	unitCol  int // -1: no unit column
	valueCol map[string]int
	header   int // the first header row, -1 when there is none
	top      int // the first row of the table (header or first indicator)
	rows     map[string]int
	extra    []int // unrecognised labelled rows that carry a number
	dups     map[string]int
	matched  int // indicator rows found
	total    int // indicator rows of the table
}

// score is the share of the table's indicator rows found on the sheet.
func (p *placement) score() float64 {
	if p == nil || p.total == 0 {
		return 0
	}
	return float64(p.matched) / float64(p.total)
}

// locate finds a table on a sheet. It returns nil when not even one
// indicator label is on the sheet.
func locate(g *grid, ix *labelIndex) *placement {
	norms := normCache{}
	counts := map[int]int{}
	first := -1
	for r, row := range g.rows {
		for c, text := range row {
			if text == "" || g.isFill(r, c) {
				continue
			}
			if len(ix.candidates(norms.get(text))) > 0 {
				counts[c]++
				if first < 0 {
					first = r
				}
			}
		}
	}
	if len(counts) == 0 {
		return nil
	}
	labelCol, best := -1, 0
	for c, n := range counts {
		if n > best || n == best && c < labelCol {
			labelCol, best = c, n
		}
	}
	p := &placement{g: g, ix: ix, labelCol: labelCol, unitCol: -1, header: -1,
		valueCol: map[string]int{}, rows: map[string]int{}, dups: map[string]int{}}
	for _, r := range ix.table.Rows {
		if !r.Heading {
			p.total++
		}
	}
	p.findHeader(norms, first)
	p.top = first
	if p.header >= 0 && p.header < first {
		p.top = p.header
	}
	p.findUnitCol(norms)
	p.findValueCols(norms)
	p.matchRows(norms)
	return p
}

type normCache map[string]string

func (n normCache) get(text string) string {
	if v, ok := n[text]; ok {
		return v
	}
	v := schema.NormalizeLabel(text)
	n[text] = v
	return v
}

// isHeaderRow reports whether a row repeats the table's header (统计指标 …).
func (p *placement) isHeaderRow(norms normCache, r int) bool {
	hits := 0
	for _, text := range p.g.rows[r] {
		if text != "" && p.ix.header[norms.get(text)] {
			hits++
		}
	}
	return hits >= 2 || hits == 1 && p.ix.header[norms.get(p.g.at(r, p.labelCol))]
}

func (p *placement) findHeader(norms normCache, first int) {
	for r := 0; r < len(p.g.rows) && r <= first+2; r++ {
		if p.isHeaderRow(norms, r) {
			p.header = r
			if r >= first-3 {
				return
			}
		}
	}
}

func (p *placement) findUnitCol(norms normCache) {
	if p.header >= 0 {
		unit := schema.NormalizeLabel(p.ix.table.Header.Unit)
		for c, text := range p.g.rows[p.header] {
			if n := norms.get(text); c != p.labelCol && n != "" && (n == unit || n == "单位" || n == "计量单位") {
				p.unitCol = c
				return
			}
		}
	}
	counts := map[int]int{}
	for r := p.top; r < len(p.g.rows); r++ {
		for c := p.labelCol + 1; c < len(p.g.rows[r]); c++ {
			if u := schema.NormalizeUnit(p.g.rows[r][c]); u != "" && p.ix.units[u] {
				counts[c]++
			}
		}
	}
	best := 2 // a unit column has units on several rows
	for c, n := range counts {
		if n > best || n == best && c < p.unitCol {
			p.unitCol, best = c, n
		}
	}
}

// findValueCols picks the value column of a single-value table: the column
// right of the labels with the most numbers on indicator rows. The header's
// column (统计数 or an alias) wins when it holds at least half as many; among
// equals, a header naming the latest year or 本年 wins, then the leftmost.
func (p *placement) findValueCols(norms normCache) {
	t := p.ix.table
	if p.header >= 0 {
		for c, text := range p.g.rows[p.header] {
			if col, ok := p.ix.cols[norms.get(text)]; ok && c > p.labelCol && c != p.unitCol {
				if _, taken := p.valueCol[col.Code]; !taken {
					p.valueCol[col.Code] = c
				}
			}
		}
	}
	if !t.Single() {
		return
	}
	counts := map[int]int{}
	for r := p.top; r < len(p.g.rows); r++ {
		if len(p.ix.candidates(norms.get(p.g.at(r, p.labelCol)))) == 0 {
			continue
		}
		for c := p.labelCol + 1; c < len(p.g.rows[r]); c++ {
			if c == p.unitCol || p.g.isFill(r, c) {
				continue
			}
			if f := schema.ParseNumber(p.g.rows[r][c]).Form; f == schema.Number || f == schema.ZeroMark {
				counts[c]++
			}
		}
	}
	code := t.Columns[0].Code
	best, col := 0, -1
	for c, n := range counts {
		if n > best || n == best && p.preferred(c, col) {
			col, best = c, n
		}
	}
	if hc, ok := p.valueCol[code]; ok && (col < 0 || 2*counts[hc] >= best) {
		return
	}
	if col < 0 {
		// No numbers at all: the first column after the labels and units.
		col = p.labelCol + 1
		if col == p.unitCol {
			col++
		}
	}
	p.valueCol[code] = col
}

// preferred breaks a tie between two value columns by their headers: the
// later year, then 本年/本期 over anything else, then the leftmost.
func (p *placement) preferred(c, than int) bool {
	if than < 0 {
		return true
	}
	if p.header >= 0 {
		hc, ht := p.g.at(p.header, c), p.g.at(p.header, than)
		yc, yt := schema.ParseYear(hc), schema.ParseYear(ht)
		if yc != yt {
			return yc > yt
		}
		cur := func(s string) bool { return strings.Contains(s, "本年") || strings.Contains(s, "本期") }
		if cur(hc) != cur(ht) {
			return cur(hc)
		}
	}
	return c < than
}

// firstValueCol is the leftmost value column.
func (p *placement) firstValueCol() int {
	first := -1
	for _, c := range p.valueCol {
		if first < 0 || c < first {
			first = c
		}
	}
	return first
}

// labelOf returns the label of a sheet row: the rightmost cell left of the
// values (the unit column aside) that names an indicator, else the
// rightmost non-empty one. Cells filled from a merge above are skipped, so
// a group label merged down its rows does not hide its items.
func (p *placement) labelOf(norms normCache, r int) (text string, rows []*schema.Row) {
	last := p.firstValueCol()
	fallback := ""
	for c := min(last, len(p.g.rows[r])) - 1; c >= 0; c-- {
		if c == p.unitCol {
			continue
		}
		t := p.g.rows[r][c]
		if t == "" {
			continue
		}
		if a, ok := p.g.anchor[[2]int{r, c}]; ok && a[0] != r {
			continue
		}
		n := norms.get(t)
		if n == "" {
			continue
		}
		if cands := p.ix.candidates(n); len(cands) > 0 {
			return t, cands
		}
		if fallback == "" {
			fallback = t
		}
	}
	return fallback, nil
}

// matchRows assigns sheet rows to the table's rows, by label, in order, and
// with the section context for labels that occur in several sections.
func (p *placement) matchRows(norms normCache) {
	assigned := map[*schema.Row]bool{}
	lastIndex, section := -1, ""
	valueCol := p.firstValueCol()
	end := len(p.g.rows)
	blankRun := 0
	for r := p.top; r < end; r++ {
		if p.isHeaderRow(norms, r) {
			continue
		}
		text, cands := p.labelOf(norms, r)
		if text == "" {
			blankRun++
			continue
		}
		if isNote(text) {
			continue
		}
		if len(cands) == 0 {
			if p.matched > 0 && blankRun < 3 && schema.ParseNumber(p.g.at(r, valueCol)).Form == schema.Number {
				p.extra = append(p.extra, r)
			}
			continue
		}
		blankRun = 0
		row := pick(cands, assigned, lastIndex, section)
		if assigned[row] {
			if _, dup := p.dups[row.Code]; !dup {
				p.dups[row.Code] = r
			}
			continue
		}
		assigned[row] = true
		lastIndex, section = row.Index(), row.Section()
		if row.Heading {
			continue
		}
		p.rows[row.Code] = r
		p.matched++
	}
}

// pick chooses among the rows a label may name: an unassigned row first,
// then one in the current section, then one after the last matched row,
// then the nearest.
func pick(cands []*schema.Row, assigned map[*schema.Row]bool, lastIndex int, section string) *schema.Row {
	best, bestScore := cands[0], -1e9
	for _, c := range cands {
		s := 0.0
		if !assigned[c] {
			s += 1000
		}
		if c.Section() == section {
			s += 100
		}
		if c.Index() > lastIndex {
			s += 10
		}
		d := c.Index() - (lastIndex + 1)
		if d < 0 {
			d = -d
		}
		s -= float64(d) / 100
		if s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}
