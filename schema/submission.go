package schema

import (
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"
)

// State says whether and how a value cell was read.
type State int

// The states of a value.
const (
	// Missing: the cell was not found (its row is missing, or the file
	// could not be read).
	Missing State = iota
	// Present: the cell holds a number.
	Present
	// Empty: the cell is blank; rules read it as 0.
	Empty
	// Invalid: the cell holds something that is not a number, or a formula
	// error.
	Invalid
)

// A Value is one value cell of a submission as read.
type Value struct {
	Num   decimal.Decimal
	State State
	// Ref is the cell's A1 reference, prefixed with its sheet when that
	// differs from the submission's sheet ("表三!K24").
	Ref string
}

// Usable reports whether rules can use the value (a blank counts as 0).
func (v Value) Usable() bool { return v.State == Present || v.State == Empty }

// A Submission is one workbook from one reporting unit, aligned with a
// schema: a value for every value cell, where each was found, and the
// findings made while reading and checking it.
type Submission struct {
	// File is the path as given on the command line.
	File   string
	SHA256 string
	Unit   string
	Year   int
	Sheet  string
	Schema *Schema
	// Values holds the values while the submission is read and checked;
	// Compact then moves them into a smaller store, and Value reads them
	// in either form.
	Values map[string]Value
	// findings holds the findings about this submission alone made since
	// it was compacted (all of them, before); Compact packs them away. Add
	// records one, FindingList returns them all, SetFindings replaces them.
	findings []Finding
	// Unreadable is set when the file could not be read as a submission.
	Unreadable bool
	// Included says whether the submission counts in the totals.
	Included bool
	// Modified is when the file was last changed, as its folder says (zero
	// when unknown): of two tables of one unit, the later is summed.
	Modified time.Time
	// SupersededBy names the file of the same unit that is summed instead
	// of this one ("" when none is).
	SupersededBy string

	packed []packedValue // by the schema's key order, after Compact
	// packedFindings are the findings packed by Compact, each its length
	// and its severity's rank first; packedCounts counts them by rank.
	packedFindings []byte
	packedCounts   [4]int32
	// refs holds the references a packedValue cannot encode (on another
	// sheet); packed refs with refOther set index it.
	refs []string
	// big holds the numbers a packedValue cannot hold; packed numbers with
	// exp == bigNumber index it.
	big []decimal.Decimal
}

// packedValue is a Value in 12 bytes: the number as a 32-bit mantissa and
// a decimal exponent (a table's numbers all fit), the reference encoded as
// a number.
type packedValue struct {
	mant  int32
	ref   uint32
	exp   int8
	state int8
}

// bigNumber marks a packed number kept in Submission.big.
const bigNumber = math.MinInt8

// A packed reference is 0 for none; refOther|i for s.refs[i]; else the
// column (13 bits) and the row (18 bits) of a cell of the submission's
// sheet, both from 1.
const (
	refOther = 1 << 31
	refRow   = 1 << 18
)

func (s *Submission) packRef(ref string) uint32 {
	if ref == "" {
		return 0
	}
	col, row, i := 0, 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	j := i
	for ; j < len(ref) && ref[j] >= '0' && ref[j] <= '9'; j++ {
		row = row*10 + int(ref[j]-'0')
		if row >= refRow {
			break
		}
	}
	if i == 0 || i > 3 || j != len(ref) || j == i || ref[i] == '0' || row >= refRow || col >= 1<<13 {
		s.refs = append(s.refs, internRef(ref))
		return refOther | uint32(len(s.refs)-1)
	}
	return uint32(col)<<18 | uint32(row)
}

func (s *Submission) unpackRef(p uint32) string {
	switch {
	case p == 0:
		return ""
	case p&refOther != 0:
		return s.refs[p&^refOther]
	}
	col, row := int(p>>18), int(p&(refRow-1))
	var b [12]byte
	n := len(b)
	for r := row; r > 0; r /= 10 {
		n--
		b[n] = byte('0' + r%10)
	}
	for c := col; c > 0; c = (c - 1) / 26 {
		n--
		b[n] = byte('A' + (c-1)%26)
	}
	return string(b[n:])
}

func (s *Submission) packValue(v Value) packedValue {
	p := packedValue{ref: s.packRef(v.Ref), state: int8(v.State)}
	if c := v.Num.Coefficient(); c.IsInt64() && c.Int64() >= math.MinInt32 && c.Int64() <= math.MaxInt32 &&
		v.Num.Exponent() > bigNumber && v.Num.Exponent() <= math.MaxInt8 {
		p.mant, p.exp = int32(c.Int64()), int8(v.Num.Exponent())
		return p
	}
	s.big = append(s.big, v.Num)
	p.mant, p.exp = int32(len(s.big)-1), bigNumber
	return p
}

