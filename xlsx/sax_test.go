package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"tally/internal/fuzzbudget"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// saxEvents reads every event of data with x: kinds, names and bytes
// (adjacent texts joined), and how it ended.
func saxEvents(x *saxReader) (events []string, end string) {
	defer x.release()
	for {
		kind, name, b, err := x.next()
		switch {
		case err == io.EOF:
			return events, "EOF"
		case errors.Is(err, errUnclosed):
			return events, "unclosed"
		case err != nil:
			return events, "error"
		}
		e := string([]byte{'0' + byte(kind)}) + string(name) + "|" + string(b)
		if kind == saxText && len(events) > 0 && events[len(events)-1][0] == '0'+byte(saxText) {
			events[len(events)-1] += string(b)
			continue
		}
		events = append(events, e)
	}
}

// chunks reads data n bytes at a time (n ≥ 1), as a stream inflating a
// part hands it over.
type chunks struct {
	data []byte
	n    int
}

func (c *chunks) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), c.n)], c.data)
	c.data = c.data[k:]
	return k, nil
}

var saxSeeds = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"/><c r="C1" t="inlineStr"><is><t xml:space="preserve"> a &amp; b </t></is></c></row>` +
		`<x:row r="2"><x:c r="A2"><x:f>SUM(B1:C1)</x:f><x:v>3</x:v></x:c></x:row></sheetData>` +
		`<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`,
	`<sst><si><r><rPr><sz val="11"/></rPr><t>a&#10;b</t></r><rPh sb="0"><t>x</t></rPh></si><si><t><![CDATA[<b>]]></t></si><!-- note --></sst>`,
	`<a b='>' c=">'"><b/></a>`,
	`<!DOCTYPE x [<!ENTITY e "v">]><x>&e;</x>`,
	`<a><b></a>`,
	`<a x="1`,
	`<a/ ><b/c></b/c><1a/><-x/><.y/>`,
	"<a>\r\n</a>text at the end",
	`< a></ a><>`,
	`<a><!-`,
	`<a><![CDATA[x`,
}

// FuzzSAX holds the fast path to gosax: on any input, read in chunks of
// any size, the same events in the same order, and the same end.
func FuzzSAX(f *testing.F) {
	for _, s := range saxSeeds {
		f.Add([]byte(s), uint16(0))
		f.Add([]byte(s), uint16(1))
	}
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "district", "兴庆区2018", "*.xlsx"))
	for _, p := range paths[:3] {
		for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"} {
			if b := partOf(f, p, part); b != nil {
				f.Add(b, uint16(4096))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, chunk uint16) {
		defer fuzzbudget.Check(t, time.Now())
		want, wantEnd := saxEvents(newGosax(data))
		n := int(chunk)
		if n == 0 {
			n = len(data) + 1
		}
		got, gotEnd := saxEvents(newSAX(&chunks{data: data, n: n}))
		require.Equal(t, want, got)
		require.Equal(t, wantEnd, gotEnd)
	})
}

func TestSAXReadsWhatGosaxReads(t *testing.T) {
	for _, s := range saxSeeds {
		for _, n := range []int{1, 2, 3, 7, 64, 1 << 20} {
			want, wantEnd := saxEvents(newGosax([]byte(s)))
			got, gotEnd := saxEvents(newSAX(&chunks{data: []byte(s), n: n}))
			require.Equal(t, want, got, "%q in chunks of %d", s, n)
			require.Equal(t, wantEnd, gotEnd, "%q in chunks of %d", s, n)
		}
	}
}

// partOf is a part of a workbook on disk, nil when it has none.
func partOf(t testing.TB, path, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			require.NoError(t, err)
			defer rc.Close()
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			return b
		}
	}
	return nil
}

func attrList(tag []byte, read func([]byte, func(name, value []byte))) []string {
	var out []string
	read(tag, func(name, value []byte) { out = append(out, string(name)+"="+string(value)) })
	return out
}

// FuzzSAXAttrs holds the attribute reader to gosax's: the same attributes,
// names and values, for any tag.
func FuzzSAXAttrs(f *testing.F) {
	for _, tag := range []string{`<c r="A1" s="3" t="s">`, `<c r="A1"/>`, `<x:c x:r='B2'>`, `<row r="1" spans="1:3" ht="20" customHeight="1" x14ac:dyDescent="0.25">`,
		`<a b = "1">`, `<a b="1"c="2"/>`, `<a b="x&amp;y" xmlns:x="u">`, `<a b>`, `<a b="1>`, `<a b=1>`, `<a a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8" i="9">`, `</a>`, `<>`, `<a/>`, `<c r="A1" r="B2" x:s="3" t="">`, `<c t="a&amp;b">`} {
		f.Add([]byte(tag))
	}
	f.Fuzz(func(t *testing.T, tag []byte) {
		defer fuzzbudget.Check(t, time.Now())
		require.Equal(t, attrList(tag, gosaxAttrs), attrList(tag, saxAttrs))
		// pickAttrs, when it reads a tag, picks what saxAttrs hands over.
		var got [3][]byte
		if pickAttrs(tag, cellAttrs, got[:]) {
			var want [3][]byte
			saxAttrs(tag, func(name, value []byte) {
				for i, n := range cellAttrs {
					if string(name) == n {
						want[i] = value
					}
				}
			})
			for i := range want {
				require.Equal(t, string(want[i]), string(got[i]), cellAttrs[i])
				require.Equal(t, want[i] == nil, got[i] == nil, cellAttrs[i])
			}
		}
	})
}
