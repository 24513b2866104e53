package grid

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRefs(t *testing.T) {
	for _, tc := range []struct {
		r, c int
		name string
	}{{0, 0, "A1"}, {11, 27, "AB12"}, {1048575, 16383, "XFD1048576"}, {4, 25, "Z5"}, {0, 26, "AA1"}} {
		assert.Equal(t, tc.name, Ref(tc.r, tc.c))
		r, c, ok := ParseRef(tc.name)
		assert.True(t, ok, tc.name)
		assert.Equal(t, [2]int{tc.r, tc.c}, [2]int{r, c}, tc.name)
	}
	for _, s := range []string{"", "A", "12", "A0", "XFE1", "A1048577", "A1B", "1A"} {
		_, _, ok := ParseRef(s)
		assert.False(t, ok, s)
	}
	r, c, ok := ParseRef("$c$7")
	assert.True(t, ok)
	assert.Equal(t, [2]int{6, 2}, [2]int{r, c})
}

func TestMerge(t *testing.T) {
	g := &Grid{}
	g.Set(0, 0, "标题")
	g.SetFlags(0, 0, Text)
	g.Merge(0, 0, 1, 2)
	assert.Equal(t, "标题", g.At(1, 2))
	assert.True(t, g.IsFill(1, 2))
	assert.False(t, g.IsFill(0, 0))
	assert.Equal(t, Text, g.Flags(1, 2), "a filled cell has its anchor's flags")
	assert.Equal(t, Fill, g.OwnFlags(1, 2))
	at, ok := g.Anchor(1, 1)
	assert.True(t, ok)
	assert.Equal(t, Pos{0, 0}, at)
	_, ok = g.Anchor(0, 0)
	assert.False(t, ok, "an anchor is no filled cell")
	assert.Equal(t, 5, g.Merges())

	g.Merge(10, 0, 10000, 5)
	assert.Empty(t, g.Row(10), "a merge over a whole area is left out")
	g.Limit(3, 3)
	g.Set(5, 0, "x")
	assert.Empty(t, g.At(5, 0), "past the limits nothing is kept")
}

type spent struct{ cells, text, left int }

func (s *spent) Keep(cells, text int) bool {
	s.cells += cells
	s.text += text
	s.left -= cells
	return s.left >= 0
}

func TestBudget(t *testing.T) {
	b := &spent{left: 9}
	g := &Grid{}
	g.SetBudget(b)
	g.Set(0, 3, "abc")
	assert.Equal(t, 5, b.cells, "a row and its four slots")
	assert.Equal(t, 3, b.text)
	g.Set(1, 0, "x")
	assert.Equal(t, 10, b.cells, "a row made as wide as the one above")
	g.Set(2, 0, "y")
	assert.Empty(t, g.At(2, 0), "past the budget nothing is kept")
}

func TestParse(t *testing.T) {
	g := Parse(`
# name 表三
	标题
	统计指标 | 单位 | 统计数 | 备注
	收到申请数 | 件 | 12 | "12"
	" a | b " | TRUE | #REF! | -1.5E3

	合计 | | =SUM(C3:C4) | =C3*2 => 24
	# merge A1:D1
	# hide 4 D
	# a comment
	# header 第 1 页
	# hidden
`)
	assert.Equal(t, "表三", g.Name)
	assert.True(t, g.Hidden)
	assert.Equal(t, "第 1 页", g.Header)
	assert.Equal(t, "标题", g.At(0, 3))
	assert.True(t, g.IsFill(0, 3))
	assert.Equal(t, "统计数", g.At(1, 2))
	assert.Equal(t, Text, g.Flags(1, 2))
	assert.Equal(t, "12", g.At(2, 2))
	assert.Equal(t, Flags(0), g.Flags(2, 2), "a number")
	assert.Equal(t, Text, g.Flags(2, 3), "a number stored as text")
	assert.Equal(t, " a | b ", g.At(3, 0))
	assert.Equal(t, "1", g.At(3, 1))
	assert.Equal(t, Bool, g.Flags(3, 1))
	assert.Equal(t, ErrorValue, g.Flags(3, 2))
	assert.Equal(t, Flags(0), g.Flags(3, 3))
	assert.Empty(t, g.Row(4), "an empty line is an empty row")
	assert.Equal(t, "", g.At(5, 1))
	assert.Equal(t, HasFormula|NoCache, g.Flags(5, 2))
	f, ok := g.Formula(5, 2)
	assert.True(t, ok)
	assert.Equal(t, "SUM(C3:C4)", f.Text)
	assert.Equal(t, "24", g.At(5, 3))
	assert.Equal(t, HasFormula, g.Flags(5, 3))
	assert.True(t, g.HiddenRow(3))
	assert.True(t, g.HiddenCol(3))
	assert.False(t, g.HiddenCol(2))
	assert.Equal(t, 4, g.Width())
	n := 0
	for at, f := range g.Formulas() {
		assert.Equal(t, 5, at.Row, f.Text)
		n++
	}
	assert.Equal(t, 2, n)
}

func TestParsePanics(t *testing.T) {
	for _, text := range []string{`a | "b`, "# merge A1", "# hide 5x"} {
		assert.Panics(t, func() { Parse(text) }, text)
	}
}

func ExampleParse() {
	g := Parse(`
统计指标 | 单位 | 统计数
收到申请数 | 件 | 12
当面申请数 | 件 | 5
# merge C1:D1
`)
	fmt.Println(g.Name, g.At(2, 2), g.At(0, 3), Ref(1, 2))
	// Output: Sheet1 5 统计数 C2
}
