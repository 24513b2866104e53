package schema

import (
	"encoding/binary"
	"fmt"
	"math"
	"sync"

	"github.com/shopspring/decimal"
)

// A run over thousands of submissions holds every finding until its
// reports are written: a finding as a Go value takes some 300 bytes and
// its message's arguments more, so a province whose every cell is text
// would hold hundreds of megabytes. Compact packs a submission's findings
// into bytes instead (a few dozen each): the words that recur — kinds,
// rules, codes, message ids — once in an intern table shared by the run,
// the file, unit and sheet as the submission's own, and each message's
// arguments by type. Findings come back whole from FindingList.

// interned is the table of the strings packed findings share.
var interned = struct {
	sync.RWMutex
	index map[string]uint32
	words []string
}{index: map[string]uint32{}}

// intern returns the number of a recurring string.
func intern(s string) uint32 {
	interned.RLock()
	i, ok := interned.index[s]
	interned.RUnlock()
	if ok {
		return i
	}
	interned.Lock()
	defer interned.Unlock()
	if i, ok := interned.index[s]; ok {
		return i
	}
	i = uint32(len(interned.words))
	interned.words = append(interned.words, s)
	interned.index[s] = i
	return i
}

func internedWord(i uint32) string {
	interned.RLock()
	defer interned.RUnlock()
	return interned.words[i]
}

// Which of a finding's places are the submission's own.
const (
	ownFile = 1 << iota
	ownUnit
	ownSheet
)

// The types of a message's packed arguments.
const (
	argNil = iota
	argString
	argInt
	argDecimal
	argBoth
	argMessage
	argFloat
	argBothWords // a Both whose texts are interned: names of rows and cells
)

type packer struct{ b []byte }

func (p *packer) uvarint(v uint64) { p.b = binary.AppendUvarint(p.b, v) }
func (p *packer) varint(v int64)   { p.b = binary.AppendVarint(p.b, v) }
func (p *packer) str(s string) {
	p.uvarint(uint64(len(s)))
	p.b = append(p.b, s...)
}
func (p *packer) word(s string) { p.uvarint(uint64(intern(s))) }

func (p *packer) finding(f *Finding, s *Submission) {
	own := 0
	if f.File == s.File {
		own |= ownFile
	}
	if f.Unit == s.Unit {
		own |= ownUnit
	}
	if f.Sheet == s.Sheet {
		own |= ownSheet
	}
	p.b = append(p.b, byte(own), byte(f.Severity.Rank()))
	p.word(f.Kind)
	p.word(f.Rule)
	if own&ownFile == 0 {
		p.str(f.File)
	}
	if own&ownUnit == 0 {
		p.str(f.Unit)
	}
	if own&ownSheet == 0 {
		p.str(f.Sheet)
	}
	p.str(f.Cell)
	if f.Codes == nil {
		p.uvarint(0)
	} else {
		p.uvarint(uint64(len(f.Codes)) + 1)
		for _, c := range f.Codes {
			p.word(c)
		}
	}
	p.number(f.Expected)
	p.number(f.Actual)
	p.message(f.Msg)
	p.message(f.Formula)
}

func (p *packer) number(d *decimal.Decimal) {
	if d == nil {
		p.uvarint(0)
		return
	}
	p.uvarint(1)
	p.str(d.String())
}

func (p *packer) message(m Message) {
	p.word(m.ID())
	p.uvarint(uint64(len(m.Args)))
	for _, a := range m.Args {
		p.arg(a)
	}
}

