package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Kind is what a file turned out to be, from its bytes.
type Kind int

const (
	Unknown      Kind = iota
	Empty             // no bytes at all
	XLSX              // Office Open XML workbook (.xlsx, .xlsm)
	ODS               // OpenDocument spreadsheet
	XLS               // legacy Excel (BIFF) or WPS .et workbook
	HTML              // an HTML table saved with a spreadsheet name
	XML2003           // an Excel 2003 XML spreadsheet (SpreadsheetML)
	Encrypted         // a password-protected Office workbook
	Damaged           // a ZIP that cannot be opened: truncated or corrupt
	ZipArchive        // a ZIP holding other files
	ZipEntries        // a ZIP of more entries than any workbook (MaxEntries)
	Word              // a Word or Writer document
	Presentation      // a PowerPoint or Impress presentation
	PDF
	Image
	Text // a plain text: a CSV table, or no table at all
)

// NeedsConversion reports whether a file of this kind is read through a
// copy converted to .xlsx ([Converter]).
func (k Kind) NeedsConversion() bool {
	return k == ODS || k == XLS || k == HTML || k == XML2003
}

// Ext is the extension a file of this kind that needs converting is
// known by: xls, et (a WPS file named so), ods, html or xml. The
// converter is given a copy with it, to pick the right import filter.
func (k Kind) Ext(name string) string {
	switch k {
	case ODS:
		return "ods"
	case HTML:
		return "html"
	case XML2003:
		return "xml"
	}
	if strings.EqualFold(filepath.Ext(name), ".et") {
		return "et"
	}
	return "xls"
}

// Sniff tells the kind of a file from its content, never from its name.
func Sniff(data []byte) Kind {
	k, _ := sniffBook(data)
	return k
}

// sniffBook is Sniff, with the opened zip of an .xlsx for Open to use.
func sniffBook(data []byte) (Kind, *zip.Reader) {
	if bytes.HasPrefix(data, []byte("PK")) {
		return sniffZip(data)
	}
	return sniffOther(data), nil
}

func sniffOther(data []byte) Kind {
	switch {
	case len(data) == 0:
		return Empty
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return sniffOLE(data)
	case bytes.HasPrefix(data, []byte("%PDF")):
		return PDF
	case bytes.HasPrefix(data, []byte{0x89, 'P', 'N', 'G'}),
		bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(data, []byte("GIF8")),
		bytes.HasPrefix(data, []byte("BM")):
		return Image
	}
	head := strings.ToLower(string(data[:min(len(data), 4096)]))
	if strings.Contains(head, "urn:schemas-microsoft-com:office:spreadsheet") && !strings.Contains(head, "<html") {
		return XML2003
	}
	if strings.Contains(head, "<html") || strings.Contains(head, "<table") {
		return HTML
	}
	if looksLikeText(data[:min(len(data), 4096)]) {
		return Text
	}
	return Unknown
}

func sniffZip(data []byte) (Kind, *zip.Reader) {
	zr, err := OpenZip(data)
	if errors.Is(err, ErrZipDirectory) {
		return ZipEntries, nil
	}
	if err != nil {
		return Damaged, nil
	}
	names := map[string]*zip.File{}
	for _, f := range zr.File {
		names[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	switch {
	case names["xl/workbook.xml"] != nil:
		return XLSX, zr
	case names["word/document.xml"] != nil:
		return Word, nil
	case names["ppt/presentation.xml"] != nil:
		return Presentation, nil
	}
	if m := names["mimetype"]; m != nil {
		rc, err := m.Open()
		if err != nil {
			return Damaged, nil
		}
		b, _ := io.ReadAll(io.LimitReader(rc, 100))
		rc.Close()
		switch mt := string(b); {
		case strings.Contains(mt, "opendocument.spreadsheet"):
			return ODS, nil
		case strings.Contains(mt, "opendocument.text"):
			return Word, nil
		case strings.Contains(mt, "opendocument.presentation"):
			return Presentation, nil
		}
	}
	return ZipArchive, nil
}

func sniffOLE(data []byte) Kind {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return Damaged
	}
	for {
		e, err := r.Next()
		if err != nil {
			break
		}
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return Encrypted
		case "Workbook", "Book":
			return XLS
		case "WordDocument":
			return Word
		case "PowerPoint Document":
			return Presentation
		}
	}
	return Unknown
}

func looksLikeText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c == 0 {
			return false
		}
	}
	return true
}
