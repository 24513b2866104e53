package schema

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"tally/internal/contain"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// A ParseError is one problem in a schema file. Line and Col are 1-based;
// 0 means unknown.
type ParseError struct {
	File string
	Line int
	Col  int
	// Path is the YAML path of the offending node ($.rules[3].parts[1]).
	Path string
	Msg  string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(strings.TrimPrefix(e.Path, "$."))
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in a schema file, in file order.
type ErrorList []*ParseError

func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Parse reads a schema file and checks it: unknown fields, missing or
// duplicate codes, rules naming unknown or heading cells, bad operators or
// expressions, and cycles among sums. Every problem is reported with its
// line and column; the error is an [ErrorList].
func Parse(name string, data []byte) (*Schema, error) {
	data, err := schemaText(name, data)
	if err != nil {
		return nil, ErrorList{err.(*ParseError)}
	}
	s := &Schema{}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, ErrorList{yamlError(name, err)}
	}
	if err := decode(file, s); err != nil {
		return nil, ErrorList{yamlError(name, err)}
	}
	return compileSchema(s, name, data, file)
}

// compileSchema checks a decoded schema and builds its indexes; file, when
// nil, is parsed from data should there be errors to position.
func compileSchema(s *Schema, name string, data []byte, file *ast.File) (*Schema, error) {
	s.Source, s.Text = name, data
	c := &compiler{s: s, file: file, name: name}
	c.compile()
	if len(c.errs) > 0 {
		sort.SliceStable(c.errs, func(i, j int) bool {
			a, b := c.errs[i], c.errs[j]
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		})
		return nil, c.errs
	}
	if c.self != nil {
		links.Store([2]*Schema{s, s}, linkResult{link: c.self})
	}
	return s, nil
}

// decode decodes strictly. The YAML library has panicked on some malformed
// input (a bare tag on a value decoded into a list); that becomes an error.
func decode(file *ast.File, s *Schema) (err error) {
	if p := contain.Call(func() {
		for _, doc := range file.Docs {
			if doc.Body == nil {
				continue
			}
			err = yaml.NodeToValue(doc.Body, s, yaml.DisallowUnknownField())
			return
		}
	}); p != nil {
		err = fmt.Errorf("the YAML could not be decoded (%v); check the structure of the file", p)
	}
	return err
}

func yamlError(name string, err error) *ParseError {
	pe := &ParseError{File: name, Msg: err.Error()}
	var ye yaml.Error
	if errors.As(err, &ye) {
		pe.Msg = ye.GetMessage()
		if t := ye.GetToken(); t != nil && t.Position != nil {
			pe.Line, pe.Col = t.Position.Line, t.Position.Column
		}
	}
	return pe
}

// compiler checks a decoded schema and builds its indexes and checks.
type compiler struct {
	s    *Schema
	file *ast.File
	name string
	errs ErrorList
	// self is the schema's link to itself as last year's table, made
	// while checking it.
	self *Link
}

func (c *compiler) errorf(path, format string, args ...any) {
	e := &ParseError{File: c.name, Path: path, Msg: fmt.Sprintf(format, args...)}
	if c.file == nil && c.s.Text != nil {
		// Linking a loaded schema: its syntax tree is not kept, so it is
		// parsed again for the positions of the errors.
		c.file, _ = parser.ParseBytes(c.s.Text, 0)
	}
	if p, err := yaml.PathString(path); err == nil && c.file != nil {
		if n, err := p.FilterFile(c.file); err == nil && n != nil {
			if t := n.GetToken(); t != nil && t.Position != nil {
				e.Line, e.Col = t.Position.Line, t.Position.Column
			}
		}
	}
	c.errs = append(c.errs, e)
}

func (c *compiler) compile() {
	s := c.s
	if s.ID == "" {
		c.errorf("$", "the schema has no id")
	}
	if len(s.Tables) == 0 {
		c.errorf("$", "the schema has no tables")
	}
	s.cells = map[string]Cell{}
	s.rows = map[string]*Row{}
	tableIDs := map[string]bool{}
	for ti, t := range s.Tables {
		tp := fmt.Sprintf("$.tables[%d]", ti)
		if t == nil {
			c.errorf(tp, "empty table entry")
			continue
		}
		if t.ID == "" {
			c.errorf(tp, "the table has no id")
		} else if tableIDs[t.ID] {
			c.errorf(tp+".id", "table id %q is used twice", t.ID)
		}
		tableIDs[t.ID] = true
		c.columns(t, tp)
		c.rows(t, tp)
		c.legacy(t, tp)
	}
	c.rules()
	c.previousBlocks()
}