func (s *Submission) unpackValue(p packedValue) Value {
	v := Value{State: State(p.state), Ref: s.unpackRef(p.ref)}
	switch {
	case p.exp == bigNumber:
		v.Num = s.big[p.mant]
	case p.exp == 0 && p.mant >= 0 && int(p.mant) < len(smallInts()):
		v.Num = smallInts()[p.mant]
	default:
		v.Num = decimal.New(int64(p.mant), int32(p.exp))
	}
	return v
}

// Get returns the value of a cell for the rules: a blank reads as 0; ok is
// false when the cell has no usable value.
func (s *Submission) Get(key string) (decimal.Decimal, bool) {
	v, found := s.Value(key)
	if !found || !v.Usable() {
		return decimal.Decimal{}, false
	}
	return v.Num, true
}

// Ref returns where a cell was read, or "" when it was not found.
func (s *Submission) Ref(key string) string {
	v, _ := s.Value(key)
	return v.Ref
}

// Value returns a cell's value as read, and whether the cell was read at
// all.
func (s *Submission) Value(key string) (Value, bool) {
	if s.packed == nil {
		v, ok := s.Values[key]
		return v, ok
	}
	c, ok := s.Schema.cells[key]
	if !ok || s.packed[c.index].state == unset {
		return Value{}, false
	}
	return s.unpackValue(s.packed[c.index]), true
}

// Set records a cell's value.
func (s *Submission) Set(key string, v Value) {
	if s.packed != nil {
		if c, ok := s.Schema.cells[key]; ok {
			s.packed[c.index] = s.packValue(v)
			return
		}
		s.unpack()
	}
	if s.Values == nil {
		s.Values = map[string]Value{}
	}
	s.Values[key] = v
}

// Compact moves the values into a store a tenth the size of the map, with
// the numbers and references that thousands of submissions share stored
// once: a run over a whole province holds every submission at once. Only
// the schema's cells are kept; the submission reads the same afterwards.
func (s *Submission) Compact() {
	s.packFindings()
	if s.packed != nil || s.Schema == nil {
		return
	}
	s.packed = make([]packedValue, len(s.Schema.keys))
	for i := range s.packed {
		s.packed[i].state = unset
	}
	for k, v := range s.Values {
		if c, ok := s.Schema.cells[k]; ok {
			s.packed[c.index] = s.packValue(v)
		}
	}
	s.Values = nil
}

// unpack turns a compacted submission back into its map form.
func (s *Submission) unpack() {
	s.Values = make(map[string]Value, len(s.packed))
	for i, v := range s.packed {
		if v.state != unset {
			s.Values[s.Schema.keys[i]] = s.unpackValue(v)
		}
	}
	s.packed, s.refs, s.big = nil, nil, nil
}

// Add records a finding about this submission.
func (s *Submission) Add(f Finding) { s.findings = append(s.findings, f) }

// Stamp fills in the file, unit and sheet of the submission's findings that
// lack them; call it once the unit and sheet are known.
func (s *Submission) Stamp() {
	for i := range s.findings {
		f := &s.findings[i]
		if f.File == "" {
			f.File = s.File
		}
		if f.Unit == "" {
			f.Unit = s.Unit
		}
		if f.Sheet == "" {
			f.Sheet = s.Sheet
		}
	}
}

// A Status grades a submission by the most serious of its findings; the
// JSON report writes it as its code.
type Status string

// The statuses, from the best.
const (
	StatusOK         Status = "ok"
	StatusWarnings   Status = "warnings"
	StatusErrors     Status = "errors"
	StatusUnreadable Status = "unreadable"
)

// Status is the submission's status, by the most serious of its findings.
func (s *Submission) Status() Status {
	switch {
	case s.Unreadable:
		return StatusUnreadable
	case s.worst() == 3:
		return StatusErrors
	case s.worst() == 2:
		return StatusWarnings
	}
	return StatusOK
}

// StatusOf grades a list of findings as a submission's status.
func StatusOf(unreadable bool, fs []Finding) Status {
	if unreadable {
		return StatusUnreadable
	}
	worst := 0
	for _, f := range fs {
		worst = max(worst, f.Severity.Rank())
	}
	switch worst {
	case 3:
		return StatusErrors
	case 2:
		return StatusWarnings
	}
	return StatusOK
}

// unset marks a compacted cell that was never read.
const unset = -1

// smallInts are the whole numbers 0 … 4095 as decimals, shared by every
// compacted submission (a decimal holds a pointer to its digits).
var smallInts = sync.OnceValue(func() []decimal.Decimal {
	out := make([]decimal.Decimal, 4096)
	for i := range out {
		out[i] = decimal.NewFromInt(int64(i))
	}
	return out
})

// refs holds the cell references met, so that thousands of submissions laid
// out alike share them; bounded, as a run's references are few.
var (
	refs    sync.Map
	refsLen atomic.Int64
)

func internRef(ref string) string {
	if ref == "" {
		return ""
	}
	if r, ok := refs.Load(ref); ok {
		return r.(string)
	}
	if refsLen.Load() < 1<<16 {
		if r, loaded := refs.LoadOrStore(ref, ref); loaded {
			return r.(string)
		}
		refsLen.Add(1)
	}
	return ref
}
