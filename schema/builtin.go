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
	// Parsed side by side: loading them is most of a one-file run.
	entries, _ := builtinFS.ReadDir("builtin")
	parsed := make([]*Schema, len(entries))
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, _ := builtinFS.ReadFile("builtin/" + e.Name())
			parsed[i] = mustParse(path.Join("builtin", e.Name()), data)
		}()
	}
	wg.Wait()
	out := map[string]*Schema{}
	for _, s := range parsed {
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
