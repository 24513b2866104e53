package run

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/consolidate"
	"tally/internal/testkit"
	"tally/schema"
	"tally/xlsx"
)

// submissions copies a clean table (掌政镇), one with an error (文昌路街道)
// and one with a warning (闽宁镇) into a folder of their own.
func submissions(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "报表")
	require.NoError(t, os.Mkdir(dir, 0o755))
	for _, f := range []string{"seed/掌政镇.xlsx", "validate/文昌路街道.xlsx", "validate/闽宁镇.xlsx"} {
		data := testkit.Fixture(t, f)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644))
	}
	return dir
}

// captured runs f with the process's stdout and stderr going to pipes, and
// returns what was written to them.
func captured(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	savedOut, savedErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	defer func() { os.Stdout, os.Stderr = savedOut, savedErr }()
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	f()
	os.Stdout, os.Stderr = savedOut, savedErr
	w.Close()
	return <-got
}

// A run prints nothing: the page shows what it returns. The report is
// given to Config.Report once the findings are made, before the log and
// the marked-up copies are written; progress is told from (0, total) to
// (total, total); the outputs written are in the Result, in their order.
func TestRunCallsBackAndPrintsNothing(t *testing.T) {
	in := submissions(t)
	dir := t.TempDir()
	log := filepath.Join(dir, "log.json")
	marked := filepath.Join(dir, "标注")
	out := filepath.Join(dir, "兴庆区2018.xlsx")
	var progress [][2]int
	reports := 0
	cfg := Config{Paths: []string{in}, Log: log, Annotate: marked, Out: out, Version: "test",
		Progress: func(done, total int) { progress = append(progress, [2]int{done, total}) },
		Warn:     func(msg schema.Localizer) { t.Errorf("a warning: %s", msg.Localize(schema.En)) },
		Report: func(res *consolidate.Result) error {
			reports++
			assert.Len(t, res.Submissions, 3)
			assert.NotNil(t, res.Totals, "the totals are made before the report")
			_, err := os.Stat(out)
			assert.NoError(t, err, "--out is written before the report")
			_, err = os.Stat(log)
			assert.True(t, os.IsNotExist(err), "the log is written after the report")
			_, err = os.Stat(marked)
			assert.True(t, os.IsNotExist(err), "the copies are made after the report")
			return nil
		}}
	var res *Result
	var err error
	printed := captured(t, func() { res, err = Consolidate(context.Background(), cfg) })
	require.NoError(t, err)
	assert.Empty(t, printed, "a run prints nothing")
	assert.Equal(t, 1, reports)
	assert.Equal(t, [][2]int{{0, 3}, {1, 3}, {2, 3}, {3, 3}}, progress)
	assert.True(t, res.Failed, "文昌路街道 has an error")
	assert.Equal(t, "兴庆区", res.Name, "the unit in --out's name")
	assert.Empty(t, res.Warnings)
	assert.Equal(t, []Output{
		{Flag: "--out", Path: out},
		{Flag: "--log", Path: log},
		{Flag: "--annotate", Path: filepath.Join(marked, "文昌路街道-问题标注.xlsx"), Of: filepath.Join(in, "文昌路街道.xlsx")},
		{Flag: "--annotate", Path: filepath.Join(marked, "闽宁镇-问题标注.xlsx"), Of: filepath.Join(in, "闽宁镇.xlsx")},
	}, res.Outputs)
	for _, o := range res.Outputs {
		_, err := os.Stat(o.Path)
		assert.NoError(t, err, o.Path)
	}

	// Failing on warnings, or never.
	cfg = Config{Paths: []string{filepath.Join(in, "闽宁镇.xlsx")}}
	res, err = Validate(context.Background(), cfg)
	require.NoError(t, err)
	assert.False(t, res.Failed, "a warning does not fail the run by default")
	cfg.FailOn = FailOnWarning
	res, err = Validate(context.Background(), cfg)
	require.NoError(t, err)
	assert.True(t, res.Failed)
	cfg.Paths, cfg.FailOn = []string{in}, FailNever
	res, err = Validate(context.Background(), cfg)
	require.NoError(t, err)
	assert.False(t, res.Failed)
}