func (c *compiler) columns(t *Table, tp string) {
	if len(t.Columns) == 0 {
		c.errorf(tp, "the table has no columns")
		return
	}
	seen := map[string]bool{}
	for ci, col := range t.Columns {
		cp := fmt.Sprintf("%s.columns[%d]", tp, ci)
		if col == nil {
			c.errorf(cp, "empty column entry")
			t.Columns[ci] = &Column{}
			continue
		}
		col.Code = string(col.RawCode)
		switch {
		case col.Code == "" && len(t.Columns) > 1:
			c.errorf(cp, "a column needs a code when the table has several columns")
		case strings.ContainsAny(col.Code, "@* \t"):
			c.errorf(cp+".code", "column code %q may not contain @, * or spaces", col.Code)
		case seen[col.Code]:
			c.errorf(cp+".code", "column code %q is used twice", col.Code)
		}
		seen[col.Code] = true
		c.kind(col.Kind, col.Places, cp)
	}
}

func (c *compiler) rows(t *Table, tp string) {
	if len(t.Rows) == 0 {
		c.errorf(tp, "the table has no rows")
	}
	labels := map[string]string{} // section + normal label -> code
	for ri, r := range t.Rows {
		rp := fmt.Sprintf("%s.rows[%d]", tp, ri)
		if r == nil {
			c.errorf(rp, "empty row entry")
			continue
		}
		r.table, r.index, r.Code = t, ri, string(r.RawCode)
		r.stripped = StripNumbering(r.Label)
		r.norms = append(make([]string, 0, 1+len(r.Aliases)), normalStripped(r.stripped))
		for _, l := range r.Aliases {
			r.norms = append(r.norms, NormalizeLabel(l))
		}
		switch {
		case r.Code == "":
			c.errorf(rp, "the row has no code")
			continue
		case strings.ContainsAny(r.Code, "@*'\" \t"):
			c.errorf(rp+".code", "row code %q may not contain @, *, quotes or spaces", r.Code)
		case c.s.rows[r.Code] != nil:
			c.errorf(rp+".code", "row code %q is used twice", r.Code)
			continue
		}
		c.s.rows[r.Code] = r
		switch {
		case r.Unlabeled && len(t.Rows) != 1:
			c.errorf(rp, "row %s is unlabeled, which only the single row of a table may be", r.Code)
		case !r.Unlabeled && r.norms[0] == "":
			c.errorf(rp, "row %s has no label", r.Code)
		}
		for _, norm := range r.norms {
			if norm == "" {
				continue
			}
			n := r.Section() + "|" + norm
			if prev, dup := labels[n]; dup && prev != r.Code {
				c.errorf(rp, "rows %s and %s have the same label in one section; matching could not tell them apart", prev, r.Code)
			}
			labels[n] = r.Code
		}
		if r.Heading {
			if r.Unit != "" || r.Kind != "" {
				c.errorf(rp, "heading row %s carries no value, so it takes no unit or kind", r.Code)
			}
			continue
		}
		if r.Subtotal || r.Legacy != nil {
			c.errorf(rp, "row %s is not a heading: only a heading may be a subtotal or stand for a legacy row", r.Code)
		}
		c.kind(r.Kind, r.Places, rp)
		for _, col := range t.Columns {
			key := Key(r.Code, col.Code)
			c.s.cells[key] = Cell{Key: key, Table: t, Row: r, Column: col, index: len(c.s.keys)}
			c.s.keys = append(c.s.keys, key)
		}
	}
}

// legacy checks the legacy rows of a table's headings: each names a value
// row under its heading.
func (c *compiler) legacy(t *Table, tp string) {
	for ri, r := range t.Rows {
		if r == nil || r.Legacy == nil || !r.Heading {
			continue
		}
		lp := fmt.Sprintf("%s.rows[%d].legacy", tp, ri)
		into := c.s.rows[r.Legacy.Into]
		if into == nil || into.table != t || into.Heading || !strings.HasPrefix(into.Code, r.Code+".") {
			c.errorf(lp+".into", "legacy row of %s: %q is not a value row under it", r.Code, r.Legacy.Into)
		}
		if r.Legacy.Year <= 0 {
			c.errorf(lp+".year", "legacy row of %s: the year of the earlier format is missing", r.Code)
		}
	}
}

func (c *compiler) kind(k Kind, places int, path string) {
	switch k {
	case "", Integer, Decimal:
	default:
		c.errorf(path+".kind", "unknown kind %q (integer or decimal)", k)
	}
	if places < 0 || (places > 0 && k != Decimal) {
		c.errorf(path+".places", "places applies to decimal values only and must be positive")
	}
}

// Tables returns the table with the given id.
func (s *Schema) Table(id string) *Table {
	for _, t := range s.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Builtins, parsed once.
func mustParse(name string, data []byte) *Schema {
	s, err := Parse(name, data)
	if err != nil {
		panic(err)
	}
	return s
}

// Hash is the SHA-256 of the schema file, so a run can name exactly the
// rules it used.
func (s *Schema) Hash() string {
	sum := sha256.Sum256(s.Text)
	return hex.EncodeToString(sum[:])
}

// Dump writes the schema file as it was read.
func (s *Schema) Dump() []byte { return bytes.Clone(s.Text) }
