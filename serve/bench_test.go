package serve

import (
	"testing"
	"time"
)

// BenchmarkDistrict is the sample district's 16 files uploaded as a folder
// and checked, from the upload's start to the run's end (status.json
// done), as the page waits for it: the time until the board shows. It
// reports too, from the upload's end, the time until status.json lists 15
// files' verdicts (what the page shows while the slowest is read) and
// until the run ends. Its .xls is read through LibreOffice where it is
// installed (the conversion is cached after the first).
func BenchmarkDistrict(b *testing.B) {
	s := start(b, Options{MaxRuns: 2})
	c := browser(b, s)
	parts := districtParts(b)
	var verdicts, done time.Duration
	n := 0
	for b.Loop() {
		id := upload(b, s, c, parts)
		tl := follow(b, s, c, id, time.Now())
		if len(tl.verdicts) >= 15 {
			verdicts += tl.verdicts[14]
		}
		done += tl.done
		n++
	}
	b.ReportMetric(float64(verdicts.Milliseconds())/float64(n), "ms-to-15-verdicts")
	b.ReportMetric(float64(done.Milliseconds())/float64(n), "ms-to-done")
}
