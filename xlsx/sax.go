package xlsx

import (
	"bytes"
	"errors"
	"io"
	"sync"

	"github.com/orisano/gosax"
)

// The large parts of a workbook (the worksheets, the shared strings, the
// styles) are read with gosax, a streaming XML tokenizer several times
// faster than encoding/xml: reading is most of what tally does. The small
// parts (the workbook, relationships) keep encoding/xml.

// saxKind is the kind of a saxEvent.
type saxKind uint8

const (
	saxStart saxKind = iota + 1
	saxEnd
	saxText
)

// saxReader reads the elements and text of an XML part. An element that
// closes itself gives a start and an end.
type saxReader struct {
	r      *gosax.Reader
	depth  int
	buf    []byte
	pooled *[]byte
}

// saxBuffers are the readers' buffers, used again from one part to the next.
var saxBuffers = sync.Pool{New: func() any { return new([]byte) }}

func newSAX(r io.Reader) *saxReader {
	buf := saxBuffers.Get().(*[]byte)
	if cap(*buf) == 0 {
		*buf = make([]byte, 0, 32<<10) // grows for a longer token
	}
	x := gosax.NewReaderBuf(r, (*buf)[:0])
	x.EmitSelfClosingTag = true
	return &saxReader{r: x, pooled: buf}
}

// release gives the reader's buffer back for the next part; the reader and
// the bytes it returned are not used afterwards.
func (x *saxReader) release() {
	if x.pooled != nil && cap(*x.pooled) <= 1<<20 {
		saxBuffers.Put(x.pooled)
	}
	x.pooled = nil
}

// errUnclosed is XML that ends inside an element: a truncated part.
var errUnclosed = errors.New("the XML ends before its elements are closed")

// next returns the next event: its kind, the element's local name (for a
// start or an end), and the raw tag or the decoded text. The bytes are
// valid until the next call. At the end it returns io.EOF, or errUnclosed
// when elements are left open.
func (x *saxReader) next() (saxKind, []byte, []byte, error) {
	for {
		e, err := x.r.Event()
		if err == io.EOF || err == nil && e.Type() == gosax.EventEOF {
			if x.depth > 0 {
				return 0, nil, nil, errUnclosed
			}
			return 0, nil, nil, io.EOF
		}
		if err != nil {
			return 0, nil, nil, err
		}
		switch e.Type() {
		case gosax.EventStart:
			x.depth++
			name, _ := gosax.Name(e.Bytes)
			return saxStart, localPart(name), e.Bytes, nil
		case gosax.EventEnd:
			x.depth--
			name, _ := gosax.Name(e.Bytes) // a self-closing tag's end is the whole tag
			return saxEnd, localPart(name), e.Bytes, nil
		case gosax.EventText:
			return saxText, nil, x.unescape(e.Bytes), nil
		case gosax.EventCData:
			b := bytes.TrimSuffix(bytes.TrimPrefix(e.Bytes, []byte("<![CDATA[")), []byte("]]>"))
			return saxText, nil, b, nil
		}
	}
}

// unescape decodes entities and line ends in text; text with an entity XML
// does not know (&nbsp; from a web page) is kept as it is.
func (x *saxReader) unescape(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 && bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	x.buf = append(x.buf[:0], b...)
	if u, err := gosax.Unescape(x.buf); err == nil {
		return u
	}
	return b
}

// localPart drops a namespace prefix: x:c → c.
func localPart(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// saxAttrs calls fn with the local name and raw value (quotes removed,
// entities decoded) of each of a tag's attributes, in one pass.
func saxAttrs(tag []byte, fn func(name, value []byte)) {
	_, rest := gosax.Name(tag)
	rest = bytes.TrimSuffix(bytes.TrimSuffix(rest, []byte(">")), []byte("/"))
	for len(rest) > 0 {
		a, r, err := gosax.NextAttribute(rest)
		if err != nil || len(a.Key) == 0 {
			return
		}
		rest = r
		if bytes.HasPrefix(a.Key, []byte("xmlns")) {
			continue
		}
		v := a.Value
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
			v = v[1 : len(v)-1]
		}
		if bytes.IndexByte(v, '&') >= 0 {
			if u, err := gosax.Unescape(append([]byte(nil), v...)); err == nil {
				v = u
			}
		}
		fn(localPart(a.Key), v)
	}
}

// saxAttr is the decoded value of a tag's attribute, by local name; "" when
// it has none.
func saxAttr(tag []byte, local string) string {
	out, found := "", false
	saxAttrs(tag, func(name, value []byte) {
		if !found && string(name) == local {
			out, found = string(value), true
		}
	})
	return out
}
