package main

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/command"
	"tally/schema"
)

// asciiWord is a run of Latin letters with the digits, dashes, dots and
// underscores that make names such as gov-info-2018, LC_ALL or UTF-8.
var asciiWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*`)

// allowedInChinese are the Latin words a Chinese message may hold: the
// program, its commands and flags, flag values, format and file-type names,
// environment variables, schema ids, the names of the programs a clerk
// uses and of the key and the signal that stop a run.
var allowedInChinese = func() map[string]bool {
	ok := map[string]bool{}
	for _, w := range strings.Fields(`tally validate consolidate template schemas show help serve tally.exe
		text json csv xlsx xlsm xltx xltm xls et ett ods txt docx pdf yaml YAML
		zh en error warning never LC_ALL LC_MESSAGES LANG dev
		Excel WPS LibreOffice OpenDocument Word PDF UTF-8 Ctrl-C SIGTERM`) {
		ok[w] = true
	}
	for _, s := range schema.Builtins() {
		ok[s.ID] = true
	}
	app := command.New(nil, nil, schema.Zh)
	flags := app.Flags
	for _, c := range app.Commands {
		flags = append(flags, c.Flags...)
	}
	for _, f := range flags {
		for _, n := range f.Names() {
			ok[n] = true
		}
	}
	return ok
}()

// cellRef is an A1 reference (C25), which rules in words quote.
var cellRef = regexp.MustCompile(`^[A-Z]{1,3}[0-9]+$`)

// englishIn lists the Latin words of a Chinese text that are none of those
// it may hold.
func englishIn(text string) []string {
	var out []string
	for _, w := range asciiWord.FindAllString(text, -1) {
		if !allowedInChinese[w] && !cellRef.MatchString(w) {
			out = append(out, w)
		}
	}
	return out
}

// chineseIn lists the Chinese characters of an English text.
func chineseIn(text string) string {
	var out []rune
	for _, r := range text {
		if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef {
			out = append(out, r)
		}
	}
	return string(out)
}

// withoutArgs takes the command line's own words (paths, names, values,
// unknown flags) out of a text: they are the user's, in whatever language.
func withoutArgs(text string, args []string) string {
	var words []string
	for _, a := range args {
		for _, part := range strings.Split(a, "=") {
			if w := strings.TrimLeft(part, "-"); w != "" {
				words = append(words, w)
			}
		}
	}
	sort.Slice(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
	for _, w := range words {
		whole := regexp.MustCompile(`(^|[^A-Za-z0-9_])` + regexp.QuoteMeta(w) + `($|[^A-Za-z0-9_])`)
		for whole.MatchString(text) {
			text = whole.ReplaceAllString(text, "${1}§${2}")
		}
	}
	return text
}

// checkLanguage fails a test when a Chinese text holds English words or an
// English one Chinese characters.
func checkLanguage(t *testing.T, lang schema.Lang, text string, args []string) {
	t.Helper()
	text = withoutArgs(text, args)
	if lang == schema.En {
		assert.Empty(t, chineseIn(text), "Chinese in English output:\n%s", text)
		return
	}
	assert.Empty(t, englishIn(text), "English in Chinese output:\n%s", text)
}

// Help and every usage error come in the run's language, chosen by --lang,
// else LC_ALL, LC_MESSAGES or LANG, else Chinese: in Chinese no English word
// but names (flags, commands, formats), in English no Chinese.
func TestHelpAndUsageLanguage(t *testing.T) {
	seed := filepath.Join("testdata", "seed")
	helps := [][]string{
		{"--help"}, {"-h"}, {"help"}, {"help", "validate"}, {"help", "consolidate"}, {"help", "template"},
		{"help", "schemas"}, {"validate", "--help"}, {"consolidate", "-h"}, {"template", "--help"}, {"schemas", "-h"},
		{"help", "serve"}, {"serve", "--help"},
	}
	usage := [][]string{
		{},
		{"validate"},
		{"consolidate", seed},
		{"consolidate", seed, "--out", "x.csv", "--name", "兴庆区"},
		{"consolidate", seed, "--out", "x.xlsx"},
		{"validate", "--format", "xml", seed},
		{"validate", "--fail-on", "sometimes", seed},
		{"validate", "--schema", "gov-info-1999", seed},
		{"validate", "--schema", "no/such/schema.yaml", seed},
		{"validate", "--log", "out.txt", seed},
		{"validate", "--year", "18", seed},
		{"validate", "--year", "二〇一八", seed},
		{"validate", "--jobs", "many", seed},
		{"validate", "--jump", "1,2,3,4", seed},
		{"validate", "--jump", "x", seed},
		{"validate", "--jump", "0.5", seed},
		{"validate", "--roster", "no-such-roster.txt", seed},
		{"validate", "--bogus", seed},
		{"validate", "-x", seed},
		{"validate", "--exclude-invalid", seed},
		{"validate", seed, "--log"},
		{"validate", "---lang", "en", seed},
		{"consolidate", "--exclude-invalid=maybe", seed},
		{"template"},
		{"template", "--out", "x.txt"},
		{"template", "--out", "x.xlsx"},
		{"template", "--schema", "gov-info-1999", "--out", "x.xlsx"},
		{"template", "掌政镇", "--out", "x.xlsx"},
		{"template", "--schema", "gov-info-2018", "--year", "18", "--out", "x.xlsx"},
		{"schemas", "show"},
		{"schemas", "show", "nope"},
		{"schemas", "list"},
		{"nope"},
		{"help", "nope"},
		{"--bogus"},
	}
	type env struct {
		name string
		lang schema.Lang
		vars map[string]string
		flag []string
	}
	envs := []env{
		{"default", schema.Zh, nil, nil},
		{"--lang zh under LANG=en", schema.Zh, map[string]string{"LANG": "en_US.UTF-8"}, []string{"--lang", "zh"}},
		{"LANG=zh_CN", schema.Zh, map[string]string{"LANG": "zh_CN.UTF-8"}, nil},
		{"--lang en", schema.En, nil, []string{"--lang", "en"}},
		{"--lang=en", schema.En, nil, []string{"--lang=en"}},
		{"LANG=en_US", schema.En, map[string]string{"LANG": "en_US.UTF-8"}, nil},
		{"LC_ALL=en over LANG=zh", schema.En, map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, nil},
	}
	for _, e := range envs {
		t.Run(e.name, func(t *testing.T) {
			for k, v := range e.vars {
				t.Setenv(k, v)
			}
			for _, args := range helps {
				args := append(append([]string{}, args...), e.flag...)
				stdout, stderr, code := run(t, args...)
				assert.Equal(t, 0, code, "%v: %s", args, stderr)
				assert.Empty(t, stderr, "%v", args)
				assert.Contains(t, stdout, map[schema.Lang]string{schema.Zh: "选项：", schema.En: "Options:"}[e.lang], "%v", args)
				checkLanguage(t, e.lang, stdout, args)
			}
			for _, args := range usage {
				args := append(append([]string{}, args...), e.flag...)
				stdout, stderr, code := run(t, args...)
				assert.Equal(t, 2, code, "%v: %s", args, stderr)
				require.True(t, strings.HasPrefix(stderr, "tally: "), "%v: %q", args, stderr)
				assert.Equal(t, 1, strings.Count(stderr, "\n"), "%v: one line: %q", args, stderr)
				checkLanguage(t, e.lang, stderr, args)
				if len(args) == len(e.flag) { // tally alone: its help, then why it did nothing
					checkLanguage(t, e.lang, stdout, args)
				} else {
					assert.Empty(t, stdout, "%v", args)
				}
			}
		})
	}
	// The version, in any language.
	out, _, code := run(t, "--version")
	assert.Equal(t, 0, code)
	assert.Equal(t, "tally "+command.ToolVersion()+"\n", out)
}
