package table

import (
	"regexp"
	"strings"

	"tally/schema"
)

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

// setUp finds the band's header, unit column and value columns.
func (b *band) setUp(g *sheet, ix *labelIndex, cands *candCache) {
	first := -1
	for r := 0; r < len(g.Rows()) && first < 0; r++ {
		for c := b.firstCol; c <= b.labelCol; c++ {
			if len(cands.get(g.At(r, c))) > 0 && !g.IsFill(r, c) && !b.isHeaderRow(g, ix, r) {
				first = r
				break
			}
		}
	}
	if first < 0 {
		first = 0
	}
	b.top = first
	for r := max(0, first-6); r <= first+2 && r < len(g.Rows()); r++ {
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
func (b *band) isHeaderRow(g *sheet, ix *labelIndex, r int) bool {
	if r < 0 || r >= len(g.Rows()) {
		return false
	}
	if len(b.headerRows) != len(g.Rows()) {
		b.headerRows = make([]int8, len(g.Rows()))
	}
	if k := b.headerRows[r]; k != 0 {
		return k == 1
	}
	is := b.headerRow(g, ix, r)
	b.headerRows[r] = yesNo(is)
	return is
}

func (b *band) headerRow(g *sheet, ix *labelIndex, r int) bool {
	hits := 0
	for c := b.firstCol; c < min(b.end, len(g.Rows()[r])); c++ {
		if t := g.Rows()[r][c]; t != "" && !g.IsFill(r, c) && ix.header[g.norm(t)] {
			hits++
		}
	}
	return hits >= 2 || ix.heads[g.norm(g.At(r, b.labelCol))] || ix.heads[g.norm(g.At(r, b.firstCol))]
}

func (b *band) findUnitCol(g *sheet, ix *labelIndex) {
	if b.header >= 0 {
		unit := g.norm(ix.table.Header.Unit)
		for c := b.labelCol + 1; c < min(b.end, len(g.Rows()[b.header])); c++ {
			if n := g.norm(g.Rows()[b.header][c]); n != "" && (n == unit || n == "单位" || n == "计量单位") {
				b.unitCol = c
				return
			}
		}
	}
	counts := map[int]int{}
	for r := b.top; r < len(g.Rows()); r++ {
		for c := b.labelCol + 1; c < min(b.end, len(g.Rows()[r])); c++ {
			if u := normUnit(g.Rows()[r][c]); u != "" && ix.units[u] {
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
func (b *band) headerText(g *sheet, c, first int) string {
	from := b.header
	if from < 0 {
		from = max(0, first-3)
	}
	for r := first - 1; r >= from; r-- {
		if t := strings.TrimSpace(g.At(r, c)); t != "" {
			return t
		}
	}
	return ""
}

// headerRegion is the rows of the header above a table's first row: the
// header rows found, or the rows just above that hold header texts.
func (b *band) headerRegion(g *sheet, ix *labelIndex, first int) (int, int) {
	top := first
	for r := first - 1; r >= 0 && r >= first-6; r-- {
		hit := false
		for c := b.firstCol; c < min(b.end, len(g.Row(r))); c++ {
			if ix.header[g.norm(g.Rows()[r][c])] {
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
