package command

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"tally/errtext"
	"tally/schema"
)

func schemasAction(c *cli.Context) error {
	w := c.App.Writer
	lang := appLang(c)
	args := c.Args().Slice()
	switch {
	case len(args) == 0:
		for _, s := range schema.Builtins() {
			years := ""
			switch {
			case s.Years.To == 0 && s.Years.From != 0:
				years = fmt.Sprintf("%d–", s.Years.From)
			case s.Years.From != 0 || s.Years.To != 0:
				years = fmt.Sprintf("%d–%d", s.Years.From, s.Years.To)
			}
			title := schema.Text{Zh: "《" + s.Title + "》", En: s.En}.In(lang)
			if _, err := fmt.Fprintf(w, "%-16s %-10s %s\n", s.ID, years, title); err != nil {
				return reportError(err)
			}
		}
		return nil
	case len(args) == 2 && args[0] == "show":
		s, ok := schema.Builtin(args[1])
		if !ok {
			return errtext.Msg(msgCliSchemasUnknown, args[1])
		}
		if _, err := w.Write(s.Dump()); err != nil {
			return reportError(err)
		}
		return nil
	case len(args) == 1 && args[0] == "show":
		return errtext.Msg(msgCliSchemasShowWhat)
	}
	return errtext.Msg(msgCliSchemasUsage, strings.Join(args, " "))
}
