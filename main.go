// Command tally checks the statistics tables that townships submit, and
// consolidates them into one district table.
//
// Usage:
//
//	tally validate    [flags] PATH...   check submissions; print findings; no files written
//	tally consolidate [flags] PATH...   --out FILE.xlsx required: the consolidated workbook
//	tally template    --schema ID [--unit NAME] [--year YYYY] --out FILE.xlsx
//	tally schemas     [show ID]         list built-in schemas / print one as YAML
//
// Help, usage errors and messages are in Chinese, or in English with
// --lang en or an English LC_ALL, LC_MESSAGES or LANG.
//
// Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
// 2 the run could not do what it was asked (bad flags, an unreadable schema
// or roster, an output that would be written over an input, nothing found
// to check, nothing to consolidate, an output that cannot be written);
// 130 stopped by Ctrl-C, 143 by SIGTERM, its temporary files removed.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"

	"tally/cleanup"
	"tally/printable"
	"tally/schema"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

// main runs tally as a program: in a temporary folder of its own, stopped
// cleanly by a signal, and alive to write its outputs when the reader of its
// report goes away.
func main() {
	tuneMemory(1)
	privateTemp()
	stopOnSignal(os.Stderr, langOf(os.Args[1:]))
	survivePipe()
	code := runApp(os.Args, gated{os.Stdout}, gated{os.Stderr})
	stopped()
	cleanup.Run()
	stopped()
	os.Exit(code)
}

// runApp runs tally on its command line and returns the exit status. The
// language of help and usage errors is chosen before the flags are parsed
// (langOf), so that they too are in the language the run asks for.
func runApp(args []string, stdout, stderr io.Writer) int {
	lang := langOf(args[1:])
	app := newApp(stdout, stderr, lang)
	return exitCode(stderr, app.Run(interspersed(app, args)), lang)
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
	printMessage(stderr, msg)
	return 2
}

// printMessage prints a message of tally's on stderr, after "tally: ". Its
// control characters are shown escaped but for its line breaks (a message
// may hold a list): a file or sheet name in it cannot act on the terminal.
// (The arguments of a message are escaped whole, line breaks too: msgErr.)
func printMessage(stderr io.Writer, msg string) {
	fmt.Fprintf(stderr, "tally: %s\n", printable.Text(msg))
}

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// newApp is the command line in one language: the commands, their flags,
// help and usage errors. Help is tally's own (help.go), not urfave/cli's.
func newApp(stdout, stderr io.Writer, lang schema.Lang) *cli.App {
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
		Version:         toolVersion(),
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
		},
	}
}
