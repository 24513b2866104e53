package command

import (
	"context"
	"strings"

	"github.com/urfave/cli/v2"

	"tally/errtext"
	"tally/run"
)

func templateAction(c *cli.Context) error {
	if c.NArg() > 0 {
		return errtext.Msg(msgCliTemplateArgs, strings.Join(c.Args().Slice(), " "))
	}
	lang, err := cmdLang(c)
	if err != nil {
		return err
	}
	return run.Template(context.Background(), run.TemplateConfig{Schema: c.String("schema"), Out: c.String("out"),
		Unit: c.String("unit"), Year: c.Int("year"), Password: c.String("password"), Contact: c.String("contact"),
		Lang: lang, Version: ToolVersion()})
}
