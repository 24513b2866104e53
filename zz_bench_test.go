package main
import "testing"
func BenchmarkConsolidateZZ(b *testing.B) {
	for b.Loop() {
		run(b, "consolidate", "--name", "兴庆区", "--out", "/tmp/out1k.xlsx", "--log", "/tmp/log1k.json", "/tmp/b1k")
	}
}
