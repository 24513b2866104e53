package command

import (
	"io"
	"os"
	"runtime/debug"
)

// Memory: a run holds every submission it has read (in their compact form,
// a few KiB each) and little else, so the garbage collector is told what the
// run needs instead of doubling the heap each cycle. A one-file run never
// collects at all; a run over thousands of files stays near its budget.
// GOGC and GOMEMLIMIT, when set, are left as they are.

// The budget of a run over n files is 30 MiB for the program and the
// workbooks being read, and 8 KiB per submission held.

// heapLimit is the share of the budget the Go heap may have: what is left
// when the program's code and the runtime's own memory (about 14 MiB) and
// the heap's fragmentation while the outputs are built (about a fifth of
// it, measured on 10,000 files) are taken out.
func heapLimit(n int) int64 {
	return 16<<20 + int64(n)*13<<9 // 6.5 KiB a file
}

// tuneMemory sets the collector for a run over n files, when the run is
// the program's own (its report goes to the process's stdout), not a
// test's: the collector's settings are the whole process's.
func tuneMemory(stdout io.Writer, n int) {
	if f, ok := fileOf(stdout); !ok || f != os.Stdout {
		return
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(heapLimit(n))
	}
}
