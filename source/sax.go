package source

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"
)

// The large parts of a workbook (the worksheets, the shared strings, the
// styles) are read as a stream of XML events; the small parts (the
// workbook, relationships) too.
//
// The tokenizer reads the XML spreadsheet programs write — elements,
// attributes, text, character and entity references, the declaration,
// processing instructions, comments and CDATA sections — in a buffer it
// scans with bytes.IndexByte: reading a workbook's XML is most of what
// tally does. Well-formed XML it reads as encoding/xml does (FuzzSAX holds
// the two to the same events on any well-formed input, read in chunks of
// any size). A DTD is damage (ECMA-376 Part 2 does not allow one in a
// package part: it is where entity expansion attacks live), as is a tag
// that is no XML; a part that ends inside an element is errUnclosed. It is
// lenient where checking would cost time and protect nothing: end tags are
// not matched to their starts, and names are not checked against XML's
// character classes.

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

// release gives the reader's buffer back for the next part; the reader and
// the bytes it returned are not used afterwards.
func (x *saxReader) release() {
	if x.pooled != nil && cap(x.buf) <= 1<<20 {
		*x.pooled = x.buf[:0]
		saxBuffers.Put(x.pooled)
	}
	x.pooled = nil
}

var (
	// errUnclosed is XML that ends inside an element or a tag: a
	// truncated part.
	errUnclosed = errors.New("the XML ends before its elements are closed")
	// errDTD is a document type declaration in a part.
	errDTD = errors.New("the XML has a document type declaration (DTD), which a workbook's parts may not have")
	// errMalformed is a tag that is no XML.
	errMalformed = errors.New("the XML has a tag that is not well-formed")
)

// next returns the next event: its kind, the element's local name (for a
// start or an end), and the raw tag or the decoded text. The bytes are
// valid until the next call. At the end it returns io.EOF, or errUnclosed
// when elements are left open.
func (x *saxReader) next() (saxKind, []byte, []byte, error) {
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
				return 0, nil, nil, x.srcErr // the error, not the text before it
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
			return x.truncated()
		}
		switch c := w[1]; {
		case c == '/':
			gt := bytes.IndexByte(w, '>')
			if gt < 0 {
				if x.fill() {
					continue
				}
				return x.truncated()
			}
			tag := w[:gt+1]
			name, ok := endName(tag)
			if !ok {
				return x.fail(errMalformed)
			}
			x.pos += gt + 1
			x.depth--
			return saxEnd, localPart(name), tag, nil
		case c == '?':
			end := bytes.Index(w[2:], []byte("?>"))
			if end < 0 {
				if x.fill() {
					continue
				}
				return x.truncated()
			}
			x.pos += 2 + end + 2 // the declaration, a processing instruction: no event
		case c == '!':
			switch {
			case bytes.HasPrefix(w, []byte("<!--")):
				end := bytes.Index(w[4:], []byte("-->"))
				if end < 0 {
					if x.fill() {
						continue
					}
					return x.truncated()
				}
				x.pos += 4 + end + 3 // a comment: no event
			case bytes.HasPrefix(w, []byte("<![CDATA[")):
				end := bytes.Index(w[9:], []byte("]]>"))
				if end < 0 {
					if x.fill() {
						continue
					}
					return x.truncated()
				}
				x.pos += 9 + end + 3
				return saxText, nil, w[9 : 9+end], nil
			case len(w) < 9 && !x.eof:
				x.fill()
			case bytes.HasPrefix(w, []byte("<!DOCTYPE")):
				return x.fail(errDTD)
			case len(w) < 9 && (bytes.HasPrefix([]byte("<!DOCTYPE"), w) || bytes.HasPrefix([]byte("<![CDATA["), w) || bytes.HasPrefix([]byte("<!--"), w)):
				return x.truncated()
			default:
				return x.fail(errMalformed)
			}
		case isNameByte(c):
			gt := tagEnd(w)
			if gt < 0 {
				if x.fill() {
					continue
				}
				return x.truncated()
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
					return x.fail(errMalformed)
				}
			default:
				return x.fail(errMalformed)
			}
			x.pos += gt + 1
			x.depth++
			name := localPart(tag[1:n])
			if tag[gt-1] == '/' {
				x.selfEnd, x.selfName = tag, name
			}
			return saxStart, name, tag, nil
		default:
			return x.fail(errMalformed)
		}
	}
}

