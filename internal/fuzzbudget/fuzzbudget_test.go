package fuzzbudget

import (
	"flag"
	"testing"
	"time"
)

// recorder is a testing.TB that records a failure instead of stopping.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = format
}

func TestCheck(t *testing.T) {
	fz := flag.Lookup("test.fuzz")
	if fz == nil {
		t.Fatal("the testing package defines no -test.fuzz flag")
	}
	old := fz.Value.String()
	t.Cleanup(func() { _ = fz.Value.Set(old) })

	slow := time.Now().Add(-2 * PerInput)
	quick := time.Now()

	_ = fz.Value.Set("")
	r := &recorder{TB: t}
	Check(r, slow)
	if r.failed != "" {
		t.Error("a slow input failed outside fuzzing")
	}

	_ = fz.Value.Set("FuzzX")
	r = &recorder{TB: t}
	Check(r, quick)
	if r.failed != "" {
		t.Error("a quick input failed while fuzzing")
	}
	Check(r, slow)
	if r.failed == "" {
		t.Error("an input over the budget passed while fuzzing")
	}
}
