package schema

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// form is the shape of a rule.
type form int

const (
	formSum form = iota + 1
	formOfWhich
	formBound
	formExpr
)

// check is one instance of a rule, with every code resolved to a cell key.
type check struct {
	rule     *Rule
	id       string
	kind     string
	severity Severity
	form     form
	left     []string // sum: the total; of-which: the part
	right    []string // sum: the parts; of-which: the whole
	op       string
	expr     *compiled
	when     *compiled
	subst    func(string) string
	codes    []string
	star     string // "row" or "col" for an instance of an expanded rule
}

var ops = map[string]bool{"=": true, "<=": true, ">=": true, "<": true, ">": true}

func (c *compiler) rules() {
	ids := map[string]string{}
	for i, r := range c.s.Rules {
		if r == nil {
			c.errorf(fmt.Sprintf("$.rules[%d]", i), "empty rule entry")
			continue
		}
		r.path = fmt.Sprintf("$.rules[%d]", i)
		for _, ck := range c.rule(r) {
			if _, dup := ids[ck.id]; dup && r.ID == "" && ck.star != "" {
				// The cell where a row-wise and a column-wise sum meet.
				ck.id += "/" + ck.star + "s"
			}
			if prev, dup := ids[ck.id]; dup {
				c.errorf(r.path, "rule id %q is also the id of %s; give one an explicit id", ck.id, prev)
				continue
			}
			ids[ck.id] = r.path
			c.s.checks = append(c.s.checks, ck)
		}
	}
	c.cycles()
}

// rule validates one rule and expands it into its instances.
func (c *compiler) rule(r *Rule) []*check {
	p := r.path
	forms := 0
	base := &check{rule: r, severity: r.Severity, kind: r.Kind}
	if r.Sum != "" || len(r.Parts) > 0 {
		forms++
		base.form, base.kind = formSum, or(r.Kind, KindSum)
		base.left, base.right, base.op = []string{string(r.Sum)}, codes(r.Parts), "="
		if r.Sum == "" || len(r.Parts) == 0 {
			c.errorf(p, "a sum rule needs both sum and parts")
			return nil
		}
	}
	if r.Part != "" || r.Whole != "" {
		forms++
		base.form, base.kind = formOfWhich, or(r.Kind, KindOfWhich)
		base.left, base.right, base.op = []string{string(r.Part)}, []string{string(r.Whole)}, "<="
		if r.Part == "" || r.Whole == "" {
			c.errorf(p, "an of-which rule needs both part and whole")
			return nil
		}
	}
	if len(r.Left) > 0 || len(r.Right) > 0 || r.Op != "" {
		forms++
		base.form, base.kind = formBound, or(r.Kind, KindBound)
		base.left, base.right, base.op = codes(r.Left), codes(r.Right), r.Op
		if len(r.Left) == 0 || len(r.Right) == 0 || !ops[r.Op] {
			c.errorf(p, "a bound rule needs left, right and op (one of = <= >= < >)")
			return nil
		}
	}
	if r.Expr != "" {
		forms++
		base.form, base.kind = formExpr, or(r.Kind, KindConsistency)
		if r.Message.Zh == "" {
			c.errorf(p, "an expr rule needs a message (zh, and en if you can) telling the clerk what is wrong")
		}
	}
	if forms != 1 {
		c.errorf(p, "a rule takes exactly one of: sum/parts, part/whole, left/op/right, expr")
		return nil
	}
	if !known(base.kind) {
		c.errorf(p+".kind", "unknown finding kind %q", base.kind)
	}
	switch base.severity {
	case "":
		base.severity = Error
		if base.kind == KindConsistency {
			base.severity = Warning
		}
	case Error, Warning, Info:
	default:
		c.errorf(p+".severity", "unknown severity %q (error, warning or info)", base.severity)
	}
	var err error
	if r.Expr != "" {
		if base.expr, err = compileExpr(r.Expr); err != nil {
			c.errorf(p+".expr", "%v", oneLine(err))
			return nil
		}
	}
	if r.When != "" {
		if base.when, err = compileExpr(r.When); err != nil {
			c.errorf(p+".when", "%v", oneLine(err))
			return nil
		}
	}
	all := append(append([]string{}, base.left...), base.right...)
	if base.expr != nil {
		all = append(all, base.expr.codes...)
	}
	if base.when != nil {
		all = append(all, base.when.codes...)
	}
	if len(all) == 0 {
		c.errorf(p, "the rule reads no cells")
		return nil
	}
	if base.form == formSum {
		for i, part := range base.right {
			if part == base.left[0] {
				c.errorf(fmt.Sprintf("%s.parts[%d]", p, i), "the total %s is listed among its own parts", part)
			}
			for _, other := range base.right[:i] {
				if other == part {
					c.errorf(fmt.Sprintf("%s.parts[%d]", p, i), "part %s is listed twice", part)
				}
			}
		}
	}
	return c.expand(base, all)
}