// endName is the name of an end tag, </name> with white space allowed
// before the '>'; false when it is no name.
func endName(tag []byte) ([]byte, bool) {
	name := tag[2 : len(tag)-1]
	n := 0
	for n < len(name) && isNameByte(name[n]) {
		n++
	}
	for _, c := range name[n:] {
		if !isSpace(c) {
			return nil, false
		}
	}
	return name[:n], n > 0
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

// truncated is the end of a part that stops in the middle of a tag, a
// comment or a section (or the error that stopped it).
func (x *saxReader) truncated() (saxKind, []byte, []byte, error) {
	if x.srcErr != nil {
		return x.fail(x.srcErr)
	}
	return x.fail(errUnclosed)
}

// fail ends the reading with err: every later call returns it too.
func (x *saxReader) fail(err error) (saxKind, []byte, []byte, error) {
	x.pos, x.buf, x.eof = 0, x.buf[:0], true
	if x.srcErr == nil {
		x.srcErr = err
	}
	return 0, nil, nil, err
}

// unescape decodes character and entity references and line ends in
// text, as encoding/xml does; text with a reference XML does not know
// (&nbsp; from a web page) or a stray & is kept as it is.
func (x *saxReader) unescape(b []byte) []byte {
	if !needsUnescape(b) {
		return b
	}
	u, ok := appendUnescaped(x.text[:0], b)
	x.text = u
	if !ok {
		return b
	}
	return u
}

// appendUnescaped appends b to dst with its references decoded and its
// line ends (\r\n, \r) made \n; false at a reference it cannot decode.
func appendUnescaped(dst, b []byte) ([]byte, bool) {
	for i := 0; i < len(b); {
		switch b[i] {
		case '\r':
			dst = append(dst, '\n')
			i++
			if i < len(b) && b[i] == '\n' {
				i++
			}
		case '&':
			end := bytes.IndexByte(b[i+1:], ';')
			if end < 1 {
				return dst, false
			}
			r, ok := reference(b[i+1 : i+1+end])
			if !ok {
				return dst, false
			}
			dst = utf8.AppendRune(dst, r)
			i += end + 2
		default:
			j := i + 1
			for j < len(b) && b[j] != '&' && b[j] != '\r' {
				j++
			}
			dst = append(dst, b[i:j]...)
			i = j
		}
	}
	return dst, true
}

// reference is the character a reference names (lt, #60, #x3C); false
// for a name XML does not define or a number past Unicode.
func reference(ref []byte) (rune, bool) {
	switch string(ref) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	digits, base := ref[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || n > utf8.MaxRune {
		return 0, false
	}
	// A character XML does not allow (&#27;, an escape) is decoded all the
	// same: a crafted sheet name is read as it is meant, and shown escaped
	// wherever tally prints it.
	return rune(n), true
}

// needsUnescape reports text with an entity or a carriage return.
func needsUnescape(b []byte) bool {
	if len(b) > 16 {
		return bytes.IndexByte(b, '&') >= 0 || bytes.IndexByte(b, '\r') >= 0
	}
	for _, c := range b { // a value, an index: shorter than a call
		if escapeBytes[c] {
			return true
		}
	}
	return false
}

// escapeBytes are the bytes unescape changes text at.
var escapeBytes = [256]bool{'&': true, '\r': true}

// localPart drops a namespace prefix: x:c → c. As encoding/xml reads
// names, only a name with one colon inside it has a prefix.
func localPart(name []byte) []byte {
	colon := -1
	for i, c := range name {
		if c == ':' {
			if colon >= 0 {
				return name
			}
			colon = i
		}
	}
	if colon <= 0 || colon == len(name)-1 {
		return name
	}
	return name[colon+1:]
}

// saxAttrs calls fn with the local name and value (quotes removed,
// references decoded) of each of a tag's attributes, in one pass; at an
// attribute that is not name="value" or name='value' it stops.
func saxAttrs(tag []byte, fn func(name, value []byte)) {
	it := attrsOf(tag)
	for {
		key, value, more := it.next()
		if !more {
			return
		}
		attr(key, value, fn)
	}
}

// pickAttrs sets vals[i] to the raw value of the attribute names[i] (by
// local name; the last one when a tag repeats it), as saxAttrs would hand
// it over; false, with nothing picked, for a tag whose attributes are not
// all name="value", or a picked value with a reference or a line end to
// decode.
func pickAttrs(tag []byte, names []string, vals [][]byte) bool {
	it := attrsOf(tag)
	for {
		key, value, more := it.next()
		if !more {
			break
		}
		if isXMLNS(key) {
			continue
		}
		local := localPart(key)
		for i, n := range names {
			if string(local) == n {
				if needsUnescape(value) {
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

// attrIter reads attributes written key="value" or key='value', with white
// space allowed around the '='; ok turns false at anything else.
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
	for i < len(rest) && rest[i] != '=' && !isSpace(rest[i]) {
		i++
	}
	key = rest[k:i]
	if i < len(rest) && rest[i] != '=' { // white space before the '='
		for i < len(rest) && isSpace(rest[i]) {
			i++
		}
	}
	if len(key) == 0 || i == len(rest) || rest[i] != '=' {
		a.ok = false
		return nil, nil, false
	}
	i++
	if i < len(rest) && isSpace(rest[i]) { // and after it
		for i < len(rest) && isSpace(rest[i]) {
			i++
		}
	}
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
// value's references decoded (kept as they are when one cannot be).
func attr(key, v []byte, fn func(name, value []byte)) {
	if isXMLNS(key) {
		return
	}
	if needsUnescape(v) {
		if u, ok := appendUnescaped(nil, v); ok {
			v = u
		}
	}
	fn(localPart(key), v)
}

// isXMLNS reports a namespace declaration: xmlns, or xmlns:prefix.
func isXMLNS(key []byte) bool {
	return len(key) >= 5 && string(key[:5]) == "xmlns" && (len(key) == 5 || key[5] == ':')
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
