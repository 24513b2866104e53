package schema

// compile.go turns a schema's rules into checks: each rule expanded over
// the rows and columns it names, and the rules' cycles refused.

import (
	"fmt"
	"strings"
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
