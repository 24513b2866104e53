package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/schema"
)

// writeBomb writes a workbook built from a real one, with one part replaced
// by a part that inflates to about size bytes: pre, then fill repeated, then
// post.
func writeBomb(t *testing.T, path, part string, pre, fill, post []byte, size int) {
	t.Helper()
	base := table{title: "大新镇2018年度政府信息公开情况统计表"}.build(t)
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

// TestBombChild reads the file TALLY_BOMB names and prints the verdict; it
// runs as a child of TestBombs, which measures its peak memory.
func TestBombChild(t *testing.T) {
	path := os.Getenv("TALLY_BOMB")
	if path == "" {
		t.Skip("run by TestBombs")
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sub := Read(data, filepath.Base(path), Options{Schemas: schema.Builtins()})
	ids := []string{}
	for _, f := range sub.FindingList() {
		ids = append(ids, f.Msg.ID)
	}
	out, _ := json.Marshal(map[string]any{"unreadable": sub.Unreadable, "ids": ids})
	require.NoError(t, os.WriteFile(path+".verdict", out, 0o644))
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
			cmd := exec.Command(os.Args[0], "-test.run=^TestBombChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), "TALLY_BOMB="+path)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, string(out))
			elapsed := time.Since(start)
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
			t.Logf("%s: %d KiB on disk, verdict in %s, peak %d MiB", tc.name, st.Size()>>10, elapsed.Round(time.Millisecond), rss>>10)
			assert.Less(t, rss, int64(256<<10), "peak memory under 256 MiB")
			assert.Less(t, elapsed, time.Minute, "no hang")
			raw, err := os.ReadFile(path + ".verdict")
			require.NoError(t, err)
			var v struct {
				Unreadable bool
				IDs        []string
			}
			require.NoError(t, json.Unmarshal(raw, &v))
			assert.True(t, v.Unreadable)
			assert.Equal(t, []string{"read.too-large"}, v.IDs)
		})
	}
}
