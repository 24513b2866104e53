package source

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// What the tokenizer (sax.go) hands over, decoded: character and entity
// references and line ends in text, namespace prefixes of names, and the
// attributes of a tag.

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
	return len(key) >= 5 && string(key[:5]) == "xmlns" && (len(key) == 5 || key[5] == ':' && len(key) > 6)
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
