package schema

import (
	"embed"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

var builtins = sync.OnceValue(func() map[string]*Schema {
	out := map[string]*Schema{}
	entries, _ := builtinFS.ReadDir("builtin")
	for _, e := range entries {
		data, _ := builtinFS.ReadFile("builtin/" + e.Name())
		s := mustParse(path.Join("builtin", e.Name()), data)
		out[s.ID] = s
	}
	return out
})

// Builtin returns the built-in schema with the given id.
func Builtin(id string) (*Schema, bool) {
	s, ok := builtins()[id]
	return s, ok
}

// Builtins returns every built-in schema, sorted by id.
func Builtins() []*Schema {
	var out []*Schema
	for _, s := range builtins() {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// IsBuiltinID reports whether name looks like a schema id rather than a file.
func IsBuiltinID(name string) bool {
	return !strings.ContainsAny(name, "/\\.")
}
