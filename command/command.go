// Package command is tally's command line: its commands and flags, help
// and usage errors in the run's language, the report on stdout as text,
// JSON or CSV, the progress bar, and the exit status. It turns the flags
// into a [run.Config], calls package run, and prints what it returns.
//
// [Main] runs a command line and returns its exit status; [New] is the
// command line as a urfave/cli app. It imports urfave/cli and tally's
// packages (run, serve, consolidate, schema, errtext, printable), never the
// workbook library; what the process does around a run (signals, its
// temporary folder, a closed pipe's signal) is package main's.
package command

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"

	"tally/printable"
	"tally/schema"
)

// Version is tally's version, set by package main from its build (-ldflags
// "-X main.version=…"); empty, ToolVersion finds one.
var Version = ""

// ToolVersion is tally's version: Version, else the module's version, else
// "dev".
func ToolVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Main runs tally on its command line (args[0] is the program's name) and
// returns the exit status: 0 no finding at or above --fail-on, 1 findings
// at or above it, 2 the run could not do what it was asked (README, Exit
// codes). The language of help and usage errors is chosen before the
// flags are parsed (LangOf), so that they too are in the language the run
// asks for.
func Main(args []string, stdout, stderr io.Writer) int {
	lang := LangOf(args[1:])
	tuneMemory(stdout, 1)
	app := New(stdout, stderr, lang)
	return exitCode(stderr, app.Run(interspersed(app, args)), lang)
}

// New is the command line in one language: the commands, their flags,
// help and usage errors. Help is tally's own (help.go), not urfave/cli's.
func New(stdout, stderr io.Writer, lang schema.Lang) *cli.App {
	command := func(name string, flags []cli.Flag, action cli.ActionFunc) *cli.Command {
		return &cli.Command{
			Name:            name,
			Flags:           append(flags, helpFlag(lang)),
			Action:          withHelp(action),
			HideHelp:        true,
			HideHelpCommand: true,
			OnUsageError:    onUsageError,
		}
	}
	return &cli.App{
		Name:            "tally",
		Version:         ToolVersion(),
		Writer:          stdout,
		ErrWriter:       stderr,
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelp:        true,
		HideHelpCommand: true,
		HideVersion:     true,
		Metadata:        map[string]any{"lang": lang},
		Flags:           rootFlags(lang),
		Before:          rootLang,
		Action:          rootAction,
		OnUsageError:    onUsageError,
		Commands: []*cli.Command{
			command("validate", commonFlags(lang), validateAction),
			command("consolidate", consolidateFlags(lang), consolidateAction),
			command("template", templateFlags(lang), templateAction),
			command("schemas", []cli.Flag{langFlag(lang)}, schemasAction),
			command("serve", serveFlags(lang), serveAction),
		},
	}
}

// interspersed moves a command's flags before its paths, so that
// "tally consolidate 乡镇报表/ --name 兴庆区 --out x.xlsx" works as written
// (the flag parser stops at the first path otherwise). Flags before the
// command (tally --lang en validate …) stay where they are; without a
// command, tally's own flags move before the words (tally help validate
// --lang en). After "--" nothing moves.
func interspersed(app *cli.App, args []string) []string {
	at := 1
	for at < len(args) && len(args[at]) > 1 && args[at][0] == '-' && args[at] != "--" {
		if name := strings.TrimLeft(args[at], "-"); takesValue(app.Flags)[name] {
			at++
		}
		at++
	}
	if at >= len(args) {
		return args
	}
	valued := takesValue(app.Flags)
	if cmd := app.Command(args[at]); cmd != nil {
		valued = takesValue(cmd.Flags)
		at++
	}
	var flags, paths []string
	rest := args[at:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			paths = append(paths, rest[i:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			if valued[strings.TrimLeft(a, "-")] && i+1 < len(rest) {
				flags = append(flags, rest[i+1])
				i++
			}
			continue
		}
		paths = append(paths, a)
	}
	out := append(append([]string{}, args[:at]...), flags...)
	return append(out, paths...)
}

// takesValue tells the names of flags that take a value ("--out x.xlsx")
// from those that do not (a name with "=value" in it is neither).
func takesValue(flags []cli.Flag) map[string]bool {
	valued := map[string]bool{}
	for _, f := range flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			valued[n] = !isBool
		}
	}
	return valued
}

// errFindings reports that findings at or above --fail-on were made; the
// report has been written already.
var errFindings = errors.New("findings at or above the --fail-on level")

// exitCode maps a run's error to the process exit status, printing it in
// lang: 0 no error, 1 findings at or above --fail-on, 2 the run could not
// do what it was asked (README, Exit codes).
func exitCode(stderr io.Writer, err error, lang schema.Lang) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFindings):
		return 1
	}
	msg := err.Error()
	if loc, ok := err.(schema.Localizer); ok {
		msg = loc.Localize(lang)
	}
	PrintMessage(stderr, msg)
	return 2
}

// PrintMessage prints a message of tally's on stderr, after "tally: ". Its
// control characters are shown escaped but for its line breaks (a message
// may hold a list): a file or sheet name in it cannot act on the terminal.
// (The arguments of a message are escaped whole, line breaks too:
// errtext.Msg.)
func PrintMessage(stderr io.Writer, msg string) {
	fmt.Fprintf(stderr, "tally: %s\n", printable.Text(msg))
}
