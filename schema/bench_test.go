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

// BenchmarkLoadBuiltins loads and compiles the built-in schemas from their
// decoded form, as every run does once; BenchmarkParseBuiltins parses their
// YAML instead, as a schema file given with --schema is.
func BenchmarkLoadBuiltins(b *testing.B) {
	names := builtinNames()
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			loadBuiltin(n)
		}
	}
}

func BenchmarkParseBuiltins(b *testing.B) {
	names := builtinNames()
	var files [][]byte
	for _, n := range names {
		data, _ := builtinFS.ReadFile("builtin/" + n)
		files = append(files, data)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range files {
			if _, err := Parse(names[i], data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func builtinNames() []string {
	entries, _ := builtinFS.ReadDir("builtin")
	var out []string
	for _, e := range entries {
		if !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}
