package source

import "io"

// Tokenizer reads the XML of a workbook's part event by event, as the
// reader does, for package xlsx, which reads back parts it writes.
type Tokenizer struct{ x *saxReader }

// NewTokenizer reads r; Release gives back its buffer.
func NewTokenizer(r io.Reader) Tokenizer { return Tokenizer{newSAX(r)} }

// Next is the next event: start reports a start tag (its local name, and
// the whole tag for [PickAttrs]); io.EOF at the end.
func (t Tokenizer) Next() (start bool, name, tag []byte, err error) {
	kind, name, tag, err := t.x.next()
	return kind == saxStart, name, tag, err
}

// Release gives back the tokenizer's buffer; it is not used afterwards.
func (t Tokenizer) Release() { t.x.release() }

// PickAttrs sets vals[i] to the raw value of the attribute names[i] of a
// start tag; false when the tag's attributes are not all plain.
func PickAttrs(tag []byte, names []string, vals [][]byte) bool { return pickAttrs(tag, names, vals) }
