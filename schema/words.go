package schema

import "strings"

// KindName is a finding kind in words: in Chinese a name a clerk knows
// (合计不符), in English the kind itself (sum).
func KindName(kind string, lang Lang) string {
	if id := "kind." + kind; HasMessage(id) {
		return Msg(id).Render(lang)
	}
	return kind
}

// RuleText is the rule a finding concerns, in words: a rule of the schema
// as a formula with its numbers (收到申请数(C24)=当面+传真+网络+信函: 6 ≠
// 5), any other check as what it asks for (应填写数字). The rule's code
// (f.Rule: sum:3.1, read:not-a-number) is for scripts.
func (f *Finding) RuleText(lang Lang) string {
	if f.Formula.ID != "" {
		return f.Formula.Render(lang)
	}
	id := f.Rule
	if i := strings.IndexAny(id, "@/"); i >= 0 {
		id = id[:i]
	}
	for {
		if HasMessage("ruletext." + id) {
			return Msg("ruletext." + id).Render(lang)
		}
		i := strings.LastIndexByte(id, ':')
		if i < 0 {
			break
		}
		id = id[:i]
	}
	return KindName(f.Kind, lang)
}

func init() {
	Register(map[string]Text{
		"kind.sum":              {Zh: "合计不符", En: "sum"},
		"kind.of-which":         {Zh: "其中项超总数", En: "of-which"},
		"kind.bound":            {Zh: "数量关系", En: "bound"},
		"kind.consistency":      {Zh: "一致性", En: "consistency"},
		"kind.negative":         {Zh: "负数", En: "negative"},
		"kind.non-integer":      {Zh: "非整数", En: "non-integer"},
		"kind.not-a-number":     {Zh: "非数字", En: "not-a-number"},
		"kind.blank":            {Zh: "未填写", En: "blank"},
		"kind.unit":             {Zh: "计量单位", En: "unit"},
		"kind.missing-row":      {Zh: "缺少行", En: "missing-row"},
		"kind.extra-row":        {Zh: "多余行", En: "extra-row"},
		"kind.formula-error":    {Zh: "公式错误", En: "formula-error"},
		"kind.converted":        {Zh: "格式转换", En: "converted"},
		"kind.unreadable":       {Zh: "无法读取", En: "unreadable"},
		"kind.schema":           {Zh: "表式不符", En: "schema"},
		"kind.duplicate-unit":   {Zh: "单位重复", En: "duplicate-unit"},
		"kind.identical-values": {Zh: "数据雷同", En: "identical-values"},
		"kind.year":             {Zh: "年度", En: "year"},
		"kind.missing-unit":     {Zh: "未报送", En: "missing-unit"},
		"kind.unknown-unit":     {Zh: "单位不明", En: "unknown-unit"},
		"kind.previous":         {Zh: "与上年不符", En: "previous"},
		"kind.jump":             {Zh: "异常变动", En: "jump"},

		// What each check that is no rule of the schema asks for, by the
		// rule code of its findings (read:…, cross:…, previous:…).
		"ruletext.read:not-a-number":  {Zh: "统计数应填写数字", En: "a value is a number"},
		"ruletext.read:out-of-range":  {Zh: "统计数应在可准确保存的范围内", En: "a value is within the exact range"},
		"ruletext.read:negative":      {Zh: "统计数不能为负数", En: "a value is not negative"},
		"ruletext.read:non-integer":   {Zh: "计数的指标应为整数", En: "a count is a whole number"},
		"ruletext.read:blank":         {Zh: "每个统计数都应填写，未填写按 0 计", En: "every value is filled in; a blank counts as 0"},
		"ruletext.read:formula-error": {Zh: "公式应能算出结果", En: "a formula has a result"},
		"ruletext.read:unit":          {Zh: "按统计表规定的计量单位填写", En: "values are in the table's unit"},
		"ruletext.read:missing-row":   {Zh: "统计表的每一行都应保留", En: "every row of the table is there"},
		"ruletext.read:extra-row":     {Zh: "统计表以外的行不填数字", En: "no number outside the table's rows"},
		"ruletext.read:duplicate-row": {Zh: "每个指标只出现一次", En: "each indicator appears once"},
		"ruletext.read:stray-number":  {Zh: "数字填在统计数一列", En: "numbers are in the value column"},
		"ruletext.read:converted":     {Zh: "报表以 .xlsx 格式报送", En: "tables are sent as .xlsx"},
		"ruletext.read:recalculated":  {Zh: "公式保存有计算结果", En: "formulas are saved with their results"},
		"ruletext.read:unreadable":    {Zh: "文件应能作为工作簿打开", En: "the file opens as a workbook"},
		"ruletext.read:schema":        {Zh: "工作簿中应有统计表", En: "the workbook holds the table"},
		"ruletext.read:other-table":   {Zh: "一个文件只报一份统计表", En: "one table a file"},
		"ruletext.read:other-sheet":   {Zh: "一个文件只报一份统计表", En: "one table a file"},
		"ruletext.read:unit-name":     {Zh: "标题中写明填报单位", En: "the title names the unit"},
		"ruletext.read:year":          {Zh: "标题中写明统计年度", En: "the title gives the year"},
		"ruletext.read:format-year":   {Zh: "表式与报表年度相符", En: "the format is the year's"},
		"ruletext.run:check":          {Zh: "报表能完成检查", En: "the table can be checked"},
		"ruletext.cross:schema":       {Zh: "各单位使用同一种表式", En: "every unit uses the same format"},
		"ruletext.cross:duplicate-unit": {
			Zh: "每个单位只报送一份报表", En: "one table a unit"},
		"ruletext.cross:superseded": {
			Zh: "同一单位的多份报表只计入最新的一份", En: "of a unit's tables only the latest is summed"},
		"ruletext.read:extra-column":    {Zh: "统计表以外的列不填数字", En: "no number outside the table's columns"},
		"ruletext.read:heading-numbers": {Zh: "标题行不填数字", En: "no number on a heading row"},
		"ruletext.read:header-spelling": {Zh: "表头与统计表的规定一致", En: "the headers are the table's own"},
		"ruletext.read:legacy-row":      {Zh: "按本年度的表式填写", En: "the table follows this year's format"},
		"ruletext.read:subtotal":        {Zh: "小计等于其下各项之和", En: "a subtotal equals the rows under it"},
		"ruletext.cross:identical-values": {
			Zh: "各单位的数字不应完全相同", En: "units do not share every figure"},
		"ruletext.cross:year": {Zh: "各报表的年度一致", En: "every table is for the run's year"},
		"ruletext.cross:roster": {
			Zh: "名单中的单位都报送，报送的单位都在名单中", En: "every unit on the roster submits, and only they do"},
		"ruletext.previous:jump": {Zh: "与上年相比不应有异常变动", En: "no implausible change from last year"},
		"ruletext.previous": {
			Zh: "与上年数据一一对应", En: "matched with last year's figures"},
	})
}
