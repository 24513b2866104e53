// Package table finds an official statistics table on the grids of a file
// and reads its values into a submission ([Read]): which schema the file
// follows, on which sheet and where, the value of every cell of the schema
// with its A1 reference, the unit and the year, and a finding for every
// departure from the table that a clerk should know of.
//
// A sheet is read in bands: a label column and the columns right of it up
// to the next label column (a table printed in two halves side by side has
// two bands). In a band:
//
//   - headers.go finds the header row, its unit column, and what each
//     column's header says it holds (this year's, last year's, a quarter's,
//     a row number);
//   - columns.go picks the value columns: the one of this year in a
//     single-value table, each column of a matrix by its header and group
//     labels, a header with a slip of the pen read as the column it names;
//   - rows.go matches the rows to indicators by normalised label and order
//     (labels.go, likeness.go: exact labels, aliases, close spellings), a
//     label broken over rows joined again;
//   - blocks.go chooses among the runs of matched rows (last year's table
//     above this year's) and joins the halves of a table;
//   - table.go chooses the schema and the sheet (a visible sheet, the
//     wanted year, a whole year before a quarter).
//
// The values (values.go) are read as townships type them, through
// [schema.ParseNumber], with the cell's type from the grid; units.go checks
// a row's unit cell and converts 元 and 万元; identify.go finds the unit's
// name and the report year (填报单位 lines, titles, page headers, sheet and
// file names); leftover.go accounts for every number that lands in no cell
// of the table; formulas.go, calc.go and functions.go compute, on the
// grids, formulas whose results the file does not store.
//
// Package table is pure: it imports grid, schema, decimal and the standard
// library, and reads no files. Its tests read grids written as text
// ([grid.Parse]).
package table
