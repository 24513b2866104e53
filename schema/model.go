package schema

import (
	"strings"
)

// A Schema describes one official table format: its tables, their rows
// (indicators) and columns, units, value kinds, and the rules between cells.
// Load one with [Parse] or [Builtin]; a loaded schema is immutable and safe
// for concurrent use.
type Schema struct {
	ID     string   `yaml:"id"`
	Title  string   `yaml:"title"`
	En     string   `yaml:"en"`
	Note   string   `yaml:"note"`
	Years  Years    `yaml:"years"`
	Tables []*Table `yaml:"tables"`
	Rules  []*Rule  `yaml:"rules"`
	// Previous relates the table to last year's (see [Previous]).
	Previous []*Previous `yaml:"previous"`

	// Source is the file name the schema was read from, used in positions.
	Source string `yaml:"-"`
	// Text is the schema file as read, byte for byte.
	Text []byte `yaml:"-"`

	keys   []string        // every value cell key, in table, row, column order
	cells  map[string]Cell // key -> cell
	rows   map[string]*Row // row code -> row
	checks []*check        // rules expanded to single instances
}

// Years is the range of report years a format applies to (inclusive; 0 = open).
type Years struct {
	From int `yaml:"from"`
	To   int `yaml:"to"`
}

// Contains reports whether year y falls in the range.
func (r Years) Contains(y int) bool {
	return (r.From == 0 || y >= r.From) && (r.To == 0 || y <= r.To)
}

// A Table is one rectangular table of the format: rows of indicators by value
// columns. A table with a single column whose code is empty is a
// single-value table: its cells are keyed by the row code alone.
type Table struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// En is the title in English.
	En string `yaml:"en"`
	// Section is the heading of the report's section the table opens
	// (二、主动公开政府信息情况), printed above it; a section's other tables
	// leave it empty. A table whose title is its section's heading prints
	// the heading alone.
	Section Text      `yaml:"section"`
	Aliases []string  `yaml:"aliases"`
	Header  Header    `yaml:"header"`
	Columns []*Column `yaml:"columns"`
	Rows    []*Row    `yaml:"rows"`
}

// Header holds the texts of the header cells over the label and unit columns.
type Header struct {
	Label string `yaml:"label"`
	Unit  string `yaml:"unit"`
}

// A Column is a value column of a table.
type Column struct {
	// Code is the column's code; in YAML, code: keeps its literal text.
	Code    string   `yaml:"-"`
	RawCode Code     `yaml:"code"`
	Label   string   `yaml:"label"`
	Aliases []string `yaml:"aliases"`
	// Group lists the header labels printed above the column's own, outer
	// first: a column 结果维持 under 行政诉讼 / 复议后起诉 has group
	// [行政诉讼, 复议后起诉]. A column is found by its label and its group.
	Group []string `yaml:"group"`
	// Name is the short name used in messages; by default the label.
	Name string `yaml:"name"`
	En   string `yaml:"en"`
	// Kind, Places, Negative and Unit, when set, override the row's.
	Kind     Kind   `yaml:"kind"`
	Places   int    `yaml:"places"`
	Negative bool   `yaml:"negative"`
	Unit     string `yaml:"unit"`
}

// A Row is one indicator of a table, or a heading that carries no value.
type Row struct {
	// Code is the row's code; in YAML, code: keeps its literal text (1.10
	// stays "1.10").
	Code    string `yaml:"-"`
	RawCode Code   `yaml:"code"`
	// Label is the label as printed in the official table, numbering included.
	Label string `yaml:"label"`
	// Name is the short name used in messages; by default the label without
	// its numbering.
	Name string `yaml:"name"`
	// Note is the explanatory note printed in parentheses under the label.
	Note string `yaml:"note"`
	// Aliases are other labels seen in real submissions.
	Aliases  []string `yaml:"aliases"`
	En       string   `yaml:"en"`
	Unit     string   `yaml:"unit"`
	Kind     Kind     `yaml:"kind"`
	Places   int      `yaml:"places"`
	Negative bool     `yaml:"negative"`
	Heading  bool     `yaml:"heading"`
	// Unlabeled marks the single data row of a table that prints no row
	// label (the review and litigation table): it is found by its header.
	Unlabeled bool `yaml:"unlabeled"`
	// Subtotal marks a heading whose row, when a table gives it numbers,
	// holds the subtotal of the rows under it (（三）不予公开 over its eight
	// reasons): a reader checks them against those rows and counts them
	// nowhere. Numbers on another heading count towards nothing.
	Subtotal bool `yaml:"subtotal"`
	// Legacy says that an earlier format printed this heading as a single
	// row of values: a table that still does has that row's numbers read
	// into one of the rows under it.
	Legacy *Legacy `yaml:"legacy"`

	table    *Table
	index    int    // position in its table
	stripped string // the label without its numbering, for DisplayName
	// norms are the normal forms (NormalizeLabel) of the label and its
	// aliases, in that order, made once when the schema is compiled.
	norms []string
}

