package xlsx

import (
	"fmt"
	"io"
	"testing"

	"tally/consolidate"
	"tally/schema"
)

// The benchmarks print one line per size, for benchstat:
//
//	go test ./xlsx -run '^$' -bench . -count 6 > new.txt && benchstat old.txt new.txt
//
// The reader's, BenchmarkRead, is package read's.

// BenchmarkWriteConsolidated writes the consolidated workbook of n units.
func BenchmarkWriteConsolidated(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			res := district(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteConsolidated(io.Discard, res, WriteOptions{Lang: schema.Zh}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteLog writes a discrepancy log of n findings: the time per
// finding stays the same from ten thousand to a hundred thousand.
func BenchmarkWriteLog(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("findings=%d", n), func(b *testing.B) {
			res := district(b, 100)
			for i := range n {
				s := res.Submissions[i%len(res.Submissions)]
				s.Add(schema.Finding{Severity: schema.Warning, Kind: schema.KindConsistency, Rule: "consistency:3.3",
					File: s.File, Unit: s.Unit, Sheet: s.Sheet, Cell: fmt.Sprintf("C%d", 4+i%60), Codes: []string{"3.3"},
					Msg: schema.Msg(schema.MustLookup("read.stray-number"), "申请答复数", "C33", "D33", "12")})
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteLog(io.Discard, res, WriteOptions{Lang: schema.Zh}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/finding")
		})
	}
}

var _ = consolidate.Options{}
