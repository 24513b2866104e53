package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"tally/consolidate"
	"tally/errtext"
	"tally/schema"
	"tally/xlsx"
)

// annotate writes a marked-up copy of each readable submission that has an
// error or a warning into the --annotate folder. Originals are only read.
func annotate(c *cli.Context, cfg *runConfig, res *consolidate.Result) error {
	dir := cfg.annotate
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	inputs := inputPaths(res)
	suffix := map[schema.Lang]string{schema.Zh: "-问题标注", schema.En: "-marked"}[cfg.lang]
	used := map[string]bool{}
	for _, sub := range res.Submissions {
		if sub.Unreadable || sub.Status() == "ok" {
			continue
		}
		data, err := readInput(sub.File)
		if err != nil {
			fmt.Fprintf(c.App.ErrWriter, "tally: %s\n", schema.Msg("annotate.failed", sub.File, errtext.Of(err)).Render(cfg.lang))
			continue
		}
		var conv xlsx.Converter
		if cfg.conv != nil {
			conv = cfg.conv
		}
		marked, err := xlsx.Annotate(data, sub.File, sub, conv, cfg.lang)
		if err != nil {
			fmt.Fprintf(c.App.ErrWriter, "tally: %s\n", schema.Msg("annotate.failed", sub.File, errtext.Of(err)).Render(cfg.lang))
			continue
		}
		base := strings.TrimSuffix(filepath.Base(sub.File), filepath.Ext(sub.File)) + suffix
		name := base + ".xlsx"
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d.xlsx", base, n)
		}
		used[name] = true
		if err := writeAtomic(filepath.Join(dir, name), inputs, cfg.lang, bytesOf(marked)); err != nil {
			return err
		}
	}
	return nil
}

func init() {
	schema.Register(map[string]schema.Text{
		"annotate.failed": {
			Zh: "--annotate：无法为 %[1]s 做标注副本（%[2]s），其余照常",
			En: "--annotate: no marked-up copy of %[1]s (%[2]s); the others are made as usual"},
	})
}