// arg packs a message argument by its type. A Localizer other than the
// catalogue's own kinds (a list of terms that refers to cells) is rendered
// in both languages now: what it says is fixed once the submission is read.
func (p *packer) arg(a any) {
	switch v := a.(type) {
	case nil:
		p.b = append(p.b, argNil)
	case string:
		p.b = append(p.b, argString)
		p.str(v)
	case int:
		p.b = append(p.b, argInt)
		p.varint(int64(v))
	case int64:
		p.b = append(p.b, argInt)
		p.varint(v)
	case float64:
		p.b = append(p.b, argFloat)
		p.uvarint(math.Float64bits(v))
	case decimal.Decimal:
		p.b = append(p.b, argDecimal)
		p.str(v.String())
	case Both:
		p.both(Text(v))
	case Text:
		p.both(v)
	case Message:
		p.b = append(p.b, argMessage)
		p.message(v)
	case Localizer:
		p.b = append(p.b, argBoth)
		p.str(v.Localize(Zh))
		p.str(v.Localize(En))
	default:
		p.b = append(p.b, argString)
		p.str(fmt.Sprint(v))
	}
}

// both packs a text in both languages. A short one is a name (of a row, a
// cell, a table) that thousands of findings repeat: it is interned.
func (p *packer) both(t Text) {
	if len(t.Zh)+len(t.En) <= 160 {
		p.b = append(p.b, argBothWords)
		p.word(t.Zh)
		p.word(t.En)
		return
	}
	p.b = append(p.b, argBoth)
	p.str(t.Zh)
	p.str(t.En)
}

type unpacker struct {
	b   []byte
	err bool
}

func (u *unpacker) uvarint() uint64 {
	v, n := binary.Uvarint(u.b)
	if n <= 0 {
		u.err, u.b = true, nil
		return 0
	}
	u.b = u.b[n:]
	return v
}

func (u *unpacker) varint() int64 {
	v, n := binary.Varint(u.b)
	if n <= 0 {
		u.err, u.b = true, nil
		return 0
	}
	u.b = u.b[n:]
	return v
}

func (u *unpacker) byte() byte {
	if len(u.b) == 0 {
		u.err = true
		return 0
	}
	c := u.b[0]
	u.b = u.b[1:]
	return c
}

func (u *unpacker) str() string {
	n := u.uvarint()
	if n > uint64(len(u.b)) {
		u.err, u.b = true, nil
		return ""
	}
	s := string(u.b[:n])
	u.b = u.b[n:]
	return s
}

func (u *unpacker) word() string { return internedWord(uint32(u.uvarint())) }

var severities = [...]Severity{0: "", 1: Info, 2: Warning, 3: Error}

func (u *unpacker) finding(s *Submission) Finding {
	own := u.byte()
	f := Finding{Severity: severities[u.byte()&3], Kind: u.word(), Rule: u.word()}
	if own&ownFile != 0 {
		f.File = s.File
	} else {
		f.File = u.str()
	}
	if own&ownUnit != 0 {
		f.Unit = s.Unit
	} else {
		f.Unit = u.str()
	}
	if own&ownSheet != 0 {
		f.Sheet = s.Sheet
	} else {
		f.Sheet = u.str()
	}
	f.Cell = u.str()
	if n := u.uvarint(); n > 0 {
		f.Codes = make([]string, n-1)
		for i := range f.Codes {
			f.Codes[i] = u.word()
		}
	}
	f.Expected = u.number()
	f.Actual = u.number()
	f.Msg = u.message()
	f.Formula = u.message()
	return f
}

func (u *unpacker) number() *decimal.Decimal {
	if u.uvarint() == 0 {
		return nil
	}
	d, err := decimal.NewFromString(u.str())
	if err != nil {
		u.err = true
		return nil
	}
	return &d
}

func (u *unpacker) message() Message {
	m := Message{Def: catalogue[u.word()]}
	n := u.uvarint()
	if n == 0 {
		return m
	}
	m.Args = make([]any, 0, min(n, 16))
	for range n {
		if u.err {
			break
		}
		m.Args = append(m.Args, u.arg())
	}
	return m
}

func (u *unpacker) arg() any {
	switch u.byte() {
	case argString:
		return u.str()
	case argInt:
		return int(u.varint())
	case argFloat:
		return math.Float64frombits(u.uvarint())
	case argDecimal:
		d, err := decimal.NewFromString(u.str())
		if err != nil {
			u.err = true
		}
		return d
	case argBoth:
		zh := u.str()
		return Both{Zh: zh, En: u.str()}
	case argBothWords:
		zh := u.word()
		return Both{Zh: zh, En: u.word()}
	case argMessage:
		return u.message()
	}
	return nil
}

