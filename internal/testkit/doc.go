// Package testkit holds the helpers that the tests of several of tally's
// packages share: the gov-info-2018 schema, a 2018 table built as a
// workbook, copies of a workbook with parts edited, a part read back,
// fixtures from the module's testdata folder and the like. Each helper is
// here once instead of copied into every package's tests.
//
// It is imported only by tests (_test.go files): no package of the program
// imports it, which internal/imports checks. So that the tests of read,
// xlsx, source, table and the root package can import it without a cycle,
// it imports no tally package but schema.
package testkit
