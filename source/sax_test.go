package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tally/internal/fuzzbudget"
	"tally/internal/testkit"

	"github.com/stretchr/testify/require"
)

// saxEvents reads every event of data with x — starts with their
// attributes, ends, texts (adjacent ones joined) — and how it ended.
func saxEvents(x *saxReader) (events []string, end string) {
	defer x.release()
	for {
		kind, name, b, err := x.next()
		switch {
		case err == io.EOF:
			return events, "EOF"
		case errors.Is(err, errUnclosed):
			return events, "unclosed"
		case errors.Is(err, errDTD):
			return events, "DTD"
		case err != nil:
			return events, "error"
		}
		switch kind {
		case saxStart:
			events = append(events, "<"+string(name)+" "+strings.Join(attrList(b, saxAttrs), " "))
		case saxEnd:
			events = append(events, "</"+string(name))
		case saxText:
			if len(events) > 0 && strings.HasPrefix(events[len(events)-1], "#") {
				events[len(events)-1] += string(b)
				continue
			}
			events = append(events, "#"+string(b))
		}
	}
}

// xmlEvents reads data with encoding/xml, strictly, as saxEvents reads it;
// false when data is not well-formed XML without a DTD.
func xmlEvents(data []byte) ([]string, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var events []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return events, true
		}
		if err != nil {
			return nil, false
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			var attrs []string
			for _, a := range tok.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				attrs = append(attrs, a.Name.Local+"="+a.Value)
			}
			events = append(events, "<"+tok.Name.Local+" "+strings.Join(attrs, " "))
		case xml.EndElement:
			events = append(events, "</"+tok.Name.Local)
		case xml.CharData:
			if len(events) > 0 && strings.HasPrefix(events[len(events)-1], "#") {
				events[len(events)-1] += string(tok)
				continue
			}
			events = append(events, "#"+string(tok))
		case xml.Directive:
			return nil, false // a DTD, which the tokenizer refuses
		}
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
	`<!-- <!DOCTYPE x> --><x><![CDATA[<!DOCTYPE y>]]></x>`,
	`<a b = "1" c='2'>x &lt; &#x41;&#66; y</a>`,
	`<a><b></a>`,
	`<a x="1`,
	`<a/ ><b/c></b/c><1a/><-x/><.y/>`,
	"<a>\r\n</a>text at the end",
	`< a></ a><>`,
	`<a><!-`,
	`<a><![CDATA[x`,
}

// FuzzSAX holds the tokenizer to encoding/xml: on any well-formed input,
// read in chunks of any size, the same events in the same order; on any
// input at all, the same events and end in chunks of any size, and a DTD
// refused.
func FuzzSAX(f *testing.F) {
	for _, s := range saxSeeds {
		f.Add([]byte(s), uint16(0))
		f.Add([]byte(s), uint16(1))
	}
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "district", "兴庆区2018", "*.xlsx"))
	for _, p := range paths[:3] {
		book := testkit.ReadFile(f, p)
		for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"} {
			if b, ok := testkit.LookupPart(f, book, part); ok {
				f.Add(b, uint16(4096))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, chunk uint16) {
		defer fuzzbudget.Check(t, time.Now())
		checkSAX(t, data, int(chunk))
	})
}

func checkSAX(t *testing.T, data []byte, chunk int) {
	t.Helper()
	whole, wholeEnd := saxEvents(newSAX(bytes.NewReader(data)))
	if chunk == 0 {
		chunk = len(data) + 1
	}
	got, gotEnd := saxEvents(newSAX(&chunks{data: data, n: chunk}))
	require.Equal(t, whole, got, "read in chunks of %d", chunk)
	require.Equal(t, wholeEnd, gotEnd, "read in chunks of %d", chunk)
	if want, ok := xmlEvents(data); ok {
		require.Equal(t, "EOF", gotEnd, "well-formed XML")
		require.Equal(t, want, got, "well-formed XML")
	}
	if bytes.Contains(data, []byte("<!DOCTYPE")) && gotEnd == "EOF" {
		// A DOCTYPE inside a comment, a CDATA section or a value is text.
		for _, e := range got {
			if strings.Contains(e, "<!DOCTYPE") {
				return
			}
		}
		require.NotContains(t, string(stripComments(data)), "<!DOCTYPE", "a DTD was read")
	}
}

