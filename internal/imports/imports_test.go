// Package imports holds the test that keeps tally's packages in their
// places: only xlsx uses the workbook-editing library, and the model, the
// grids and the table finder read no files, start no programs and open no
// archives or connections.
package imports

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const excelize = "github.com/xuri/excelize/v2"

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// list lists tally's packages with their imports and dependencies.
func list(t *testing.T) map[string]pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "tally/...")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(&out)
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	return pkgs
}

func TestImports(t *testing.T) {
	pkgs := list(t)
	for _, want := range []string{"tally", "tally/grid", "tally/table", "tally/source", "tally/read", "tally/schema", "tally/xlsx"} {
		if _, ok := pkgs[want]; !ok {
			t.Errorf("no package %s", want)
		}
	}
	for path, p := range pkgs {
		// The tools that make the fixtures build workbooks with it too.
		if path != "tally/xlsx" && !strings.HasPrefix(path, "tally/tools/") && slices.Contains(p.Imports, excelize) {
			t.Errorf("%s imports excelize: only xlsx may", path)
		}
	}
	// The pure packages: no files, programs, archives or connections, not
	// even through another package, and nothing of excelize.
	for _, path := range []string{"tally/grid", "tally/table", "tally/schema"} {
		p := pkgs[path]
		for _, imp := range p.Imports {
			if imp == "os" || imp == "os/exec" || imp == "archive/zip" || imp == "net" || strings.HasPrefix(imp, "net/") || imp == "io/ioutil" {
				t.Errorf("%s imports %s", path, imp)
			}
		}
		for _, dep := range p.Deps {
			if dep == excelize || dep == "os/exec" || dep == "archive/zip" || dep == "net" || strings.HasPrefix(dep, "net/") {
				t.Errorf("%s depends on %s", path, dep)
			}
		}
	}
	// grid is the standard library's only; table is grid's and schema's,
	// with exact decimals.
	for _, imp := range pkgs["tally/grid"].Imports {
		if strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") || strings.HasPrefix(imp, "tally") {
			t.Errorf("tally/grid imports %s", imp)
		}
	}
	for _, imp := range pkgs["tally/table"].Imports {
		switch {
		case imp == "tally/grid", imp == "tally/schema", imp == "github.com/shopspring/decimal":
		case strings.Contains(strings.SplitN(imp, "/", 2)[0], "."), strings.HasPrefix(imp, "tally"):
			t.Errorf("tally/table imports %s", imp)
		}
	}
}
