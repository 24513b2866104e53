package xlsx

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"sync"

	"github.com/orisano/gosax"
)

// The large parts of a workbook (the worksheets, the shared strings, the
// styles) are read as a stream of XML events; the small parts (the
// workbook, relationships) keep encoding/xml.
//
// The events come from gosax, a streaming XML tokenizer several times
// faster than encoding/xml, through a fast path for the XML spreadsheet
// programs write: elements, attributes, text, the declaration, comments and
// CDATA sections, in a buffer the tokenizer scans with bytes.IndexByte.
// Reading a workbook's XML is most of what tally does, and on 10,000
// workbooks gosax's byte-by-byte state machine was a third of the reading.
// At anything else (a DOCTYPE, a tag that does not end, a name that does
// not start as a name) the fast path hands the rest of the part to gosax,
// which reads it as it always has: the events are gosax's events either
// way, and FuzzSAX holds the two to that for any input.

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
	// The fast path: src read into buf, buf[pos:] not yet tokenized.
	src      io.Reader
	buf      []byte
	pos      int
	eof      bool
	srcErr   error  // the error that ended src, when it is not io.EOF
	selfEnd  []byte // a self-closing tag whose end is the next event
	selfName []byte // its local name

	r      *gosax.Reader // gosax, once it has taken over (or always: slow)
	depth  int
	text   []byte // decoded text
	pooled *[]byte
}

// saxBuffers are the readers' buffers, used again from one part to the next.
var saxBuffers = sync.Pool{New: func() any { return new([]byte) }}

func newSAX(r io.Reader) *saxReader {
	buf := saxBuffers.Get().(*[]byte)
	if cap(*buf) == 0 {
		*buf = make([]byte, 0, 32<<10) // grows for a longer token
	}
	return &saxReader{src: r, buf: (*buf)[:0], pooled: buf}
}

// newGosax reads data with gosax alone, the reference the fast path is
// held to.
func newGosax(data []byte) *saxReader {
	x := newSAX(nil)
	x.handOver(data, nil)
	return x
}

// handOver has gosax read the rest of the part, then err (if not nil). It
// gets the rest whole: how gosax reads a DOCTYPE depends on where its
// reads end.
func (x *saxReader) handOver(rest []byte, err error) {
	r := io.Reader(bytes.NewReader(rest))
	if err != nil {
		r = io.MultiReader(r, errReader{err})
	}
	x.r = gosax.NewReaderBuf(r, make([]byte, 0, len(rest)+1))
	x.r.EmitSelfClosingTag = true
}

