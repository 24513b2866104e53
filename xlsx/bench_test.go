package xlsx

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"tally/consolidate"
	"tally/schema"
)

// The benchmarks print one line per size, for benchstat:
//
//	go test ./xlsx -run '^$' -bench . -count 6 > new.txt && benchstat old.txt new.txt

// BenchmarkRead reads the sample district's workbooks, one per iteration,
// with every built-in schema to choose from: the reader's cost per
// workbook.
func BenchmarkRead(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "district", "兴庆区2018", "*.xls[xm]"))
	var books [][]byte
	var size int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		books = append(books, data)
		size += int64(len(data))
	}
	opt := Options{Schemas: schema.Builtins()}
	b.SetBytes(size / int64(len(books)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if sub := Read(books[i%len(books)], "x.xlsx", opt); sub.Unreadable {
			b.Fatal("unreadable")
		}
		i++
	}
}

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
					Msg: schema.Msg("read.stray-number", "申请答复数", "C33", "D33", "12")})
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