// NormalLabels returns the normal forms (NormalizeLabel) of the row's label
// and aliases, in that order.
func (r *Row) NormalLabels() []string {
	if r.norms != nil {
		return r.norms
	}
	norms := make([]string, 0, 1+len(r.Aliases)) // a row made outside Parse
	for _, l := range append([]string{r.Label}, r.Aliases...) {
		norms = append(norms, NormalizeLabel(l))
	}
	return norms
}

// Legacy is the single row an earlier format printed in place of a heading
// and its rows (（六）其他处理 in the 2019 format, three rows from 2021 on).
type Legacy struct {
	// Into is the code of the row under the heading that takes the single
	// row's numbers (3.3.6.3, 3.其他); the other rows under it read 0.
	Into string `yaml:"into"`
	// Year is the first report year of the earlier format, for messages.
	Year int `yaml:"year"`
}

// Under returns the value rows under a heading: those of its table whose
// codes extend its own (3.3.6.1, 3.3.6.2, 3.3.6.3 under 3.3.6).
func (r *Row) Under() []*Row {
	var out []*Row
	if r.table == nil {
		return nil
	}
	for _, o := range r.table.Rows {
		if o != r && !o.Heading && strings.HasPrefix(o.Code, r.Code+".") {
			out = append(out, o)
		}
	}
	return out
}

// Kind is the kind of value a cell holds.
type Kind string

// The value kinds.
const (
	Integer Kind = "integer"
	Decimal Kind = "decimal"
)

// A Cell is one value cell of a schema: a row, and a column of its table.
type Cell struct {
	Key    string
	Table  *Table
	Row    *Row
	Column *Column
	index  int // in Keys
}

// Kind is the value kind of the cell (the column's, else the row's).
func (c Cell) Kind() Kind {
	if c.Column != nil && c.Column.Kind != "" {
		return c.Column.Kind
	}
	if c.Row.Kind != "" {
		return c.Row.Kind
	}
	return Integer
}

// Places is the number of decimal places a decimal cell may carry (0 = any).
func (c Cell) Places() int {
	if c.Column != nil && c.Column.Places != 0 {
		return c.Column.Places
	}
	return c.Row.Places
}

// Negative reports whether the cell may hold a negative value.
func (c Cell) Negative() bool {
	return c.Row.Negative || (c.Column != nil && c.Column.Negative)
}

// Unit is the unit the schema prints for the cell.
func (c Cell) Unit() string {
	if c.Column != nil && c.Column.Unit != "" {
		return c.Column.Unit
	}
	return c.Row.Unit
}

// Key returns the cell key of a row and column: the row code alone for a
// single-value table, ROW@COL otherwise.
func Key(row, col string) string {
	if col == "" {
		return row
	}
	return row + "@" + col
}

// SplitKey splits a cell key into its row and column codes.
func SplitKey(key string) (row, col string) {
	row, col, _ = strings.Cut(key, "@")
	return row, col
}

// Keys returns every value cell key of the schema, in table, row and column
// order.
func (s *Schema) Keys() []string { return s.keys }

// Cell returns the value cell with the given key.
func (s *Schema) Cell(key string) (Cell, bool) {
	c, ok := s.cells[key]
	return c, ok
}

// Row returns the row with the given code.
func (s *Schema) Row(code string) (*Row, bool) {
	r, ok := s.rows[code]
	return r, ok
}

// Single reports whether the table has one value column with an empty code.
func (t *Table) Single() bool {
	return len(t.Columns) == 1 && t.Columns[0].Code == ""
}

// Table returns the table the row belongs to.
func (r *Row) Table() *Table { return r.table }

// Index is the row's position in its table, counting from 0.
func (r *Row) Index() int { return r.index }

// DisplayName is the row's short name in the given language.
func (r *Row) DisplayName(lang Lang) string {
	if lang == En && r.En != "" {
		return r.En
	}
	if r.Name != "" {
		return r.Name
	}
	if r.stripped != "" || r.Label == "" {
		return r.stripped
	}
	return StripNumbering(r.Label) // a row made outside Parse
}

// Section is the code of the row's top-level section ("3" for "3.3.4.1").
func (r *Row) Section() string {
	s, _, _ := strings.Cut(r.Code, ".")
	return s
}