// release gives the reader's buffer back for the next part; the reader and
// the bytes it returned are not used afterwards.
func (x *saxReader) release() {
	if x.pooled != nil && cap(x.buf) <= 1<<20 {
		*x.pooled = x.buf[:0]
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
	if x.r != nil {
		return x.slow()
	}
	if tag := x.selfEnd; tag != nil {
		x.selfEnd = nil
		x.depth--
		return saxEnd, x.selfName, tag, nil
	}
	for {
		w := x.buf[x.pos:]
		lt := 0
		if len(w) == 0 || w[0] != '<' {
			lt = bytes.IndexByte(w, '<')
		}
		if lt < 0 {
			if x.fill() {
				continue
			}
			if x.srcErr != nil {
				return 0, nil, nil, x.srcErr // as gosax: the error, not the text before it
			}
			w = x.buf[x.pos:] // fill moved it
			if len(w) > 0 {
				x.pos += len(w)
				return saxText, nil, x.unescape(w), nil
			}
			return x.end()
		}
		if lt > 0 {
			x.pos += lt
			return saxText, nil, x.unescape(w[:lt]), nil
		}
		if len(w) < 2 {
			if x.fill() {
				continue
			}
			return x.giveUp()
		}
		switch c := w[1]; {
		case c == '/':
			gt := bytes.IndexByte(w, '>')
			if gt < 0 {
				if x.fill() {
					continue
				}
				return x.giveUp()
			}
			tag := w[:gt+1]
			x.pos += gt + 1
			x.depth--
			return saxEnd, localPart(endName(tag)), tag, nil
		case c == '?':
			end := bytes.Index(w[2:], []byte("?>"))
			if end < 0 {
				if x.fill() {
					continue
				}
				return x.giveUp()
			}
			x.pos += 2 + end + 2 // the declaration, a processing instruction: no event
		case c == '!':
			switch {
			case bytes.HasPrefix(w, []byte("<!--")):
				// The end is looked for from the third byte on, as gosax
				// does: <!---> is a whole comment to it.
				end := bytes.Index(w[3:], []byte("-->"))
				if end < 0 {
					if x.fill() {
						continue
					}
					return x.giveUp()
				}
				x.pos += 3 + end + 3 // a comment: no event
			case bytes.HasPrefix(w, []byte("<![CDATA[")):
				end := bytes.Index(w[9:], []byte("]]>"))
				if end < 0 {
					if x.fill() {
						continue
					}
					return x.giveUp()
				}
				x.pos += 9 + end + 3
				return saxText, nil, w[9 : 9+end], nil
			case len(w) < 9 && !x.eof:
				x.fill()
			default:
				return x.giveUp() // a DOCTYPE, or no XML at all
			}
		case isNameByte(c):
			gt := tagEnd(w)
			if gt < 0 {
				if x.fill() {
					continue
				}
				return x.giveUp()
			}
			tag := w[:gt+1]
			n := 1
			for n < gt && isNameByte(tag[n]) {
				n++
			}
			switch tag[n] {
			case ' ', '\t', '\n', '\r', '>':
			case '/':
				if n+1 != gt {
					return x.giveUp()
				}
			default:
				return x.giveUp() // a name gosax would read otherwise
			}
			x.pos += gt + 1
			x.depth++
			name := localPart(tag[1:n])
			if tag[gt-1] == '/' {
				x.selfEnd, x.selfName = tag, name
			}
			return saxStart, name, tag, nil
		default:
			return x.giveUp()
		}
	}
}

// endName is the name of an end tag, as gosax.Name reads it.
func endName(tag []byte) []byte {
	name := tag[2 : len(tag)-1]
	for _, c := range name {
		if !isNameByte(c) {
			n, _ := gosax.Name(tag)
			return n
		}
	}
	if len(name) == 0 {
		n, _ := gosax.Name(tag)
		return n
	}
	return name
}

// isNameByte reports a byte of an XML name as the fast path reads it:
// ASCII letters, digits, '_', '-', '.', ':', and any byte of a character
// beyond ASCII.
func isNameByte(c byte) bool { return nameBytes[c] }

var nameBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80
	}
	return t
}()

