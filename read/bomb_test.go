package read

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
	"tally/schema"
)

// writeBomb writes a workbook built from a real one, with one part replaced
// by a part that inflates to about size bytes: pre, then fill repeated, then
// post.
func writeBomb(t *testing.T, path, part string, pre, fill, post []byte, size int) {
	t.Helper()
	base := testkit.Table2018{Title: "大新镇2018年度政府信息公开情况统计表"}.Build(t)
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	require.NoError(t, err)
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	wrote := false
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		require.NoError(t, err)
		if zf.Name != part {
			rc, err := zf.Open()
			require.NoError(t, err)
			_, err = io.Copy(w, rc)
			require.NoError(t, err)
			rc.Close()
			continue
		}
		wrote = true
		_, _ = w.Write(pre)
		chunk := bytes.Repeat(fill, 1<<20/len(fill))
		for n := 0; n < size; n += len(chunk) {
			_, _ = w.Write(chunk)
		}
		_, _ = w.Write(post)
	}
	require.True(t, wrote, "no part %s", part)
	require.NoError(t, zw.Close())
}

// TestBombChild reads the files TALLY_BOMB names (separated as in PATH),
// all at once as tally -j does, and writes each verdict beside its file; it
// runs as a child of readInChild, which measures its peak memory.
func TestBombChild(t *testing.T) {
	list := os.Getenv("TALLY_BOMB")
	if list == "" {
		t.Skip("run by readInChild")
	}
	var wg sync.WaitGroup
	for _, path := range filepath.SplitList(list) {
		wg.Go(func() {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Error(err)
				return
			}
			sub := File(data, filepath.Base(path), Options{Schemas: schema.Builtins()})
			ids := []string{}
			for _, f := range sub.FindingList() {
				ids = append(ids, f.Msg.ID())
			}
			out, _ := json.Marshal(verdict{Unreadable: sub.Unreadable, IDs: ids})
			if err := os.WriteFile(path+".verdict", out, 0o644); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// The peak of this process since it started: what the parent's
	// rusage says includes the parent's own memory, which a child started
	// with vfork shares until it runs the test binary.
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			require.NoError(t, os.WriteFile(filepath.SplitList(list)[0]+".peak", []byte(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB"))), 0o644))
		}
	}
}

// verdict is what reading a file came to: unreadable or not, and the ids
// of its findings.
type verdict struct {
	Unreadable bool
	IDs        []string
}

// readInChild reads the files at once in a child process (TestBombChild)
// and returns their verdicts, the child's peak memory in KiB and the time
// it took.
func readInChild(t *testing.T, paths ...string) ([]verdict, int64, time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBombChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TALLY_BOMB="+strings.Join(paths, string(filepath.ListSeparator)))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	elapsed := time.Since(start)
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
	if peak, err := os.ReadFile(paths[0] + ".peak"); err == nil {
		rss, err = strconv.ParseInt(string(peak), 10, 64)
		require.NoError(t, err)
	}
	var vs []verdict
	for _, p := range paths {
		raw, err := os.ReadFile(p + ".verdict")
		require.NoError(t, err)
		var v verdict
		require.NoError(t, json.Unmarshal(raw, &v))
		vs = append(vs, v)
	}
	return vs, rss, elapsed
}

// A worksheet, a cell or the shared strings inflating past a gigabyte from
// a few MiB is an unreadable finding, in seconds and well under 256 MiB for
// the whole process.
func TestBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gigabyte bombs")
	}
	row := []byte(`<row><c s="1"/><c s="1"/><c s="1"/></row>`)
	cases := []struct {
		name, part      string
		pre, fill, post []byte
	}{
		{"rows", "xl/worksheets/sheet1.xml",
			[]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`),
			row, []byte(`</sheetData></worksheet>`)},
		{"one cell", "xl/worksheets/sheet1.xml",
			[]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`),
			[]byte("统计表统计表统计表统计表"), []byte(`</t></is></c></row></sheetData></worksheet>`)},
		{"shared strings", "xl/sharedStrings.xml",
			[]byte(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`),
			[]byte(`<si><t>统计表</t></si>`), []byte(`</sst>`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bomb.xlsx")
			writeBomb(t, path, tc.part, tc.pre, tc.fill, tc.post, 1100<<20)
			st, err := os.Stat(path)
			require.NoError(t, err)
			assert.Less(t, st.Size(), int64(16<<20), "a few MiB on disk")
			vs, rss, elapsed := readInChild(t, path)
			t.Logf("%s: %d KiB on disk, verdict in %s, peak %d MiB", tc.name, st.Size()>>10, elapsed.Round(time.Millisecond), rss>>10)
			assert.Less(t, rss, int64(256<<10), "peak memory under 256 MiB")
			assert.Less(t, elapsed, time.Minute, "no hang")
			v := vs[0]
			assert.True(t, v.Unreadable)
			assert.Equal(t, []string{"read.too-large"}, v.IDs)
		})
	}
}
