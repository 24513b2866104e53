package schema

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateDecoded = flag.Bool("update-decoded", false, "rewrite builtin/decoded/*.json from the built-in YAML schemas")

// The decoded form of each built-in schema is its YAML file decoded: the
// built-in schemas load from it, so it must never lag behind the YAML
// (go generate ./schema rewrites it).
func TestBuiltinDecodedUpToDate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("builtin", "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		want, err := decodedForm(f, data)
		require.NoError(t, err)
		out := filepath.Join("builtin", "decoded", strings.TrimSuffix(filepath.Base(f), ".yaml")+".json")
		if *updateDecoded {
			require.NoError(t, os.WriteFile(out, want, 0o644))
			continue
		}
		got, err := os.ReadFile(out)
		require.NoError(t, err, "run go generate ./schema")
		assert.Equal(t, string(want), string(got), "%s is stale: run go generate ./schema", out)
	}
}

// A built-in schema loaded from its decoded form is the schema its YAML
// gives: the same cells, names, rules and links.
func TestBuiltinDecodedLoadsAlike(t *testing.T) {
	for _, b := range Builtins() {
		y, err := Parse(b.Source, b.Text)
		require.NoError(t, err)
		assert.Equal(t, y.Keys(), b.Keys(), b.ID)
		assert.Equal(t, y.Relations(), b.Relations(), b.ID)
		for _, k := range y.Keys() {
			assert.Equal(t, y.CellName(k, Zh), b.CellName(k, Zh))
			assert.Equal(t, y.CellName(k, En), b.CellName(k, En))
			cy, _ := y.Cell(k)
			cb, _ := b.Cell(k)
			assert.Equal(t, [4]any{cy.Kind(), cy.Places(), cy.Negative(), cy.Unit()}, [4]any{cb.Kind(), cb.Places(), cb.Negative(), cb.Unit()}, k)
		}
		assert.Equal(t, len(y.Previous), len(b.Previous))
		assert.Equal(t, y.Hash(), b.Hash())
	}
}
