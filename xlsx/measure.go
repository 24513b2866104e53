package xlsx

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Row heights and page widths are tally's to set. Neither Excel nor
// LibreOffice fits a row to the wrapped text of a merged cell, and
// LibreOffice keeps the heights a file gives (or its default) for the rest,
// so wrapped text is cut unless its row is made tall enough; and a sheet
// fits the page only as wide as its columns are. So tally estimates how
// many lines a text takes in a column of a given width, in the two clients
// clerks use, and takes the more.
//
// A column of width w (characters of the workbook's default font, Calibri)
// is 7w+5 pixels (1/96 inch) in Excel and WPS, whose SimSun sets Latin
// characters half an em wide; LibreOffice, where Calibri is not installed
// (DejaVu Sans takes its place), makes it 7w points, and sets Latin text
// about 0.62 em wide. Chinese characters take an em in both. A line of
// text with Chinese in it is 1.45 em high (Noto Sans CJK's, the tallest),
// of Latin text 1.3 em (SimSun's), and a cell has a little padding.

const (
	cellPad   = 2.0 // points above and below a cell's text, together
	textInset = 5.0 // points left and right of a cell's text, together
	// maxRowHeight is the tallest row a sheet can have (Excel's limit, in
	// points).
	maxRowHeight = 409
)

// width is the room a cell's text has, in points, in each client.
type width struct{ excel, office float64 }

// colPoints is the width in points of a column of width w in Excel.
func colPoints(w float64) float64 {
	return math.Floor(7*w+5) * 0.75
}

// spanWidth is the width of the columns from..to-1 of widths.
func spanWidth(widths []float64, from, to int) width {
	var w width
	for c := from; c < to && c < len(widths); c++ {
		w.excel += colPoints(widths[c])
		w.office += 7 * widths[c]
	}
	return w
}

// colWidth is the width of one column of width w.
func colWidth(w float64) width { return spanWidth([]float64{w}, 0, 1) }

// wide reports a character set one em wide: Chinese, the full-width forms
// and the punctuation and symbols Chinese fonts set full width.
func wide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7AF, r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '·' || r == '—' || r == '…',
		r >= 0x2190 && r <= 0x27BF: // arrows, symbols (≤ ≠ ✓)
		return true
	}
	return false
}

// textLines estimates the lines text takes in a cell of width w at font
// size size, wrapped as the clients wrap: at line breaks, between Chinese
// characters, and at spaces (a word wider than the cell is broken where it
// reaches the edge).
func textLines(text string, size float64, w width) int {
	if text == "" {
		return 1
	}
	// A short line fits whatever its characters.
	if len(text) <= 64 && !strings.Contains(text, "\n") &&
		float64(utf8.RuneCountInString(text)) <= roomEms(min(w.excel, w.office), size) {
		return 1
	}
	lines := 0
	for _, client := range [2][2]float64{{w.excel, 0.5}, {w.office, 0.62}} {
		avail, latin := roomEms(client[0], size), client[1]
		n := 0
		for rest := text; ; {
			para, more, found := strings.Cut(rest, "\n")
			n += paraLines(para, avail, latin)
			if !found {
				break
			}
			rest = more
		}
		lines = max(lines, n)
	}
	return lines
}

// roomEms is how many ems of text at font size size a cell room points
// wide holds on a line, with a margin for the line-breaking rules.
func roomEms(room, size float64) float64 {
	return max(1, (room-textInset)/size*0.97)
}

// paraLines is textLines of a paragraph, avail ems wide, its Latin
// characters latin ems wide.
func paraLines(para string, avail, latin float64) int {
	lines, used := 1, 0.0
	put := func(w float64) {
		if used > 0 && used+w > avail {
			lines++
			used = 0
		}
		used += w
	}
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		switch {
		case unicode.IsSpace(r):
			used += latin / 2 // a space may hang past the edge
			i += n
		case wide(r):
			put(1)
			i += n
		default:
			// A word: the characters up to a space or a wide character.
			j := i
			for j < len(para) {
				r, m := utf8.DecodeRuneInString(para[j:])
				if unicode.IsSpace(r) || wide(r) {
					break
				}
				j += m
			}
			w := float64(utf8.RuneCountInString(para[i:j])) * latin
			if w <= avail {
				put(w)
			} else {
				// Wider than the cell: broken character by character.
				for range para[i:j] {
					put(latin)
				}
			}
			i = j
		}
	}
	return lines
}

// textHeight is the height in points of a cell holding text at font size
// size, w wide.
func textHeight(text string, size float64, w width) float64 {
	pitch := 1.3
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			pitch = 1.45
			break
		}
	}
	return float64(textLines(text, size, w))*size*pitch + cellPad
}

// roundHeight rounds a row height up to the quarter point, at most the
// tallest row there is.
func roundHeight(h float64) float64 {
	return min(math.Ceil(h*4)/4, maxRowHeight)
}

// rowHeight is the height in points of a row of cells at 11 pt, each text
// wrapped in its column (widths in characters): at least one line, at most
// the tallest row there is.
func rowHeight(widths []float64, texts ...string) float64 {
	return rowHeightAt(11, widths, texts...)
}

// rowHeightAt is rowHeight at font size size.
func rowHeightAt(size float64, widths []float64, texts ...string) float64 {
	h := size*1.45 + cellPad
	for i, t := range texts {
		if t != "" && i < len(widths) {
			h = max(h, textHeight(t, size, colWidth(widths[i])))
		}
	}
	return roundHeight(h)
}

// cellText is the text a cell shows, for measuring: a number takes one
// line whatever it is.
func cellText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// listHeight is the height of a row of cells of a list, each wrapped in
// its column.
func listHeight(widths []float64, cells []excelize.Cell) float64 {
	h := 11*1.45 + cellPad
	for i := range cells {
		if s := cellText(cells[i].Value); s != "" && i < len(widths) {
			h = max(h, textHeight(s, 11, colWidth(widths[i])))
		}
	}
	return roundHeight(h)
}
