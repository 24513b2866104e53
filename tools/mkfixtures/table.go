package main

// row is one line of the 2018 《政府信息公开情况统计表》, with the label, unit and
// line breaks of the seed report (掌政镇, 2018). A heading has no unit and no value.
type row struct {
	code  string
	label string
	unit  string
}

func (r row) heading() bool { return r.unit == "" }

// money reports whether the row is counted in 万元 (a decimal); every other value
// row is a count (a non-negative integer).
func (r row) money() bool { return r.unit == "万元" }

// rows is the table in the seed's order.
var rows = []row{
	{"1", "一、主动公开情况", ""},
	{"1.1", "(一) 主动公开政府信息数\n(不同渠道和方式公开相同信息计 1 条 )", "条"},
	{"1.1.1", "其中：主动公开规范性文件数", "条"},
	{"1.1.2", "制发规范性文件总数", "件"},
	{"1.2", "(二) 通过不同渠道和方式公开政府信息的情况", ""},
	{"1.2.1", "1.政府公报公开政府信息数", "条"},
	{"1.2.2", "2.政府网站公开政府信息数", "条"},
	{"1.2.3", "3.政务微博公开政府信息数", "条"},
	{"1.2.4", "4.政务微信公开政府信息数", "条"},
	{"1.2.5", "5.其他方式公开政府信息数", "条"},
	{"2", "二、回应解读情况", ""},
	{"2.1", "(一) 回应公众关注热点或重大舆情数\n(不同方式回应同一热点或舆情计 1 次 )", "次"},
	{"2.2", "(二) 通过不同渠道和方式回应解读的情况", ""},
	{"2.2.1", "1.参加或举办新闻发布会总次数", "次"},
	{"2.2.1.1", "其中：主要负责同志参加新闻发布会次数", "次"},
	{"2.2.2", "2.政府网站在线访谈次数", "次"},
	{"2.2.2.1", "其中：主要负责同志参加政府网站在线访\n谈次数", "次"},
	{"2.2.3", "3.政策解读稿件发布数", "篇"},
	{"2.2.4", "4.微博微信回应事件数", "次"},
	{"2.2.5", "5.其他方式回应事件数", "次"},
	{"3", "三、依申请公开情况", ""},
	{"3.1", "(一) 收到申请数", "件"},
	{"3.1.1", "1.当面申请数", "件"},
	{"3.1.2", "2.传真申请数", "件"},
	{"3.1.3", "3.网络申请数", "件"},
	{"3.1.4", "4.信函申请数", "件"},
	{"3.2", "(二) 申请办结数", "件"},
	{"3.2.1", "1.按时办结数", "件"},
	{"3.2.2", "2.延期办结数", "件"},
	{"3.3", "(三) 申请答复数", "件"},
	{"3.3.1", "1.属于已主动公开范围数", "件"},
	{"3.3.2", "2.同意公开答复数", "件"},
	{"3.3.3", "3.同意部分公开答复数", "件"},
	{"3.3.4", "4.不同意公开答复数", "件"},
	{"3.3.4.1", "其中：涉及国家秘密", "件"},
	{"3.3.4.2", "涉及商业秘密", "件"},
	{"3.3.4.3", "涉及个人隐私", "件"},
	{"3.3.4.4", "危及国家安全、公共安全、经济\n安全和社会稳定", "件"},
	{"3.3.4.5", "不是《条例》所指政府信息", "件"},
	{"3.3.4.6", "法律法规规定的其他情形", "件"},
	{"3.3.5", "5.不属于本行政机关公开数", "件"},
	{"3.3.6", "6.申请信息不存在数", "件"},
	{"3.3.7", "7.告知作出更改补充数", "件"},
	{"3.3.8", "8.告知通过其他途径办理数", "件"},
	{"4", "四、行政复议数量", "件"},
	{"4.1", "(一) 维持具体行政行为数", "件"},
	{"4.2", "(二) 被依法纠错数", "件"},
	{"4.3", "(三) 其他情形数", "件"},
	{"5", "五、行政诉讼数量", "件"},
	{"5.1", "(一) 维持具体行政行为或者驳回原告诉讼请\n求数", "件"},
	{"5.2", "(二) 被依法纠错数", "件"},
	{"5.3", "(三) 其他情形数", "件"},
	{"6", "六、举报投诉数量", "件"},
	{"7", "七、依申请公开信息收取的费用", "万元"},
	{"8", "八、机构建设和保障经费情况", ""},
	{"8.1", "(一) 政府信息公开工作专门机构数", "个"},
	{"8.2", "(二) 设置政府信息公开查阅点数", "个"},
	{"8.3", "(三) 从事政府信息公开工作人员数", "人"},
	{"8.3.1", "1.专职人员数 (不包括政府公报及政府\n网站工作人员数)", "人"},
	{"8.3.2", "2.兼职人员数", "人"},
	{"8.4", "(四) 政府信息公开专项经费 (不包括用于政府\n公报编辑管理及政府网站建设维护等方面经费)", "万元"},
	{"9", "九、政府信息公开会议和培训情况", ""},
	{"9.1", "(一) 召开政府信息公开工作会议或专题会议数", "次"},
	{"9.2", "(二) 举办各类培训班数", "次"},
	{"9.3", "(三) 接受培训人员数", "人次"},
}

// header is the column header row of the table.
var header = [3]string{"统计指标", "单位", "统计数"}

// seedBreaks are the rows after which the seed repeats the header (its page breaks).
var seedBreaks = []string{"2.2", "3.3.2", "5.1"}

var rowIndex = func() map[string]int {
	m := make(map[string]int, len(rows))
	for i, r := range rows {
		m[r.code] = i
	}
	return m
}()

// rowOf returns the row with the given code; it panics on an unknown code, which
// is a mistake in a case description.
func rowOf(code string) row {
	i, ok := rowIndex[code]
	if !ok {
		panic("unknown row code " + code)
	}
	return rows[i]
}

// valueCodes lists the codes of every row that carries a value, in table order.
func valueCodes() []string {
	var codes []string
	for _, r := range rows {
		if !r.heading() {
			codes = append(codes, r.code)
		}
	}
	return codes
}

// seedOrder lists every code in table order.
func seedOrder() []string {
	codes := make([]string, len(rows))
	for i, r := range rows {
		codes[i] = r.code
	}
	return codes
}
