// Command tally checks the statistics tables that townships submit, and
// consolidates them into one district table.
//
// Usage:
//
//	tally validate    [flags] PATH...   check submissions; print findings; no files written
//	tally consolidate [flags] PATH...   --out FILE.xlsx required: the consolidated workbook
//	tally template    --schema ID [--unit NAME] [--year YYYY] --out FILE.xlsx
//	tally schemas     [show ID]         list built-in schemas / print one as YAML
//	tally serve       [--listen ADDR] [--no-open] [PATH...]
//	                                    the checking page, in the browser
//
// Started with no arguments (a double-click on tally.exe), tally serves
// the page; started with paths only (a folder dropped onto tally.exe), it
// serves the page on them. It stops on Ctrl-C or when its window closes.
//
// Help, usage errors and messages are in Chinese, or in English with
// --lang en or an English LC_ALL, LC_MESSAGES or LANG.
//
// Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
// 2 the run could not do what it was asked (bad flags, an unreadable schema
// or roster, an output that would be written over an input, nothing found
// to check, nothing to consolidate, an output that cannot be written);
// 130 stopped by Ctrl-C, 143 by SIGTERM, its temporary files removed.
//
// Package main is the process around a run: its temporary folder, the
// signals that stop it, a closed pipe that must not kill it, and the exit
// status. The command line is package command; the run, package run.
package main

import (
	"os"
	"strings"

	"tally/cleanup"
	"tally/command"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

// main runs tally as a program: in a temporary folder of its own, stopped
// cleanly by a signal, and alive to write its outputs when the reader of its
// report goes away.
func main() {
	command.Version = version
	privateTemp()
	stopOnSignal(os.Stderr, command.LangOf(os.Args[1:]))
	survivePipe()
	code := command.Main(asStarted(os.Args), gated{os.Stdout}, gated{os.Stderr})
	stopped()
	cleanup.Run()
	stopped()
	os.Exit(code)
}

// asStarted is the command line as tally was started: with no arguments
// (a double-click on tally.exe) it serves the page; with arguments that
// are all paths that exist, none a command or a flag (a folder dropped
// onto tally.exe), it serves the page on them. Any other command line is
// as given.
func asStarted(args []string) []string {
	if len(args) == 0 {
		return args
	}
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "-") || command.IsCommand(a) {
			return args
		}
		if _, err := os.Stat(a); err != nil {
			return args
		}
	}
	return append([]string{args[0], "serve"}, args[1:]...)
}
