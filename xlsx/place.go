package xlsx

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tally/schema"
)

// Finding a table on a sheet. A sheet is read in bands: a label column and
// the columns right of it up to the next label column (a table printed in
// two halves side by side has two bands). In a band, the header says which
// column holds this year's values; rows are matched to indicators by label
// and order, a label Word split over two rows is joined again, and the
// matches form blocks: the row sequence starting over means a second table
// (last year's above this year's). The placement is the best block, with
// the blocks of other bands that complete it.

// colClass is what a column's header says it holds.
type colClass int

const (
	classOther    colClass = iota - 1 // 行次, 序号, 备注: never values
	classPrevious                     // last year's, 上期
	classPartial                      // a quarter, a half year, a month
	classUnknown                      // no telling header
	classCurrent                      // this year's: 统计数, 本年, 全年, 合计
)

var (
	otherHeads    = []string{"行次", "序号", "栏次", "代码", "编号", "次序", "备注", "说明", "单位", "计量单位"}
	previousHeads = []string{"上年", "去年", "上期", "同期", "上一年", "前一年"}
	partialHeads  = []string{"季度", "上半年", "下半年", "月份", "一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"}
	currentHeads  = []string{"本年", "本期", "今年", "全年", "合计", "总计", "年度", "统计数", "实际"}
	monthHead     = regexp.MustCompile(`^\d{1,2}月`)
)

// classify reads a column header; year is the latest year among the
// headers (a header naming an earlier year is last year's).
func classify(head string, cols map[string][]*schema.Column, latest int) colClass {
	n := normLabel(head)
	if n == "" {
		return classUnknown
	}
	if _, ok := cols[n]; ok {
		return classCurrent
	}
	for _, w := range otherHeads {
		if n == w {
			return classOther
		}
	}
	for _, w := range previousHeads {
		if strings.Contains(n, w) {
			return classPrevious
		}
	}
	if y := schema.ParseYear(head); y != 0 && latest != 0 {
		if y < latest {
			return classPrevious
		}
		return classCurrent
	}
	for _, w := range partialHeads {
		if strings.Contains(n, w) {
			return classPartial
		}
	}
	if monthHead.MatchString(foldText(strings.TrimSpace(head))) {
		return classPartial
	}
	for _, w := range currentHeads {
		if strings.Contains(n, w) {
			return classCurrent
		}
	}
	for _, w := range otherHeads {
		if strings.Contains(n, w) {
			return classOther
		}
	}
	return classUnknown
}

// band is a label column and the columns it governs.
type band struct {
	labelCol int
	firstCol int // the first label column (numbering or a parent label may sit left of labelCol)
	end      int // first column past the band
	unitCol  int // -1: none
	valueCol map[string]int
	classes  map[int]colClass
	header   int // the header row, -1 when there is none
	top      int // first row of the band's table
	// headerRows remembers isHeaderRow by row: 0 not asked yet, 1 yes, 2 no.
	headerRows []int8
	// misspelt are the header cells read as a column they name with a slip.
	misspelt []misspelt
}

// misspelt is a header cell whose text is a slip for a column's label.
type misspelt struct {
	row, col int
	text     string
	column   *schema.Column
}

// match is where one indicator was found.
type match struct {
	row    int // the label's first row
	span   int // rows the label takes (a label split over two rows: 2)
	band   *band
	hidden bool
}

// block is one run of indicators in a band: one table.
type block struct {
	band    *band
	rows    map[string]*match
	first   int
	last    int
	year    int
	extra   []int // unrecognised labelled rows with a number in a value column
	dups    []dupRow
	matched int
}

// extraRow is a labelled row that names no indicator but carries a number
// in a value column of its band.
type extraRow struct {
	row  int
	band *band
}

type dupRow struct {
	code   string
	row    int
	col    int
	hidden bool
	kept   int  // the row that was used
	swap   bool // the visible duplicate replaced a hidden first one
}

// placement is where a table was found on a sheet.
type placement struct {
	g        *grid
	ix       *labelIndex
	rows     map[string]*match
	bands    []*band
	extra    []extraRow
	dups     []dupRow
	others   []*block // other tables on the sheet, not read
	matched  int
	total    int
	year     int
	top      int
	headText []string // the value columns' headers, for the year
}

