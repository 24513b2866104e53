// Package xlsx writes the workbooks tally makes, and is the only package
// that imports excelize: the consolidated workbook ([WriteConsolidated]),
// the log workbook of the status, the findings and the sources alone
// ([WriteLog]), the fill-in template a district sends its townships
// ([WriteTemplate]) and the marked-up copy of a submission ([Annotate]).
// The consolidated workbook holds the 汇总 summary in the official layout
// (every total a formula over the 明细 detail sheet, stored with its
// value), the 报送情况 status of the roster's units, the 明细 detail, the
// 同比 year-on-year sheet when last year's figures are given, the 差异
// findings and the 来源 sources. [Names] gives the sheet names in the
// run's language, [Marker] marks a consolidated workbook so that reading it
// back takes its first sheet only, [SummaryRefs] says which cell of the
// summary shows each cell key, and [Dump] writes any workbook as text for
// golden tests.
//
// The files:
//
//   - book.go: the workbook-level driver (WriteConsolidated, WriteLog), the
//     sheet names and the document properties;
//   - styles.go: the cell styles; page.go: how a sheet prints (A4, fitted,
//     its titles and page numbers); cells.go: a number as a spreadsheet
//     stores it, and a row of cells used again from row to row;
//   - layout.go: the official layout of a schema's tables, which the
//     summary and the template share;
//   - summary.go: the 汇总 sheet, and the layout laid out in cells;
//   - detail.go: the 明细 sheet, a column per unit (a row per unit past the
//     last column);
//   - status.go: the 报送情况 sheet; yoy.go: the 同比 sheet;
//   - findings.go: the 差异 sheet, and a list under one header row, which
//     the status sheet takes too; sources.go: the 来源 sheet;
//   - rows.go and save.go: the body rows of the large sheets written
//     straight into the zip as the workbook is saved, deflated fast;
//   - measure.go: row heights and text widths, as Excel, WPS and
//     LibreOffice set them;
//   - template.go: the template's table sheet (labels locked, value cells
//     validated, a live check beside the totals); instructions.go: its
//     填表说明 sheet, the rules stated in words;
//   - annotate.go: the marked-up copy: cells filled and commented, the
//     问题清单 sheet first; markup.go: what a copy may cost, and a workbook
//     readied for the editing library; xmltext.go: characters XML does not
//     allow, mended, and XML escaping; sheetnames.go: sheet names Excel does
//     not allow, renamed with the references to them;
//   - dump.go: Dump; a1.go: A1 references; messages.go: the package's
//     messages, in Chinese and English.
//
// Package xlsx imports schema, consolidate (the result it writes), source
// (what a file is, a legacy file's conversion, the bounds of a zip's
// parts), grid (A1 references), printable and errtext, with excelize,
// decimal and the standard library. It writes to an io.Writer; writing a
// file whole or not at all is the caller's.
package xlsx
