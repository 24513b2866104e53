package schema

import "fmt"

// Limits on a schema file, far above what any table needs, so that a
// damaged or hostile file is refused before the YAML parser, whose
// recursion follows the nesting, runs out of stack or memory.
const (
	maxSchemaBytes = 4 << 20
	maxSchemaDepth = 64 // levels of [ ] { } and of block nesting
)

// schemaText is a schema file's bytes as UTF-8 (DecodeText: a byte-order
// mark as Notepad writes dropped, UTF-16 and GBK decoded); an error for a
// file that is too large, not text, or nested deeper than maxSchemaDepth.
func schemaText(name string, data []byte) ([]byte, error) {
	if len(data) > maxSchemaBytes {
		return nil, &ParseError{File: name, Msg: fmt.Sprintf("the file is %d KB, far larger than any schema; is it the right file?", len(data)>>10)}
	}
	text, err := DecodeText(data)
	if err != nil {
		return nil, &ParseError{File: name, Msg: "the file is not text in UTF-8, UTF-16 or GBK; save it as UTF-8 text"}
	}
	data = []byte(text)
	if line, ok := shallow(data); !ok {
		return nil, &ParseError{File: name, Line: line, Col: 1, Msg: fmt.Sprintf("the schema nests deeper than %d levels here; no table needs that", maxSchemaDepth)}
	}
	return data, nil
}

// shallow reports whether a YAML text nests at most maxSchemaDepth levels,
// counting every bracket and brace (a label or a comment with dozens of
// them is no schema either) and the indentation and "- " items that open a
// line; else it gives the line where the text goes deeper.
func shallow(data []byte) (int, bool) {
	depth, line := 0, 1
	start, lead := true, 0 // at the start of a line; the levels it opens
	items := 0             // "- " items in a row
	for i, c := range data {
		if c == '\n' {
			line, start, lead, items = line+1, true, 0, 0
			continue
		}
		// Items opened in a row ("- - - x", at the start of a line or after
		// a key) and the indentation before them each nest a level.
		switch {
		case c == ' ' || c == '\t':
			if start {
				lead++
			}
		case c == '-' && (i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n') && (i == 0 || data[i-1] == ' ' || data[i-1] == '\n'):
			lead++
		default:
			start = false
			if c != ':' {
				items = 0
			}
		}
		if c == '-' && lead > 0 {
			items++
		}
		if lead > 4*maxSchemaDepth || items > maxSchemaDepth {
			return line, false
		}
		switch c {
		case '[', '{':
			if depth++; depth > maxSchemaDepth {
				return line, false
			}
		case ']', '}':
			depth = max(0, depth-1)
		}
	}
	return line, true
}
