package schema

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/parser"
)

// The built-in schemas are YAML files; beside each, its decoded form as
// JSON (builtin/decoded/ID.json, made by go generate and checked by
// TestBuiltinDecodedUpToDate), which loads in a fraction of the time the YAML
// takes: loading the schemas was most of a one-file run.
//
//go:generate go test -run TestBuiltinDecodedUpToDate -update-decoded

//go:embed builtin/*.yaml builtin/decoded/*.json
var builtinFS embed.FS

var builtins = sync.OnceValue(func() map[string]*Schema {
	entries, _ := builtinFS.ReadDir("builtin")
	var parsed []*Schema
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := loadBuiltin(e.Name())
			mu.Lock()
			parsed = append(parsed, s)
			mu.Unlock()
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

// loadBuiltin loads a built-in schema from its decoded form, or from its
// YAML when the decoded form is missing.
func loadBuiltin(file string) *Schema {
	name := path.Join("builtin", file)
	data, _ := builtinFS.ReadFile(name)
	decoded, err := builtinFS.ReadFile(path.Join("builtin", "decoded", strings.TrimSuffix(file, ".yaml")+".json"))
	if err != nil {
		return mustParse(name, data)
	}
	s := &Schema{}
	if err := json.Unmarshal(decoded, s); err != nil {
		panic(fmt.Sprintf("%s: the decoded form does not load: %v", name, err))
	}
	s, err = compileSchema(s, name, data, nil)
	if err != nil {
		panic(err)
	}
	return s
}

// decodedForm is a schema file decoded, as JSON: what loadBuiltin reads.
func decodedForm(name string, data []byte) ([]byte, error) {
	s := &Schema{}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, ErrorList{yamlError(name, err)}
	}
	if err := decode(file, s); err != nil {
		return nil, ErrorList{yamlError(name, err)}
	}
	out, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
