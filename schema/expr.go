package schema

import (
	"fmt"
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
	"github.com/shopspring/decimal"
)

// Free expressions (a rule's expr and when) are expr-lang expressions over
// exact decimals. v('3.1') is the value of a cell (a blank cell is 0); number
// literals are exact decimals; + - * / and comparisons are exact; sum('a',
// 'b', …) adds cells; abs(x) is the absolute value. In a rule that expands
// over a matrix, * in a code stands for the instance's row or column.

// dec is the value type expressions compute with.
type dec = decimal.Decimal

var decType = reflect.TypeOf(decimal.Decimal{})

// exprEnv builds the environment an expression runs in: v and sum read the
// cells of one submission through values, with codes rewritten by subst;
// missing records that a cell had no value.
func exprEnv(values func(string) (dec, bool), subst func(string) string, missing *bool) map[string]any {
	cell := func(code string) dec {
		d, ok := values(subst(code))
		if !ok {
			*missing = true
		}
		return d
	}
	return map[string]any{
		"v": cell,
		"sum": func(codes ...string) dec {
			var t dec
			for _, c := range codes {
				t = t.Add(cell(c))
			}
			return t
		},
	}
}

// literals rewrites number literals into exact decimals, so that 0.1 + 0.2
// is 0.3 in every expression.
type literals struct{}

func (literals) Visit(node *ast.Node) {
	var text string
	switch n := (*node).(type) {
	case *ast.IntegerNode:
		text = fmt.Sprint(n.Value)
	case *ast.FloatNode:
		text = decimal.NewFromFloat(n.Value).String()
	default:
		return
	}
	call := &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: "lit"},
		Arguments: []ast.Node{&ast.StringNode{Value: text}},
	}
	ast.Patch(node, call)
	(*node).SetType(decType)
}

// cellRefs collects the codes passed to v() and sum() in an expression.
type cellRefs struct{ codes []string }

func (c *cellRefs) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	id, ok := call.Callee.(*ast.IdentifierNode)
	if !ok || (id.Value != "v" && id.Value != "sum") {
		return
	}
	for _, a := range call.Arguments {
		if s, ok := a.(*ast.StringNode); ok {
			c.codes = append(c.codes, s.Value)
		}
	}
}

// compiled is a compiled expression with the codes it reads.
type compiled struct {
	prog  *vm.Program
	codes []string
}

func exprOptions() []expr.Option {
	bin := func(name string, f func(a, b dec) any, t any) expr.Option {
		return expr.Function(name, func(p ...any) (any, error) {
			return f(p[0].(dec), p[1].(dec)), nil
		}, t)
	}
	arith := new(func(dec, dec) dec)
	cmp := new(func(dec, dec) bool)
	none := func(string) (dec, bool) { return dec{}, true }
	same := func(s string) string { return s }
	return []expr.Option{
		expr.Env(exprEnv(none, same, new(bool))),
		expr.AsBool(),
		expr.DisableAllBuiltins(),
		expr.Patch(literals{}),
		expr.Function("lit", func(p ...any) (any, error) {
			return decimal.NewFromString(p[0].(string))
		}, new(func(string) dec)),
		expr.Function("abs", func(p ...any) (any, error) {
			return p[0].(dec).Abs(), nil
		}, new(func(dec) dec)),
		bin("add", func(a, b dec) any { return a.Add(b) }, arith),
		bin("sub", func(a, b dec) any { return a.Sub(b) }, arith),
		bin("mul", func(a, b dec) any { return a.Mul(b) }, arith),
		bin("div", func(a, b dec) any {
			if b.IsZero() {
				return decimal.Zero
			}
			return a.DivRound(b, 16)
		}, arith),
		bin("eq", func(a, b dec) any { return a.Equal(b) }, cmp),
		bin("ne", func(a, b dec) any { return !a.Equal(b) }, cmp),
		bin("lt", func(a, b dec) any { return a.LessThan(b) }, cmp),
		bin("le", func(a, b dec) any { return a.LessThanOrEqual(b) }, cmp),
		bin("gt", func(a, b dec) any { return a.GreaterThan(b) }, cmp),
		bin("ge", func(a, b dec) any { return a.GreaterThanOrEqual(b) }, cmp),
		expr.Operator("+", "add"),
		expr.Operator("-", "sub"),
		expr.Operator("*", "mul"),
		expr.Operator("/", "div"),
		expr.Operator("==", "eq"),
		expr.Operator("!=", "ne"),
		expr.Operator("<", "lt"),
		expr.Operator("<=", "le"),
		expr.Operator(">", "gt"),
		expr.Operator(">=", "ge"),
	}
}

// compileExpr compiles a boolean expression and lists the codes it reads.
func compileExpr(src string) (*compiled, error) {
	refs := &cellRefs{}
	prog, err := expr.Compile(src, append(exprOptions(), expr.Patch(refs))...)
	if err != nil {
		return nil, err
	}
	return &compiled{prog: prog, codes: refs.codes}, nil
}

// run evaluates the expression; ok is false when a cell it reads has no value.
func (c *compiled) run(values func(string) (dec, bool), subst func(string) string) (result, ok bool, err error) {
	missing := false
	out, err := expr.Run(c.prog, exprEnv(values, subst, &missing))
	if err != nil {
		return false, false, err
	}
	if missing {
		return false, false, nil
	}
	b, _ := out.(bool)
	return b, true, nil
}
