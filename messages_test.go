package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"tally/schema"
	"tally/xlsx"
)

// garbage is what a mistake in a message or a template leaves in the text a
// person reads: fmt's complaints (%!d(string=…), %!(EXTRA …), %!s(MISSING)),
// a nil printed, template braces.
var garbage = regexp.MustCompile(`%!|<nil>|\{\{|\}\}|\(MISSING\)|\bEXTRA\b`)

// messageWatch records the messages rendered while the package's tests
// run: a few of each id, with their arguments, to render again in both
// languages.
type messageWatch struct {
	mu   sync.Mutex
	seen map[string][]schema.Message
}

func watchMessages() *messageWatch {
	w := &messageWatch{seen: map[string][]schema.Message{}}
	schema.Rendered = func(m schema.Message, lang schema.Lang, out string) {
		if m.ID() == "" {
			return // no message: a finding without a formula
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if len(w.seen[m.ID()]) < 5 {
			w.seen[m.ID()] = append(w.seen[m.ID()], m)
		}
	}
	return w
}

// check is run when every test of the package has passed: every message
// of every catalogue was rendered by a test, with its callers' arguments,
// or has an example; each renders in both languages without formatting
// garbage; no id outside the catalogues was asked for. It says what is
// wrong on out and returns the exit code.
func (w *messageWatch) check(out io.Writer) int {
	var problems []string
	ids := schema.MessageIDs()
	known := map[string]bool{}
	for _, id := range ids {
		known[id] = true
	}
	for id := range w.seen {
		if !known[id] {
			problems = append(problems, fmt.Sprintf("the message %s is in no catalogue: its id would be printed", id))
		}
	}
	render := func(id string, m schema.Message) {
		for _, lang := range []schema.Lang{schema.Zh, schema.En} {
			if text := m.Render(lang); garbage.MatchString(text) || text == "" {
				problems = append(problems, fmt.Sprintf("%s (%s) renders badly: %q", id, lang, text))
			}
		}
	}
	for _, id := range ids {
		for _, m := range w.seen[id] {
			render(id, m)
		}
		if args, ok := examples[id]; ok {
			render(id, schema.Msg(schema.MustLookup(id), args...))
		} else if len(w.seen[id]) == 0 {
			problems = append(problems, fmt.Sprintf("the message %s is rendered by no test and has no example in messages_test.go", id))
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		fmt.Fprintln(out, "messages:", p)
	}
	if len(problems) > 0 {
		fmt.Fprintln(out, "FAIL: messages")
		return 1
	}
	return 0
}

// examples are real arguments for the messages no run below reaches: what
// their callers pass, typed as they pass it. A new message is either met by
// a run or given an example here.
var examples = map[string][]any{
	"formula.expr":              {"3.3 = 3.2"},
	"rule.expr":                 {schema.Both{Zh: "答复数应等于办结数", En: "answers equal conclusions"}, "申请答复数(C33)=10, 申请办结数(C30)=11"},
	"out.cannot-write":          {"兴庆区.xlsx", errors.New("no space left on device")},
	"out.locked":                {"兴庆区.xlsx", errors.New("permission denied")},
	"previous.bad-link":         {"gov-info-2021", "gov-info-2019", "3.2@total: no such cell"},
	"previous.no-link":          {schema.Both{Zh: "政府信息公开情况统计表", En: "the 2018 table"}, schema.Both{Zh: "政府信息公开工作年度报告统计表（2021 年版）", En: "the 2021 tables"}},
	"previous.twice":            {"掌政镇", "掌政镇2020.xlsx", "掌政镇2020（修改）.xlsx"},
	"previous.unreadable":       {schema.Msg(schema.MustLookup("run.load-failed"), "open x.xlsx: permission denied")},
	"previous.year":             {2019, 2020},
	"read.circular":             {"收到申请数", schema.Both{Zh: "（公式 =C25+C26）", En: " (formula =C25+C26)"}},
	"read.formula-not-computed": {"收到申请数", schema.Both{Zh: "（公式 =SUM(C26:C29)）", En: " (formula =SUM(C26:C29))"}},
	"read.convert-failed":       {"soffice: exit status 1"},
	"read.duplicate-row":        {schema.Both{Zh: "收到申请数", En: "Requests received"}, 25, 31},
	"read.no-match-forced":      {schema.Both{Zh: "政府信息公开情况统计表", En: "the 2018 table"}, "gov-info-2018", "12%"},
	"read.no-unit-name":         {"统计表"},
	"read.no-year":              {},
	"read.panic":                {"runtime error: index out of range [3] with length 3"},
	"read.zip-entries":          {10000, 4},
	"read.book-too-large":       {schema.Both{Zh: "工作表“Sheet1”", En: `sheet "Sheet1"`}, schema.Both{Zh: "100 万个单元格", En: "1 million cells"}},
	"read.unit-converted":       {"依申请公开信息收取的费用", "26500元", decimal.RequireFromString("2.65"), "万元"},
	"read.image":                {},
	"read.presentation":         {},
	"read.unknown":              {},
	"read.needs-convert.xls":    {},
	"read.needs-convert.et":     {},
	"read.needs-convert.ods":    {},
	"read.needs-convert.html":   {},
	"read.needs-convert.xml":    {},
	"run.check-failed":          {"runtime error: integer divide by zero"},
	"template.under":            {},
	"total.other-schema":        {schema.Both{Zh: "政府信息公开工作年度报告统计表（2019 年版）", En: "the 2019 tables"}, schema.Both{Zh: "政府信息公开工作年度报告统计表（2021 年版）", En: "the 2021 tables"}},
	"write.detail-unit":         {},
	"write.yoy-last-name":       {"行政规范性文件·现行有效", "规范性文件·对外公开总数量"},
	"write.yoy-left":            {3},
	"out.is-folder":             {"兴庆区.xlsx"},
	"out.no-folder":             {"汇总/兴庆区.xlsx", "汇总"},
	"cli.flag-bad-value":        {"--jobs", "many", "tally validate"},
	"cli.flag-needs-value":      {"--log", "tally validate"},
	"cli.flag-other":            {"unexpected argument", "tally validate"},
	"cli.report-failed":         {"写入 stdout 时出错"},
	"run.schema-errors":         {"我的表式.yaml", "我的表式.yaml:3:1: tables: unknown field"},
	"read.extra-column":         {"D", schema.Both{Zh: "（表头“上年数”）", En: " (header \"上年数\")"}, "D4:D70"},
	"read.extra-row-numbers":    {13, "6.其他公开方式数", "C13:E13", schema.Both{Zh: "12、3", En: "12, 3"}},
	"read.heading-numbers":      {24, "三、依申请公开情况", "C24", schema.Both{Zh: "9", En: "9"}},
	"read.subtotal":             {schema.Both{Zh: "（三）不予公开·自然人", En: "(三) refused: natural persons"}, "D12", decimal.NewFromInt(5), decimal.NewFromInt(4), decimal.NewFromInt(1)},
	"read.unit-cell-scaled":     {schema.Both{Zh: "依申请公开信息收取的费用", En: "Fees"}, "元", "万元", "C59"},
	"annotate.needs-convert":    {},
	"annotate.panic":            {schema.Both{Zh: "tally 内部出错", En: "runtime error: index out of range [3] with length 3"}},
	"annotate.part-too-large":   {"xl/sharedStrings.xml", 16},
	"annotate.too-large":        {64},
	"annotate.changed":          {},
	"read.out-of-range":         {schema.Both{Zh: "主动公开政府信息数", En: "Items published"}, "1e9999"},
	"cli.stopped":               {schema.Both{Zh: "按下了 Ctrl-C", En: "Ctrl-C"}}, // said by the program, in TestInterrupt…
	// A count of one, in the singular in English.
	"text.error":   {1},
	"text.warning": {1},
	"text.note":    {1},
	"text.file":    {1},
	"text.blank":   {1, "C63"},
	// The page's (package serve's tests render them in their own process).
	"serve.bad-upload":     {"unexpected EOF"},
	"serve.bad-year":       {"18"},
	"serve.bad-schema":     {"gov-info-1999"},
	"serve.grid-cell":      {"K5"},
	"serve.grid-cells":     {2, "K5、L5"},
	"serve.grid-row":       {"D40"},
	"serve.grid-rows":      {3, "D40、D41、D52"},
	"serve.more":           {4},
	"serve.limits":         {"512 MB", 2000, 20},
	"serve.listen":         {"0.0.0.0:8080"},
	"serve.no-files":       {},
	"serve.no-run":         {"0123abcd", 20},
	"serve.not-ready":      {"consolidated.xlsx"},
	"serve.stopped":        {},
	"serve.too-large":      {"512 MB"},
	"serve.too-many":       {2000},
	"cli.serve.listen":     {"127.0.0.1:80", errors.New("permission denied")},
	"cli.serve.no-browser": {errors.New(`exec: "xdg-open": executable file not found in $PATH`)},
	"cli.serve.stop":       {},
	"help.serve":           {},
}

func init() {
	// The names of the kinds and the rules in words take no arguments; the
	// findings sheet and the CSV log name every kind and rule they meet.
	for _, id := range schema.MessageIDs() {
		if strings.HasPrefix(id, "kind.") || strings.HasPrefix(id, "ruletext.") {
			examples[id] = []any{}
		}
	}
}

// Every text of every output and report of runs over all the fixtures, in
// both languages, holds no formatting garbage and no message id. (The
// messages themselves, each with its callers' arguments, are checked when
// every test has run: messageWatch.check, from TestMain.)
func TestNoFormattingGarbage(t *testing.T) {
	needSoffice(t)
	dir := t.TempDir()
	folderOut := filepath.Join(dir, "folder.xlsx")
	require.NoError(t, os.Mkdir(folderOut, 0o755))
	var texts []outputText
	keep := func(name, text string) { texts = append(texts, outputText{name, text}) }
	runs := [][]string{
		{"schemas"},
		{"schemas", "show", "gov-info-2021"},
		{"validate", "testdata/seed", "testdata/validate", "testdata/bad", "--year", "2018"},
		{"validate", "testdata/wild"},
		{"validate", "testdata/cross", "--roster", "testdata/cross/roster.txt"},
		{"validate", "testdata/matrix/2019", "testdata/matrix/2021", "testdata/matrix/mixed"},
		{"validate", "--previous", "testdata/matrix/2019", "testdata/previous/2021"},
		{"validate", "--previous", "testdata/district/兴庆区2018", "testdata/previous/2019"},
		{"validate"},
		{"validate", filepath.Join(dir, "没有这个文件夹")},
		{"validate", "--lang", "cn", "testdata/seed"},
		{"validate", "--format", "xml", "testdata/seed"},
		{"validate", "--fail-on", "all", "testdata/seed"},
		{"validate", "--year", "18", "testdata/seed"},
		{"validate", "--schema", "gov-info-2000", "testdata/seed"},
		{"validate", "--log", filepath.Join(dir, "x.txt"), "testdata/seed"},
		{"consolidate", "testdata/seed"},
		{"consolidate", "testdata/seed", "--name", "示例区", "--out", folderOut},
		{"validate", "testdata/seed", "--year", "2019"},
		{"consolidate", "testdata/seed", "--name", "示例区", "--out", filepath.Join(dir, "没有", "x.xlsx")},
		{"consolidate", "testdata/seed", "--name", "示例区", "--out", "testdata/seed/掌政镇.xlsx"},
		{"consolidate", "testdata/seed", "--name", "示例区", "--out", filepath.Join(dir, "same.xlsx"), "--log", filepath.Join(dir, "same.xlsx")},
		{"consolidate", "testdata/previous/2021", "--name", "平潭综合实验区", "--previous", "testdata/matrix/2019", "--out", filepath.Join(dir, "yoy.xlsx")},
		{"template"},
	}
	n := 0
	out := func(ext string) string {
		n++
		return filepath.Join(dir, fmt.Sprintf("out%d%s", n, ext))
	}
	for _, lang := range []string{"zh", "en"} {
		for _, folder := range []string{"testdata/district/兴庆区2018", "testdata/district/金凤区2018", "testdata/matrix/2019", "testdata/matrix/2021"} {
			runs = append(runs,
				[]string{"consolidate", folder, "--lang", lang, "--name", "示例区", "--roster", filepath.Join(folder, "roster.txt"),
					"--out", out(".xlsx"), "--log", out(".xlsx"), "--annotate", filepath.Join(dir, "marked"+lang)},
				[]string{"validate", folder, "--lang", lang, "--format", "csv", "--log", out(".csv")},
				[]string{"validate", folder, "--lang", lang, "--format", "json", "--log", out(".json")})
		}
		runs = append(runs, []string{"consolidate", "testdata/cross", "testdata/bad", "--lang", lang, "--name", "示例区",
			"--roster", "testdata/cross/roster.txt", "--out", out(".xlsx"), "--exclude-invalid"})
		for _, id := range []string{"gov-info-2018", "gov-info-2019", "gov-info-2021"} {
			runs = append(runs, []string{"template", "--lang", lang, "--schema", id, "--unit", "示例镇", "--year", "2021",
				"--contact", "区政府办公室 0951-1234567", "--out", out(".xlsx")})
		}
	}
	for _, args := range runs {
		stdout, stderr, _ := run(t, args...)
		keep(strings.Join(args, " ")+" (stdout)", stdout)
		keep(strings.Join(args, " ")+" (stderr)", stderr)
	}
	// Every file the runs wrote: workbooks as their dumps (every cell,
	// comment and validation message), the rest as text.
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".xlsx") {
			var b bytes.Buffer
			require.NoError(t, xlsx.Dump(&b, data), path)
			data = b.Bytes()
		}
		keep(path, string(data))
		return nil
	})
	require.NoError(t, err)

	ids := schema.MessageIDs()
	for _, o := range texts {
		if loc := garbage.FindStringIndex(o.text); loc != nil {
			t.Errorf("%s: formatting garbage: …%s…", o.name, around(o.text, loc[0]))
		}
		for _, id := range ids {
			if !strings.Contains(id, ".") {
				continue // a one-word id (formula) is an ordinary word too
			}
			if i := indexWord(o.text, id); i >= 0 {
				t.Errorf("%s: the message id %s is printed instead of its text: …%s…", o.name, id, around(o.text, i))
			}
		}
	}
}

type outputText struct{ name, text string }

// indexWord finds a message id standing as a word of its own (an id is
// dotted lower-case words, which a message or a file name may contain
// inside a longer token).
func indexWord(text, id string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], id)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(id)
		before := i == 0 || !idChar(text[i-1])
		after := end == len(text) || !idChar(text[end])
		if before && after {
			return i
		}
		from = end
	}
}

func idChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '@' || c == ':'
}

// around is the text near byte i, for a message.
func around(text string, i int) string {
	from, to := max(0, i-60), min(len(text), i+60)
	for from > 0 && !utf8Start(text[from]) {
		from--
	}
	for to < len(text) && !utf8Start(text[to]) {
		to++
	}
	return text[from:to]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
