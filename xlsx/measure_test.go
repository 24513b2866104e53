package xlsx

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The line estimate takes the narrower of the clients' columns and wraps as
// they do: Chinese anywhere, Latin text at spaces, a word wider than the
// cell where it reaches the edge.
func TestTextLines(t *testing.T) {
	w := colWidth(30) // Excel: 161.25 pt; LibreOffice: 210 pt
	assert.Equal(t, 1, textLines("", 11, w))
	assert.Equal(t, 1, textLines(strings.Repeat("汉", 13), 11, w), "13 ems fit Excel's column")
	assert.Equal(t, 2, textLines(strings.Repeat("汉", 15), 11, w), "15 do not")
	assert.Equal(t, 3, textLines("一\n二\n三", 11, w), "each paragraph starts a line")
	assert.Equal(t, 1, textLines(strings.Repeat("a", 25), 11, w), "25 Latin characters fit both")
	assert.Equal(t, 2, textLines(strings.Repeat("a", 30), 11, w), "30 do not fit Excel's")
	assert.Equal(t, 2, textLines(strings.Repeat("word ", 12), 11, w), "words wrap at spaces")
	assert.Equal(t, 3, textLines(strings.Repeat("x", 70), 11, w), "a long word is broken")
	assert.Greater(t, textLines(strings.Repeat("汉", 30), 16, w), textLines(strings.Repeat("汉", 30), 11, w), "a larger font takes more lines")
}

func TestRowHeight(t *testing.T) {
	one := rowHeight([]float64{30}, "汉")
	assert.InDelta(t, 11*1.45+cellPad, one, 0.25, "one line of Chinese")
	assert.InDelta(t, 2*11*1.45+cellPad, rowHeight([]float64{30}, strings.Repeat("汉", 15)), 0.25)
	assert.Less(t, rowHeight([]float64{30}, "abc\ndef"), 2*11*1.45+cellPad, "Latin lines are lower")
	assert.Equal(t, one, rowHeight([]float64{30, 5}, "汉", ""), "an empty cell takes a line")
	assert.Equal(t, float64(maxRowHeight), rowHeight([]float64{5}, strings.Repeat("汉", 2000)), "at most the tallest row there is")
}
