package schema

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Severity grades a finding.
type Severity string

// The severities, from the most to the least serious.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Rank orders severities: error 3, warning 2, info 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case Info:
		return 1
	}
	return 0
}

// Name is the severity in the given language.
func (s Severity) Name(lang Lang) string {
	if lang == En {
		return string(s)
	}
	switch s {
	case Error:
		return "错误"
	case Warning:
		return "警告"
	case Info:
		return "提示"
	}
	return string(s)
}

// The finding kinds (DESIGN.md); the vocabulary is fixed.
const (
	KindSum             = "sum"
	KindOfWhich         = "of-which"
	KindBound           = "bound"
	KindConsistency     = "consistency"
	KindNegative        = "negative"
	KindNonInteger      = "non-integer"
	KindNotANumber      = "not-a-number"
	KindBlank           = "blank"
	KindUnit            = "unit"
	KindMissingRow      = "missing-row"
	KindExtraRow        = "extra-row"
	KindFormulaError    = "formula-error"
	KindConverted       = "converted"
	KindUnreadable      = "unreadable"
	KindSchema          = "schema"
	KindDuplicateUnit   = "duplicate-unit"
	KindIdenticalValues = "identical-values"
	KindYear            = "year"
	KindMissingUnit     = "missing-unit"
	KindUnknownUnit     = "unknown-unit"
	KindPrevious        = "previous"
	KindJump            = "jump"
)

// Kinds lists every finding kind.
var Kinds = []string{
	KindSum, KindOfWhich, KindBound, KindConsistency, KindNegative, KindNonInteger,
	KindNotANumber, KindBlank, KindUnit, KindMissingRow, KindExtraRow, KindFormulaError,
	KindConverted, KindUnreadable, KindSchema, KindDuplicateUnit, KindIdenticalValues,
	KindYear, KindMissingUnit, KindUnknownUnit, KindPrevious, KindJump,
}

// A Finding is one discrepancy: where it is, which codes and rule it concerns,
// expected against actual, how serious it is, and a message a clerk can act on.
type Finding struct {
	Severity Severity
	Kind     string
	Rule     string
	File     string
	Unit     string
	Sheet    string
	// Cell is an A1 reference, prefixed with its sheet when that differs
	// from Sheet ("表三!K24"); empty when the finding concerns no one cell.
	Cell     string
	Codes    []string
	Expected *decimal.Decimal
	Actual   *decimal.Decimal
	Msg      Message
	// Formula is a rule finding's rule written as a formula with its
	// numbers: 收到申请数(C24)=当面+传真+网络+信函: 6 ≠ 5. Empty otherwise.
	Formula Message
}

// Message renders the finding's message in lang.
func (f *Finding) Message(lang Lang) string { return f.Msg.Render(lang) }

// Lang is a language tally writes messages in.
type Lang string

// The languages.
const (
	Zh Lang = "zh"
	En Lang = "en"
)

// ParseLang accepts zh or en (and locale names such as en_US.UTF-8).
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, "zh"):
		return Zh, true
	case strings.HasPrefix(s, "en"):
		return En, true
	}
	return "", false
}

// A Message is a finding's text kept as a message of the catalogue and
// its arguments, so that it can be rendered in either language after the
// fact. The zero Message is no message (a finding without a formula) and
// renders as "".
type Message struct {
	Def  *Def
	Args []any
}

// Msg makes a message of the catalogue with its arguments. Arguments
// that implement [Localizer] are rendered in the message's language.
func Msg(d *Def, args ...any) Message { return Message{Def: d, Args: args} }

// ID is the id of the message's catalogue entry, or "" for no message.
func (m Message) ID() string {
	if m.Def == nil {
		return ""
	}
	return m.Def.ID
}

// A Localizer is a message argument that renders differently per language.
type Localizer interface {
	Localize(lang Lang) string
}

// Both is a message argument given in both languages.
type Both Text

// Localize implements [Localizer].
func (b Both) Localize(lang Lang) string { return Text(b).In(lang) }

// Rendered, when set, is told of every message rendered: a test watches
// the messages of whole runs for formatting mistakes and unknown ids. It
// may be called from several goroutines at once.
var Rendered func(m Message, lang Lang, out string)

// Render formats the message in lang.
func (m Message) Render(lang Lang) string {
	out := m.render(lang)
	if Rendered != nil {
		Rendered(m, lang, out)
	}
	return out
}

func (m Message) render(lang Lang) string {
	if m.Def == nil {
		return ""
	}
	e := m.Def.Text
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch v := a.(type) {
		case Localizer:
			args[i] = v.Localize(lang)
		case Text:
			args[i] = v.In(lang)
		case decimal.Decimal:
			args[i] = v.String()
		default:
			args[i] = a
		}
	}
	return fmt.Sprintf(e.In(lang), args...)
}

// Localize implements [Localizer], so a message can be an argument of another.
func (m Message) Localize(lang Lang) string { return m.Render(lang) }
