package serve

import (
	"testing"

	"tally/internal/testkit"
)

// BenchmarkDistrict is the sample district's 16 files uploaded as a folder
// and checked, from the upload's start to the run's end (status.json
// done), as the page waits for it: the time until the board shows. Its
// .xls is read through LibreOffice where it is installed (the conversion
// is cached after the first).
func BenchmarkDistrict(b *testing.B) {
	s := start(b, Options{MaxRuns: 2})
	c := browser(b, s)
	parts := folderParts(b, testkit.FixturePath(b, "district/兴庆区2018"), "兴庆区2018/")
	parts = append(parts, field("name", "兴庆区"), field("year", "2018"))
	for b.Loop() {
		id := upload(b, s, c, parts)
		wait(b, s, c, id)
	}
}
