package main

import (
	"os"
	"runtime/debug"
)

// Memory: a run holds every submission it has read (in their compact form,
// a few KiB each) and little else, so the garbage collector is told what the
// run needs instead of doubling the heap each cycle. A one-file run never
// collects at all; a run over thousands of files stays near its budget.
// GOGC and GOMEMLIMIT, when set, are left as they are.

// memoryBudget is what a run over n files may use: a base for the program
// and the workbooks being read, and 8 KiB per submission held.
func memoryBudget(n int) int64 {
	return 20<<20 + int64(n)*8<<10
}

// tuneMemory sets the collector for a run over n files.
func tuneMemory(n int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryBudget(n))
	}
}
