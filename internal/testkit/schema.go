package testkit

import (
	"testing"

	"github.com/stretchr/testify/require"

	"tally/schema"
)

// Gov2018 is the built-in schema gov-info-2018, the 2018 table; a test
// fails when it is missing.
func Gov2018(t testing.TB) *schema.Schema {
	t.Helper()
	s, ok := schema.Builtin("gov-info-2018")
	require.True(t, ok)
	return s
}

// Kinds are a submission's findings as kind@cell, in the order of
// FindingList.
func Kinds(sub *schema.Submission) []string {
	var out []string
	for _, f := range sub.FindingList() {
		out = append(out, f.Kind+"@"+f.Cell)
	}
	return out
}
