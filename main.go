// Command tally checks the statistics tables that townships submit, and
// consolidates them into one district table.
//
// Usage:
//
//	tally validate    [flags] PATH...   check submissions; print findings; no files written
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

	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func main() {
	err := newApp(os.Stdout, os.Stderr).Run(os.Args)
	os.Exit(exitCode(os.Stderr, err))
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
				Name:      "schemas",
				Usage:     "list the built-in schemas, or print one as YAML",
				ArgsUsage: "[show ID]",
				Action:    schemasAction,
			},
		},
	}
}
