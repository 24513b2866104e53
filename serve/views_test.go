package serve

import (
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/grid"
	"tally/internal/testkit"
	"tally/schema"
)

// Every word of the page is there in both languages.
func TestWordsComplete(t *testing.T) {
	for _, w := range []words{zhWords, enWords} {
		v := reflect.ValueOf(w)
		for i := range v.NumField() {
			assert.NotEmpty(t, v.Field(i).String(), "%s %s", w.Lang, v.Type().Field(i).Name)
		}
	}
}

// The pages in either language, the switch remembered; the form the
// browser tests drive, with its ids.
func TestPages(t *testing.T) {
	s := start(t, Options{})
	b := browser(t, s)
	_, zh := get(t, s, b, "/")
	for _, want := range []string{`<html lang="zh-CN">`, `<form id="upload" class="panel" method="post" action="/api/runs" enctype="multipart/form-data"`,
		`<input type="file" id="folder" name="file" webkitdirectory multiple>`, `<input type="file" id="files" name="file" multiple`,
		`<div id="drop"`, `<textarea id="roster" name="roster"`, `<input id="name" name="name"`, `<input id="year" name="year"`,
		`<select id="schema" name="schema">`, `<option value="">自动识别</option>`, `<input type="file" id="previous" name="previous" multiple>`,
		`<button id="start" type="submit">开始检查</button>`, `id="progress"`, `<a id="lang" href="/?lang=en"`} {
		assert.Contains(t, string(zh), want)
	}
	resp, en := get(t, s, b, "/?lang=en")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(en), `<html lang="en">`)
	assert.Contains(t, string(en), `<a id="lang" href="/?lang=zh"`)
	_, again := get(t, s, b, "/")
	assert.Contains(t, string(again), `<html lang="en">`, "the switch is remembered")
	_, zhAgain := get(t, s, b, "/?lang=zh")
	assert.Contains(t, string(zhAgain), `<html lang="zh-CN">`)

	resp, data := get(t, s, b, "/no/such/page")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Contains(t, string(data), "找不到这个页面")
	resp, data = get(t, s, b, "/runs/0123/status.json")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Contains(t, string(data), `"error":"找不到这次检查（0123）`)
	resp, _ = get(t, s, b, "/static/app.js")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Type"), "javascript")
	resp, _ = get(t, s, b, "/static/style.css")
	assert.Contains(t, resp.Header.Get("Content-Type"), "text/css")

	// A run's page while it runs refreshes itself and shows the counts;
	// done, it has what the browser tests look for.
	id := upload(t, s, b, []part{file("乡镇/掌政镇.xlsx", testkit.Fixture(t, "seed/掌政镇.xlsx")),
		file("乡镇/文昌路街道.xlsx", testkit.Fixture(t, "validate/文昌路街道.xlsx")), field("name", "兴庆区"), field("lang", "zh")})
	assert.Equal(t, stateDone, wait(t, s, b, id))
	_, page := get(t, s, b, "/runs/"+id+"?lang=zh")
	for _, want := range []string{`<section id="board"`, `<table class="board">`, `<tr class="unit st-resend" data-status="resend" data-unit="文昌路街道">`,
		`<a class="unit-link" href="#u-1">`, `<section class="unit panel st-resend" id="u-1" data-unit="文昌路街道"`, `<li class="finding sev-error" data-severity="error" data-cell="`,
		`<span class="message">`, `<dd class="label">`, `<dd class="rule">`, `<table class="cellgrid">`, `target">`,
		`<section id="totals"`, `<table class="totals single">`, `<section id="downloads"`, `<button id="print" type="button">打印</button>`,
		`兴庆区2018年汇总.xlsx`} {
		assert.Contains(t, string(page), want)
	}
	assert.NotContains(t, string(page), `http-equiv="refresh"`)
	assert.NotRegexp(t, `<script>|<style|\sstyle=|\son[a-z]+=`, string(page))
	// The folder chosen is taken away from the names: 乡镇/ is the folder.
	_, report := get(t, s, b, "/runs/"+id+"/report.json")
	assert.Contains(t, string(report), `"file": "掌政镇.xlsx"`)

	ru := s.runs.get(id)
	ru.mu.Lock()
	ru.state = stateRunning
	ru.mu.Unlock()
	ru.done.Store(1)
	ru.total.Store(2)
	_, running := get(t, s, b, "/runs/"+id)
	assert.Contains(t, string(running), `<meta http-equiv="refresh" content="2">`)
	assert.Regexp(t, `<div id="progress" data-done="1" data-total="2">`, string(running))
	assert.Contains(t, string(running), "1 / 2")
	resp, _ = get(t, s, b, "/runs/"+id+"/files/consolidated.xlsx")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "no file while the run runs")
}

