//go:build !windows

package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A file is converted once however often a run asks for it: the reader and
// the marked-up copy take the same conversion.
func TestConversionsAreKept(t *testing.T) {
	dir := t.TempDir()
	calls := filepath.Join(dir, "calls")
	office := filepath.Join(dir, "soffice")
	// A stand-in for LibreOffice: it "converts" by copying the input into
	// --outdir under the name LibreOffice gives, and counts its calls.
	script := `#!/bin/sh
echo x >> ` + calls + `
while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; shift; done
mkdir -p "$out"; base=$(basename "$1"); cp "$1" "$out/${base%.*}.xlsx"
`
	require.NoError(t, os.WriteFile(office, []byte(script), 0o755))
	s := &Soffice{Path: office}
	one, two := []byte("一份旧版工作簿 "+t.Name()), []byte("另一份 "+t.Name())
	for range 3 {
		out, err := s.Convert(one, ".xls")
		require.NoError(t, err)
		assert.Equal(t, one, out)
	}
	out, err := s.Convert(two, ".xls")
	require.NoError(t, err)
	assert.Equal(t, two, out)
	_, err = s.Convert(one, ".ods") // another kind of file is another conversion
	require.NoError(t, err)
	n, err := os.ReadFile(calls)
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(string(n), "x"), "one conversion for each file and kind")
}

// The kept conversions are bounded in bytes, the oldest going first.
func TestConversionCacheBound(t *testing.T) {
	c := &conversionCache{max: 10, data: map[conversionKey][]byte{}}
	k := func(b byte) conversionKey { return conversionKey{sum: [32]byte{b}, ext: ".xls"} }
	c.put(k(1), []byte("aaaa"))
	c.put(k(2), []byte("bbbb"))
	c.put(k(3), []byte("cccc"))
	_, ok := c.get(k(1))
	assert.False(t, ok, "the oldest went")
	_, ok = c.get(k(3))
	assert.True(t, ok)
	c.put(k(4), []byte("more than the whole cache"))
	_, ok = c.get(k(4))
	assert.False(t, ok, "a result larger than the bound is not kept")
	assert.LessOrEqual(t, c.size, c.max)
}
