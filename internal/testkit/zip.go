package testkit

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

// RewriteZip is a copy of a workbook (any zip) whose entries, in their
// order, are written by write: it is given each entry's name and inflated
// contents and the writer of the copy's entry of that name.
func RewriteZip(t testing.TB, data []byte, write func(name string, body []byte, w io.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		body, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		w, err := zw.Create(zf.Name)
		require.NoError(t, err)
		write(zf.Name, body, w)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// ZipWith is a copy of a workbook with parts changed: edit is given each
// part's name and contents and returns the contents to write.
func ZipWith(t testing.TB, data []byte, edit func(name string, body []byte) []byte) []byte {
	t.Helper()
	return RewriteZip(t, data, func(name string, body []byte, w io.Writer) {
		_, err := w.Write(edit(name, body))
		require.NoError(t, err)
	})
}

// EditPart is a copy of a workbook with the part name changed by edit
// (the others as they are; no part of that name, no change).
func EditPart(t testing.TB, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	return ZipWith(t, data, func(part string, body []byte) []byte {
		if part == name {
			return []byte(edit(string(body)))
		}
		return body
	})
}

// PadRows is a copy of a workbook with n formatted empty rows (200 on)
// after the table of its first sheet, xl/worksheets/sheet1.xml, as
// selecting a column to the bottom and formatting it leaves them. The rows
// are written as they are made, not held: a million of them cost a part's
// worth of memory.
func PadRows(t testing.TB, data []byte, n int) []byte {
	t.Helper()
	return RewriteZip(t, data, func(name string, body []byte, w io.Writer) {
		if name != "xl/worksheets/sheet1.xml" {
			_, err := w.Write(body)
			require.NoError(t, err)
			return
		}
		i := bytes.Index(body, []byte("</sheetData>"))
		require.Positive(t, i)
		_, err := w.Write(body[:i])
		require.NoError(t, err)
		for r := 200; r < 200+n; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d" s="1"/><c r="B%d" s="1"/><c r="C%d" s="1"/></row>`, r, r, r, r)
		}
		_, err = w.Write(body[i:])
		require.NoError(t, err)
	})
}

// LookupPart is the inflated part name of a workbook in memory, and
// whether it has one.
func LookupPart(t testing.TB, book []byte, name string) ([]byte, bool) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	require.NoError(t, err)
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			require.NoError(t, err)
			defer rc.Close()
			body, err := io.ReadAll(rc)
			require.NoError(t, err)
			return body, true
		}
	}
	return nil, false
}

// Part is the inflated part name of a workbook in memory; a workbook
// without it fails the test.
func Part(t testing.TB, book []byte, name string) []byte {
	t.Helper()
	body, ok := LookupPart(t, book, name)
	if !ok {
		t.Fatalf("no part %s", name)
	}
	return body
}
