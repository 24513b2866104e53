package run

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/schema"
)

// A run with Dir is the run made in that folder: its relative paths, the
// submissions', the roster's and the outputs', are in it, and the reports
// name the files as they were given, relative.
func TestRunInAFolder(t *testing.T) {
	in := submissions(t)
	require.NoError(t, os.MkdirAll(filepath.Join(in, "子目录"), 0o755))
	data, err := os.ReadFile(filepath.Join(in, "掌政镇.xlsx"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(in, "子目录", "掌政镇.xlsx"), data, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "roster.txt"), []byte("掌政镇\n文昌路街道\n闽宁镇\n月牙湖乡\n"), 0o644))
	cfg := Config{Dir: in, Paths: []string{"."}, Roster: "roster.txt", Name: "兴庆区",
		Out: "../兴庆区汇总.xlsx", Log: "../差异.csv", Annotate: "../标注", Version: "test"}
	res, err := Consolidate(context.Background(), cfg)
	require.NoError(t, err)
	var files []string
	for _, s := range res.Submissions {
		files = append(files, s.File)
	}
	assert.Equal(t, []string{filepath.Join("子目录", "掌政镇.xlsx"), "掌政镇.xlsx", "文昌路街道.xlsx", "闽宁镇.xlsx"}, files)
	parent := filepath.Dir(in)
	for _, f := range []string{"兴庆区汇总.xlsx", "差异.csv", "标注/文昌路街道-问题标注.xlsx"} {
		_, err := os.Stat(filepath.Join(parent, f))
		assert.NoError(t, err, "%s is written beside the folder", f)
	}
	var missing []string
	for _, u := range res.Units() {
		if u.File == nil {
			missing = append(missing, u.Name)
		}
	}
	assert.Equal(t, []string{"月牙湖乡"}, missing, "the roster is read in the folder")

	// The same report as the run made from the folder's parent on the
	// folder's name, but for the names.
	var here, there bytes.Buffer
	require.NoError(t, res.WriteJSON(&here, "test", schema.Zh))
	cfg2 := Config{Paths: []string{in}, Roster: filepath.Join(in, "roster.txt"), Name: "兴庆区",
		Out: filepath.Join(t.TempDir(), "兴庆区汇总.xlsx")}
	res2, err := Consolidate(context.Background(), cfg2)
	require.NoError(t, err)
	require.NoError(t, res2.WriteJSON(&there, "test", schema.Zh))
	norm := bytes.ReplaceAll(there.Bytes(), []byte(in+string(filepath.Separator)), nil)
	norm = bytes.ReplaceAll(norm, []byte(cfg2.Out), []byte(cfg.Out))
	assert.Equal(t, string(norm), here.String())
}
