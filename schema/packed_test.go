package schema

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Packed findings come back as they went in: every field, and messages
// that say the same in both languages, whatever their arguments' types.
func TestPackedFindingsRoundTrip(t *testing.T) {
	s := &Submission{File: "乡镇/掌政镇.xlsx", Unit: "掌政镇", Sheet: "Sheet1"}
	seven, eight := decimal.NewFromInt(7), decimal.RequireFromString("8.25")
	g, ok := Builtin("gov-info-2018")
	require.True(t, ok)
	s.Schema = g
	terms := termList{s: g, keys: []string{"3.1.1", "3.1.2"}, sep: "+"}
	in := []Finding{
		{Severity: Error, Kind: KindSum, Rule: "sum:3.1", File: s.File, Unit: s.Unit, Sheet: s.Sheet, Cell: "C25",
			Codes: []string{"3.1", "3.1.1"}, Expected: &seven, Actual: &eight,
			Msg:     Msg(MustLookup("rule.sum"), "收到申请数(C25)", eight, Both{Zh: "当面+传真", En: "in person+fax"}, seven, decimal.RequireFromString("1.25")),
			Formula: Msg(MustLookup("formula"), "收到申请数", "(C25)", "=当面+传真", "8.25", "≠", "7")},
		{Severity: Warning, Kind: KindExtraRow, Rule: "read:extra-row", File: s.File, Unit: s.Unit, Sheet: "表三", Cell: "表三!C13",
			Msg: Msg(msgManyArgs, 13, "6.其他公开方式数", int64(12), 0.5, nil, Text{Zh: "甲", En: "a"})},
		{Severity: Info, Kind: KindBlank, Rule: "read:blank", File: "另一个.xlsx", Unit: "别的", Sheet: "", Cell: "",
			Codes: []string{}, Msg: Msg(MustLookup("rule.with-note"), Msg(MustLookup("rule.expr"), Both{Zh: "说明", En: "note"}, "x"), "注")},
		{Severity: Error, Kind: KindUnreadable, Rule: "read:unreadable", Msg: Msg(foreign("run.load-failed"), fmt.Errorf("磁盘已满"))},
	}
	for _, f := range in {
		s.Add(f)
	}
	s.Add(Finding{Severity: Warning, Kind: KindSum, Rule: "sum:x", Msg: Msg(MustLookup("rule.expr"), Both{Zh: "合计", En: "total"}, terms)})
	want := s.FindingList()
	s.Compact()
	require.Zero(t, s.Loose(), "packed away")
	assert.Greater(t, len(s.packedFindings), 0)
	s.Add(Finding{Severity: Warning, Kind: KindYear, Rule: "cross:year", Msg: Msg(foreign("cross.year-given"), 2017, 2018)})
	got := s.FindingList()
	require.Len(t, got, len(want)+1)
	for i, w := range want {
		g := got[i]
		assert.Equal(t, w.Severity, g.Severity, i)
		assert.Equal(t, w.Kind, g.Kind, i)
		assert.Equal(t, w.Rule, g.Rule, i)
		assert.Equal(t, w.File, g.File, i)
		assert.Equal(t, w.Unit, g.Unit, i)
		assert.Equal(t, w.Sheet, g.Sheet, i)
		assert.Equal(t, w.Cell, g.Cell, i)
		assert.Equal(t, w.Codes, g.Codes, i)
		assert.Equal(t, fmt.Sprint(w.Expected), fmt.Sprint(g.Expected), i)
		assert.Equal(t, fmt.Sprint(w.Actual), fmt.Sprint(g.Actual), i)
		for _, lang := range []Lang{Zh, En} {
			assert.Equal(t, w.Msg.Render(lang), g.Msg.Render(lang), "%d %s", i, lang)
			assert.Equal(t, w.Formula.Render(lang), g.Formula.Render(lang), "%d %s", i, lang)
		}
	}
	assert.Equal(t, KindYear, got[len(got)-1].Kind, "a finding added after Compact follows")
	assert.Equal(t, Error, s.Worst())
	assert.Equal(t, StatusErrors, s.Status())
	s.SetFindings(nil)
	assert.Equal(t, StatusOK, s.Status())
	assert.Empty(t, s.FindingList())
}

// A packed finding takes a few dozen bytes, not the hundreds of its value.
func TestPackedFindingsAreSmall(t *testing.T) {
	s := &Submission{File: "乡镇/掌政镇.xlsx", Unit: "掌政镇", Sheet: "Sheet1"}
	for i := range 58 {
		s.Add(Finding{Severity: Error, Kind: KindNotANumber, Rule: "read:not-a-number", File: s.File, Unit: s.Unit,
			Sheet: s.Sheet, Cell: fmt.Sprintf("C%d", i+4), Codes: []string{"1.1"},
			Msg: Msg(foreign("read.not-a-number"), Both{Zh: "主动公开政府信息数", En: "Items published"}, fmt.Sprintf("约%d", 50000+i))})
	}
	s.Compact()
	assert.Less(t, len(s.packedFindings)/58, 90, "bytes a finding")
}

// foreign is a message another package defines (schema's tests do not
// link it), defined here for the packing tests, which need a message of
// the catalogue and not its words.
func foreign(id string) *Def {
	if d, ok := Lookup(id); ok {
		return d
	}
	return Define(id, Text{Zh: id + "：%v", En: id + ": %v"})
}

// msgManyArgs is a message of an argument of each kind a message is given.
var msgManyArgs = Define("test.many-args", Text{Zh: "%v|%v|%v|%v|%v|%v", En: "%v/%v/%v/%v/%v/%v"})