// tagEnd is the index of the '>' that ends the start tag at the head of w,
// quoted attribute values passed over; -1 when w does not hold it all.
func tagEnd(w []byte) int {
	gt := bytes.IndexByte(w, '>')
	if gt < 0 {
		return -1
	}
	if head := w[:gt]; bytes.IndexByte(head, '\'') < 0 && bytes.Count(head, []byte{'"'})%2 == 0 {
		return gt // every value before it closed
	}
	quote := byte(0)
	for i := 1; i < len(w); i++ {
		switch c := w[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// fill reads more of src into the buffer, keeping what is not tokenized
// yet; false when src has no more.
func (x *saxReader) fill() bool {
	for !x.eof {
		if x.pos > 0 {
			x.buf = x.buf[:copy(x.buf, x.buf[x.pos:])]
			x.pos = 0
		}
		if cap(x.buf)-len(x.buf) < 4<<10 {
			x.buf = slices.Grow(x.buf, cap(x.buf)+4<<10)
		}
		n, err := x.src.Read(x.buf[len(x.buf):cap(x.buf)])
		x.buf = x.buf[:len(x.buf)+n]
		if err != nil {
			x.eof = true
			if err != io.EOF {
				x.srcErr = err
			}
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// end is the event at the end of the part.
func (x *saxReader) end() (saxKind, []byte, []byte, error) {
	if x.srcErr != nil {
		return 0, nil, nil, x.srcErr
	}
	if x.depth > 0 {
		return 0, nil, nil, errUnclosed
	}
	return 0, nil, nil, io.EOF
}

// giveUp hands the rest of the part to gosax: XML the fast path does not
// read, or that ends in the middle of a tag.
func (x *saxReader) giveUp() (saxKind, []byte, []byte, error) {
	rest := bytes.Clone(x.buf[x.pos:])
	x.pos = len(x.buf)
	err := x.srcErr
	if !x.eof {
		var more []byte
		more, err = io.ReadAll(x.src)
		rest = append(rest, more...)
		x.eof = true
	}
	x.handOver(rest, err)
	return x.slow()
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// slow is next, by gosax.
func (x *saxReader) slow() (saxKind, []byte, []byte, error) {
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
	if !needsUnescape(b) {
		return b
	}
	x.text = append(x.text[:0], b...)
	if u, err := gosax.Unescape(x.text); err == nil {
		return u
	}
	return b
}

// needsUnescape reports text with an entity or a carriage return.
func needsUnescape(b []byte) bool {
	if len(b) > 16 {
		return bytes.IndexByte(b, '&') >= 0 || bytes.IndexByte(b, '\r') >= 0
	}
	for _, c := range b { // a value, an index: shorter than a call
		if c == '&' || c == '\r' {
			return true
		}
	}
	return false
}

// localPart drops a namespace prefix: x:c → c.
func localPart(name []byte) []byte {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == ':' {
			return name[i+1:]
		}
	}
	return name
}

// saxAttrs calls fn with the local name and raw value (quotes removed,
// entities decoded) of each of a tag's attributes, in one pass.
func saxAttrs(tag []byte, fn func(name, value []byte)) {
	var kv [8][2][]byte
	n := 0
	it := attrsOf(tag)
	for {
		key, value, more := it.next()
		if !more {
			break
		}
		if n == len(kv) {
			it.ok = false // more than saxAttrs holds
			break
		}
		kv[n] = [2][]byte{key, value}
		n++
	}
	if !it.ok {
		gosaxAttrs(tag, fn)
		return
	}
	for _, a := range kv[:n] {
		attr(a[0], a[1], fn)
	}
}

// pickAttrs sets vals[i] to the raw value of the attribute names[i] (by
// local name; the last one when a tag repeats it), as saxAttrs would hand
// it over; false, with nothing picked, for a tag saxAttrs reads by gosax or
// a picked value with an entity to decode.
func pickAttrs(tag []byte, names []string, vals [][]byte) bool {
	it := attrsOf(tag)
	for {
		key, value, more := it.next()
		if !more {
			break
		}
		if bytes.HasPrefix(key, []byte("xmlns")) {
			continue
		}
		local := localPart(key)
		for i, n := range names {
			if string(local) == n {
				if bytes.IndexByte(value, '&') >= 0 {
					clear(vals)
					return false
				}
				vals[i] = value
			}
		}
	}
	if !it.ok {
		clear(vals)
	}
	return it.ok
}

// attrIter reads attributes written key="value" or key='value', as
// gosax.NextAttribute reads them; ok turns false at anything else, which
// gosaxAttrs reads instead.
type attrIter struct {
	rest []byte
	i    int
	ok   bool
}

// attrsOf starts reading a tag's attributes, after its name.
func attrsOf(tag []byte) attrIter {
	b := tag
	if len(b) > 1 && b[0] == '<' {
		b = b[1:]
	}
	if len(b) > 1 && b[0] == '/' {
		b = b[1:]
	}
	if len(b) > 1 && b[len(b)-1] == '>' {
		b = b[:len(b)-1]
	}
	if len(b) > 1 && b[len(b)-1] == '/' {
		b = b[:len(b)-1]
	}
	i := 0
	for i < len(b) && !isSpace(b[i]) {
		i++
	}
	if i == len(b) {
		return attrIter{ok: true} // the name alone
	}
	return attrIter{rest: bytes.TrimSuffix(bytes.TrimSuffix(b[i+1:], []byte(">")), []byte("/")), ok: true}
}

// next returns the next attribute; more is false at the end, or when the
// attributes are not all key="value" (ok false then).
func (a *attrIter) next() (key, value []byte, more bool) {
	rest, i := a.rest, a.i
	for i < len(rest) && isSpace(rest[i]) {
		i++
	}
	if i == len(rest) {
		return nil, nil, false
	}
	k := i
	for i < len(rest) && !isSpace(rest[i]) && rest[i] != '=' {
		i++
	}
	if i == len(rest) || rest[i] != '=' || i == k {
		a.ok = false
		return nil, nil, false
	}
	key = rest[k:i]
	i++
	if i == len(rest) || rest[i] != '"' && rest[i] != '\'' {
		a.ok = false
		return nil, nil, false
	}
	end := bytes.IndexByte(rest[i+1:], rest[i])
	if end < 0 {
		a.ok = false
		return nil, nil, false
	}
	value = rest[i+1 : i+1+end]
	a.i = i + end + 2
	return key, value, true
}

// attr hands one attribute to fn: namespace declarations left out, the
// value's entities decoded.
func attr(key, v []byte, fn func(name, value []byte)) {
	if bytes.HasPrefix(key, []byte("xmlns")) {
		return
	}
	if bytes.IndexByte(v, '&') >= 0 {
		if u, err := gosax.Unescape(append([]byte(nil), v...)); err == nil {
			v = u
		}
	}
	fn(localPart(key), v)
}

// gosaxAttrs is saxAttrs by gosax.NextAttribute.
func gosaxAttrs(tag []byte, fn func(name, value []byte)) {
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