// expand resolves the rule's codes to cell keys, one instance per column or
// row when the codes use *.
func (c *compiler) expand(base *check, all []string) []*check {
	p := base.rule.path
	var table *Table
	star := "" // "row" or "col"
	for _, code := range all {
		row, col := SplitKey(code)
		dim := ""
		switch {
		case row == "*" && col == "*":
			c.errorf(p, "%q: * may stand for the row or the column, not both", code)
			return nil
		case row == "*":
			dim = "row"
		case col == "*":
			dim = "col"
		}
		if dim != "" {
			if star != "" && star != dim {
				c.errorf(p, "one rule cannot expand over both rows and columns")
				return nil
			}
			star = dim
		}
		var t *Table
		if row != "*" {
			r, ok := c.s.rows[row]
			if !ok {
				c.errorf(p, "unknown row code %q", row)
				continue
			}
			if r.Heading {
				c.errorf(p, "row %s is a heading and has no value", row)
				continue
			}
			t = r.table
		}
		if col != "*" && t != nil {
			if _, ok := c.s.cells[code]; !ok {
				if t.Single() {
					c.errorf(p, "%q: table %s has a single value column; write the row code alone", code, t.ID)
				} else {
					c.errorf(p, "%q: table %s has no such cell (use ROW@COL with one of its column codes)", code, t.ID)
				}
				continue
			}
		}
		if t != nil {
			if table != nil && table != t {
				c.errorf(p, "a rule with * must stay within one table")
			}
			table = t
		}
	}
	if star == "" {
		ck := *base
		ck.subst = same
		ck.codes = dedupe(all)
		ck.id = or(base.rule.ID, ck.kind+":"+ck.codes[0])
		return []*check{&ck}
	}
	if table == nil && star == "row" {
		table = c.tableWithColumns(all)
	}
	if table == nil {
		c.errorf(p, "a rule with * needs a code that names its table (a row code, or column codes only one table has)")
		return nil
	}
	var fills []string
	if star == "col" {
		for _, col := range table.Columns {
			fills = append(fills, col.Code)
		}
	} else {
		for _, r := range table.Rows {
			if !r.Heading {
				fills = append(fills, r.Code)
			}
		}
	}
	var out []*check
	for _, fill := range fills {
		subst := func(code string) string {
			row, col := SplitKey(code)
			if star == "col" && col == "*" {
				return Key(row, fill)
			}
			if star == "row" && row == "*" {
				return Key(fill, col)
			}
			return code
		}
		ck := *base
		ck.subst, ck.star = subst, star
		ck.left, ck.right = mapStrings(base.left, subst), mapStrings(base.right, subst)
		ck.codes = dedupe(mapStrings(all, subst))
		if base.rule.ID != "" {
			ck.id = base.rule.ID + "/" + fill
		} else {
			ck.id = ck.kind + ":" + ck.codes[0]
		}
		missing := false
		for _, k := range ck.codes {
			if _, ok := c.s.cells[k]; !ok {
				missing = true
			}
		}
		if !missing {
			out = append(out, &ck)
		}
	}
	return out
}

// tableWithColumns is the one table that has every column code the codes
// name, or nil.
func (c *compiler) tableWithColumns(codes []string) *Table {
	var found *Table
	for _, t := range c.s.Tables {
		has := map[string]bool{}
		for _, col := range t.Columns {
			has[col.Code] = true
		}
		all := true
		for _, code := range codes {
			if _, col := SplitKey(code); col != "*" && !has[col] {
				all = false
			}
		}
		if all {
			if found != nil {
				return nil
			}
			found = t
		}
	}
	return found
}

// cycles reports sums whose totals depend on themselves.
func (c *compiler) cycles() {
	parts := map[string][]string{}
	path := map[string]string{}
	for _, ck := range c.s.checks {
		if ck.form == formSum {
			parts[ck.left[0]] = append(parts[ck.left[0]], ck.right...)
			path[ck.left[0]] = ck.rule.path
		}
	}
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var visit func(k string) bool
	visit = func(k string) bool {
		color[k] = grey
		stack = append(stack, k)
		for _, p := range parts[k] {
			if p == k {
				continue // reported as a total among its own parts
			}
			switch color[p] {
			case grey:
				i := 0
				for stack[i] != p {
					i++
				}
				loop := append(append([]string{}, stack[i:]...), p)
				c.errorf(path[p], "sums form a cycle: %s", strings.Join(loop, " → "))
				return true
			case white:
				if visit(p) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[k] = black
		return false
	}
	for _, ck := range c.s.checks {
		if ck.form == formSum && color[ck.left[0]] == white {
			stack = stack[:0]
			visit(ck.left[0])
		}
	}
}

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
		f.Msg = Msg("rule.expr", Both(ck.rule.Message), s.terms(sub, ck.codes, ", "))
		f.Formula = Msg("formula.expr", ck.rule.Expr)
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
		f.Msg = Msg("rule.sum", l, left, r, right, left.Sub(right).Abs())
	case formOfWhich:
		f.Msg = Msg("rule.of-which", l, left, r, right)
	default:
		id := "rule.bound"
		if ck.severity != Error {
			id = "rule.bound.soft"
		}
		f.Msg = Msg(id, l, left, opWord(ck.op), r, right)
	}
	if ck.rule.Message.Zh != "" {
		f.Msg = Msg("rule.with-note", f.Msg, Both(ck.rule.Message))
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
	f.Formula = Msg("formula", lf, op, rf, left, failed(ck.op), right)
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
