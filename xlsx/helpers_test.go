package xlsx

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
	tallyread "tally/read"
	"tally/schema"
)

// The tests of the marked-up copies and of reading back tally's own
// workbooks read submissions as the command does (package read).

func read(t testing.TB, data []byte, name string) *schema.Submission {
	t.Helper()
	return tallyread.File(data, name, tallyread.Options{Schemas: []*schema.Schema{testkit.Gov2018(t)}})
}

// readUnits reads last year's tables from a file as the command does.
func readUnits(data []byte, name string) []*schema.Submission {
	return tallyread.Units(data, name, tallyread.Options{Schemas: schema.Builtins()})
}

// Workbooks other programs write without a style sheet or sheet views
// (system exports, files with a sheet per year) still get a marked-up copy.
func TestAnnotateSparseWorkbooks(t *testing.T) {
	for _, name := range []string{"28_民主镇_系统导出.xlsx", "08_柳河镇2018年统计表.xlsx"} {
		data := testkit.Fixture(t, "wild/"+name)
		sub := read(t, data, name)
		require.False(t, sub.Unreadable)
		sub.Add(schema.Finding{Severity: schema.Error, Kind: schema.KindSum, Sheet: sub.Sheet, Cell: sub.Values["1.1"].Ref, Msg: schema.Msg(schema.MustLookup("read.circular"), "x", "")})
		marked, err := Annotate(data, name, sub, nil, schema.Zh)
		require.NoError(t, err, name)
		var dump bytes.Buffer
		require.NoError(t, Dump(&dump, marked))
		assert.Contains(t, dump.String(), "comment "+sub.Values["1.1"].Ref, name)
	}
}
