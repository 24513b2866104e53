package schema

import "strings"

// KindName is a finding kind in words: in Chinese a name a clerk knows
// (合计不符), in English the kind itself (sum).
func KindName(kind string, lang Lang) string {
	if d, ok := kindNames[kind]; ok {
		return Msg(d).Render(lang)
	}
	return kind
}

// kindNames are the finding kinds' names, by kind.
var kindNames = map[string]*Def{
	KindSum:             msgKindSum,
	KindOfWhich:         msgKindOfWhich,
	KindBound:           msgKindBound,
	KindConsistency:     msgKindConsistency,
	KindNegative:        msgKindNegative,
	KindNonInteger:      msgKindNonInteger,
	KindNotANumber:      msgKindNotANumber,
	KindBlank:           msgKindBlank,
	KindUnit:            msgKindUnit,
	KindMissingRow:      msgKindMissingRow,
	KindExtraRow:        msgKindExtraRow,
	KindFormulaError:    msgKindFormulaError,
	KindConverted:       msgKindConverted,
	KindUnreadable:      msgKindUnreadable,
	KindSchema:          msgKindSchema,
	KindDuplicateUnit:   msgKindDuplicateUnit,
	KindIdenticalValues: msgKindIdenticalValues,
	KindYear:            msgKindYear,
	KindMissingUnit:     msgKindMissingUnit,
	KindUnknownUnit:     msgKindUnknownUnit,
	KindPrevious:        msgKindPrevious,
	KindJump:            msgKindJump,
}

// RuleText is the rule a finding concerns, in words: a rule of the schema
// as a formula with its numbers (收到申请数(C24)=当面+传真+网络+信函: 6 ≠
// 5), any other check as what it asks for (应填写数字). The rule's code
// (f.Rule: sum:3.1, read:not-a-number) is for scripts.
func (f *Finding) RuleText(lang Lang) string {
	if f.Formula.Def != nil {
		return f.Formula.Render(lang)
	}
	id := f.Rule
	if i := strings.IndexAny(id, "@/"); i >= 0 {
		id = id[:i]
	}
	for {
		if d, ok := ruleTexts[id]; ok {
			return Msg(d).Render(lang)
		}
		i := strings.LastIndexByte(id, ':')
		if i < 0 {
			break
		}
		id = id[:i]
	}
	return KindName(f.Kind, lang)
}

// ruleTexts are the checks other than a schema's rules in words, by the
// rule code or its leading part (read:blank, previous).
var ruleTexts = map[string]*Def{
	"cross:duplicate-unit":   msgRuletextCrossDuplicateUnit,
	"cross:identical-values": msgRuletextCrossIdenticalValues,
	"cross:roster":           msgRuletextCrossRoster,
	"cross:schema":           msgRuletextCrossSchema,
	"cross:superseded":       msgRuletextCrossSuperseded,
	"cross:year":             msgRuletextCrossYear,
	"previous":               msgRuletextPrevious,
	"previous:jump":          msgRuletextPreviousJump,
	"read:blank":             msgRuletextReadBlank,
	"read:converted":         msgRuletextReadConverted,
	"read:duplicate-row":     msgRuletextReadDuplicateRow,
	"read:extra-column":      msgRuletextReadExtraColumn,
	"read:extra-row":         msgRuletextReadExtraRow,
	"read:format-year":       msgRuletextReadFormatYear,
	"read:formula-error":     msgRuletextReadFormulaError,
	"read:header-spelling":   msgRuletextReadHeaderSpelling,
	"read:heading-numbers":   msgRuletextReadHeadingNumbers,
	"read:legacy-row":        msgRuletextReadLegacyRow,
	"read:missing-row":       msgRuletextReadMissingRow,
	"read:negative":          msgRuletextReadNegative,
	"read:non-integer":       msgRuletextReadNonInteger,
	"read:not-a-number":      msgRuletextReadNotANumber,
	"read:other-sheet":       msgRuletextReadOtherSheet,
	"read:other-table":       msgRuletextReadOtherTable,
	"read:out-of-range":      msgRuletextReadOutOfRange,
	"read:recalculated":      msgRuletextReadRecalculated,
	"read:schema":            msgRuletextReadSchema,
	"read:stray-number":      msgRuletextReadStrayNumber,
	"read:subtotal":          msgRuletextReadSubtotal,
	"read:unit":              msgRuletextReadUnit,
	"read:unit-name":         msgRuletextReadUnitName,
	"read:unreadable":        msgRuletextReadUnreadable,
	"read:year":              msgRuletextReadYear,
	"run:check":              msgRuletextRunCheck,
}
