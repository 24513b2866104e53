package xlsx

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// readCSV reads a CSV text as a one-sheet workbook, or returns nil when the
// text is not a table. Excel in China saves CSV in GBK (GB18030); UTF-8,
// with or without a byte-order mark, is read as well, and a tab-separated
// text like a comma-separated one.
func readCSV(data []byte) *rawBook {
	if len(data) > maxPart {
		return nil
	}
	text := data
	if !utf8.Valid(text) {
		decoded, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data)
		if err != nil {
			return nil
		}
		text = decoded
	}
	text = bytes.TrimPrefix(text, []byte("\ufeff"))
	head := string(text[:min(len(text), 4096)])
	sep := ','
	if strings.Count(head, "\t") > strings.Count(head, ",") {
		sep = '\t'
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	g := &grid{sheet: "CSV", anchor: map[[2]int][2]int{}}
	wide := 0
	for r := 0; r < maxRows; r++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil
		}
		if len(rec) >= 2 {
			wide++
		}
		for c, v := range rec {
			if c < maxCols && v != "" {
				g.set(r, c, v)
				g.setFlag(r, c, flagString)
			}
		}
	}
	if wide < 5 {
		return nil
	}
	return &rawBook{sheets: []*grid{g}}
}
