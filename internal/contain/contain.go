// Package contain holds tally's one recover. A panic is a bug in tally or
// in a library it calls (a YAML decoder, excelize) tripped by a file; it
// must become that file's verdict — a finding, a refusal of one schema, a
// copy not marked up — and never end a run over other people's files.
// The places where such a verdict is made call [Call]; nothing else in
// tally recovers, which a test in internal/imports checks.
//
// contain imports only the standard library.
package contain

// Call runs fn and returns what it panicked with, or nil when it returned.
// (A panic with a nil value comes back as a *runtime.PanicNilError.)
func Call(fn func()) (panicked any) {
	defer func() { panicked = recover() }()
	fn()
	return nil
}
