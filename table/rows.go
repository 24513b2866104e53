package table

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"tally/schema"
)

// match is where one indicator was found.
type match struct {
	row    int // the label's first row
	span   int // rows the label takes (a label split over two rows: 2)
	band   *band
	hidden bool
}

// labelOf returns the label of a sheet row within the band: the rightmost
// cell left of the values (the unit column aside) that names an indicator,
// else the rightmost non-empty one. Cells filled from a merge above are
// skipped, so a group label merged down its rows does not hide its items.
func (b *band) labelOf(g *sheet, r int, cands *candCache) (text string, rows []*schema.Row) {
	last := b.firstValueCol()
	fallback := ""
	for c := min(last, len(g.Rows()[r])) - 1; c >= b.firstCol; c-- {
		if c == b.unitCol {
			continue
		}
		t := g.Rows()[r][c]
		if t == "" {
			continue
		}
		if a, ok := g.Anchor(r, c); ok && a.Row != r {
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
func (b *band) continuation(g *sheet, r int, ix *labelIndex, cands *candCache, open bool) (string, bool) {
	if r >= len(g.Rows()) || b.isHeaderRow(g, ix, r) {
		return "", false
	}
	text := strings.TrimSpace(g.At(r, b.labelCol))
	if a, ok := g.Anchor(r, b.labelCol); ok && a.Row != r {
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
	if a, ok := g.Anchor(r, b.firstValueCol()); ok && a.Col <= b.labelCol {
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
func (b *band) match(g *sheet, ix *labelIndex, cands *candCache) []*block {
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
	for r := b.top; r < len(g.Rows()); r++ {
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
		hidden := g.HiddenRow(r)
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
func (b *band) foreign(g *sheet, r int, ix *labelIndex) bool {
	for c := b.firstCol; c < min(b.end, len(g.Row(r))); c++ {
		if n := g.norm(g.Rows()[r][c]); n != "" && ix.foreign[n] {
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
