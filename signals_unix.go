//go:build !windows

package main

import (
	"os"
	"os/signal"
	"syscall"

	"tally/schema"
)

// stopSignals are the signals that stop a run: Ctrl-C, a polite kill, the
// terminal closed.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// tempEnv are the variables that name the temporary folder.
var tempEnv = []string{"TMPDIR"}

// signalName names a signal for a message and gives the exit status of a
// program it stopped.
func signalName(sig os.Signal) (schema.Localizer, int) {
	s, _ := sig.(syscall.Signal)
	switch s {
	case syscall.SIGINT:
		return schema.Both{Zh: "按下了 Ctrl-C", En: "Ctrl-C"}, 130
	case syscall.SIGTERM:
		return schema.Both{Zh: "收到终止信号 SIGTERM", En: "SIGTERM"}, 143
	case syscall.SIGHUP:
		return schema.Both{Zh: "终端已关闭", En: "the terminal was closed"}, 129
	}
	return schema.Both{Zh: sig.String(), En: sig.String()}, 128 + int(s)
}

// survivePipe keeps tally alive when the program reading its report goes
// away (tally validate … | head): a write to the closed pipe fails with
// EPIPE, which ends the report (package command), instead of killing tally with
// SIGPIPE before it writes its other outputs. The signal is received (and
// dropped), not ignored, so that the programs tally starts get the usual
// SIGPIPE.
func survivePipe() {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
}
