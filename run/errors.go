package run

import (
	"tally/errtext"
	"tally/schema"
)

// An Error is a run that could not do what it was asked, with the reason
// in either language (the command line exits with status 2 on one).
type Error struct {
	Kind ErrorKind
	msg  *errtext.Message
}

// ErrorKind tells why a run could not do what it was asked.
type ErrorKind int

const (
	// Refused: the configuration asks for what cannot be done — a value
	// out of range, a schema or roster that cannot be used, an output that
	// is a folder, in a folder that does not exist, or that would be
	// written over an input or another output. Found before anything is
	// read or written.
	Refused ErrorKind = iota + 1
	// Nothing: there is nothing to check (no path exists, the folders hold
	// no file tally reads, only documents that are no tables) or nothing
	// to sum. The Result, when there is one, says what each file is.
	Nothing
	// Unwritten: an output could not be written (a full disk, a file open
	// in Excel); the outputs before it are written.
	Unwritten
)

func (e *Error) Error() string { return e.msg.Error() }

// Localize implements [schema.Localizer]: the reason in lang.
func (e *Error) Localize(lang schema.Lang) string { return e.msg.Localize(lang) }

// refused, nothing and unwritten make an Error of a catalogue message
// (errtext.Msg: its arguments shown escaped).
func refused(id *schema.Def, args ...any) *Error {
	return &Error{Kind: Refused, msg: errtext.Msg(id, args...)}
}

func nothing(id *schema.Def, args ...any) *Error {
	return &Error{Kind: Nothing, msg: errtext.Msg(id, args...)}
}

// unwritten is an output that could not be written: what names it (the
// flag) and why.
func unwritten(flag string, err error) *Error {
	return &Error{Kind: Unwritten, msg: errtext.Msg(msgRunOutputFailed, flag, errtext.Of(err))}
}
