package table

import (
	"testing"
	"time"

	"tally/internal/fuzzbudget"

	"tally/schema"
)

// isNumbered answers as the regular expression does, on every label of the
// built-in schemas and on whatever the fuzzer makes.
func FuzzIsNumbered(f *testing.F) {
	for _, s := range schema.Builtins() {
		for _, t := range s.Tables {
			for _, r := range t.Rows {
				f.Add(r.Label)
			}
		}
	}
	for _, s := range []string{"", " ", "（一）", "( 3 )", "十一、", "12.", "①", "其中：", "\t其中", "一", "1", "x1.", "　（二）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		defer fuzzbudget.Check(t, time.Now())
		if got, want := isNumbered(s), numbered.MatchString(s); got != want {
			t.Fatalf("isNumbered(%q) = %v, the expression says %v", s, got, want)
		}
	})
}
