package xlsx

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
	"tally/schema"
)

// texts lists the layout's cell texts of a kind, in order.
func (l *layout) texts(kind cellKind) []string {
	var out []string
	for _, r := range l.rows {
		for _, c := range r.cells {
			if c.kind == kind {
				out = append(out, c.text)
			}
		}
	}
	return out
}

// The 2019 and 2021 tables are laid out as the published reports print
// them: 二, 三 and 四 one below another, each under its section's heading,
// the money column with its unit, on a grid as wide as a portrait A4 page
// in Excel; and a section that would not fit on the rest of a page begins
// a new one, each section fitting a page.
func TestLayoutOfficialArrangement(t *testing.T) {
	for _, id := range []string{"gov-info-2019", "gov-info-2021"} {
		for _, lang := range []schema.Lang{schema.Zh, schema.En} {
			t.Run(id+"-"+string(lang), func(t *testing.T) {
				s, ok := schema.Builtin(id)
				require.True(t, ok)
				l := planLayout(s, "沭阳县 2021 年度"+s.Title, "填报单位：沭阳县", false, lang)
				l.fit()
				require.Equal(t, 15, l.width(), "四's 15 columns set the grid")
				assert.LessOrEqual(t, spanWidth(l.widths, 0, l.width()).excel, pageWidthPt, "the grid fits a portrait A4 page in Excel")
				sections := l.texts(kSection)
				if lang == schema.Zh {
					assert.Equal(t, []string{"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"}, sections)
					assert.Contains(t, l.texts(kTableTitle), "第二十条第（一）项")
					assert.NotContains(t, l.texts(kTableTitle), "三、收到和处理政府信息公开申请情况", "a section's heading is printed once")
				} else {
					require.Len(t, sections, 3)
					assert.True(t, strings.HasPrefix(sections[0], "II. "), sections[0])
				}
				headers := strings.Join(l.texts(kHeader), "|")
				switch {
				case id == "gov-info-2021" && lang == schema.Zh:
					assert.Contains(t, headers, "本年收费金额（单位：万元）")
				case id == "gov-info-2019" && lang == schema.Zh:
					assert.Contains(t, headers, "采购总金额（单位：元）")
				}
				// Every value cell is where SummaryRefs says, once.
				seen := map[string]bool{}
				for k, r := range l.refs {
					assert.False(t, seen[r], "%s shares its cell %s", k, r)
					seen[r] = true
				}
				assert.Len(t, l.refs, len(s.Keys()))
				// 四 prints no label column: its first value is in column A.
				assert.Equal(t, "A", strings.TrimRight(l.refs["4@review_upheld"], "0123456789"))
				// Pages begin only before a section, 三 begins one (二 and
				// 三 do not fit one page), and no page holds more than
				// fits it.
				var breaks []string
				page := 0.0
				for _, r := range l.rows {
					if r.pageBreak {
						breaks = append(breaks, r.cells[0].text)
						assert.True(t, r.section, "a page begins at a section")
						page = 0
					}
					page += r.height
					assert.LessOrEqual(t, page, pageHeightPt, "a page holds no more than fits it")
				}
				require.NotEmpty(t, breaks)
				assert.Equal(t, sections[1], breaks[0])
			})
		}
	}
}

// The 2018 table keeps its three columns (label, unit, value) and one
// header row, repeated on every printed page.
func TestLayout2018(t *testing.T) {
	l := planLayout(testkit.Gov2018(t), "兴庆区 2018 年度政府信息公开情况统计表", "填报单位：兴庆区", false, schema.Zh)
	l.fit()
	assert.Equal(t, []float64{58, 9, 13}, l.widths)
	from, to := l.headerRows()
	assert.Equal(t, [2]int{3, 3}, [2]int{from, to})
	assert.Equal(t, "C5", l.refs["1.1"])
	assert.Empty(t, l.texts(kSection))
	for _, r := range l.rows {
		assert.False(t, r.pageBreak, "one table: the header row is repeated instead")
	}
}
