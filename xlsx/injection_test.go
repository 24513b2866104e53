package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/consolidate"
	"tally/internal/testkit"
	"tally/schema"
)

// Text that comes from submissions (file names, unit names, what was typed
// in a cell) is written as text in every workbook tally makes, never as a
// formula, however it begins.
func TestSubmittedTextIsNeverAFormula(t *testing.T) {
	s := testkit.Gov2018(t)
	evil := []string{`=HYPERLINK("http://example.com/x","点我")`, `+cmd|' /C calc'!A0`, `-2+3`, `@SUM(1+1)`}
	var sources []consolidate.Source
	for i, e := range evil {
		name := fmt.Sprintf("%s%d.xlsx", e, i)
		sources = append(sources, consolidate.Source{Name: name, Load: func() ([]byte, error) { return []byte(e), nil }})
	}
	read := func(data []byte, name string) *schema.Submission {
		sub := &schema.Submission{File: name, Unit: string(data), Year: 2018, Schema: s, Sheet: string(data), Values: map[string]schema.Value{}}
		for i, k := range s.Keys() {
			sub.Values[k] = schema.Value{State: schema.Present, Num: decimal.Zero, Ref: fmt.Sprintf("C%d", i+4)}
		}
		sub.Values["1.1"] = schema.Value{State: schema.Invalid, Ref: "C5"}
		sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindNotANumber, Sheet: string(data), Cell: "C5",
			Codes: []string{"1.1"}, Msg: schema.Msg(schema.MustLookup("read.not-a-number"), string(data), string(data))})
		return sub
	}
	res := consolidate.Validate(sources, read, consolidate.Options{Jobs: 1})
	refs := SummaryRefs(res.Schema)
	res.Consolidate(consolidate.ConsolidateOptions{Name: evil[0], Out: "=out.xlsx", Sheet: "汇总",
		TotalRef: func(k string) string { return refs[k] }})
	for _, write := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error {
			return WriteConsolidated(b, res, WriteOptions{Lang: schema.Zh, Command: evil})
		},
		func(b *bytes.Buffer) error { return WriteLog(b, res, WriteOptions{Lang: schema.Zh, Command: evil}) },
	} {
		var buf, dump bytes.Buffer
		require.NoError(t, write(&buf))
		require.NoError(t, Dump(&dump, buf.Bytes()))
		seen := 0
		for _, line := range strings.Split(dump.String(), "\n") {
			if !strings.Contains(line, "HYPERLINK") && !strings.Contains(line, "cmd|") && !strings.Contains(line, "@SUM") {
				continue
			}
			seen++
			if i := strings.Index(line, `" =`); i >= 0 {
				formula := line[i+3:]
				for _, e := range []string{"HYPERLINK", "cmd", "@SUM"} {
					assert.NotContains(t, formula, e, line)
				}
			}
			assert.NotContains(t, line, "link=http", line)
		}
		assert.Greater(t, seen, len(evil), "the submitted text is in the workbook")
	}
}
