// Package imports holds the test that keeps tally's packages in their
// places: only xlsx uses the workbook-editing library (and the tests, through
// their helpers in internal/testkit, which only tests import), and the model,
// the grids and the table finder read no files, start no programs and open no
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

const (
	excelize = "github.com/xuri/excelize/v2"
	testkit  = "tally/internal/testkit"
)

// pkg is what go list says of a package: Imports and Deps are of its
// non-test files only, TestImports and XTestImports of its tests.
type pkg struct {
	ImportPath   string
	Imports      []string
	Deps         []string
	TestImports  []string
	XTestImports []string
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
	for _, want := range []string{"tally", "tally/grid", "tally/table", "tally/source", "tally/read", "tally/schema", "tally/xlsx", testkit} {
		if _, ok := pkgs[want]; !ok {
			t.Errorf("no package %s", want)
		}
	}
	for path, p := range pkgs {
		// The tools that make the fixtures build workbooks with it too, and
		// so do the tests, with testkit.
		if path != "tally/xlsx" && path != testkit && !strings.HasPrefix(path, "tally/tools/") && slices.Contains(p.Imports, excelize) {
			t.Errorf("%s imports excelize: only xlsx may", path)
		}
	}
	// testkit is the tests' own: no package of the program imports it, not
	// even through another package, while tests do.
	usedByTests := false
	for path, p := range pkgs {
		if slices.Contains(p.Imports, testkit) {
			t.Errorf("%s imports %s: only tests may", path, testkit)
		} else if slices.Contains(p.Deps, testkit) {
			t.Errorf("%s depends on %s: only tests may", path, testkit)
		}
		usedByTests = usedByTests || slices.Contains(p.TestImports, testkit) || slices.Contains(p.XTestImports, testkit)
	}
	if !usedByTests {
		t.Errorf("no package's tests import %s: the check above would hold of nothing", testkit)
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