// Each file's verdict is told as soon as a worker has checked it
// (Config.Settled), after the worker started on it (Config.Reading) and
// before Progress counts it; with the copies asked for or not, its status
// and counts are those of the file in the Result (none of these files is
// touched by the checks across files), and every file is told once.
func TestRunTellsEachVerdict(t *testing.T) {
	in := submissions(t)
	for _, annotate := range []bool{false, true} {
		var mu sync.Mutex
		started := map[string]int{}
		var verdicts []Verdict
		cfg := Config{Paths: []string{in}, Jobs: 2,
			Reading: func(file string) {
				mu.Lock()
				defer mu.Unlock()
				started[file]++
			},
			Settled: func(v Verdict) {
				mu.Lock()
				defer mu.Unlock()
				assert.Equal(t, 1, started[v.File], "%s: started once, before its verdict", v.File)
				verdicts = append(verdicts, v)
			},
			Progress: func(done, total int) {
				mu.Lock()
				defer mu.Unlock()
				assert.GreaterOrEqual(t, len(verdicts), done, "a file's verdict before the progress that counts it")
			}}
		if annotate {
			cfg.Annotate = filepath.Join(t.TempDir(), "标注")
		}
		res, err := Validate(context.Background(), cfg)
		require.NoError(t, err)
		require.Len(t, verdicts, len(res.Submissions))
		byFile := map[string]Verdict{}
		for _, v := range verdicts {
			byFile[v.File] = v
		}
		statuses := map[schema.Status]int{}
		for _, sub := range res.Submissions {
			v, ok := byFile[sub.File]
			require.True(t, ok, "%s has no verdict", sub.File)
			assert.Equal(t, Verdict{File: sub.File, Unit: sub.Unit, Status: sub.Status(),
				Errors: sub.Count(schema.Error), Warnings: sub.Count(schema.Warning)}, v)
			statuses[v.Status]++
		}
		assert.Equal(t, map[schema.Status]int{schema.StatusOK: 1, schema.StatusErrors: 1, schema.StatusWarnings: 1}, statuses)
		if annotate {
			assert.Len(t, res.Outputs, 2, "the copies are made all the same")
		}
	}
}

// What a run cannot do is an Error of its kind, with its reason in either
// language, and nothing is written; a run refused before reading returns
// no Result.
func TestRunErrorsAreTyped(t *testing.T) {
	in := submissions(t)
	dir := t.TempDir()
	roster := filepath.Join(dir, "名单.csv")
	require.NoError(t, os.WriteFile(roster, []byte("掌政镇\n"), 0o644))
	for _, tc := range []struct {
		name        string
		consolidate bool
		cfg         Config
		kind        ErrorKind
		zh, en      string
		result      bool
	}{
		{"no path", false, Config{}, Refused, "请指出要检查的报表", "name the submissions to check", false},
		{"no --out", true, Config{Paths: []string{in}}, Refused, "请用 --out 指定要写出的汇总表", "name the consolidated workbook", false},
		{"--out a folder", true, Config{Paths: []string{in}, Out: dir}, Refused, "是一个文件夹", "is a folder", false},
		{"no name", true, Config{Paths: []string{in}, Out: filepath.Join(dir, "x.xlsx")}, Refused, "请用 --name 指定汇总单位", "--name", false},
		{"a log of no kind", false, Config{Paths: []string{in}, Log: filepath.Join(dir, "log.txt")}, Refused, "--log", "--log", false},
		{"a year no report has", false, Config{Paths: []string{in}, Year: 18}, Refused, "四位数", "four-digit", false},
		{"the log over the roster", false, Config{Paths: []string{in}, Roster: roster, Log: roster}, Refused, "是 --roster 读取的文件", "is the file --roster reads", false},
		{"an unknown schema", false, Config{Paths: []string{in}, Schema: "gov-info-1999"}, Refused, "没有这个内置表式", "no built-in schema", false},
		{"no such path", false, Config{Paths: []string{filepath.Join(dir, "没有")}}, Nothing, "找不到", "no such file or folder", false},
		{"nothing to sum", true, Config{Paths: []string{in}, Out: filepath.Join(dir, "兴庆区.xlsx"), ExcludeInvalid: true,
			Schema: "gov-info-2019"}, Nothing, "没有可以汇总的报表", "nothing to consolidate", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			do := Validate
			if tc.consolidate {
				do = Consolidate
			}
			res, err := do(context.Background(), tc.cfg)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.kind, e.Kind)
			assert.Contains(t, e.Localize(schema.Zh), tc.zh)
			assert.Contains(t, e.Localize(schema.En), tc.en)
			assert.Equal(t, e.Localize(schema.En), e.Error())
			assert.Equal(t, tc.result, res != nil, "a Result")
			entries, _ := os.ReadDir(dir)
			assert.Len(t, entries, 1, "nothing written: only the roster")
		})
	}
}

