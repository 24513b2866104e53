package read

import (
	"os"
	"path/filepath"
	"testing"

	"tally/schema"
)

// The benchmarks print one line per size, for benchstat:
//
//	go test ./read -run '^$' -bench . -count 6 > new.txt && benchstat old.txt new.txt

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
		if sub := File(books[i%len(books)], "x.xlsx", opt); sub.Unreadable {
			b.Fatal("unreadable")
		}
		i++
	}
}
