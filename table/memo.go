package table

import (
	"hash/maphash"
	"sync"
	"sync/atomic"

	"tally/schema"
)

// memo remembers the results of a function of a text, for at most maxMemo
// texts: the labels of thousands of workbooks are mostly the same few
// hundred texts. A text is remembered the second time it is met: a title,
// a name or a note met once would otherwise fill the memo before the
// labels of a layout met later.
type memo[V any] struct {
	m sync.Map // text → V
	n atomic.Int64
	// seen holds the hashes of texts met once and not yet remembered, one
	// per slot: a text met since in the same slot takes its place.
	seen [1 << 12]atomic.Uint64
}

var memoSeed = maphash.MakeSeed()

func (m *memo[V]) get(text string, f func(string) V) V {
	if v, ok := m.m.Load(text); ok {
		return v.(V)
	}
	v := f(text)
	if m.n.Load() < maxMemo {
		h := maphash.String(memoSeed, text) | 1 // 0 is an empty slot
		slot := &m.seen[h%uint64(len(m.seen))]
		if slot.Load() != h {
			slot.Store(h)
		} else if _, loaded := m.m.LoadOrStore(text, v); !loaded {
			m.n.Add(1)
		}
	}
	return v
}

// maxMemo bounds the texts an index remembers the candidates of: the labels
// of thousands of workbooks are mostly the same few hundred texts.
const maxMemo = 1 << 12

var labelNorms, folded, unitNorms memo[string]

// normUnit is schema.NormalizeUnit, remembered: every value row's unit cell
// is compared with the schema's, and a table has a handful of units.
func normUnit(text string) string {
	if text == "" {
		return ""
	}
	return unitNorms.get(text, schema.NormalizeUnit)
}

// normLabel is schema.NormalizeLabel, remembered for texts that may be
// labels: numbers are many, seldom met again, and quick to reduce.
func normLabel(text string) string {
	if text == "" {
		return ""
	}
	if !mayBeLabel(text) {
		if allDigits(text) {
			return text // a whole number is its own normal form
		}
		return schema.NormalizeLabel(text)
	}
	return labelNorms.get(text, schema.NormalizeLabel)
}

// allDigits reports text of ASCII digits only.
func allDigits(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			return false
		}
	}
	return true
}

// foldText is schema.Fold, remembered: the same label texts are folded for
// every table of every schema in every workbook.
func foldText(text string) string {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return folded.get(text, schema.Fold)
		}
	}
	return text // folding leaves ASCII as it is
}