// score is the share of the table's indicator rows found on the sheet.
func (p *placement) score() float64 {
	if p == nil || p.total == 0 {
		return 0
	}
	rows := float64(p.matched) / float64(p.total)
	if p.ix.table.Single() {
		return rows
	}
	cols := 0
	for _, b := range p.bands {
		cols = max(cols, len(b.valueCol))
	}
	return rows * float64(cols) / float64(len(p.ix.table.Columns))
}

// locate finds a table on a sheet; nil when not one label is on it.
func locate(g *grid, ix *labelIndex, want int) *placement {
	if rows := ix.table.Rows; len(rows) == 1 && rows[0].Unlabeled {
		return locateUnlabeled(g, ix)
	}
	cands := newCandCache(ix, g)
	counts := map[int]int{}
	total := 0
	for r, row := range g.rows {
		for c, text := range row {
			if text == "" || g.isFill(r, c) || g.hiddenCols[c] {
				continue
			}
			if len(cands.get(text)) > 0 {
				counts[c]++
				total++
			}
		}
	}
	if total == 0 {
		return nil
	}
	var labelCols []int
	strong := map[int]bool{}
	for c, n := range counts {
		if n >= 3 && n*8 >= total || n*2 >= total {
			strong[c] = true
		}
	}
	for c, n := range counts {
		// A column of parent labels just left of the labels (一、…, 三、本年度办理结果
		// merged down its rows) holds few labels of its own.
		if strong[c] || n >= 2 && (strong[c+1] || strong[c+2]) {
			labelCols = append(labelCols, c)
		}
	}
	sort.Ints(labelCols)
	if len(labelCols) == 0 {
		best := -1
		for c, n := range counts {
			if best < 0 || n > counts[best] || n == counts[best] && c < best {
				best = c
			}
		}
		labelCols = []int{best}
	}
	// Label columns next to each other are one band (numbering in a column
	// of its own, or labels indented by column).
	var bands []*band
	for i, c := range labelCols {
		if i > 0 && c-labelCols[i-1] <= 2 && len(bands) > 0 {
			bands[len(bands)-1].labelCol = c
			continue
		}
		first := c
		for first > 0 && (i == 0 || first-1 >= labelCols[i-1]+1) && isNumberingColumn(g, first-1) {
			first--
		}
		bands = append(bands, &band{labelCol: c, firstCol: first, unitCol: -1, header: -1, valueCol: map[string]int{}, classes: map[int]colClass{}})
	}
	for i, b := range bands {
		b.end = maxCols
		if i+1 < len(bands) {
			b.end = bands[i+1].labelCol
			// The next band's own label column may have a numbering column
			// before it.
			for b.end-1 > b.labelCol && counts[b.end-1] == 0 && isNumberingColumn(g, b.end-1) {
				b.end--
			}
		}
	}
	var blocks []*block
	for _, b := range bands {
		b.setUp(g, ix, cands)
		blocks = append(blocks, b.match(g, ix, cands)...)
	}
	return choose(g, ix, blocks, want)
}

// locateUnlabeled finds a table of one unlabeled row by its header: the
// rows that hold its column labels, and the first row under them.
func locateUnlabeled(g *grid, ix *labelIndex) *placement {
	var best *placement
	for r := range g.rows {
		hits := 0
		for c, t := range g.rows[r] {
			if t != "" && !g.isFill(r, c) && ix.header[g.norm(t)] {
				hits++
			}
		}
		if hits < 3 {
			continue
		}
		// r is a header row; the header ends where its texts end.
		end := r + 1
		for end < len(g.rows) && end < r+4 && rowHasHeader(g, ix, end) {
			end++
		}
		b := &band{labelCol: -1, firstCol: 0, end: maxCols, unitCol: -1, header: r, top: r,
			valueCol: map[string]int{}, classes: map[int]colClass{}}
		b.matrixColumns(g, ix, end)
		if len(b.valueCol) == 0 {
			continue
		}
		p := &placement{g: g, ix: ix, rows: map[string]*match{ix.table.Rows[0].Code: {row: end, span: 1, band: b}},
			bands: []*band{b}, matched: 1, total: 1, top: r}
		if best == nil || len(b.valueCol) > len(best.bands[0].valueCol) {
			best = p
		}
		if len(b.valueCol) == len(ix.table.Columns) {
			break
		}
	}
	return best
}

