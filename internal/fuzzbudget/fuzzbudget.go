// Package fuzzbudget gives fuzz targets a time budget per input, so that an
// input that makes a parser slow is found and kept like one that makes it
// crash.
package fuzzbudget

import (
	"flag"
	"testing"
	"time"
)

// PerInput is the longest one input may take while fuzzing.
const PerInput = time.Second

// Check fails t when the input it tests took longer than PerInput. Call it
// deferred at the top of a fuzz function:
//
//	f.Fuzz(func(t *testing.T, data []byte) {
//		defer fuzzbudget.Check(t, time.Now())
//		...
//	})
//
// The budget holds only while fuzzing (-fuzz given): a seed corpus run under
// the race detector or on a loaded machine is slower by design, and a plain
// test run checks the seeds' results, not their speed.
func Check(t testing.TB, start time.Time) {
	t.Helper()
	if !Fuzzing() {
		return
	}
	if took := time.Since(start); took > PerInput {
		t.Fatalf("one input took %v, more than the %v budget: the parser is too slow on it", took.Round(time.Millisecond), PerInput)
	}
}

// Fuzzing reports whether the test binary runs with -test.fuzz.
func Fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}
