package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/command"
	"tally/schema"
)

// TestDegenerateInputs runs every command on every input that leaves it
// nothing, or nothing sensible, to do — no path, an empty folder, a path
// that does not exist, only Word documents and PDFs, only unreadable
// files, a roster nobody on which has submitted, a roster that is missing
// or no roster at all, a folder given as an output — in Chinese and in
// English, in-process and through the built program (a panic's stack trace
// shows only there). Each must end with the exit status the README gives
// and a message in the run's language, never a panic, and must leave no
// output behind, whole or half-written.
func TestDegenerateInputs(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "tally")
	build := exec.Command("go", "build", "-o", bin, "-ldflags", "-X main.version="+command.ToolVersion(), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	in := t.TempDir()
	copyFile := func(from, to string) {
		data, err := os.ReadFile(from)
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(in, to)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(in, to), data, 0o644))
	}
	write := func(name, text string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(in, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(in, name), []byte(text), 0o644))
	}
	require.NoError(t, os.Mkdir(filepath.Join(in, "空文件夹"), 0o755))
	write("只有说明/说明.txt", "各乡镇的报表还没有收齐。\n")
	copyFile("testdata/bad/word.xlsx", "文档/报告.docx")       // a Word document
	copyFile("testdata/bad/scan.xlsx", "文档/扫描件.pdf")       // a PDF
	copyFile("testdata/bad/encrypted.xlsx", "坏文件/加密.xlsx") // a password
	copyFile("testdata/bad/truncated.xlsx", "坏文件/半截.xlsx") // half a file
	copyFile("testdata/validate/文昌路街道.xlsx", "有错/文昌路街道.xlsx")
	copyFile("testdata/seed/掌政镇.xlsx", "掌政镇.xlsx")
	copyFile("testdata/seed/掌政镇.xlsx", "名单.xlsx")
	write("名单.txt", "# 兴庆区应报单位\n掌政镇\n大新镇\n")
	write("空名单.txt", "# 还没有填\n\n")
	write("名单.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") // a picture of the roster
	write("备注", "不是文件夹\n")
	before := hashTree(t, in)

	type degenerate struct {
		name string
		args []string // $IN: the inputs, $OUT: a folder of outputs that must stay empty
		code int
		// zh and en are words the last line of stderr must say; stdout
		// holds the report (or, for tally alone, the help) when report.
		zh, en []string
		report bool
	}
	const (
		seed = "$IN/掌政镇.xlsx"
		out  = "$OUT/兴庆区.xlsx"
	)
	cases := []degenerate{
		// tally with flags and no command says what it can do. (tally alone,
		// as a double-click starts it, serves the page: TestStartedAlone.)
		{"tally, no command", []string{"--lang", "zh"}, 2, []string{"请指定一个命令"}, []string{"name a command"}, true},
		{"validate, no path", []string{"validate"}, 2, []string{"请指出要检查的报表"}, []string{"name the submissions to check"}, false},
		{"consolidate, no path", []string{"consolidate", "--out", out}, 2, []string{"请指出要汇总的报表"}, []string{"name the submissions to consolidate"}, false},
		{"consolidate, no --out", []string{"consolidate", seed}, 2, []string{"请用 --out 指定要写出的汇总表"}, []string{"--out"}, false},
		{"consolidate, no --name", []string{"consolidate", seed, "--out", "$OUT/x.xlsx"}, 2, []string{"请用 --name 指定汇总单位"}, []string{"--name"}, false},
		{"template, no --out", []string{"template"}, 2, []string{"请用 --out 指定要写出的空白表"}, []string{"name the template"}, false},
		{"template, a path", []string{"template", "掌政镇", "--out", "$OUT/掌政镇.xlsx"}, 2, []string{"不需要路径"}, []string{"takes no paths"}, false},
		{"schemas show, no id", []string{"schemas", "show"}, 2, []string{"请给出要显示的表式编号"}, []string{"name the schema to show"}, false},
		{"schemas show, unknown id", []string{"schemas", "show", "gov-info-1999"}, 2, []string{"没有", "这个内置表式"}, []string{"no built-in schema"}, false},

		{"validate, an empty folder", []string{"validate", "$IN/空文件夹"}, 2, []string{"没有找到报表文件", "请确认文件夹是否选对"}, []string{"no submission found"}, false},
		{"consolidate, an empty folder", []string{"consolidate", "$IN/空文件夹", "--out", out}, 2, []string{"没有找到报表文件", "未写入"}, []string{"no submission found", "was not written"}, false},
		{"validate, a folder of notes", []string{"validate", "$IN/只有说明"}, 2, []string{"没有找到报表文件"}, []string{"no submission found"}, false},
		{"validate, a mistyped folder", []string{"validate", "$IN/乡镇报表"}, 2, []string{"找不到", "没有这个文件或文件夹", "请检查路径"}, []string{"no such file or folder"}, false},
		{"consolidate, a mistyped folder", []string{"consolidate", "$IN/乡镇报表", "--out", out}, 2, []string{"找不到", "未写入"}, []string{"no such file or folder", "was not written"}, false},
		{"validate, Word and PDF only", []string{"validate", "$IN/文档"}, 2, []string{"没有 Excel 统计表", "2 个其他文件"}, []string{"holds no workbook"}, true},
		{"consolidate, Word and PDF only", []string{"consolidate", "$IN/文档", "--out", out, "--log", "$OUT/log.csv"}, 2, []string{"没有可以汇总的报表", "未写入"}, []string{"nothing to consolidate", "was not written"}, true},
		{"validate, unreadable files only", []string{"validate", "$IN/坏文件"}, 1, nil, nil, true},
		{"consolidate, unreadable files only", []string{"consolidate", "$IN/坏文件", "--out", out, "--log", "$OUT/log.xlsx"}, 2, []string{"都无法读取", "未写入"}, []string{"can be read", "was not written"}, true},
		{"consolidate, nothing valid to sum", []string{"consolidate", "--exclude-invalid", "$IN/有错", "--out", out}, 2, []string{"都有错误", "--exclude-invalid"}, []string{"have errors"}, true},
		{"validate, a named text file", []string{"validate", "$IN/只有说明/说明.txt"}, 1, nil, nil, true},

		{"validate, a roster nobody submitted for", []string{"validate", "$IN/空文件夹", "--roster", "$IN/名单.txt"}, 2, []string{"没有找到报表文件", "名单中的 2 个单位都还没有报送"}, []string{"none of the 2 units on the roster"}, false},
		{"consolidate, a roster nobody submitted for", []string{"consolidate", "$IN/空文件夹", "--roster", "$IN/名单.txt", "--out", out}, 2, []string{"名单中的 2 个单位都还没有报送", "未写入"}, []string{"none of the 2 units"}, false},
		{"a missing roster", []string{"validate", seed, "--roster", "$IN/没有这个名单.txt"}, 2, []string{"无法读取名单文件", "找不到"}, []string{"the roster cannot be read", "does not exist"}, false},
		{"a roster that is a folder", []string{"validate", seed, "--roster", "$IN/空文件夹"}, 2, []string{"无法读取名单文件", "是一个文件夹"}, []string{"is a folder"}, false},
		{"an empty roster", []string{"validate", seed, "--roster", "$IN/空名单.txt"}, 2, []string{"名单中没有任何单位"}, []string{"names no unit"}, false},
		{"a roster in Excel", []string{"validate", seed, "--roster", "$IN/名单.xlsx"}, 2, []string{"名单应是文本文件"}, []string{"text file"}, false},
		{"a roster that is a picture", []string{"validate", seed, "--roster", "$IN/名单.png"}, 2, []string{"名单应是文本文件"}, []string{"text file"}, false},

		{"consolidate, --out a folder", []string{"consolidate", seed, "--name", "兴庆区", "--out", "$OUT/汇总"}, 2, []string{"是一个文件夹"}, []string{"is a folder"}, false},
		{"consolidate, --out a folder named .xlsx", []string{"consolidate", seed, "--out", "$OUT/兴庆区.xlsx.d/兴庆区.xlsx"}, 2, []string{"是一个文件夹"}, []string{"is a folder"}, false},
		{"consolidate, --out in no folder", []string{"consolidate", seed, "--out", "$OUT/没有/兴庆区.xlsx"}, 2, []string{"不存在"}, []string{"does not exist"}, false},
		{"validate, --log a folder", []string{"validate", seed, "--log", "$OUT/日志.json"}, 2, []string{"是一个文件夹"}, []string{"is a folder"}, false},
		{"validate, --log in no folder", []string{"validate", seed, "--log", "$OUT/没有/日志.csv"}, 2, []string{"不存在"}, []string{"does not exist"}, false},
		{"validate, --annotate a file", []string{"validate", seed, "--annotate", "$IN/备注"}, 2, []string{"是一个文件，不是文件夹"}, []string{"is a file, not a folder"}, false},
		{"template, --out a folder", []string{"template", "--schema", "gov-info-2018", "--out", "$OUT/汇总"}, 2, []string{"是一个文件夹"}, []string{"is a folder"}, false},
		{"template, --out in no folder", []string{"template", "--schema", "gov-info-2018", "--out", "$OUT/没有/模板.xlsx"}, 2, []string{"不存在"}, []string{"does not exist"}, false},
	}
	for _, tc := range cases {
		for _, lang := range []schema.Lang{schema.Zh, schema.En} {
			t.Run(tc.name+" "+string(lang), func(t *testing.T) {
				outDir := t.TempDir()
				// Folders where a file is asked for.
				require.NoError(t, os.Mkdir(filepath.Join(outDir, "汇总"), 0o755))
				require.NoError(t, os.MkdirAll(filepath.Join(outDir, "兴庆区.xlsx.d", "兴庆区.xlsx"), 0o755))
				require.NoError(t, os.Mkdir(filepath.Join(outDir, "日志.json"), 0o755))
				args := []string{}
				for _, a := range tc.args {
					args = append(args, strings.NewReplacer("$IN", in, "$OUT", outDir).Replace(a))
				}
				if lang == schema.En {
					args = append(args, "--lang", "en")
				}
				stdout, stderr, code := runRecovering(t, args...)
				cmd := exec.Command(bin, args...)
				var bout, berr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &bout, &berr
				bcode := exitOf(t, cmd.Run())
				for _, got := range []struct {
					how                  string
					stdout, stderr, code any
				}{{"in-process", stdout, stderr, code}, {"the program", bout.String(), berr.String(), bcode}} {
					all := got.stdout.(string) + got.stderr.(string)
					for _, crash := range []string{"panic", "goroutine ", "runtime error", "[signal", ".go:"} {
						if strings.Contains(all, crash) {
							t.Errorf("%s: a crash (%q):\n%s", got.how, crash, all)
							break
						}
					}
					assert.Equal(t, tc.code, got.code, "%s: exit status; stderr: %s", got.how, got.stderr)
				}
				assert.Equal(t, stdout, bout.String(), "the program prints what the app does")
				assert.Equal(t, stderr, berr.String(), "the program prints what the app does")

				lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
				last := lines[len(lines)-1]
				if tc.code == 2 {
					require.True(t, strings.HasPrefix(last, "tally: "), "stderr ends with tally's reason: %q", stderr)
					want := tc.zh
					if lang == schema.En {
						want = tc.en
					}
					for _, w := range want {
						assert.Contains(t, last, w)
					}
					checkLanguage(t, lang, last, append([]string{in, outDir, filepath.Join(outDir, "没有")}, args...))
				} else {
					assert.Empty(t, stderr)
				}
				if tc.report {
					assert.NotEmpty(t, stdout, "the report says what each file is")
				} else {
					assert.Empty(t, stdout)
				}

				// Nothing written: no output, no temporary file, here or
				// among the inputs, which are as they were.
				require.NoError(t, filepath.WalkDir(outDir, func(p string, d fs.DirEntry, err error) error {
					require.NoError(t, err)
					assert.True(t, d.IsDir(), "%s was written", p)
					return nil
				}))
				assert.Equal(t, before, hashTree(t, in), "the inputs are unchanged, and nothing was added to them")
			})
		}
	}
}

// runRecovering is run, with a panic turned into its output (so that the
// test reports it, and goes on to the program's run).
func runRecovering(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			stderr, code = fmt.Sprintf("panic: %v\n", r), -1
		}
	}()
	return run(t, args...)
}