// A run whose context is done reads no more files and returns the
// context's error, having written nothing.
func TestRunStopsWithItsContext(t *testing.T) {
	in := submissions(t)
	out := filepath.Join(t.TempDir(), "兴庆区.xlsx")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Consolidate(ctx, Config{Paths: []string{in}, Out: out})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, res)
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err))
}

// The marked-up copies are made of the bytes that were read and checked:
// the same copy whether they were kept or the file is read again; a file
// changed after it was checked (here: while the report is made) keeps the
// copy of what was checked when its bytes were kept, else gets no copy
// (its marks would not fit it) but a warning.
func TestCopiesAreOfTheBytesChecked(t *testing.T) {
	in := submissions(t)
	bad := filepath.Join(in, "文昌路街道.xlsx")
	original, err := os.ReadFile(bad)
	require.NoError(t, err)
	other := testkit.Fixture(t, "validate/洪广镇.xlsx")
	copyOf := func(budget int64, change bool) (dump string, warned []string, res *Result) {
		saved := keepBudget
		keepBudget = func(int) int64 { return budget }
		defer func() { keepBudget = saved }()
		require.NoError(t, os.WriteFile(bad, original, 0o644))
		marked := filepath.Join(t.TempDir(), "标注")
		cfg := Config{Paths: []string{in}, Annotate: marked,
			Warn: func(msg schema.Localizer) { warned = append(warned, msg.Localize(schema.Zh)) }}
		if change {
			cfg.Report = func(*consolidate.Result) error { return os.WriteFile(bad, other, 0o644) }
		}
		res, err := Validate(context.Background(), cfg)
		require.NoError(t, err)
		assert.Equal(t, warned, localized(res.Warnings, schema.Zh))
		if data, err := os.ReadFile(filepath.Join(marked, "文昌路街道-问题标注.xlsx")); err == nil {
			var d bytes.Buffer
			require.NoError(t, xlsx.Dump(&d, data))
			dump = d.String()
		}
		return dump, warned, res
	}
	kept, warned, res := copyOf(4<<20, false)
	assert.NotEmpty(t, kept)
	assert.Empty(t, warned)
	assert.Len(t, res.Outputs, 2)
	again, warned, res := copyOf(0, false)
	assert.Equal(t, kept, again, "the same copy, kept or read again")
	assert.Empty(t, warned)
	assert.Len(t, res.Outputs, 2)

	changed, warned, _ := copyOf(4<<20, true)
	assert.Equal(t, kept, changed, "the copy of the bytes kept, as they were checked")
	assert.Empty(t, warned)
	changed, warned, res = copyOf(0, true)
	assert.Empty(t, changed, "no copy of a file that changed")
	require.Len(t, warned, 1)
	assert.Contains(t, warned[0], bad)
	assert.Contains(t, warned[0], "文件在检查之后又被改动过")
	assert.Equal(t, []Output{{Flag: "--annotate", Path: res.Outputs[0].Path, Of: filepath.Join(in, "闽宁镇.xlsx")}}, res.Outputs,
		"the other copy is made")
}

func localized(msgs []schema.Localizer, lang schema.Lang) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Localize(lang))
	}
	return out
}