// packFindings moves the submission's findings into their packed form:
// each its length, its severity's rank and its fields.
func (s *Submission) packFindings() {
	if len(s.findings) == 0 {
		return
	}
	var p, rec packer
	p.b = s.packedFindings
	for i := range s.findings {
		f := &s.findings[i]
		rec.b = rec.b[:0]
		rec.finding(f, s)
		p.uvarint(uint64(len(rec.b)))
		p.b = append(p.b, rec.b...)
		s.packedCounts[f.Severity.Rank()]++
	}
	s.packedFindings = p.b[:len(p.b):len(p.b)]
	s.findings = nil
}

// nPacked is how many findings are packed.
func (s *Submission) nPacked() int {
	n := 0
	for _, c := range s.packedCounts {
		n += int(c)
	}
	return n
}

// eachPacked calls do with each packed finding whose severity's rank is
// rank (or every one, for rank -1), unpacking only those.
func (s *Submission) eachPacked(rank int, do func(Finding)) {
	u := unpacker{b: s.packedFindings}
	for len(u.b) > 0 && !u.err {
		n := u.uvarint()
		if u.err || n > uint64(len(u.b)) || n < 2 {
			panic("schema: packed findings are damaged")
		}
		rec := u.b[:n]
		u.b = u.b[n:]
		if rank >= 0 && int(rec[1]&3) != rank {
			continue
		}
		r := unpacker{b: rec}
		f := r.finding(s)
		if r.err {
			panic("schema: packed findings are damaged")
		}
		do(f)
	}
}

// FindingList returns the submission's findings in the order they were
// made: those packed by Compact and those added since. The list is the
// caller's; changing it changes nothing (SetFindings does).
func (s *Submission) FindingList() []Finding {
	out := make([]Finding, 0, s.nPacked()+len(s.findings))
	s.eachPacked(-1, func(f Finding) { out = append(out, f) })
	return append(out, s.findings...)
}

// FindingsOf returns the submission's findings of one severity, in the
// order of FindingList, unpacking no other.
func (s *Submission) FindingsOf(sev Severity) []Finding {
	rank := sev.Rank()
	var out []Finding
	if s.packedCounts[rank] > 0 {
		out = make([]Finding, 0, s.packedCounts[rank])
		s.eachPacked(rank, func(f Finding) { out = append(out, f) })
	}
	for _, f := range s.findings {
		if f.Severity.Rank() == rank {
			out = append(out, f)
		}
	}
	return out
}

// CountFindings is how many findings the submission has.
func (s *Submission) CountFindings() int { return s.nPacked() + len(s.findings) }

// Count is how many findings of a severity the submission has.
func (s *Submission) Count(sev Severity) int {
	n := int(s.packedCounts[sev.Rank()])
	for i := range s.findings {
		if s.findings[i].Severity == sev {
			n++
		}
	}
	return n
}

// Loose is how many of the submission's findings were added since it was
// compacted.
func (s *Submission) Loose() int { return len(s.findings) }

// SetFindings replaces the submission's findings.
func (s *Submission) SetFindings(fs []Finding) {
	s.packedFindings, s.packedCounts = nil, [4]int32{}
	s.findings = fs
}

// Worst is the severity of the submission's most serious finding ("" when
// it has none).
func (s *Submission) Worst() Severity { return severities[s.worst()] }

// worst is the rank of the submission's most serious finding (0 for none).
func (s *Submission) worst() int {
	w := 0
	for r := 3; r > 0; r-- {
		if s.packedCounts[r] > 0 {
			w = r
			break
		}
	}
	for i := range s.findings {
		w = max(w, s.findings[i].Severity.Rank())
	}
	return w
}
