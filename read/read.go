// Package read turns the bytes of a submitted file into a submission: it
// opens the file's grids (package source, converting a legacy file through
// LibreOffice when it must), finds the table on them and reads its values
// (package table), and says in a finding why a file cannot be read and
// what to do about it. It is the one place that ties the two together;
// neither knows of the other.
//
// Package read imports source, table, grid and schema; no workbook library.
package read

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"tally/errtext"
	"tally/schema"
	"tally/source"
	"tally/table"
)

// Options control how submissions are read.
type Options struct {
	// Schemas are the formats a workbook may be in; the best match is used.
	Schemas []*schema.Schema
	// Forced says the single schema was chosen by the user: a workbook
	// that matches it poorly is still reported against it.
	Forced bool
	// Converter reads .xls, .et, .ods and HTML tables through a converted
	// copy, and computes formulas that have no stored result; nil when none
	// is available.
	Converter source.Converter
	// Year is the report year asked for (--year); it decides between
	// tables of several years in one workbook. 0: the latest.
	Year int
}

// File reads one submission from the bytes of a file. It never fails: a
// file that cannot be read comes back with Unreadable set and a finding
// that says why and what to do. The submission's findings are those of
// reading; the schema's rules are checked separately
// ([schema.Schema.Check]).
func File(data []byte, name string, opt Options) *schema.Submission {
	return file(data, name, opt, false)
}

// file is File; recomputed says data are LibreOffice's recalculated copy.
func file(data []byte, name string, opt Options, recomputed bool) (sub *schema.Submission) {
	sum := sha256.Sum256(data)
	sub = &schema.Submission{File: name, SHA256: hex.EncodeToString(sum[:]), Values: map[string]schema.Value{}}
	if len(opt.Schemas) == 1 {
		sub.Schema = opt.Schemas[0]
	}
	defer func() {
		if sub.Unit == "" {
			sub.Unit = schema.FileUnit(name)
		}
		sub.Stamp()
	}()
	book, err := source.Open(data, name, source.Options{Converter: opt.Converter})
	if book.Kind == source.Text && err == nil {
		sub.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindConverted, Rule: "read:converted",
			Msg: schema.Msg(msgReadCsv)})
	}
	if book.Via != "" {
		sub.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindConverted, Rule: "read:converted",
			Msg: schema.Msg(msgReadConverted, schema.Both(formatName(book.Kind, name)), book.Via)})
	}
	if err != nil {
		unreadableBook(sub, book.Kind, name, err)
		return sub
	}
	pending := table.Read(sub, book.Grids, table.Options{Schemas: opt.Schemas, Forced: opt.Forced, Year: opt.Year})
	if pending == nil {
		return sub
	}
	if !recomputed && opt.Converter != nil {
		// Formulas in value cells have no stored result (the file was made
		// by a program, not a spreadsheet): have LibreOffice compute them
		// and read its copy.
		if recalced, err := opt.Converter.Convert(book.Data, ".xlsx"); err == nil {
			again := opt
			again.Converter = nil
			redo := file(recalced, name, again, true)
			redo.SHA256 = sub.SHA256
			redo.SetFindings(append(keep(sub.FindingList(), schema.KindConverted), redo.FindingList()...))
			redo.Add(schema.Finding{Severity: schema.Info, Kind: schema.KindConverted, Rule: "read:recalculated",
				Msg: schema.Msg(msgReadRecalculated, opt.Converter.Name())})
			return redo
		}
	}
	pending.Compute()
	return sub
}

// keep returns the findings of one kind.
func keep(fs []schema.Finding, kind string) []schema.Finding {
	var out []schema.Finding
	for _, f := range fs {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// unreadable marks a submission unreadable with a finding.
func unreadable(sub *schema.Submission, id *schema.Def, args ...any) {
	sub.Unreadable = true
	sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindUnreadable, Rule: "read:" + schema.KindUnreadable,
		Msg: schema.Msg(id, args...)})
}

// unreadableBook marks a submission unreadable for what kept its file from
// being opened: what the file is, and what went wrong.
func unreadableBook(sub *schema.Submission, kind source.Kind, name string, err error) {
	var (
		unsupported *source.Unsupported
		convert     *source.ConvertError
		over        *source.TooMuch
		damage      *source.Damage
	)
	switch {
	case errors.As(err, &unsupported):
		unreadable(sub, refusal(unsupported.Kind))
	case errors.Is(err, source.ErrNoConverter):
		unreadable(sub, needsConvert[kind.Ext(name)])
	case errors.As(err, &convert):
		unreadable(sub, msgReadConvertFailed, errtext.Of(convert.Err))
	case errors.Is(err, source.ErrTooLarge):
		unreadable(sub, msgReadTooLarge)
	case errors.As(err, &over):
		unreadable(sub, msgReadBookTooLarge, over.At, over.Limit)
	case errors.Is(err, source.ErrZipDirectory):
		unreadable(sub, msgReadZipEntries, source.MaxEntries, source.MaxDirectory>>20)
	case errors.As(err, &damage):
		unreadable(sub, msgReadDamaged, damage)
	default:
		unreadable(sub, msgReadDamaged, errtext.Of(err))
	}
}

// needsConvert is the message for a file to convert before it can be
// read, by the extension its kind is known by (source.Kind.Ext).
var needsConvert = map[string]*schema.Def{
	"xls":  msgReadNeedsConvertXls,
	"et":   msgReadNeedsConvertEt,
	"ods":  msgReadNeedsConvertOds,
	"html": msgReadNeedsConvertHtml,
	"xml":  msgReadNeedsConvertXml,
}

// refusal is the message for a file that is no source of grids.
func refusal(k source.Kind) *schema.Def {
	switch k {
	case source.Empty:
		return msgReadEmpty
	case source.Encrypted:
		return msgReadEncrypted
	case source.Damaged:
		return msgReadDamagedZip
	case source.ZipArchive:
		return msgReadZipArchive
	case source.Word:
		return msgReadWord
	case source.Presentation:
		return msgReadPresentation
	case source.PDF:
		return msgReadPdf
	case source.Image:
		return msgReadImage
	case source.Text:
		return msgReadText
	}
	return msgReadUnknown
}

// formatName names a converted file's format for messages.
func formatName(k source.Kind, name string) schema.Text {
	switch k.Ext(name) {
	case "ods":
		return schema.Text{Zh: " OpenDocument 表格（.ods）", En: "OpenDocument spreadsheet (.ods)"}
	case "html":
		return schema.Text{Zh: "网页格式的表格", En: "web-page table"}
	case "xml":
		return schema.Text{Zh: " Excel 2003 XML 表格", En: "Excel 2003 XML spreadsheet"}
	case "et":
		return schema.Text{Zh: " WPS 表格（.et）", En: "WPS Spreadsheets (.et)"}
	}
	return schema.Text{Zh: "旧版 Excel（.xls）", En: "legacy Excel (.xls)"}
}