func rowHasHeader(g *grid, ix *labelIndex, r int) bool {
	for _, t := range g.at2(r) {
		if t != "" && ix.header[g.norm(t)] {
			return true
		}
	}
	return false
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
	g   *grid
	idx map[string]int32 // text → its entry
	ent []candEntry
}

// candEntry is what a candCache knows of one text.
type candEntry struct {
	rows        []*schema.Row
	wordy, note int8 // 0: not asked yet, 1: yes, 2: no
}

func newCandCache(ix *labelIndex, g *grid) *candCache {
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

// isNumberingColumn reports a column of item numbers only: (一), 1., 一、
func isNumberingColumn(g *grid, c int) bool {
	n := 0
	for r := range g.rows {
		t := strings.TrimSpace(g.at(r, c))
		if t == "" {
			continue
		}
		if g.norm(t) != "" && schema.StripNumbering(t) != "" {
			return false
		}
		n++
	}
	return n > 0
}

// setUp finds the band's header, unit column and value columns.
func (b *band) setUp(g *grid, ix *labelIndex, cands *candCache) {
	first := -1
	for r := 0; r < len(g.rows) && first < 0; r++ {
		for c := b.firstCol; c <= b.labelCol; c++ {
			if len(cands.get(g.at(r, c))) > 0 && !g.isFill(r, c) && !b.isHeaderRow(g, ix, r) {
				first = r
				break
			}
		}
	}
	if first < 0 {
		first = 0
	}
	b.top = first
	for r := max(0, first-6); r <= first+2 && r < len(g.rows); r++ {
		if b.isHeaderRow(g, ix, r) {
			b.header = r
			if r >= first-3 {
				break
			}
		}
	}
	if b.header >= 0 && b.header < first {
		b.top = b.header
	}
	b.findUnitCol(g, ix)
	b.findValueCols(g, ix, cands, first)
}

// isHeaderRow reports whether a row (within the band) repeats the header.
func (b *band) isHeaderRow(g *grid, ix *labelIndex, r int) bool {
	if r < 0 || r >= len(g.rows) {
		return false
	}
	if len(b.headerRows) != len(g.rows) {
		b.headerRows = make([]int8, len(g.rows))
	}
	if k := b.headerRows[r]; k != 0 {
		return k == 1
	}
	is := b.headerRow(g, ix, r)
	b.headerRows[r] = yesNo(is)
	return is
}

func (b *band) headerRow(g *grid, ix *labelIndex, r int) bool {
	hits := 0
	for c := b.firstCol; c < min(b.end, len(g.rows[r])); c++ {
		if t := g.rows[r][c]; t != "" && !g.isFill(r, c) && ix.header[g.norm(t)] {
			hits++
		}
	}
	return hits >= 2 || ix.heads[g.norm(g.at(r, b.labelCol))] || ix.heads[g.norm(g.at(r, b.firstCol))]
}

func (b *band) findUnitCol(g *grid, ix *labelIndex) {
	if b.header >= 0 {
		unit := g.norm(ix.table.Header.Unit)
		for c := b.labelCol + 1; c < min(b.end, len(g.rows[b.header])); c++ {
			if n := g.norm(g.rows[b.header][c]); n != "" && (n == unit || n == "单位" || n == "计量单位") {
				b.unitCol = c
				return
			}
		}
	}
	counts := map[int]int{}
	for r := b.top; r < len(g.rows); r++ {
		for c := b.labelCol + 1; c < min(b.end, len(g.rows[r])); c++ {
			if u := normUnit(g.rows[r][c]); u != "" && ix.units[u] {
				counts[c]++
			}
		}
	}
	best := 2 // a unit column has units on several rows
	for c, n := range counts {
		if n > best || n == best && c < b.unitCol {
			b.unitCol, best = c, n
		}
	}
}

// headerText is what the header says of a column: the lowest non-empty
// header cell above the first indicator (a sub-header such as 本年数 under a
// merged 统计数 wins).
func (b *band) headerText(g *grid, c, first int) string {
	from := b.header
	if from < 0 {
		from = max(0, first-3)
	}
	for r := first - 1; r >= from; r-- {
		if t := strings.TrimSpace(g.at(r, c)); t != "" {
			return t
		}
	}
	return ""
}

// findValueCols picks the value column(s). In a matrix each column is
// found by its header; in a single-value table the columns right of the
// labels are ranked by what their headers say (this year's over
// unmarked, a quarter or last year's; 行次 and 备注 never), hidden columns
// last, then by how many numbers they hold on indicator rows.
func (b *band) findValueCols(g *grid, ix *labelIndex, cands *candCache, first int) {
	t := ix.table
	heads := map[int]string{}
	latest := 0
	end := min(b.end, g.width()) // no column past the widest row holds anything
	for c := b.labelCol + 1; c < end; c++ {
		if c == b.unitCol {
			continue
		}
		if h := b.headerText(g, c, first); h != "" {
			heads[c] = h
			latest = max(latest, schema.ParseYear(h))
		}
	}
	if !t.Single() {
		b.matrixColumns(g, ix, first)
		return
	}
	counts := map[int]int{}
	seq := map[int][]float64{}
	for r := first; r < len(g.rows); r++ {
		if len(cands.get(g.at(r, b.labelCol))) == 0 {
			continue
		}
		for c := b.labelCol + 1; c < min(b.end, len(g.rows[r])); c++ {
			if c == b.unitCol || g.isFill(r, c) {
				continue
			}
			text := g.rows[r][c]
			if g.rawFlag(r, c)&flagFormula != 0 && text == "" {
				counts[c]++ // a formula without a stored result
				continue
			}
			if f, ok := plainNumber(text); ok {
				counts[c]++
				seq[c] = append(seq[c], f)
				continue
			}
			p := schema.ParseNumber(text)
			if p.Form == schema.Number || p.Form == schema.ZeroMark {
				counts[c]++
				if p.Form == schema.Number {
					f, _ := p.Value.Float64()
					seq[c] = append(seq[c], f)
				}
			}
		}
	}
	best, bestRank := -1, [4]int{}
	for c := b.labelCol + 1; c < end; c++ {
		if c == b.unitCol {
			continue
		}
		class := classify(heads[c], ix.cols, latest)
		if class == classUnknown && isSequence(seq[c]) {
			class = classOther
		}
		if class != classUnknown {
			b.classes[c] = class // an unknown column is one not in the map
		}
		if class == classOther {
			continue
		}
		if counts[c] == 0 && class != classCurrent {
			continue
		}
		visible := 1
		if g.hiddenCols[c] {
			visible = 0
		}
		y := schema.ParseYear(heads[c])
		rank := [4]int{visible, int(class), y, counts[c]}
		if best < 0 || less(bestRank, rank) {
			best, bestRank = c, rank
		}
	}
	if best < 0 {
		// No numbers at all: the first column after the labels and units.
		best = b.labelCol + 1
		if best == b.unitCol {
			best++
		}
	}
	b.valueCol[t.Columns[0].Code] = best
}

// plainNumber reads the text of a number cell as a spreadsheet stores it
// (digits, a point, a sign), without the cost of schema.ParseNumber; ok is
// false for anything else, which ParseNumber then reads.
func plainNumber(text string) (float64, bool) {
	if text == "" || len(text) > 15 {
		return 0, false
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c < '0' || c > '9') && c != '.' && !(i == 0 && c == '-') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	return f, err == nil
}

// headerRegion is the rows of the header above a table's first row: the
// header rows found, or the rows just above that hold header texts.
func (b *band) headerRegion(g *grid, ix *labelIndex, first int) (int, int) {
	top := first
	for r := first - 1; r >= 0 && r >= first-6; r-- {
		hit := false
		for c := b.firstCol; c < min(b.end, len(g.at2(r))); c++ {
			if ix.header[g.norm(g.rows[r][c])] {
				hit = true
				break
			}
		}
		if !hit {
			break
		}
		top = r
	}
	return top, first
}

// matrixColumns finds each column of a matrix by its header: its own label
// and the group labels above it (结果维持 under 行政诉讼 / 复议后起诉). Of
// several columns that fit, the leftmost not yet taken is used.
func (b *band) matrixColumns(g *grid, ix *labelIndex, first int) {
	top, end := b.headerRegion(g, ix, first)
	texts := map[int]map[string]bool{}
	for c := b.labelCol + 1; c < b.end; c++ {
		set := map[string]bool{}
		for r := top; r < end; r++ {
			if n := g.norm(g.at(r, c)); n != "" {
				set[n] = true
			}
		}
		if len(set) > 0 {
			texts[c] = set
		}
	}
	all := map[string]bool{}
	for _, set := range texts {
		for n := range set {
			all[n] = true
		}
	}
	taken := map[int]bool{}
	found := map[*schema.Column]int{}
	for _, col := range ix.table.Columns {
		for c := b.labelCol + 1; c < b.end; c++ {
			set := texts[c]
			if set == nil || taken[c] || !fits(col, set, all) {
				continue
			}
			b.valueCol[col.Code] = c
			taken[c] = true
			found[col] = c
			b.classes[c] = classCurrent
			break
		}
	}
	if len(found) < len(ix.table.Columns) {
		b.misspeltColumns(g, ix, top, end, texts, all, taken, found)
	}
	if top < first && (b.header < 0 || b.header > top) {
		b.header = top
	}
}

// misspeltColumns finds the columns still missing under headers that name
// them with a slip (本年废纸件数 for 本年废止件数), with the likeness row labels
// are matched with: as alike as a label anywhere (0.8), or, for the column
// expected there (after the column found to its left, at most three on, and
// before the one found to its right), as alike as the row expected next
// (0.6). Only a header cell that names no column of the table is read so.
func (b *band) misspeltColumns(g *grid, ix *labelIndex, top, end int, texts map[int]map[string]bool, all map[string]bool,
	taken map[int]bool, found map[*schema.Column]int) {
	index := map[*schema.Column]int{}
	for i, col := range ix.table.Columns {
		index[col] = i
	}
	for c := b.labelCol + 1; c < b.end; c++ {
		set := texts[c]
		if set == nil || taken[c] {
			continue
		}
		named := false
		for n := range set {
			named = named || len(ix.cols[n]) > 0
		}
		if named {
			continue
		}
		// The columns found on either side bound the columns expected here.
		left, right := -1, len(ix.table.Columns)
		for col, fc := range found {
			if fc < c {
				left = max(left, index[col])
			} else {
				right = min(right, index[col])
			}
		}
		for r := top; r < end; r++ {
			text := g.at(r, c)
			n := g.norm(text)
			if n == "" || g.isFill(r, c) || ix.header[n] {
				continue
			}
			pick := func(min float64, window bool) *schema.Column {
				return ix.fuzzyColumn(n, min, func(col *schema.Column, i int) bool {
					if _, ok := found[col]; ok || !fitsGroup(col, set, all) {
						return false
					}
					return !window || i > left && i <= left+3 && i < right
				})
			}
			col := pick(0.6, true)
			if col == nil {
				col = pick(0.8, false)
			}
			if col == nil {
				continue
			}
			b.valueCol[col.Code] = c
			taken[c] = true
			found[col] = c
			b.classes[c] = classCurrent
			b.misspelt = append(b.misspelt, misspelt{row: r, col: c, text: strings.TrimSpace(text), column: col})
			break
		}
	}
}

// fits reports whether a column's header texts name the schema column: its
// label or an alias, and every label of its group that the header prints
// at all (a header may leave out 申请人情况).
func fits(col *schema.Column, texts, all map[string]bool) bool {
	own := false
	for _, l := range columnLabels(col) {
		if texts[normLabel(l)] {
			own = true
		}
	}
	return own && fitsGroup(col, texts, all)
}

// fitsGroup reports whether a column's header texts hold every label of the
// column's group that the header prints at all.
func fitsGroup(col *schema.Column, texts, all map[string]bool) bool {
	for _, gl := range col.Group {
		if n := normLabel(gl); all[n] && !texts[n] {
			return false
		}
	}
	return true
}

func less(a, b [4]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// isSequence reports row numbers: 1, 2, 3, … on most indicator rows.
func isSequence(v []float64) bool {
	if len(v) < 5 {
		return false
	}
	up := 0
	for i := 1; i < len(v); i++ {
		if v[i] == v[i-1]+1 {
			up++
		}
	}
	return up*10 >= (len(v)-1)*8
}

// firstValueCol is the leftmost value column of a band.
func (b *band) firstValueCol() int {
	first := -1
	for _, c := range b.valueCol {
		if first < 0 || c < first {
			first = c
		}
	}
	return first
}

// numbersOn returns the value columns of a band that hold a number on a
// sheet row, left to right.
func (b *band) numbersOn(g *grid, r int) []int {
	var out []int
	for _, c := range b.valueCol {
		if !g.isFill(r, c) && schema.ParseNumber(g.at(r, c)).Form == schema.Number {
			out = append(out, c)
		}
	}
	sort.Ints(out)
	return out
}

// valuesOn returns the value columns of a band that hold a number, or a
// dash or 无 written for zero, on a sheet row, left to right.
func (b *band) valuesOn(g *grid, r int) []int {
	var out []int
	for _, c := range b.valueCol {
		if f := schema.ParseNumber(g.at(r, c)).Form; !g.isFill(r, c) && (f == schema.Number || f == schema.ZeroMark) {
			out = append(out, c)
		}
	}
	sort.Ints(out)
	return out
}

// valueEmpty reports whether every value cell of a row is empty.
func (b *band) valueEmpty(g *grid, r int) bool {
	for _, c := range b.valueCol {
		if strings.TrimSpace(g.at(r, c)) != "" || g.rawFlag(r, c)&flagFormula != 0 {
			return false
		}
	}
	return true
}

// labelOf returns the label of a sheet row within the band: the rightmost
// cell left of the values (the unit column aside) that names an indicator,
// else the rightmost non-empty one. Cells filled from a merge above are
// skipped, so a group label merged down its rows does not hide its items.
func (b *band) labelOf(g *grid, r int, cands *candCache) (text string, rows []*schema.Row) {
	last := b.firstValueCol()
	fallback := ""
	for c := min(last, len(g.rows[r])) - 1; c >= b.firstCol; c-- {
		if c == b.unitCol {
			continue
		}
		t := g.rows[r][c]
		if t == "" {
			continue
		}
		if a, ok := g.anchor[[2]int{r, c}]; ok && a[0] != r {
			continue
		}
		if !cands.wordy(t) {
			continue // empty, or a number: not a label
		}
		if cs := cands.get(t); len(cs) > 0 {
			if fallback != "" && allHeadings(cs) {
				// A group label repeated beside a row's own label that
				// names nothing: the row is not the heading's.
				return fallback, nil
			}
			return t, cs
		}
		if fallback == "" {
			fallback = t
		}
	}
	return fallback, nil
}

// allHeadings reports rows that are all headings.
func allHeadings(rows []*schema.Row) bool {
	for _, r := range rows {
		if !r.Heading {
			return false
		}
	}
	return true
}

// wordy reports a text with a letter in it: a label, not a number.
func wordy(t string) bool {
	for _, r := range normLabel(t) {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// numbered reports a label that starts with an item number or 其中.
var numbered = regexp.MustCompile(`^\s*(?:[(（]\s*[一二三四五六七八九十〇零\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[.、．]|[①-⑳]|其中)`)

// isNumbered is numbered.MatchString, without the regular expression for
// the many texts whose first character rules it out.
func isNumbered(s string) bool {
	t := strings.TrimLeft(s, "\t\n\f\r ")
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case r == '(' || r == '（' || r == '其' || r >= '0' && r <= '9' || r >= '①' && r <= '⑳':
	case strings.ContainsRune("一二三四五六七八九十", r):
	default:
		return false
	}
	return numbered.MatchString(s)
}

// continuation reports a row that carries on the label above it: a note in
// parentheses, or a short fragment with no number of its own, as Excel
// leaves a label Word broke over two lines.
func (b *band) continuation(g *grid, r int, ix *labelIndex, cands *candCache, open bool) (string, bool) {
	if r >= len(g.rows) || b.isHeaderRow(g, ix, r) {
		return "", false
	}
	text := strings.TrimSpace(g.at(r, b.labelCol))
	if a, ok := g.anchor[[2]int{r, b.labelCol}]; ok && a[0] != r {
		return "", false
	}
	if text == "" {
		return "", false
	}
	if g.norm(text) == "" {
		return text, true // a note in parentheses
	}
	if len(cands.get(text)) > 0 || isNumbered(text) || cands.isNote(text) || b.foreign(g, r, ix) {
		return "", false
	}
	if a, ok := g.anchor[[2]int{r, b.firstValueCol()}]; ok && a[1] <= b.labelCol {
		return "", false // a title merged across the table
	}
	// Within a note whose parenthesis is still open, any length carries on.
	return text, open || utf8.RuneCountInString(text) <= 16
}

// unclosed reports a text with a parenthesis opened and not closed.
func unclosed(s string) bool {
	s = foldText(s)
	return strings.Count(s, "(") > strings.Count(s, ")")
}

// match assigns the band's rows to indicators, in blocks.
func (b *band) match(g *grid, ix *labelIndex, cands *candCache) []*block {
	var blocks []*block
	cur := newBlock(b, len(ix.table.Rows))
	lastIndex, section := -1, ""
	blankRun := 0
	valueCol := b.firstValueCol()
	flush := func(prevEnd int) {
		if cur.matched > 0 {
			blocks = append(blocks, cur)
		}
		cur = newBlock(b, len(ix.table.Rows))
		cur.first = prevEnd
		lastIndex, section = -1, ""
	}
	notes := false
	for r := b.top; r < len(g.rows); r++ {
		if b.isHeaderRow(g, ix, r) {
			continue
		}
		text, rows := b.labelOf(g, r, cands)
		if text == "" {
			blankRun++
			continue
		}
		if cur.matched > 0 && len(rows) == 0 && b.foreign(g, r, ix) {
			break // another table of the report starts here
		}
		if cands.isNote(text) {
			if cur.matched > 0 && isNoteSection(text) {
				notes = true
			}
			continue
		}
		if notes {
			continue
		}
		span := 1
		// A label broken over rows: join the fragments below it.
		joined := text
		for k := 1; k <= 2; k++ {
			frag, ok := b.continuation(g, r+k, ix, cands, unclosed(joined))
			if !ok {
				break
			}
			joined += frag
			if j := cands.get(joined); len(j) > 0 && (len(rows) == 0 || len(ix.exact[g.norm(joined)]) > 0) {
				rows = j
				span = k + 1
				continue
			}
			if len(rows) > 0 && b.valueEmpty(g, r+k-1) {
				span = k + 1 // the value sits on the continuation row
				continue
			}
			break
		}
		if len(rows) == 0 {
			// A wording close to the indicator expected next.
			rows = ix.fuzzy(g.norm(text), 0.6, func(row *schema.Row) bool {
				return row.Index() > lastIndex && row.Index() <= lastIndex+3 && cur.rows[row.Code] == nil
			})
		}
		if len(rows) == 0 {
			if cur.matched > 0 && blankRun < 3 && len(b.numbersOn(g, r)) > 0 {
				cur.extra = append(cur.extra, r)
			}
			continue
		}
		blankRun = 0
		row := pick(rows, cur.rows, lastIndex, section)
		hidden := g.hiddenRows[r]
		if prev := cur.rows[row.Code]; prev != nil {
			switch {
			case row.Index() < lastIndex-3 && cur.matched >= 5:
				// The sequence starts over: a second table.
				flush(r)
			case prev.hidden && !hidden:
				cur.dups = append(cur.dups, dupRow{code: row.Code, row: prev.row, col: valueCol, hidden: true, kept: r, swap: true})
				cur.rows[row.Code] = &match{row: r, span: span, band: b, hidden: hidden}
				r += span - 1
				continue
			default:
				if !row.Heading {
					cur.dups = append(cur.dups, dupRow{code: row.Code, row: r, col: valueCol, hidden: hidden, kept: prev.row})
				}
				r += span - 1
				continue
			}
		}
		cur.rows[row.Code] = &match{row: r, span: span, band: b, hidden: hidden}
		if cur.matched == 0 && cur.first < 0 {
			cur.first = r
		}
		lastIndex, section = row.Index(), row.Section()
		if !row.Heading {
			cur.matched++
		}
		cur.last = r + span - 1
		r += span - 1
	}
	if cur.matched > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

// newBlock starts a block of a band, room made for n indicators.
func newBlock(b *band, n int) *block {
	return &block{band: b, rows: make(map[string]*match, n), first: -1}
}

// foreign reports a row naming another table of the schema (its title or
// one of its rows).
func (b *band) foreign(g *grid, r int, ix *labelIndex) bool {
	for c := b.firstCol; c < min(b.end, len(g.at2(r))); c++ {
		if n := g.norm(g.rows[r][c]); n != "" && ix.foreign[n] {
			return true
		}
	}
	return false
}

// isNoteSection reports the line that opens the notes under a table; what
// follows it is not the table.
func isNoteSection(text string) bool {
	s := strings.TrimSpace(foldText(text))
	for _, w := range []string{"填表说明", "说明", "注", "备注"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// pick chooses among the rows a label may name: an unassigned row first,
// then one in the current section, then one after the last matched row,
// then the nearest.
func pick(cands []*schema.Row, assigned map[string]*match, lastIndex int, section string) *schema.Row {
	best, bestScore := cands[0], -1e9
	for _, c := range cands {
		s := 0.0
		if assigned[c.Code] == nil {
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

// blockYear is the year in the rows above a block (its title) or in its
// value column's header.
func blockYear(g *grid, bl *block, from int) int {
	for r := bl.first - 1; r >= max(from, bl.first-8); r-- {
		if r == bl.band.header {
			continue // the header's years name columns, not the table
		}
		for c := 0; c < len(g.at2(r)); c++ {
			if t := g.at(r, c); t != "" && !datedLine.MatchString(t) {
				if y := schema.ParseYear(t); y >= 1990 && y <= 2100 {
					return y
				}
			}
		}
	}
	return 0
}

// at2 returns a row's cells.
func (g *grid) at2(r int) []string {
	if r < 0 || r >= len(g.rows) {
		return nil
	}
	return g.rows[r]
}

// choose builds the placement from a sheet's blocks: the fullest block
// (among near-equals, the one of the wanted or the latest year), joined by
// blocks of other bands that hold other indicators.
func choose(g *grid, ix *labelIndex, blocks []*block, want int) *placement {
	if len(blocks) == 0 {
		return nil
	}
	prevEnd := 0
	for _, bl := range blocks {
		bl.year = blockYear(g, bl, prevEnd)
		prevEnd = bl.last + 1
	}
	mainIdx := 0
	for i, bl := range blocks {
		m := blocks[mainIdx]
		switch {
		case bl.matched*10 < m.matched*9:
		case m.matched*10 < bl.matched*9:
			mainIdx = i
		case preferYear(bl.year, m.year, want):
			mainIdx = i
		}
	}
	main := blocks[mainIdx]
	p := &placement{g: g, ix: ix, rows: make(map[string]*match, len(main.rows)), year: main.year}
	for _, r := range ix.table.Rows {
		if !r.Heading {
			p.total++
		}
	}
	add := func(bl *block) {
		for code, m := range bl.rows {
			p.rows[code] = m
		}
		for _, r := range bl.extra {
			p.extra = append(p.extra, extraRow{row: r, band: bl.band})
		}
		p.dups = append(p.dups, bl.dups...)
		p.matched += bl.matched
		for _, b := range p.bands {
			if b == bl.band {
				return
			}
		}
		p.bands = append(p.bands, bl.band)
	}
	add(main)
	for i, bl := range blocks {
		if i == mainIdx {
			continue
		}
		overlap := 0
		for code := range bl.rows {
			if p.rows[code] != nil {
				overlap++
			}
		}
		if overlap*5 <= len(bl.rows) && bl.band != main.band {
			add(bl) // the other half of a table printed side by side
		} else {
			p.others = append(p.others, bl)
		}
	}
	p.top = main.band.top
	if main.first >= 0 && main.first < p.top || p.top > main.first {
		p.top = main.first
	}
	if main.band.header >= 0 && main.band.header < main.first && main.band.header >= main.first-8 {
		p.top = min(p.top, main.band.header)
	}
	for _, c := range main.band.valueCol {
		p.headText = append(p.headText, main.band.headerText(g, c, main.first))
	}
	if p.year == 0 {
		for _, h := range p.headText {
			if y := schema.ParseYear(h); y >= 1990 && y <= 2100 {
				p.year = y
			}
		}
	}
	return p
}

// preferYear reports whether year a is to be preferred to year b: the
// wanted year, else the later one.
func preferYear(a, b, want int) bool {
	if want != 0 && (a == want) != (b == want) {
		return a == want
	}
	return a > b
}
