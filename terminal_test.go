package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/files"
	"tally/internal/testkit"
)

// controls lists the characters of out that would act on a terminal: C0
// and C1 controls and DEL (but the line ends allowed), bytes that are not
// UTF-8, the bidirectional controls.
func controls(out string, allowed ...string) []string {
	for _, a := range allowed {
		out = strings.ReplaceAll(out, a, "")
	}
	var found []string
	for i := 0; i < len(out); {
		r, n := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0x20 && r != '\n', r >= 0x7f && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			found = append(found, strings.ToValidUTF8(out[max(0, i-30):min(len(out), i+30)], "?"))
		}
		i += n
	}
	return found
}

// Text from a submission — what a cell holds, the sheet's name, the file's
// name — reaches the terminal with its control characters shown escaped
// (\x1b), in the text report, the CSV and stderr: a cell cannot erase the
// line that reports its error and print a ✓ instead. The JSON report keeps
// the text exactly, escaped as JSON (\u001b), raw in no byte.
func TestSubmissionTextCannotActOnTheTerminal(t *testing.T) {
	fake := "&#27;[1A&#27;[2K\u202e\u009b&#13;✓ 掌政镇.xlsx  掌政镇  [Sheet1]  无问题&#27;[8m"
	data := testkit.ZipWith(t, testkit.Fixture(t, "seed/掌政镇.xlsx"), func(part string, body []byte) []byte {
		switch part {
		case "xl/worksheets/sheet1.xml":
			return bytes.Replace(body, []byte(`<c r="C5" s="5" t="n"><v>0</v></c>`),
				[]byte(`<c r="C5" s="5" t="inlineStr"><is><t>`+fake+"\x1b[1A</t></is></c>"), 1)
		case "xl/workbook.xml":
			return bytes.Replace(body, []byte(`name="Sheet1"`), []byte(`name="Sheet1&#27;[31m"`), 1)
		}
		return body
	})
	dir := t.TempDir()
	name := filepath.Join(dir, "掌政镇\x1b[2K\r.xlsx")
	require.NoError(t, os.WriteFile(name, data, 0o644))

	// The cell's text is read as it is (else there is nothing to test).
	stdout, stderr, code := run(t, "validate", "--format", "json", name)
	require.Equal(t, 1, code, stderr)
	assert.Empty(t, controls(stdout), "raw in the JSON")
	var rep jsonReport
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	require.NotEmpty(t, rep.Findings)
	assert.Contains(t, rep.Findings[0].Message, "\x1b[1A\x1b[2K\u202e\u009b", "the JSON keeps the text as it is")
	assert.Equal(t, name, rep.Findings[0].File)

	saved := files.Rename
	t.Cleanup(func() { files.Rename = saved })
	for _, tc := range []struct {
		args    []string
		allowed []string // line ends
	}{
		{[]string{"validate", name, "--annotate", filepath.Join(dir, "标注")}, nil},
		{[]string{"validate", "--format", "csv", name, "--lang", "en"}, []string{"\r\n"}},
		{[]string{"consolidate", "--name", "兴庆区", "--out", filepath.Join(dir, "x.xlsx"), name}, nil},
	} {
		// The marked-up copy cannot be written: a message names the file.
		files.Rename = func(from, to string) error {
			if strings.Contains(to, "标注") {
				return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.ENOSPC}
			}
			return saved(from, to)
		}
		stdout, stderr, _ := run(t, tc.args...)
		assert.Empty(t, controls(stdout, tc.allowed...), "%v: stdout", tc.args)
		assert.Empty(t, controls(stderr), "%v: stderr", tc.args)
		assert.Contains(t, stdout, `\x1b[1A\x1b[2K\u202e\u009b ✓ 掌政镇.xlsx`, "%v: the cell's text is shown, escaped", tc.args)
		assert.Contains(t, stdout, `掌政镇\x1b[2K\r.xlsx`, "%v: the file's name is shown, escaped", tc.args)
		assert.Contains(t, stdout, `Sheet1\x1b[31m`, "%v: the sheet's name is shown, escaped", tc.args)
		if strings.Contains(strings.Join(tc.args, " "), "标注") {
			assert.Contains(t, stderr, `掌政镇\x1b[2K\r.xlsx 的标注副本没有写入`, "a message names the file, escaped")
		}
	}
	// The logs are text too.
	files.Rename = saved
	for _, log := range []string{"log.csv", "log.json"} {
		path := filepath.Join(dir, log)
		_, stderr, code := run(t, "validate", "--log", path, name)
		require.Equal(t, 1, code, stderr)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Empty(t, controls(string(data), "\r\n"), log)
	}
}
