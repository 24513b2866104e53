package serve

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"mime"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
	"tally/read"
	"tally/schema"
	"tally/source"
	"tally/xlsx"
)

// built is the program, built once for the package's tests.
var built struct {
	once sync.Once
	path string
	err  error
}

const testVersion = "serve-test"

func builtTally(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "tally-serve-built-")
		if err != nil {
			built.err = err
			return
		}
		built.path = filepath.Join(dir, "tally")
		out, err := exec.Command("go", "build", "-o", built.path, "-ldflags", "-X main.version="+testVersion, "tally").CombinedOutput()
		if err != nil {
			built.err = errors.New(string(out))
		}
	})
	require.NoError(t, built.err, "go build")
	return built.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.path != "" {
		os.RemoveAll(filepath.Dir(built.path))
	}
	os.Exit(code)
}

// copyTree copies a folder.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	}))
}

// dump is a workbook's contents (xlsx.Dump) without the command line the
// sources sheet records: the page's run names its roster and log where
// the page keeps them, and the command line its --format.
func dump(t *testing.T, data []byte) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, xlsx.Dump(&b, data))
	var keep []string
	for _, line := range strings.Split(b.String(), "\n") {
		if !strings.Contains(line, "tally consolidate") && !strings.Contains(line, "tally validate") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// The sample district uploaded as a browser uploads a folder gives what
// the command line gives run in that folder on ".", with the same options:
// report.json is the bytes of tally consolidate --format json, and each
// download is the workbook, the log or the marked-up copies that the
// command line writes (compared by their contents: file dates aside, and
// the command line recorded in the sources sheet). The board on the page
// has the statuses of the report's units.
//
// The command line is the program built from this module, run with its
// working folder in a copy of the district (exec.Command with Dir: tests
// cannot change the working folder of their own process). Where
// LibreOffice is installed both read the district's .xls through it;
// where it is not, both report it unreadable: the comparison holds
// either way.
func TestSameAsTheCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and runs the district three times")
	}
	district := testkit.FixturePath(t, "district/兴庆区2018")
	bin := builtTally(t)
	work := t.TempDir()
	in := filepath.Join(work, "兴庆区2018")
	copyTree(t, district, in)
	roster, err := os.ReadFile(filepath.Join(district, "roster.txt"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(work, "roster.txt"), roster, 0o644))
	cli := func(args ...string) []byte {
		t.Helper()
		args = append([]string{"consolidate", ".", "--roster", "../roster.txt", "--name", "兴庆区", "--year", "2018",
			"--lang", "zh", "--out", "../兴庆区2018年汇总.xlsx"}, args...)
		cmd := exec.Command(bin, args...)
		cmd.Dir = in
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit) && exit.ExitCode() == 1, "exit 1 (the district has errors): %v\n%s", err, stderr.String())
		return stdout.Bytes()
	}
	wantJSON := cli("--format", "json", "--log", "../兴庆区2018年差异清单.xlsx", "--annotate", "../问题标注")
	cli("--format", "text", "--log", "../兴庆区2018年差异清单.csv")

	s := start(t, Options{Version: testVersion})
	b := browser(t, s)
	parts := folderParts(t, district, "兴庆区2018/")
	parts = append(parts, field("roster", string(roster)), field("name", "兴庆区"), field("year", "2018"), field("lang", "zh"))
	id := upload(t, s, b, parts)
	require.Equal(t, stateDone, wait(t, s, b, id))

	resp, gotJSON := get(t, s, b, "/runs/"+id+"/report.json")
	assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, string(wantJSON), string(gotJSON), "report.json is the command line's JSON report")
	var report struct {
		Totals map[string]json.Number
		Units  []struct{ Unit, Status string }
	}
	require.NoError(t, json.Unmarshal(gotJSON, &report))

	download := func(name, want string) []byte {
		t.Helper()
		resp, data := get(t, s, b, "/runs/"+id+"/files/"+name)
		require.Equal(t, 200, resp.StatusCode, string(data))
		disp, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
		require.NoError(t, err)
		assert.Equal(t, "attachment", disp)
		assert.Equal(t, want, params["filename"], "the Chinese name, from filename*")
		assert.Contains(t, resp.Header.Get("Content-Disposition"), "filename*=UTF-8''")
		return data
	}
	consolidated := download("consolidated.xlsx", "兴庆区2018年汇总.xlsx")
	assert.Equal(t, dump(t, testkit.ReadFile(t, filepath.Join(work, "兴庆区2018年汇总.xlsx"))), dump(t, consolidated))
	// The workbook read back: the district's table, with the report's totals.
	sub := read.File(consolidated, "兴庆区2018年汇总.xlsx", read.Options{Schemas: schema.Builtins()})
	require.False(t, sub.Unreadable)
	assert.Equal(t, "兴庆区", sub.Unit)
	assert.Equal(t, 2018, sub.Year)
	require.NotEmpty(t, report.Totals)
	for key, want := range report.Totals {
		got, ok := sub.Get(key)
		assert.True(t, ok, key)
		assert.Equal(t, string(want), got.String(), key)
	}

	logBook := download("log.xlsx", "兴庆区2018年差异清单.xlsx")
	assert.Equal(t, dump(t, testkit.ReadFile(t, filepath.Join(work, "兴庆区2018年差异清单.xlsx"))), dump(t, logBook))
	book, err := source.Open(logBook, "log.xlsx", source.Options{})
	require.NoError(t, err, "the log reads back")
	assert.NotEmpty(t, book.Grids)

	csv := download("log.csv", "兴庆区2018年差异清单.csv")
	assert.Equal(t, string(testkit.ReadFile(t, filepath.Join(work, "兴庆区2018年差异清单.csv"))), string(csv))

	marked := download("marked.zip", "兴庆区2018年问题标注.zip")
	z, err := zip.NewReader(bytes.NewReader(marked), int64(len(marked)))
	require.NoError(t, err)
	copies, err := os.ReadDir(filepath.Join(work, "问题标注"))
	require.NoError(t, err)
	var want, got []string
	for _, c := range copies {
		want = append(want, c.Name())
	}
	for _, f := range z.File {
		got = append(got, f.Name)
		r, err := f.Open()
		require.NoError(t, err)
		var data bytes.Buffer
		_, err = data.ReadFrom(r)
		require.NoError(t, err)
		r.Close()
		assert.Equal(t, dump(t, testkit.ReadFile(t, filepath.Join(work, "问题标注", f.Name))), dump(t, data.Bytes()), f.Name)
	}
	sort.Strings(want)
	assert.Equal(t, want, got, "the marked-up copies, one a flagged unit")
	assert.Len(t, got, 7)

	// The board: every unit of the report, in its order, with its status.
	_, page := get(t, s, b, "/runs/"+id)
	rows := regexp.MustCompile(`<tr class="unit[^"]*" data-status="([a-z]+)" data-unit="([^"]+)">`).FindAllStringSubmatch(string(page), -1)
	require.Len(t, rows, len(report.Units))
	for i, u := range report.Units {
		assert.Equal(t, []string{u.Status, u.Unit}, rows[i][1:], "unit %d", i+1)
	}
	// A finding shows its cell among its neighbours: 月牙湖乡's D26, 8.
	unit := html.UnescapeString(regexp.MustCompile(`(?s)<section class="unit[^"]*" id="u-\d+" data-unit="月牙湖乡".*?</section>`).FindString(string(page)))
	require.NotEmpty(t, unit)
	assert.Contains(t, unit, `data-severity="error" data-cell="D26"`)
	assert.Regexp(t, `<td class="num target">8</td>`, unit)
	assert.Contains(t, unit, `<dd class="label">收到申请数</dd>`)
	assert.Contains(t, unit, `<dd class="rule">收到申请数(D26)=当面+传真+网络+信函: 8 ≠ 7</dd>`)
	assert.Regexp(t, `<th class="corner"></th><th>B</th><th>C</th><th>D</th><th>E</th><th>F</th>`, unit)
	// Its grid has every addend of the sum, 当面 to 信函 (D27 to D30),
	// shaded as the cells of the rule, and nothing is said left out.
	for row, value := range map[int]string{27: "5", 28: "0", 29: "2", 30: "0"} {
		assert.Regexp(t, fmt.Sprintf(`<tr><th>%d</th><td>[^<]*</td><td>件</td><td class="num part">%s</td>`, row, value), unit, "the addend in row %d", row)
	}
	assert.Equal(t, 4, strings.Count(unit, `class="num part"`))
	assert.NotContains(t, unit, `class="grid-note"`)
	// The totals: the official table, the totals that break a rule marked,
	// an error red (td.bad), a warning amber (td.warn), as the findings
	// below the table are.
	markedTotals := func(class string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`<td class="num `+class+`" data-key="[^"]+" title="[^"]*">([^<]*)</td>`).FindAllStringSubmatch(string(page), -1) {
			out = append(out, m[1])
		}
		return out
	}
	assert.Equal(t, []string{"124", "41"}, markedTotals("bad"), "errors: 收到申请数, 工作人员数")
	assert.Equal(t, []string{"122"}, markedTotals("warn"), "a warning: 申请答复数")
	for _, d := range []string{"consolidated", "log-xlsx", "log-csv", "marked"} {
		assert.Contains(t, string(page), `<a class="download" data-file="`+d+`"`)
	}
}

// The paths named when the server starts are checked at once, the first
// run; a server closed removes its folder.
func TestPathsAtStart(t *testing.T) {
	s := start(t, Options{Paths: []string{testkit.FixturePath(t, "seed")}, Lang: schema.En})
	b := browser(t, s)
	runs := s.runs.list()
	require.Len(t, runs, 1)
	assert.Equal(t, stateDone, wait(t, s, b, runs[0].ID))
	_, page := get(t, s, b, "/runs/"+runs[0].ID)
	assert.Contains(t, string(page), `data-status="passed" data-unit="掌政镇"`)
	assert.Contains(t, string(page), `<span class="badge st-passed">passed</span>`, "in English")
	assert.Contains(t, string(page), "No consolidated unit was named", "a folder whose name is no unit: checked, not summed")
	_, home := get(t, s, b, "/")
	assert.Contains(t, string(home), `href="/runs/`+runs[0].ID+`"`)

	dir := s.dir
	require.NoError(t, s.Close())
	_, err := os.Stat(dir)
	assert.True(t, os.IsNotExist(err), "the folder is removed")
}
