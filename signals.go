package main

import (
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync/atomic"

	"tally/cleanup"
	"tally/command"
	"tally/schema"
)

// stopOnSignal makes a signal that stops the program (Ctrl-C, SIGTERM, a
// closed terminal) stop it cleanly: every temporary file and folder tally
// made is removed and every program it started (LibreOffice) is killed
// (cleanup.Run), the reason is said on stderr in lang, and tally exits
// with 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM). An
// output already renamed into place stays; one being written is not
// written, and the file it would have replaced is left as it was.
func stopOnSignal(stderr io.Writer, lang schema.Lang) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, stopSignals...)
	go func() {
		sig := <-ch
		stopping.Store(true)
		cleanup.Run()
		name, code := signalName(sig)
		command.PrintMessage(stderr, schema.Msg(msgCliStopped, name).Render(lang))
		os.Exit(code)
	}()
}

// stopping is set when a signal stops the run: the run itself, which may
// see its converter killed and go on for a moment, then neither prints
// nor exits (stopped), and the signal's exit status is the program's.
var stopping atomic.Bool

// stopped blocks for ever once the run is being stopped.
func stopped() {
	if stopping.Load() {
		select {}
	}
}

// gated is stdout or stderr of the run: a write once the run is being
// stopped waits for the end, so that nothing the stopped run would still
// say (a conversion that failed because it was stopped) is printed.
type gated struct{ w io.Writer }

func (g gated) Write(p []byte) (int, error) {
	stopped()
	return g.w.Write(p)
}

// Unwrap is the writer behind, for the command line to see the file it is.
func (g gated) Unwrap() io.Writer { return g.w }

// privateTemp gives the run a temporary folder of its own, where every
// temporary file it or a library makes (LibreOffice's conversions and its
// own files, a spreadsheet library's spill files) goes, and which is
// removed, whatever is in it, when the run ends or is stopped. Without one
// (the system's temporary folder cannot be written), files go where they
// went.
func privateTemp() {
	dir, err := os.MkdirTemp("", "tally-")
	if err != nil {
		return
	}
	_, _ = cleanup.Track(func() (func(), error) {
		return func() { os.RemoveAll(dir) }, nil
	})
	for _, env := range tempEnv {
		os.Setenv(env, filepath.Clean(dir))
	}
}
