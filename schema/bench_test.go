package schema

import (
	"testing"

	"github.com/shopspring/decimal"
)

// BenchmarkCheck evaluates every rule of each built-in table on one
// submission: the cost of validating a workbook once it is read.
func BenchmarkCheck(b *testing.B) {
	for _, s := range Builtins() {
		b.Run(s.ID, func(b *testing.B) {
			sub := &Submission{Schema: s, Values: map[string]Value{}}
			for i, k := range s.Keys() {
				sub.Values[k] = Value{State: Present, Num: decimal.NewFromInt(int64(i % 7)), Ref: "C5"}
			}
			b.ReportAllocs()
			for b.Loop() {
				s.Check(sub)
			}
		})
	}
}

// BenchmarkLoadBuiltins parses and compiles the built-in schemas, as every
// run does once.
func BenchmarkLoadBuiltins(b *testing.B) {
	entries, _ := builtinFS.ReadDir("builtin")
	var files [][]byte
	for _, e := range entries {
		data, _ := builtinFS.ReadFile("builtin/" + e.Name())
		files = append(files, data)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range files {
			if _, err := Parse(entries[i].Name(), data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
