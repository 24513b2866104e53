package schema

import (
	"strings"

	"github.com/shopspring/decimal"
)

// Check evaluates every rule of the schema on a submission and returns the
// findings, in rule order. A rule is skipped when a cell it reads has no
// usable value (that cell has its own finding already).
func (s *Schema) Check(sub *Submission) []Finding {
	var out []Finding
	for _, ck := range s.checks {
		if f, ok := ck.eval(s, sub); ok {
			out = append(out, f)
		}
	}
	return out
}

func (ck *check) eval(s *Schema, sub *Submission) (Finding, bool) {
	if ck.when != nil {
		holds, ok, err := ck.when.run(sub.Get, ck.subst)
		if err != nil || !ok || !holds {
			return Finding{}, false
		}
	}
	f := Finding{
		Severity: ck.severity, Kind: ck.kind, Rule: ck.id,
		Codes: ck.codes, Cell: sub.Ref(ck.codes[0]),
	}
	if ck.form == formExpr {
		holds, ok, err := ck.expr.run(sub.Get, ck.subst)
		if err != nil || !ok || holds {
			return Finding{}, false
		}
		f.Msg = Msg(msgRuleExpr, Both(ck.rule.Message), s.terms(sub, ck.codes, ", "))
		f.Formula = Msg(msgFormulaExpr, ck.rule.Expr)
		return f, true
	}
	left, ok1 := sum(sub, ck.left)
	right, ok2 := sum(sub, ck.right)
	if !ok1 || !ok2 || compare(left, ck.op, right) {
		return Finding{}, false
	}
	f.Expected, f.Actual = &right, &left
	l, r := s.terms(sub, ck.left, "+"), s.terms(sub, ck.right, "+")
	switch ck.form {
	case formSum:
		f.Msg = Msg(msgRuleSum, l, left, r, right, left.Sub(right).Abs())
	case formOfWhich:
		f.Msg = Msg(msgRuleOfWhich, l, left, r, right)
	default:
		id := msgRuleBound
		if ck.severity != Error {
			id = msgRuleBoundSoft
		}
		f.Msg = Msg(id, l, left, opWord(ck.op), r, right)
	}
	if ck.rule.Message.Zh != "" {
		f.Msg = Msg(msgRuleWithNote, f.Msg, Both(ck.rule.Message))
	}
	// The rule as a formula a clerk can read:
	// 收到申请数(C24)=当面+传真+网络+信函: 6 ≠ 5.
	lf := termList{s: s, sub: sub, keys: ck.left, sep: "+", firstRefOnly: true}
	rf := termList{s: s, keys: ck.right, sep: "+"}
	op := ck.op
	if op == "<=" {
		op = "≤"
	} else if op == ">=" {
		op = "≥"
	}
	f.Formula = Msg(msgFormula, lf, op, rf, left, failed(ck.op), right)
	return f, true
}

// failed is the relation that holds when op does not.
func failed(op string) string {
	switch op {
	case "<=":
		return ">"
	case ">=":
		return "<"
	case "<":
		return "≥"
	case ">":
		return "≤"
	}
	return "≠"
}

func sum(sub *Submission, keys []string) (decimal.Decimal, bool) {
	var t decimal.Decimal
	for _, k := range keys {
		v, ok := sub.Get(k)
		if !ok {
			return t, false
		}
		t = t.Add(v)
	}
	return t, true
}

func compare(a decimal.Decimal, op string, b decimal.Decimal) bool {
	c := a.Cmp(b)
	switch op {
	case "=":
		return c == 0
	case "<=":
		return c <= 0
	case ">=":
		return c >= 0
	case "<":
		return c < 0
	case ">":
		return c > 0
	}
	return false
}

// CellName is the display name of a cell: the row's name, and in a matrix
// the column's label after a middle dot.
func (s *Schema) CellName(key string, lang Lang) string {
	c, ok := s.cells[key]
	if !ok {
		return key
	}
	name := c.Row.DisplayName(lang)
	if !c.Table.Single() {
		col := c.Column.Label
		if c.Column.Name != "" {
			col = c.Column.Name
		}
		if lang == En && c.Column.En != "" {
			col = c.Column.En
		}
		if c.Row.Unlabeled {
			return col
		}
		name += "·" + col
	}
	return name
}

// terms renders cells as "name(C24)" joined by sep, in the message's language.
type termList struct {
	s            *Schema
	sub          *Submission // nil: no cell references
	keys         []string
	sep          string
	firstRefOnly bool
}

func (s *Schema) terms(sub *Submission, keys []string, sep string) termList {
	return termList{s: s, sub: sub, keys: keys, sep: sep}
}

func (t termList) Localize(lang Lang) string {
	parts := make([]string, len(t.keys))
	for i, k := range t.keys {
		parts[i] = t.s.CellName(k, lang)
		if t.sub == nil || t.firstRefOnly && i > 0 {
			continue
		}
		if ref := t.sub.Ref(k); ref != "" {
			parts[i] += "(" + ref + ")"
		}
	}
	return strings.Join(parts, t.sep)
}

func opWord(op string) Both {
	switch op {
	case "<=":
		return Both{Zh: "不应大于", En: "should be at most"}
	case ">=":
		return Both{Zh: "不应小于", En: "should be at least"}
	case "<":
		return Both{Zh: "应小于", En: "should be less than"}
	case ">":
		return Both{Zh: "应大于", En: "should be more than"}
	}
	return Both{Zh: "应等于", En: "should equal"}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func same(s string) string { return s }

func known(kind string) bool {
	for _, k := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// A Relation is one instance of a rule, for tools that show the rules
// elsewhere (a template's live checks): the form (sum, of-which, bound or
// expr), the cells on each side, and whether a condition limits it.
type Relation struct {
	ID       string
	Kind     string
	Severity Severity
	Form     string
	Left     []string
	Op       string
	Right    []string
	// Conditional is set when the rule applies only under a when: condition.
	Conditional bool
	// Rule is the schema's rule the relation is an instance of, and Each
	// says what it is one instance for: "col" (a rule written for every
	// column of a table), "row" (every value row), or "" (the rule itself).
	Rule *Rule
	Each string
}

// Relations lists the schema's rule instances in rule order.
func (s *Schema) Relations() []Relation {
	forms := map[form]string{formSum: "sum", formOfWhich: "of-which", formBound: "bound", formExpr: "expr"}
	out := make([]Relation, 0, len(s.checks))
	for _, ck := range s.checks {
		out = append(out, Relation{ID: ck.id, Kind: ck.kind, Severity: ck.severity, Form: forms[ck.form],
			Left: ck.left, Op: ck.op, Right: ck.right, Conditional: ck.when != nil, Rule: ck.rule, Each: ck.star})
	}
	return out
}
