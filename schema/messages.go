package schema

import "sort"

// A Def is a message of tally's catalogue: an id, which tests and the
// catalogue's listing use, and the text in Chinese and English, with
// positional arguments (%[1]s; a cell argument reads "name(C24)"). Each
// package declares its messages as package variables made by Define and
// passes those to Msg, so a message that does not exist is a build
// failure, never an id printed in its place.
type Def struct {
	ID string
	Text
}

// catalogue holds every message, by id.
var catalogue = map[string]*Def{}

// Define adds a message to the catalogue and returns it. An id defined
// twice is a mistake in tally, found as the program starts.
func Define(id string, t Text) *Def {
	if _, dup := catalogue[id]; dup {
		panic("schema: message " + id + " defined twice")
	}
	d := &Def{ID: id, Text: t}
	catalogue[id] = d
	return d
}

// Lookup finds a message by id, for the tests that render every message
// of the catalogue.
func Lookup(id string) (*Def, bool) {
	d, ok := catalogue[id]
	return d, ok
}

// MustLookup is Lookup for the tests, which name messages by id: an id
// not in the catalogue panics.
func MustLookup(id string) *Def {
	d, ok := catalogue[id]
	if !ok {
		panic("schema: no message " + id)
	}
	return d
}

// MessageIDs lists the id of every message in the catalogue.
func MessageIDs() []string {
	ids := make([]string, 0, len(catalogue))
	for id := range catalogue {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// The messages of this package, in Chinese and English: a message is a
// value, so one that does not exist does not compile.
var (
	msgFormula             = Define("formula", Text{Zh: "%[1]s%[2]s%[3]s: %[4]s %[5]s %[6]s", En: "%[1]s%[2]s%[3]s: %[4]s %[5]s %[6]s"})
	msgFormulaExpr         = Define("formula.expr", Text{Zh: "%[1]s", En: "%[1]s"})
	msgKindBlank           = Define("kind.blank", Text{Zh: "未填写", En: "blank"})
	msgKindBound           = Define("kind.bound", Text{Zh: "数量关系", En: "bound"})
	msgKindConsistency     = Define("kind.consistency", Text{Zh: "一致性", En: "consistency"})
	msgKindConverted       = Define("kind.converted", Text{Zh: "格式转换", En: "converted"})
	msgKindDuplicateUnit   = Define("kind.duplicate-unit", Text{Zh: "单位重复", En: "duplicate-unit"})
	msgKindExtraRow        = Define("kind.extra-row", Text{Zh: "多余行", En: "extra-row"})
	msgKindFormulaError    = Define("kind.formula-error", Text{Zh: "公式错误", En: "formula-error"})
	msgKindIdenticalValues = Define("kind.identical-values", Text{Zh: "数据雷同", En: "identical-values"})
	msgKindJump            = Define("kind.jump", Text{Zh: "异常变动", En: "jump"})
	msgKindMissingRow      = Define("kind.missing-row", Text{Zh: "缺少行", En: "missing-row"})
	msgKindMissingUnit     = Define("kind.missing-unit", Text{Zh: "未报送", En: "missing-unit"})
	msgKindNegative        = Define("kind.negative", Text{Zh: "负数", En: "negative"})
	msgKindNonInteger      = Define("kind.non-integer", Text{Zh: "非整数", En: "non-integer"})
	msgKindNotANumber      = Define("kind.not-a-number", Text{Zh: "非数字", En: "not-a-number"})
	msgKindOfWhich         = Define("kind.of-which", Text{Zh: "其中项超总数", En: "of-which"})
	msgKindPrevious        = Define("kind.previous", Text{Zh: "与上年不符", En: "previous"})
	msgKindSchema          = Define("kind.schema", Text{Zh: "表式不符", En: "schema"})
	msgKindSum             = Define("kind.sum", Text{Zh: "合计不符", En: "sum"})
	msgKindUnit            = Define("kind.unit", Text{Zh: "计量单位", En: "unit"})
	msgKindUnknownUnit     = Define("kind.unknown-unit", Text{Zh: "单位不明", En: "unknown-unit"})
	msgKindUnreadable      = Define("kind.unreadable", Text{Zh: "无法读取", En: "unreadable"})
	msgKindYear            = Define("kind.year", Text{Zh: "年度", En: "year"})
	msgPreviousLastCell    = Define("previous.last-cell", Text{Zh: "上年·%s", En: "last year's %s"})
	msgRuleBound           = Define("rule.bound", Text{
		Zh: "%[1]s 为 %[2]s，%[3]s %[4]s（%[5]s）",
		En: "%[1]s is %[2]s; it %[3]s %[4]s (%[5]s)",
	})
	msgRuleBoundSoft = Define("rule.bound.soft", Text{
		Zh: "请核实：%[1]s 为 %[2]s，一般%[3]s %[4]s（%[5]s）",
		En: "please check: %[1]s is %[2]s; it normally %[3]s %[4]s (%[5]s)",
	})
	msgRuleExpr    = Define("rule.expr", Text{Zh: "%[1]s（%[2]s）", En: "%[1]s (%[2]s)"})
	msgRuleOfWhich = Define("rule.of-which", Text{
		Zh: "“其中”项超过总数：%[1]s 为 %[2]s，大于 %[3]s（%[4]s）",
		En: "an of-which item exceeds its total: %[1]s is %[2]s, more than %[3]s (%[4]s)",
	})
	msgRuleSum = Define("rule.sum", Text{
		Zh: "合计不符：%[1]s 为 %[2]s，而 %[3]s 合计 %[4]s，相差 %[5]s",
		En: "total does not add up: %[1]s is %[2]s, but %[3]s add up to %[4]s (difference %[5]s)",
	})
	msgRuleWithNote               = Define("rule.with-note", Text{Zh: "%[1]s。%[2]s", En: "%[1]s. %[2]s"})
	msgRuletextCrossDuplicateUnit = Define("ruletext.cross:duplicate-unit", Text{
		Zh: "每个单位只报送一份报表", En: "one table a unit"})
	msgRuletextCrossIdenticalValues = Define("ruletext.cross:identical-values", Text{
		Zh: "各单位的数字不应完全相同", En: "units do not share every figure"})
	msgRuletextCrossRoster = Define("ruletext.cross:roster", Text{
		Zh: "名单中的单位都报送，报送的单位都在名单中", En: "every unit on the roster submits, and only they do"})
	msgRuletextCrossSchema     = Define("ruletext.cross:schema", Text{Zh: "各单位使用同一种表式", En: "every unit uses the same format"})
	msgRuletextCrossSuperseded = Define("ruletext.cross:superseded", Text{
		Zh: "同一单位的多份报表只计入最新的一份", En: "of a unit's tables only the latest is summed"})
	msgRuletextCrossYear = Define("ruletext.cross:year", Text{Zh: "各报表的年度一致", En: "every table is for the run's year"})
	msgRuletextPrevious  = Define("ruletext.previous", Text{
		Zh: "与上年数据一一对应", En: "matched with last year's figures"})
	msgRuletextPreviousJump       = Define("ruletext.previous:jump", Text{Zh: "与上年相比不应有异常变动", En: "no implausible change from last year"})
	msgRuletextReadBlank          = Define("ruletext.read:blank", Text{Zh: "每个统计数都应填写，未填写按 0 计", En: "every value is filled in; a blank counts as 0"})
	msgRuletextReadConverted      = Define("ruletext.read:converted", Text{Zh: "报表以 .xlsx 格式报送", En: "tables are sent as .xlsx"})
	msgRuletextReadDuplicateRow   = Define("ruletext.read:duplicate-row", Text{Zh: "每个指标只出现一次", En: "each indicator appears once"})
	msgRuletextReadExtraColumn    = Define("ruletext.read:extra-column", Text{Zh: "统计表以外的列不填数字", En: "no number outside the table's columns"})
	msgRuletextReadExtraRow       = Define("ruletext.read:extra-row", Text{Zh: "统计表以外的行不填数字", En: "no number outside the table's rows"})
	msgRuletextReadFormatYear     = Define("ruletext.read:format-year", Text{Zh: "表式与报表年度相符", En: "the format is the year's"})
	msgRuletextReadFormulaError   = Define("ruletext.read:formula-error", Text{Zh: "公式应能算出结果", En: "a formula has a result"})
	msgRuletextReadHeaderSpelling = Define("ruletext.read:header-spelling", Text{Zh: "表头与统计表的规定一致", En: "the headers are the table's own"})
	msgRuletextReadHeadingNumbers = Define("ruletext.read:heading-numbers", Text{Zh: "标题行不填数字", En: "no number on a heading row"})
	msgRuletextReadLegacyRow      = Define("ruletext.read:legacy-row", Text{Zh: "按本年度的表式填写", En: "the table follows this year's format"})
	msgRuletextReadMissingRow     = Define("ruletext.read:missing-row", Text{Zh: "统计表的每一行都应保留", En: "every row of the table is there"})
	msgRuletextReadNegative       = Define("ruletext.read:negative", Text{Zh: "统计数不能为负数", En: "a value is not negative"})
	msgRuletextReadNonInteger     = Define("ruletext.read:non-integer", Text{Zh: "计数的指标应为整数", En: "a count is a whole number"})
	msgRuletextReadNotANumber     = Define("ruletext.read:not-a-number", Text{Zh: "统计数应填写数字", En: "a value is a number"})
	msgRuletextReadOtherSheet     = Define("ruletext.read:other-sheet", Text{Zh: "一个文件只报一份统计表", En: "one table a file"})
	msgRuletextReadOtherTable     = Define("ruletext.read:other-table", Text{Zh: "一个文件只报一份统计表", En: "one table a file"})
	msgRuletextReadOutOfRange     = Define("ruletext.read:out-of-range", Text{Zh: "统计数应在可准确保存的范围内", En: "a value is within the exact range"})
	msgRuletextReadRecalculated   = Define("ruletext.read:recalculated", Text{Zh: "公式保存有计算结果", En: "formulas are saved with their results"})
	msgRuletextReadSchema         = Define("ruletext.read:schema", Text{Zh: "工作簿中应有统计表", En: "the workbook holds the table"})
	msgRuletextReadStrayNumber    = Define("ruletext.read:stray-number", Text{Zh: "数字填在统计数一列", En: "numbers are in the value column"})
	msgRuletextReadSubtotal       = Define("ruletext.read:subtotal", Text{Zh: "小计等于其下各项之和", En: "a subtotal equals the rows under it"})
	msgRuletextReadUnit           = Define("ruletext.read:unit", Text{Zh: "按统计表规定的计量单位填写", En: "values are in the table's unit"})
	msgRuletextReadUnitName       = Define("ruletext.read:unit-name", Text{Zh: "标题中写明填报单位", En: "the title names the unit"})
	msgRuletextReadUnreadable     = Define("ruletext.read:unreadable", Text{Zh: "文件应能作为工作簿打开", En: "the file opens as a workbook"})
	msgRuletextReadYear           = Define("ruletext.read:year", Text{Zh: "标题中写明统计年度", En: "the title gives the year"})
	msgRuletextRunCheck           = Define("ruletext.run:check", Text{Zh: "报表能完成检查", En: "the table can be checked"})
)