// A cell among its neighbours: the label column kept in view with a gap,
// the cell and its rule's other cells marked, numbers as a spreadsheet
// shows them.
func TestCellGrid(t *testing.T) {
	g := grid.Parse(strings.Join([]string{
		"指标 | | | 单位 | 数",
		"收到申请数 | | | 件 | 8",
		"当面 | | | 件 | 5",
		"网络 | | | 件 | 0.35000000000000003",
	}, "\n"))
	cg := drawGrid(g, 1, 4, map[grid.Pos]bool{{Row: 2, Col: 4}: true})
	var letters []string
	for _, c := range cg.Cols {
		letters = append(letters, c.Letter)
	}
	assert.Equal(t, []string{"A", "…", "C", "D", "E", "F", "G"}, letters)
	assert.Equal(t, 1, cg.Rows[0].Num)
	assert.Len(t, cg.Rows, 4)
	row := cg.Rows[1]
	assert.Equal(t, "收到申请数", row.Cells[0].Text)
	assert.Equal(t, "gap", row.Cells[1].Class)
	assert.Equal(t, gridCell{Text: "8", Class: "num target"}, row.Cells[4])
	assert.Equal(t, "num part", cg.Rows[2].Cells[4].Class)
	assert.Equal(t, "0.35", cg.Rows[3].Cells[4].Text)

	assert.Empty(t, cg.LeftCells)
	assert.Empty(t, gridNote(cg, schema.Zh))

	sheet, ref := splitCell("'表 三'!K24", "Sheet1")
	assert.Equal(t, []string{"表 三", "K24"}, []string{sheet, ref})
	sheet, ref = splitCell("C5", "Sheet1")
	assert.Equal(t, []string{"Sheet1", "C5"}, []string{sheet, ref})
	assert.Regexp(t, regexp.MustCompile(`^attachment; filename="_+2018_+\.xlsx"; filename\*=UTF-8''%E5%85%B4`), attachment("兴庆区2018年汇总.xlsx"))
}

