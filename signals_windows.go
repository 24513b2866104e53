//go:build windows

package main

import (
	"os"
	"syscall"

	"tally/schema"
)

// stopSignals are the signals that stop a run: Ctrl-C or Ctrl-Break, and
// the console window closed (or the user logging off), which Go gives as
// SIGTERM.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// tempEnv are the variables that name the temporary folder.
var tempEnv = []string{"TMP", "TEMP"}

// signalName names a signal for a message and gives the exit status of a
// program it stopped.
func signalName(sig os.Signal) (schema.Localizer, int) {
	if sig == syscall.SIGTERM {
		return schema.Both{Zh: "窗口已关闭", En: "the window was closed"}, 143
	}
	return schema.Both{Zh: "按下了 Ctrl-C", En: "Ctrl-C"}, 130
}

// survivePipe does nothing: Windows has no SIGPIPE, a write to a closed
// pipe fails.
func survivePipe() {}
