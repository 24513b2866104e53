package xlsx

import (
	"io"

	"tally/source"
)

// The reader's tokenizer, as extent (rows.go) reads the sheets it writes.

type saxKind bool

const saxStart saxKind = true

type saxReader struct{ t source.Tokenizer }

func newSAX(r io.Reader) *saxReader { return &saxReader{source.NewTokenizer(r)} }

func (x *saxReader) next() (saxKind, []byte, []byte, error) {
	start, name, tag, err := x.t.Next()
	return saxKind(start), name, tag, err
}

func (x *saxReader) release() { x.t.Release() }

func pickAttrs(tag []byte, names []string, vals [][]byte) bool {
	return source.PickAttrs(tag, names, vals)
}
