package errtext

import (
	"tally/printable"
	"tally/schema"
)

// A Message is an error whose text is a message of the catalogues
// ([schema.Msg]), given in the language asked for: tally's own refusals and
// the reasons it gives for a file it cannot read or write. Its Error
// method gives the English.
type Message struct{ m schema.Message }

// Msg makes an error of a catalogue message. Its arguments — paths, names,
// errors, texts from submissions — are shown with their control characters
// escaped ([printable.Line]), line breaks too, but for [Lines].
func Msg(id *schema.Def, args ...any) *Message {
	shown := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Lines:
			shown[i] = printable.Text(string(v))
		case string:
			shown[i] = printable.Line(v)
		case schema.Localizer:
			shown[i] = printableArg{v}
		case error:
			shown[i] = printable.Line(v.Error())
		default:
			shown[i] = a
		}
	}
	return &Message{schema.Msg(id, shown...)}
}

// Lines is a message argument of several lines (a schema file's errors,
// one a line), which keep their line breaks.
type Lines string

// printableArg is a message argument in either language, shown with its
// control characters escaped.
type printableArg struct{ l schema.Localizer }

// Localize implements [schema.Localizer].
func (p printableArg) Localize(lang schema.Lang) string { return printable.Line(p.l.Localize(lang)) }

func (e *Message) Error() string { return e.m.Render(schema.En) }

// Localize implements [schema.Localizer].
func (e *Message) Localize(lang schema.Lang) string { return e.m.Render(lang) }
