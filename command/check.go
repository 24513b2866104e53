package command

import (
	"context"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"tally/consolidate"
	"tally/errtext"
	"tally/run"
	"tally/schema"
)

func validateAction(c *cli.Context) error {
	return check(c, run.Validate)
}

func consolidateAction(c *cli.Context) error {
	return check(c, run.Consolidate)
}

// check runs validate or consolidate as the flags say: the report on
// stdout (after the consolidated workbook, before the log and the
// marked-up copies), what went wrong along the way on stderr at once, a
// progress bar on stderr when it is a terminal and the run is long, and
// the exit status of the findings.
func check(c *cli.Context, do func(context.Context, run.Config) (*run.Result, error)) error {
	cfg, format, err := config(c)
	if err != nil {
		return err
	}
	stdout, stderr := c.App.Writer, c.App.ErrWriter
	var bar *progress
	cfg.Progress = func(done, total int) {
		if done == 0 {
			tuneMemory(stdout, total) // the program's own run, not a test's
			bar = newProgress(stderr, total, cfg.Lang)
			return
		}
		bar.update(done, total)
		if done == total {
			bar.finish()
		}
	}
	cfg.Warn = func(msg schema.Localizer) { PrintMessage(stderr, msg.Localize(cfg.Lang)) }
	cfg.Report = func(res *consolidate.Result) error { return report(stdout, format, cfg.Lang, res) }
	res, err := do(context.Background(), cfg)
	if err != nil {
		return err
	}
	if res.Failed {
		return errFindings
	}
	return nil
}

// report writes the report on stdout.
func report(out io.Writer, format string, lang schema.Lang, res *consolidate.Result) error {
	var err error
	switch format {
	case "json":
		err = res.WriteJSON(out, ToolVersion(), lang)
	case "csv":
		err = res.WriteCSV(out, lang)
	default:
		err = res.WriteText(out, ToolVersion(), lang)
	}
	return reportError(err)
}

// reportError is the error of writing the report or other text on stdout:
// none when the program reading it has gone (a pipe into head, closed
// after the lines it wanted). The report ends there; the outputs are
// written all the same, and the exit status is the findings'.
func reportError(err error) error {
	if err == nil || closedPipe(err) {
		return nil
	}
	return errtext.Msg(msgCliReportFailed, errtext.Of(err))
}

// fileOf is the file a writer of the run writes to, if it is one (package
// main's stdout and stderr hold theirs, and give it by Unwrap).
func fileOf(w io.Writer) (*os.File, bool) {
	if u, ok := w.(interface{ Unwrap() io.Writer }); ok {
		w = u.Unwrap()
	}
	f, ok := w.(*os.File)
	return f, ok
}
