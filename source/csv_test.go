package source

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/grid"
	"tally/internal/fuzzbudget"
)

// csvRecords are the records encoding/csv reads from text as readCSV
// configured it, kept as readCSV keeps them: the first grid.MaxCols fields of
// each, cut past MaxCellText. ok is false when encoding/csv fails.
func csvRecords(text []byte, comma rune) (out [][]string, ok bool) {
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	for {
		rec, err := cr.Read()
		if err != nil {
			return out, err.Error() == "EOF"
		}
		rec = rec[:min(len(rec), grid.MaxCols)]
		for i := range rec {
			rec[i] = capText(rec[i])
		}
		out = append(out, rec)
	}
}

// ourRecords are the records csvReader reads from text.
func ourRecords(text []byte, comma rune) [][]string {
	cr := &csvReader{text: text, comma: comma}
	var out [][]string
	for {
		rec, ok := cr.record()
		if !ok {
			return out
		}
		out = append(out, rec)
	}
}

var csvSeeds = []string{
	"a,b,c\n1,2,3\n",
	"a,b\r\n1,2\r\n",
	"a,b\r\n\r\n\n1,2",
	"a,b\r",
	"\r",
	"\n\n",
	"",
	",",
	",\n,",
	`"a","b"` + "\n",
	`"a""b",c`,
	`"a"b,c`,
	`a"b,"c"`,
	`"abc`,
	"\"abc\n",
	"\"a\nb\",c\n\"d\r\ne\",f",
	"\"a\n\nb\"\n",
	"\"a\",\"\"\n",
	"\"\"\"\",x",
	"\"a\" ,b",
	"x,\"a\"\"\r\ny",
	"a\tb\t\"c\td\"\n",
	"\xff,\xfe\n",
	"统计指标,单位,统计数\n收到申请数,件,3\n",
	"a,b\n\"c\r",
	"\"a\r\n",
}

func FuzzCSV(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, text []byte, tab bool) {
		defer fuzzbudget.Check(t, time.Now())
		comma := ','
		if tab {
			comma = '\t'
		}
		want, ok := csvRecords(text, comma)
		if !ok {
			t.Skip("encoding/csv fails on it")
		}
		require.Equal(t, want, ourRecords(text, comma), "%q", text)
	})
}

// csvReader keeps the first grid.MaxCols fields of a record and MaxCellText
// bytes of a field, quoted or not, as encoding/csv reads them otherwise.
func TestCSVReaderLimits(t *testing.T) {
	long := strings.Repeat("统计表", MaxCellText/9+100)
	wide := strings.Repeat("1,", 3*grid.MaxCols) + "1"
	quotedWide := strings.Repeat(`"1",`, 3*grid.MaxCols) + `"1"`
	text := []byte(long + "," + `"` + long + `"` + "\n" + wide + "\n" + quotedWide + "\n\"a\"\"" + long + "\n")
	want, ok := csvRecords(text, ',')
	require.True(t, ok)
	got := ourRecords(text, ',')
	require.Equal(t, want, got)
	require.Len(t, got, 4)
	assert.Len(t, got[1], grid.MaxCols)
	assert.Len(t, got[2], grid.MaxCols)
	for _, f := range []string{got[0][0], got[0][1], got[3][0]} {
		assert.LessOrEqual(t, len(f), MaxCellText+len(ellipsis))
		assert.True(t, utf8.ValidString(f) && strings.HasSuffix(f, ellipsis), "cut where a character begins, and marked")
	}
}
