package schema

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// balanced returns figures for a 2019 or 2021 schema that keep every
// identity: one application per applicant column, granted, and a review
// and a lawsuit of each kind.
func balanced(s *Schema) map[string]string {
	vals := map[string]string{}
	for _, k := range s.Keys() {
		vals[k] = "0"
	}
	for _, c := range []string{"natural", "commercial", "research", "public", "legal", "other"} {
		vals["3.1@"+c], vals["3.3.1@"+c], vals["3.3.7@"+c] = "1", "1", "1"
	}
	vals["3.1@total"], vals["3.3.1@total"], vals["3.3.7@total"] = "6", "6", "6"
	for _, g := range []string{"review", "direct", "after"} {
		vals["4@"+g+"_upheld"], vals["4@"+g+"_total"] = "2", "2"
	}
	return vals
}

func matrixSchema(t *testing.T, id string) *Schema {
	s, ok := Builtin(id)
	require.True(t, ok)
	return s
}

func rulesOf(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestMatrixSchemasBalanced(t *testing.T) {
	for _, id := range []string{"gov-info-2019", "gov-info-2021"} {
		s := matrixSchema(t, id)
		assert.Empty(t, s.Check(submission(t, s, balanced(s), nil)), id)
	}
}

// Every identity of the 2019 and 2021 formats fires when its figures break
// it, naming the row and the column.
func TestMatrixIdentities(t *testing.T) {
	for _, id := range []string{"gov-info-2019", "gov-info-2021"} {
		s := matrixSchema(t, id)
		base := balanced(s)
		tests := []struct {
			name  string
			edits map[string]string
			want  []string
		}{
			{"一+二 = 总计+四, per applicant column (and the row total)",
				map[string]string{"3.2@research": "1", "3.2@total": "1"},
				[]string{"balance/research", "balance/total"}},
			{"（七）总计 = the result rows, under the group labels too",
				map[string]string{"3.3.4.2@legal": "1", "3.3.4.2@total": "1"},
				[]string{"sum:3.3.7@legal", "sum:3.3.7@total"}},
			{"each row: 总计 = the six applicant columns",
				map[string]string{"3.3.5.4@natural": "1", "3.3.7@natural": "2", "3.1@natural": "2"},
				[]string{"sum:3.3.5.4@total", "sum:3.3.7@total/rows", "sum:3.1@total"}},
			{"a blank total on a row with values",
				map[string]string{"3.1@total": "blank"},
				[]string{"sum:3.1@total", "balance/total"}},
			{"四: 行政复议 总计", map[string]string{"4@review_total": "3"}, []string{"sum:4@review_total"}},
			{"四: 未经复议直接起诉 总计", map[string]string{"4@direct_pending": "1"}, []string{"sum:4@direct_total"}},
			{"四: 复议后起诉 总计", map[string]string{"4@after_corrected": "1", "4@after_total": "2"}, []string{"sum:4@after_total"}},
		}
		for _, tt := range tests {
			t.Run(id+"/"+tt.name, func(t *testing.T) {
				fs := s.Check(submission(t, s, base, tt.edits))
				assert.ElementsMatch(t, tt.want, rulesOf(fs))
				for _, f := range fs {
					assert.Equal(t, Error, f.Severity)
					assert.Equal(t, KindSum, f.Kind)
				}
			})
		}
	}
}

func TestMatrixFindingNamesRowAndColumn(t *testing.T) {
	s := matrixSchema(t, "gov-info-2021")
	sub := submission(t, s, balanced(s), map[string]string{"3.3.4.2@legal": "1", "3.3.4.2@total": "1"})
	sub.Values["3.3.7@legal"] = Value{State: Present, Num: decimal.NewFromInt(1), Ref: "H40"}
	fs := s.Check(sub)
	require.NotEmpty(t, fs)
	msg := ""
	for _, f := range fs {
		if f.Rule == "sum:3.3.7@legal" {
			msg = f.Message(Zh)
		}
	}
	assert.Contains(t, msg, "办理结果总计·法律服务机构(H40) 为 1")
	assert.Contains(t, msg, "无法提供·需另行制作·法律服务机构")
	// Section 四 names its column alone: the row has no label.
	assert.Equal(t, "复议后起诉总计", s.CellName("4@after_total", Zh))
}

func TestMatrixKinds(t *testing.T) {
	s19 := matrixSchema(t, "gov-info-2019")
	c, ok := s19.Cell("2.6.1@change")
	require.True(t, ok)
	assert.True(t, c.Negative(), "本年增/减 may be negative")
	c, _ = s19.Cell("2.9.1@amount")
	assert.Equal(t, Decimal, c.Kind())
	assert.Equal(t, "元", c.Unit())
	// 2019's soft check: new publications no more than all publications.
	fs := s19.Check(submission(t, s19, balanced(s19), map[string]string{"2.1.2@new_published": "5", "2.1.2@published_total": "3"}))
	require.Len(t, fs, 1)
	assert.Equal(t, Warning, fs[0].Severity)
	assert.Equal(t, KindConsistency, fs[0].Kind)
	s21 := matrixSchema(t, "gov-info-2021")
	c, _ = s21.Cell("2.8.1@fees")
	assert.Equal(t, Decimal, c.Kind())
	assert.Equal(t, "万元", c.Unit())
	assert.Equal(t, 6, c.Places())
	assert.Len(t, s21.Keys(), 2*3+1+2+1+25*7+15)
	assert.Len(t, s19.Keys(), 2*3+2*3+2*3+2+2+23*7+15)
}
