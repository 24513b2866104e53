package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"tally/grid"
	"tally/schema"
)

// readCSV reads a CSV text as a one-sheet workbook, or returns nil when the
// text is not a table. Excel in China saves CSV in GBK (GB18030); UTF-8,
// with or without a byte-order mark, is read as well, and a tab-separated
// text like a comma-separated one. A CSV is held to the limits of a
// workbook: grid.MaxRows records of grid.MaxCols fields, MaxCellText bytes of a
// field, and the budget of cells and text of a workbook (a *TooMuch error
// past it).
func readCSV(data []byte) (*Book, error) {
	if len(data) > MaxPart {
		return nil, nil
	}
	text := data
	if !utf8.Valid(text) {
		decoded, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), data)
		if err != nil {
			return nil, nil
		}
		text = decoded
	}
	text = bytes.TrimPrefix(text, []byte("\ufeff"))
	head := string(text[:min(len(text), 4096)])
	sep := ','
	if strings.Count(head, "\t") > strings.Count(head, ",") {
		sep = '\t'
	}
	cr := &csvReader{text: text, comma: sep}
	b := newBudget()
	g := &grid.Grid{Name: "CSV"}
	g.SetBudget(b)
	wide := 0
	for r := 0; r < grid.MaxRows; r++ {
		rec, ok := cr.record()
		if !ok {
			break
		}
		if len(rec) >= 2 {
			wide++
		}
		b.at = schema.Both{Zh: fmt.Sprintf("第 %d 行", cr.line), En: fmt.Sprintf("line %d", cr.line)}
		for c, v := range rec {
			if v != "" {
				g.Set(r, c, v)
				g.SetFlags(r, c, grid.Text)
			}
		}
		if err := b.err(); err != nil {
			return nil, err
		}
	}
	if wide < 5 {
		return nil, nil
	}
	return &Book{Kind: Text, Data: data, Grids: []*grid.Grid{g}}, nil
}

// csvReader reads the records of a CSV text as encoding/csv does with
// LazyQuotes (a quote that does not close a quoted field is a quote),
// keeping of each record its first grid.MaxCols fields, each cut past
// MaxCellText bytes. encoding/csv keeps every field of a record, and some
// 40 bytes for each: a line of eight million commas cost a gigabyte.
// FuzzCSV holds the two to the same records.
type csvReader struct {
	text  []byte
	pos   int  // where the next line starts
	comma rune // ',' or '\t'
	lines int  // the lines read
	line  int  // the line the last record starts on, from 1
}

// nextLine returns the next line without its end (a newline, a carriage
// return and a newline, or a carriage return that ends the text), whether
// it ended with a newline, and false past the end of the text.
func (r *csvReader) nextLine() (line []byte, nl, ok bool) {
	if r.pos >= len(r.text) {
		return nil, false, false
	}
	rest := r.text[r.pos:]
	r.lines++
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		r.pos += i + 1
		line, nl = rest[:i], true
	} else {
		r.pos = len(r.text)
		line = rest
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nl, true
}

// record returns the fields kept of the next record, false past the last.
// Empty lines are passed over.
func (r *csvReader) record() ([]string, bool) {
	var (
		line   []byte
		nl, ok bool
	)
	for {
		if line, nl, ok = r.nextLine(); !ok {
			return nil, false
		}
		if len(line) > 0 {
			break
		}
	}
	r.line = r.lines
	var fields []string
	n := 0 // the fields of the record so far
	keep := func(f string) {
		if n < grid.MaxCols {
			fields = append(fields, f)
		}
		n++
	}
	commaLen := utf8.RuneLen(r.comma)
	for {
		if len(line) == 0 || line[0] != '"' {
			// A field without quotes, to the next separator.
			i := bytes.IndexRune(line, r.comma)
			field := line
			if i >= 0 {
				field = line[:i]
			}
			if n < grid.MaxCols {
				keep(keepBytes(field))
			} else {
				n++
			}
			if i < 0 {
				return fields, true
			}
			line = line[i+commaLen:]
			continue
		}
		// A quoted field, over lines maybe: "" is a quote, and so is a
		// quote followed by anything but a separator or the line's end.
		line = line[1:]
		var text keptText
		add := func(b []byte) {
			if n < grid.MaxCols {
				text.add(b)
			}
		}
		for {
			if i := bytes.IndexByte(line, '"'); i >= 0 {
				add(line[:i])
				line = line[i+1:]
				rn, _ := utf8.DecodeRune(line)
				if rn == r.comma {
					line = line[commaLen:]
					keep(text.String())
					break // the next field
				}
				switch {
				case rn == '"':
					add(line[:1])
					line = line[1:]
				case len(line) == 0:
					keep(text.String())
					return fields, true
				default:
					add([]byte{'"'})
				}
				continue
			}
			if len(line) == 0 && !nl {
				// The text ends inside the quotes: so does the field.
				keep(text.String())
				return fields, true
			}
			add(line)
			if nl {
				add([]byte{'\n'})
			}
			if line, nl, ok = r.nextLine(); !ok {
				line, nl = nil, false
			}
		}
	}
}

// keepBytes is b as a string, cut past MaxCellText as keptText cuts.
func keepBytes(b []byte) string {
	if len(b) <= MaxCellText {
		return string(b)
	}
	return string(b[:runeStart(b, MaxCellText)]) + ellipsis
}