// stripComments drops comments, as a DOCTYPE inside one is none.
func stripComments(b []byte) []byte {
	for {
		i := bytes.Index(b, []byte("<!--"))
		if i < 0 {
			return b
		}
		j := bytes.Index(b[i+4:], []byte("-->"))
		if j < 0 {
			return b[:i]
		}
		b = append(b[:i:i], b[i+4+j+3:]...)
	}
}

func TestSAX(t *testing.T) {
	for _, s := range saxSeeds {
		for _, n := range []int{1, 2, 3, 7, 64, 1 << 20} {
			checkSAX(t, []byte(s), n)
		}
	}
	for s, end := range map[string]string{
		`<!DOCTYPE x [<!ENTITY e "v">]><x>&e;</x>`: "DTD",
		`<?xml version="1.0"?><!DOCTYPE x><x/>`:    "DTD",
		`<a><b></a>`:                               "unclosed",
		`<a x="1`:                                  "unclosed",
		`<a><!-`:                                   "unclosed",
		`<a><![CDATA[x`:                            "unclosed",
		`< a></ a><>`:                              "error",
		`<a/ >`:                                    "error",
		`<a"b/>`:                                   "unclosed", // the quote is never closed
		`<a></a b>`:                                "error",
		`<a><!ELEMENT a ANY></a>`:                  "error",
		"<a>\r\n</a>text at the end":               "EOF",
		`<a b = 'x' c="&lt;&#x41;&#66;"/>`:         "EOF",
	} {
		for _, n := range []int{1, 5, 1 << 20} {
			_, got := saxEvents(newSAX(&chunks{data: []byte(s), n: n}))
			require.Equal(t, end, got, "%q in chunks of %d", s, n)
		}
	}
	events, _ := saxEvents(newSAX(strings.NewReader(`<a b = 'x' c="&lt;&#x41;&#66;&nbsp;" xmlns:q="u" q:d="1">x&amp;y&nbsp;</a>`)))
	require.Equal(t, []string{"<a b=x c=&lt;&#x41;&#66;&nbsp; d=1", "#x&amp;y&nbsp;", "</a"}, events,
		"a reference XML does not define leaves its text as it is")
}

func attrList(tag []byte, read func([]byte, func(name, value []byte))) []string {
	var out []string
	read(tag, func(name, value []byte) { out = append(out, string(name)+"="+string(value)) })
	return out
}

// FuzzSAXAttrs holds the attribute reader to encoding/xml's on any
// well-formed tag, and pickAttrs to saxAttrs on any tag.
func FuzzSAXAttrs(f *testing.F) {
	for _, tag := range []string{`<c r="A1" s="3" t="s">`, `<c r="A1"/>`, `<x:c x:r='B2'>`, `<row r="1" spans="1:3" ht="20" customHeight="1" x14ac:dyDescent="0.25">`,
		`<a b = "1">`, `<a b="1"c="2"/>`, `<a b="x&amp;y" xmlns:x="u">`, `<a b>`, `<a b="1>`, `<a b=1>`, `<a a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8" i="9">`, `</a>`, `<>`, `<a/>`, `<c r="A1" r="B2" x:s="3" t="">`, `<c t="a&amp;b">`} {
		f.Add([]byte(tag))
	}
	f.Fuzz(func(t *testing.T, tag []byte) {
		defer fuzzbudget.Check(t, time.Now())
		if len(tag) > 2 && tag[0] == '<' && tag[len(tag)-1] == '>' && tag[1] != '/' {
			doc := tag
			if tag[len(tag)-2] != '/' {
				doc = append(bytes.Clone(tag[:len(tag)-1]), "/>"...)
			}
			if want, ok := xmlEvents(doc); ok && len(want) == 2 {
				_, name, _ := strings.Cut(want[0], " ")
				require.Equal(t, name, strings.Join(attrList(tag, saxAttrs), " "))
			}
		}
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
