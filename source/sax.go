package source

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"sync"
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
