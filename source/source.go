// Package source turns the bytes of a file into grids ([grid.Grid]): the
// sheets of an .xlsx workbook read straight from its zip and XML (with a
// tokenizer of its own), a CSV text, and legacy or foreign workbooks (.xls,
// .et, .ods, HTML tables, Excel 2003 XML) read through a copy LibreOffice
// converts ([Converter], [Soffice]). It tells what a file is from its
// bytes, never its name ([Sniff]), and holds every file to limits of parts,
// bytes, rows, cells and text, so that no file, however crafted, costs more
// than a workbook reasonably can.
//
// [Open] is the way in: it returns a [Book], the file's grids and what the
// file is; an error says why there are none ([Unsupported], [ErrNoConverter],
// [ConvertError], [ErrTooLarge], [TooMuch], [ErrZipDirectory], [Damage]).
// Other sources of grids (Word documents, web pages) are to come in here,
// behind the same Open.
//
// Its files:
//   - source.go: Open, Book, Options; sniff.go: what a file is (Kind);
//     budget.go: what reading a file may spend (TooMuch).
//   - The .xlsx reader: zipdir.go, a zip's directory checked before
//     archive/zip reads it (OpenZip); ooxml.go, the limits on a workbook's
//     parts, Damage, the zip's parts; workbook.go, the relationships, the
//     list of sheets, the shared strings, the core properties, and
//     readSheets; styles.go, the number formats; worksheet.go, a sheet's
//     rows, cells, formulas, hidden rows and columns and merged ranges;
//     mergescan.go, the merged ranges past the rows read.
//   - Its XML tokenizer: sax.go, the token loop; saxdecode.go, references
//     in text, namespace prefixes and attributes.
//   - csv.go: a CSV text; convert.go: conversion by LibreOffice.
//
// Package source imports grid and schema (for the words of its errors);
// it knows nothing of tables. It runs LibreOffice, and opens zips; it
// never writes a file but the converter's temporary copies.
package source

import (
	"errors"
	"fmt"

	"tally/grid"
)

// Consolidated is the category tally writes into the document properties
// of a workbook it consolidated (package xlsx, Marker): of such a workbook
// only the first sheet, the consolidated table, is read, unless
// [Options.Only] says which.
const Consolidated = "tally consolidation"

// Book is what a file holds: its grids, and what the file is.
type Book struct {
	// Kind is what the file is, from its bytes.
	Kind Kind
	// Grids are the file's sheets, in the file's order.
	Grids []*grid.Grid
	// Category is the document properties' category of a workbook.
	Category string
	// Via names the program that converted the file into the workbook
	// read (LibreOffice); "" when the file was read as it is.
	Via string
	// Data are the bytes the grids were read from: the file's, or the
	// converted copy's.
	Data []byte
}

// Options say how a file is opened.
type Options struct {
	// Converter converts the files that need it (Kind.NeedsConversion);
	// nil when none is available.
	Converter Converter
	// Only, when set, picks the sheets of a workbook to read, by name.
	Only func(sheet string) bool
	// MaxRows and MaxCols replace the grids' limits, grid.MaxRows and
	// grid.MaxCols; MaxCells and MaxText the budget of cells and bytes of
	// text of one file (0: the limits of a workbook).
	MaxRows, MaxCols, MaxCells, MaxText int
	// WholeSheets lets every byte a workbook may inflate be sheet XML read
	// element by element (a sheet whose rows are all read, as last year's
	// 明细), where a workbook may have 128 MB of it.
	WholeSheets bool
}

// Unsupported is the error of a file that is no source of grids: a PDF, a
// picture, a Word document, a text that is no table, an encrypted or a
// damaged zip.
type Unsupported struct{ Kind Kind }

func (e *Unsupported) Error() string { return fmt.Sprintf("not a workbook (%d)", e.Kind) }

// ErrNoConverter is the error of a file that must be converted to be read
// when there is no converter.
var ErrNoConverter = errors.New("the file must be converted, and there is no converter")

// ConvertError is the error of a conversion that failed.
type ConvertError struct{ Err error }

func (e *ConvertError) Error() string { return "converting: " + e.Err.Error() }
func (e *ConvertError) Unwrap() error { return e.Err }

// Open reads the grids of a file from its bytes; name is the file's name,
// which tells a WPS .et file from an .xls (both are the same format).
// The Book is never nil: when there is an error it still says what the
// file is, and which program converted it.
func Open(data []byte, name string, opt Options) (*Book, error) {
	kind, zr := sniffBook(data)
	book := &Book{Kind: kind}
	switch {
	case kind == Text:
		read, err := readCSV(data)
		if err != nil {
			return book, err
		}
		if read == nil {
			return book, &Unsupported{kind}
		}
		return read, nil
	case kind == ZipEntries:
		return book, ErrZipDirectory
	case kind.NeedsConversion():
		if opt.Converter == nil {
			return book, ErrNoConverter
		}
		converted, err := opt.Converter.Convert(data, "."+kind.Ext(name))
		if err != nil {
			return book, &ConvertError{err}
		}
		book.Via = opt.Converter.Name()
		data, zr = converted, nil
	case kind != XLSX:
		return book, &Unsupported{kind}
	}
	parse, cells, text := int64(maxBookParse), maxBookCells, maxBookText
	if opt.WholeSheets {
		parse = maxBookScan
	}
	if opt.MaxCells > 0 {
		cells = opt.MaxCells
	}
	if opt.MaxText > 0 {
		text = opt.MaxText
	}
	b := limits(maxBookScan, parse, cells, text)
	read, err := readSheets(data, zr, opt.Only, opt.MaxRows, opt.MaxCols, b)
	if err != nil {
		return book, err
	}
	read.Kind, read.Via = kind, book.Via
	return read, nil
}
