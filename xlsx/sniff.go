package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// format is what a file turned out to be, from its bytes.
type format int

const (
	fmtUnknown format = iota
	fmtEmpty
	fmtXLSX       // Office Open XML workbook (.xlsx, .xlsm)
	fmtODS        // OpenDocument spreadsheet
	fmtXLS        // legacy Excel (BIFF) or WPS .et workbook
	fmtHTML       // an HTML table saved with a spreadsheet name
	fmtXML2003    // an Excel 2003 XML spreadsheet (SpreadsheetML)
	fmtEncrypted  // a password-protected Office workbook
	fmtDamaged    // a ZIP that cannot be opened: truncated or corrupt
	fmtZipArchive // a ZIP holding other files
	fmtZipEntries // a ZIP of more entries than any workbook (maxEntries)
	fmtWord       // a Word or Writer document
	fmtPresentation
	fmtPDF
	fmtImage
	fmtText
)

// needsConversion reports whether the format is read through a converted copy.
func (f format) needsConversion() bool {
	return f == fmtODS || f == fmtXLS || f == fmtHTML || f == fmtXML2003
}

// sniff tells the format of a file from its content, never from its name.
func sniff(data []byte) format {
	f, _ := sniffBook(data)
	return f
}

// sniffBook is sniff, with the opened zip of an .xlsx for readBook to use.
func sniffBook(data []byte) (format, *zip.Reader) {
	if bytes.HasPrefix(data, []byte("PK")) {
		return sniffZip(data)
	}
	return sniffOther(data), nil
}

func sniffOther(data []byte) format {
	switch {
	case len(data) == 0:
		return fmtEmpty
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return sniffOLE(data)
	case bytes.HasPrefix(data, []byte("%PDF")):
		return fmtPDF
	case bytes.HasPrefix(data, []byte{0x89, 'P', 'N', 'G'}),
		bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(data, []byte("GIF8")),
		bytes.HasPrefix(data, []byte("BM")):
		return fmtImage
	}
	head := strings.ToLower(string(data[:min(len(data), 4096)]))
	if strings.Contains(head, "urn:schemas-microsoft-com:office:spreadsheet") && !strings.Contains(head, "<html") {
		return fmtXML2003
	}
	if strings.Contains(head, "<html") || strings.Contains(head, "<table") {
		return fmtHTML
	}
	if looksLikeText(data[:min(len(data), 4096)]) {
		return fmtText
	}
	return fmtUnknown
}

func sniffZip(data []byte) (format, *zip.Reader) {
	zr, err := openZip(data)
	if errors.Is(err, errZipDirectory) {
		return fmtZipEntries, nil
	}
	if err != nil {
		return fmtDamaged, nil
	}
	names := map[string]*zip.File{}
	for _, f := range zr.File {
		names[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	switch {
	case names["xl/workbook.xml"] != nil:
		return fmtXLSX, zr
	case names["word/document.xml"] != nil:
		return fmtWord, nil
	case names["ppt/presentation.xml"] != nil:
		return fmtPresentation, nil
	}
	if m := names["mimetype"]; m != nil {
		rc, err := m.Open()
		if err != nil {
			return fmtDamaged, nil
		}
		b, _ := io.ReadAll(io.LimitReader(rc, 100))
		rc.Close()
		switch mt := string(b); {
		case strings.Contains(mt, "opendocument.spreadsheet"):
			return fmtODS, nil
		case strings.Contains(mt, "opendocument.text"):
			return fmtWord, nil
		case strings.Contains(mt, "opendocument.presentation"):
			return fmtPresentation, nil
		}
	}
	return fmtZipArchive, nil
}

func sniffOLE(data []byte) format {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return fmtDamaged
	}
	for {
		e, err := r.Next()
		if err != nil {
			break
		}
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return fmtEncrypted
		case "Workbook", "Book":
			return fmtXLS
		case "WordDocument":
			return fmtWord
		case "PowerPoint Document":
			return fmtPresentation
		}
	}
	return fmtUnknown
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

// convertibleExt is the extension a converted copy is given, so that the
// converter picks the right import filter.
func convertibleExt(f format, name string) string { return "." + extName(f, name) }