// A sum's grid shows every addend, however far below the total it is,
// with a row past the last; a rule whose cells span more rows than a grid
// shows keeps to the cell's neighbours and says which rows it leaves out;
// one that spans more columns, which columns' cells.
func TestCellGridCoversTheRule(t *testing.T) {
	var lines []string
	for r := 1; r <= 40; r++ {
		lines = append(lines, fmt.Sprintf("指标%d | 件 | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d", r, r, r, r, r, r, r, r, r, r, r, r, r))
	}
	g := grid.Parse(strings.Join(lines, "\n"))
	rows := func(cg *cellGrid) []int {
		var out []int
		for _, r := range cg.Rows {
			out = append(out, r.Num)
		}
		return out
	}
	parts := func(cells ...string) map[grid.Pos]bool {
		m := map[grid.Pos]bool{}
		for _, c := range cells {
			r, col, ok := grid.ParseRef(c)
			require.True(t, ok, c)
			m[grid.Pos{Row: r, Col: col}] = true
		}
		return m
	}
	// 月牙湖乡's D26 = D27+D28+D29+D30 (C here): rows 23 to 31.
	cg := drawGrid(g, 25, 2, parts("C26", "C27", "C28", "C29", "C30"))
	assert.Equal(t, []int{23, 24, 25, 26, 27, 28, 29, 30, 31}, rows(cg))
	for _, r := range cg.Rows {
		if r.Num >= 27 && r.Num <= 30 {
			assert.Contains(t, r.Cells[2].Class, "part", "row %d", r.Num)
		}
	}
	assert.Empty(t, cg.LeftRows)
	// A total under its addends, eight rows above it.
	cg = drawGrid(g, 19, 2, parts("C20", "C12", "C13", "C15"))
	assert.Equal(t, 11, rows(cg)[0])
	assert.Equal(t, 23, rows(cg)[len(cg.Rows)-1])
	// A rule over 20 rows: the cell's neighbours, and the rows left out.
	cg = drawGrid(g, 4, 2, parts("C5", "C6", "C12", "C25", "C26"))
	assert.Equal(t, []int{2, 3, 4, 5, 6, 7, 8}, rows(cg))
	assert.Equal(t, []int{12, 25, 26}, cg.LeftRows)
	assert.Equal(t, []string{"C12", "C25", "C26"}, cg.LeftCells)
	assert.Equal(t, "这条规则还涉及另外 3 行，图中没有画出：C12、C25、C26", gridNote(cg, schema.Zh))
	assert.Equal(t, "3 more rows of this rule are not drawn: C12, C25, C26", gridNote(cg, schema.En))
	cg = drawGrid(g, 4, 2, parts("C5", "C30"))
	assert.Equal(t, "1 more row of this rule is not drawn: C30", gridNote(cg, schema.En))
	// Across the columns: near enough, drawn; too far, said.
	cg = drawGrid(g, 4, 2, parts("C5", "D5", "H5"))
	var letters []string
	for _, c := range cg.Cols {
		letters = append(letters, c.Letter)
	}
	assert.Equal(t, []string{"A", "B", "C", "D", "E", "F", "G", "H"}, letters)
	cg = drawGrid(g, 4, 2, parts("C5", "D5", "M5"))
	assert.Equal(t, []string{"M5"}, cg.LeftCells)
	assert.Empty(t, cg.LeftRows)
	assert.Equal(t, "1 more cell of this rule is not drawn: M5", gridNote(cg, schema.En))
	var many []string
	for r := 20; r <= 30; r++ {
		many = append(many, fmt.Sprintf("C%d", r))
	}
	cg = drawGrid(g, 2, 2, parts(append([]string{"C3"}, many...)...))
	assert.Equal(t, "这条规则还涉及另外 11 行，图中没有画出：C20、C21、C22、C23、C24、C25、C26、C27 等（另有 3 个）", gridNote(cg, schema.Zh))
}

// The roster as a file, and last year's files: a unit on the roster that
// sent nothing is on the board (未报送) with its section; last year's
// figures are compared.
func TestRosterFileAndPrevious(t *testing.T) {
	s := start(t, Options{})
	b := browser(t, s)
	seed := testkit.Fixture(t, "seed/掌政镇.xlsx")
	id := upload(t, s, b, []part{file("掌政镇.xlsx", seed),
		fileNamed("roster", "名单.txt", []byte("掌政镇\n月牙湖乡\n")), field("roster", "这段文字不用：名单以文件为准"),
		fileNamed("previous", "兴庆区2017/掌政镇.xlsx", seed), field("name", "兴庆区")})
	assert.Equal(t, stateDone, wait(t, s, b, id))
	_, report := get(t, s, b, "/runs/"+id+"/report.json")
	assert.Contains(t, string(report), `"unit": "月牙湖乡",`)
	assert.Contains(t, string(report), `"status": "missing"`)
	_, page := get(t, s, b, "/runs/"+id)
	assert.Contains(t, string(page), `<tr class="unit st-missing" data-status="missing" data-unit="月牙湖乡">`)
	assert.Regexp(t, `(?s)<section class="unit panel st-missing" id="u-1" data-unit="月牙湖乡".*名单中的“月牙湖乡”没有报送报表`, string(page))
	ru := s.runs.get(id)
	assert.Equal(t, []string{"../previous"}, ru.cfg.Previous)
	assert.Contains(t, strings.Join(ru.cfg.Command, " "), "--roster ../roster.txt")
}
