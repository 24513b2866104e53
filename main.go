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
// Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
// 2 the run itself failed (bad flags, unreadable schema or roster, output not
// writable).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	tuneMemory(1)
	app := newApp(os.Stdout, os.Stderr)
	err := app.Run(interspersed(app, os.Args))
	os.Exit(exitCode(os.Stderr, err))
}

// interspersed moves a command's flags before its paths, so that
// "tally consolidate 乡镇报表/ --name 兴庆区 --out x.xlsx" works as written
// (the flag parser stops at the first path otherwise). After "--" nothing
// moves.
func interspersed(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	cmd := app.Command(args[1])
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, paths []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			paths = append(paths, rest[i:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if takesValue[name] && !strings.Contains(name, "=") && i+1 < len(rest) {
				flags = append(flags, rest[i+1])
				i++
			}
			continue
		}
		paths = append(paths, a)
	}
	out := append([]string{args[0], args[1]}, flags...)
	return append(out, paths...)
}

// errFindings reports that findings at or above --fail-on were made; the
// report has been written already.
var errFindings = errors.New("findings at or above the --fail-on level")

// exitCode maps a run's error to the process exit code, printing it.
func exitCode(stderr io.Writer, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFindings):
		return 1
	}
	fmt.Fprintf(stderr, "tally: %v\n", err)
	return 2
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

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:            "tally",
		Usage:           "check and consolidate the statistics tables townships submit",
		Version:         toolVersion(),
		Writer:          stdout,
		ErrWriter:       stderr,
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelpCommand: true,
		Commands: []*cli.Command{
			{
				Name:      "validate",
				Usage:     "check submissions and print the findings; writes no files but --log",
				ArgsUsage: "PATH...",
				Flags:     commonFlags(),
				Action:    validateAction,
			},
			{
				Name:      "consolidate",
				Usage:     "check submissions and write the consolidated workbook (--out) with their totals",
				ArgsUsage: "PATH...",
				Flags:     consolidateFlags(),
				Action:    consolidateAction,
			},
			{
				Name:   "template",
				Usage:  "write the fill-in workbook a district sends its townships",
				Flags:  templateFlags(),
				Action: templateAction,
			},
			{
				Name:      "schemas",
				Usage:     "list the built-in schemas, or print one as YAML",
				ArgsUsage: "[show ID]",
				Action:    schemasAction,
			},
		},
	}
}
