package main

import (
	"os"

	"github.com/urfave/cli/v2"

	"tally/consolidate"
	"tally/errtext"
	"tally/schema"
	"tally/source"
	"tally/xlsx"
)

// annotate writes a marked-up copy of each readable submission that has an
// error or a warning into the --annotate folder, under the name planned for
// it before anything was read (planOutputs). Originals are only read. A
// copy that cannot be made (a workbook no program could mark up, or one
// too large to) or written is said on stderr, naming the file and why, and
// the others are made all the same; copies that could not be written fail
// the run (exit 2) once every other is made.
func annotate(c *cli.Context, cfg *runConfig, res *consolidate.Result) error {
	if err := os.MkdirAll(cfg.annotate, 0o755); err != nil {
		return err
	}
	var conv source.Converter
	if cfg.conv != nil {
		conv = cfg.conv
	}
	failed := 0
	for _, sub := range res.Submissions {
		if sub.Unreadable || sub.Status() == "ok" {
			continue
		}
		path, ok := cfg.plan.copies[sub.File]
		if !ok {
			continue
		}
		data, err := readInput(sub.File)
		var marked []byte
		if err == nil {
			marked, err = xlsx.Annotate(data, sub.File, sub, conv, cfg.lang)
		}
		if err != nil {
			warn(c, cfg.lang, "annotate.failed", sub.File, errtext.Of(err))
			continue
		}
		if err := writeAtomic(path, cfg.lang, bytesOf(marked)); err != nil {
			warn(c, cfg.lang, "annotate.not-written", sub.File, errtext.Of(err))
			failed++
		}
	}
	if failed > 0 {
		return msgErr("annotate.not-all-written", failed)
	}
	return nil
}

// warn says on stderr, in the run's language, something that went wrong
// while the run goes on.
func warn(c *cli.Context, lang schema.Lang, id string, args ...any) {
	printMessage(c.App.ErrWriter, msgErr(id, args...).(*msgError).Localize(lang))
}

func init() {
	schema.Register(map[string]schema.Text{
		"annotate.failed": {
			Zh: "--annotate：无法为 %[1]s 做标注副本（%[2]s），其余照常",
			En: "--annotate: no marked-up copy of %[1]s (%[2]s); the others are made as usual"},
		"annotate.not-written": {
			Zh: "--annotate：%[1]s 的标注副本没有写入：%[2]s；其余照常",
			En: "--annotate: the marked-up copy of %[1]s was not written: %[2]s; the others are made as usual"},
		"annotate.not-all-written": {
			Zh: "%d 份标注副本没有写入（原因见上）",
			En: "%d marked-up copies were not written (see above why)"},
	})
}
