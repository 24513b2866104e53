package schema

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// A Rule is a relation between value cells, written in the schema in one of
// four forms:
//
//	sum: "3.1"                       the total equals the sum of its parts
//	parts: ["3.1.1", "3.1.2"]
//
//	part: "1.1.1"                    a 其中 row is at most its parent
//	whole: "1.1"
//
//	left: ["1.1"]                    Σleft op Σright, op one of = <= >= < >
//	op: "<="
//	right: ["1.2.1", "1.2.2"]
//
//	expr: "v('9.3') >= v('9.2')"     a free boolean expression (expr-lang)
//
// Any rule may carry a condition, when: "v('9.2') > 0", that must hold for the
// rule to apply. In a multi-column table, a code may use * for the row or the
// column ("3.1@*", "*@total"): the rule then stands for one instance per
// column (or per value row) of that table.
type Rule struct {
	ID       string   `yaml:"id"`
	Kind     string   `yaml:"kind"`
	Severity Severity `yaml:"severity"`

	Sum   Code   `yaml:"sum"`
	Parts []Code `yaml:"parts"`

	Part  Code `yaml:"part"`
	Whole Code `yaml:"whole"`

	Left  []Code `yaml:"left"`
	Op    string `yaml:"op"`
	Right []Code `yaml:"right"`

	Expr string `yaml:"expr"`
	When string `yaml:"when"`

	// Message explains the rule to a clerk; required for expr rules.
	Message Text `yaml:"message"`

	path string // YAML path, for positions
}

// A Code is a row code or cell key as written in a schema file. It keeps the
// literal text of unquoted scalars, so 1.10 stays "1.10".
type Code string

// UnmarshalYAML keeps the scalar's literal text. It works on the parsed
// node: asking the YAML library for the scalar's bytes re-formats the whole
// document for every code, which made loading a schema take a tenth of a
// second.
func (c *Code) UnmarshalYAML(n ast.Node) error {
	switch v := n.(type) {
	case *ast.StringNode:
		*c = Code(v.Value)
	case *ast.NullNode:
		*c = ""
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		*c = Code(strings.TrimSpace(n.GetToken().Value))
	default:
		return fmt.Errorf("a row code or cell key is one value, such as 3.1 or \"3.3.1@natural\", not a %s", n.Type())
	}
	return nil
}

// Text is a message in the languages tally speaks.
type Text struct {
	Zh string `yaml:"zh"`
	En string `yaml:"en"`
}

// In returns the text in lang, falling back to Chinese.
func (t Text) In(lang Lang) string {
	if lang == En && t.En != "" {
		return t.En
	}
	return t.Zh
}

func codes(cs []Code) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}
