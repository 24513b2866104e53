package schema

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// A Previous block of a schema says how this year's table relates to last
// year's, when last year's table was in one of the formats From names:
// which cells are comparable (for implausible changes and the 同比 sheet)
// and the rules between the two years, such as 上年结转 = last year's
// 结转下年度继续办理. In the rules, a code prefixed "last:" is a cell of last
// year's table:
//
//	previous:
//	  - from: [gov-info-2019, gov-info-2021]
//	    compare: {same: true}
//	    rules:
//	      - {id: carried-over, left: ["3.2@*"], op: "=", right: ["last:3.4@*"]}
//
// compare: {same: true} compares every cell key both formats have;
// compare: {pairs: [{this: ["3.1@total"], last: ["3.1"]}]} names the
// comparable cells (each side a sum of cells) across a change of format.
// Rules take the left/op/right form of [Rule], kind previous and severity
// error unless they say otherwise.
type Previous struct {
	From    []string `yaml:"from"`
	Compare Compare  `yaml:"compare"`
	Rules   []*Rule  `yaml:"rules"`

	path string
}

// Compare lists the cells of this year's table that can be set beside last
// year's.
type Compare struct {
	Same  bool   `yaml:"same"`
	Pairs []Pair `yaml:"pairs"`
}

// A Pair is one comparable figure: the sum of This in this year's table
// against the sum of Last in last year's.
type Pair struct {
	This []Code `yaml:"this"`
	Last []Code `yaml:"last"`
}

// lastPrefix marks a code of last year's table in a previous rule.
const lastPrefix = "last:"

// A Link relates a schema to the schema of last year's table: the
// comparable figures and the rules between the years.
type Link struct {
	This, Last *Schema
	// Pairs are the comparable figures, in this year's key order.
	Pairs  []Figure
	checks []*yearCheck
}

// A Figure is one comparable figure, with its cell keys resolved.
type Figure struct {
	This, Last []string
}

// yearCheck is one instance of a previous rule: on each side, keys of this
// year's table and of last year's.
type yearCheck struct {
	id          string
	rule        *Rule
	severity    Severity
	kind        string
	op          string
	left, right []yearKey
}

type yearKey struct {
	key  string
	last bool
}

// links caches the links made, by schema pair: schemas are immutable.
var links sync.Map // [2]*Schema -> linkResult

type linkResult struct {
	link *Link
	err  error
}

// LinkTo relates the schema to last year's schema. It returns nil and no
// error when the schema declares nothing for that format, and an
// [ErrorList] when what it declares does not fit the two schemas.
func (s *Schema) LinkTo(last *Schema) (*Link, error) {
	if s == nil || last == nil {
		return nil, nil
	}
	k := [2]*Schema{s, last}
	if r, ok := links.Load(k); ok {
		lr := r.(linkResult)
		return lr.link, lr.err
	}
	l, err := s.link(last)
	links.Store(k, linkResult{l, err})
	return l, err
}

func (s *Schema) link(last *Schema) (*Link, error) {
	c := &compiler{s: s, name: s.Source}
	var block *Previous
	for _, p := range s.Previous {
		if p != nil && slices.Contains(p.From, last.ID) {
			block = p
			break
		}
	}
	if block == nil {
		return nil, nil
	}
	l := c.linkBlock(block, last)
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	return l, nil
}

// previousBlocks checks the previous blocks as far as this schema alone
// allows (last year's codes are checked when the schema is linked), and
// links the blocks that name the schema itself.
func (c *compiler) previousBlocks() {
	for i, p := range c.s.Previous {
		path := fmt.Sprintf("$.previous[%d]", i)
		if p == nil {
			c.errorf(path, "empty previous entry")
			continue
		}
		p.path = path
		if len(p.From) == 0 {
			c.errorf(path, "a previous block names the formats of last year's table it applies to: from: [ID, …]")
		}
		if !p.Compare.Same && len(p.Compare.Pairs) == 0 && len(p.Rules) == 0 {
			c.errorf(path, "a previous block needs compare (same: true, or pairs) or rules")
		}
		if slices.Contains(p.From, c.s.ID) {
			l := c.linkBlock(p, c.s)
			if c.self == nil { // LinkTo takes the first block that names the format
				c.self = l
			}
		}
	}
}

// linkBlock resolves a block against last year's schema.
func (c *compiler) linkBlock(p *Previous, last *Schema) *Link {
	l := &Link{This: c.s, Last: last}
	if p.Compare.Same {
		for _, k := range c.s.keys {
			if _, ok := last.cells[k]; ok {
				l.Pairs = append(l.Pairs, Figure{This: []string{k}, Last: []string{k}})
			}
		}
	}
	for i, pair := range p.Compare.Pairs {
		path := fmt.Sprintf("%s.compare.pairs[%d]", p.path, i)
		if len(pair.This) == 0 || len(pair.Last) == 0 {
			c.errorf(path, "a pair needs this (cells of this year's table) and last (cells of last year's)")
			continue
		}
		ok := true
		for _, k := range pair.This {
			if _, found := c.s.cells[string(k)]; !found {
				c.errorf(path+".this", "%q is no value cell of %s", k, c.s.ID)
				ok = false
			}
		}
		for _, k := range pair.Last {
			if _, found := last.cells[string(k)]; !found {
				c.errorf(path+".last", "%q is no value cell of %s", k, last.ID)
				ok = false
			}
		}
		if ok {
			l.Pairs = append(l.Pairs, Figure{This: codes(pair.This), Last: codes(pair.Last)})
		}
	}
	for i, r := range p.Rules {
		path := fmt.Sprintf("%s.rules[%d]", p.path, i)
		if r == nil {
			c.errorf(path, "empty rule entry")
			continue
		}
		l.checks = append(l.checks, c.yearRule(r, path, last)...)
	}
	return l
}

// yearRule checks a previous rule and expands its * into instances.
func (c *compiler) yearRule(r *Rule, path string, last *Schema) []*yearCheck {
	if len(r.Left) == 0 || len(r.Right) == 0 || !ops[r.Op] || r.Sum != "" || len(r.Parts) > 0 ||
		r.Part != "" || r.Whole != "" || r.Expr != "" || r.When != "" {
		c.errorf(path, "a previous rule takes left, op (one of = <= >= < >) and right, with last: before last year's codes")
		return nil
	}
	base := &yearCheck{rule: r, severity: r.Severity, kind: or(r.Kind, KindPrevious), op: r.Op}
	if !known(base.kind) {
		c.errorf(path+".kind", "unknown finding kind %q", base.kind)
	}
	switch base.severity {
	case "":
		base.severity = Error
	case Error, Warning, Info:
	default:
		c.errorf(path+".severity", "unknown severity %q (error, warning or info)", base.severity)
	}
	if r.ID == "" {
		c.errorf(path, "a previous rule needs an id")
		return nil
	}
	if r.Message.Zh == "" {
		c.errorf(path, "a previous rule needs a message (zh, and en if you can) telling the clerk what is wrong")
	}
	split := func(cs []Code) []yearKey {
		out := make([]yearKey, len(cs))
		for i, code := range cs {
			k, isLast := strings.CutPrefix(string(code), lastPrefix)
			out[i] = yearKey{key: k, last: isLast}
		}
		return out
	}
	left, right := split(r.Left), split(r.Right)
	all := append(append([]yearKey{}, left...), right...)
	// The table * stands for: the one this year's codes name.
	var table *Table
	star := ""
	for _, yk := range all {
		s := c.s
		if yk.last {
			s = last
		}
		row, col := SplitKey(yk.key)
		switch {
		case row == "*" && col == "*":
			c.errorf(path, "%q: * may stand for the row or the column, not both", yk.key)
			return nil
		case row == "*" || col == "*":
			dim := "row"
			if col == "*" {
				dim = "col"
			}
			if star != "" && star != dim {
				c.errorf(path, "one rule cannot expand over both rows and columns")
				return nil
			}
			star = dim
		}
		if row != "*" {
			rr, ok := s.rows[row]
			if !ok {
				c.errorf(path, "unknown row code %q in %s", row, s.ID)
				return nil
			}
			if !yk.last && table == nil {
				table = rr.table
			}
		}
		if row != "*" && col != "*" {
			if _, ok := s.cells[yk.key]; !ok {
				c.errorf(path, "%q is no value cell of %s", yk.key, s.ID)
				return nil
			}
		}
	}
	// The rows or columns * stands for: those of the table this year's
	// codes name; a row * with column codes alone stands for the rows of
	// every table that has those columns.
	var tables []*Table
	switch {
	case star == "":
		tables = []*Table{nil}
	case table != nil:
		tables = []*Table{table}
	case star == "row":
		for _, t := range c.s.Tables {
			has := map[string]bool{}
			for _, col := range t.Columns {
				has[col.Code] = true
			}
			all := true
			for _, yk := range append(append([]yearKey{}, left...), right...) {
				if _, col := SplitKey(yk.key); !yk.last && !has[col] {
					all = false
				}
			}
			if all {
				tables = append(tables, t)
			}
		}
	}
	if len(tables) == 0 {
		c.errorf(path, "a rule with * needs a code of this year's table that names its table")
		return nil
	}
	var fills []string
	for _, t := range tables {
		switch {
		case t == nil:
			fills = append(fills, "")
		case star == "col":
			for _, col := range t.Columns {
				fills = append(fills, col.Code)
			}
		default:
			for _, row := range t.Rows {
				if !row.Heading {
					fills = append(fills, row.Code)
				}
			}
		}
	}
	var out []*yearCheck
	for _, fill := range fills {
		subst := func(in []yearKey) ([]yearKey, bool) {
			res := make([]yearKey, len(in))
			for i, yk := range in {
				row, col := SplitKey(yk.key)
				switch {
				case star == "col" && col == "*":
					yk.key = Key(row, fill)
				case star == "row" && row == "*":
					yk.key = Key(fill, col)
				}
				s := c.s
				if yk.last {
					s = last
				}
				if _, ok := s.cells[yk.key]; !ok {
					return nil, false
				}
				res[i] = yk
			}
			return res, true
		}
		ck := *base
		var ok1, ok2 bool
		ck.left, ok1 = subst(left)
		ck.right, ok2 = subst(right)
		if !ok1 || !ok2 {
			continue
		}
		ck.id = "previous:" + r.ID
		if fill != "" {
			ck.id += "/" + fill
		}
		out = append(out, &ck)
	}
	if len(out) == 0 {
		c.errorf(path, "the rule has no instance whose cells both formats have")
	}
	return out
}

// Check evaluates the rules between the years on a unit's two tables.
// A rule is skipped when a cell it reads has no usable value.
func (l *Link) Check(this, last *Submission) []Finding {
	var out []Finding
	for _, ck := range l.checks {
		left, ok1 := yearSum(this, last, ck.left)
		right, ok2 := yearSum(this, last, ck.right)
		if !ok1 || !ok2 || compare(left, ck.op, right) {
			continue
		}
		var first string
		for _, yk := range append(append([]yearKey{}, ck.left...), ck.right...) {
			if !yk.last {
				first = yk.key
				break
			}
		}
		f := Finding{Severity: ck.severity, Kind: ck.kind, Rule: ck.id, Codes: []string{first},
			Cell: this.Ref(first), Expected: &right, Actual: &left}
		lt := yearTerms{link: l, this: this, last: last, keys: ck.left}
		rt := yearTerms{link: l, this: this, last: last, keys: ck.right}
		f.Msg = Msg(msgRuleWithNote, Msg(msgRuleBound, lt, left, opWord(ck.op), rt, right), Both(ck.rule.Message))
		op := ck.op
		if op == "<=" {
			op = "≤"
		} else if op == ">=" {
			op = "≥"
		}
		f.Formula = Msg(msgFormula, yearTerms{link: l, this: this, keys: ck.left, firstRefOnly: true}, op, yearTerms{link: l, keys: ck.right}, left, failed(ck.op), right)
		out = append(out, f)
	}
	return out
}

// Value is a figure's value in one year: the sum of its cells, and whether
// every cell had a usable value.
func (f Figure) Value(sub *Submission, last bool) (decimal.Decimal, bool) {
	keys := f.This
	if last {
		keys = f.Last
	}
	return sum(sub, keys)
}

func yearSum(this, last *Submission, keys []yearKey) (decimal.Decimal, bool) {
	var t decimal.Decimal
	for _, yk := range keys {
		sub := this
		if yk.last {
			sub = last
		}
		v, ok := sub.Get(yk.key)
		if !ok {
			return t, false
		}
		t = t.Add(v)
	}
	return t, true
}

// yearTerms renders the cells of a previous rule: this year's by name and
// cell, last year's as 上年·name with the file and cell they were read from.
type yearTerms struct {
	link       *Link
	this, last *Submission // nil: no cell references
	keys       []yearKey
	// firstRefOnly gives the first cell its reference and no other.
	firstRefOnly bool
}

func (t yearTerms) Localize(lang Lang) string {
	parts := make([]string, len(t.keys))
	for i, yk := range t.keys {
		if !yk.last {
			parts[i] = t.link.This.CellName(yk.key, lang)
			if t.this != nil && (!t.firstRefOnly || i == 0) {
				if ref := t.this.Ref(yk.key); ref != "" {
					parts[i] += "(" + ref + ")"
				}
			}
			continue
		}
		parts[i] = Msg(msgPreviousLastCell, t.link.Last.CellName(yk.key, lang)).Render(lang)
		if t.last != nil && !t.firstRefOnly {
			if ref := t.last.Ref(yk.key); ref != "" {
				parts[i] += "(" + lastPlace(t.last, ref) + ")"
			}
		}
	}
	return strings.Join(parts, "+")
}

// lastPlace is where a cell of last year's table was read: the file's base
// name and the cell, with its sheet.
func lastPlace(sub *Submission, ref string) string {
	name := sub.File
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if sub.Sheet != "" && !strings.Contains(ref, "!") {
		ref = sub.Sheet + "!" + ref
	}
	return name + " " + ref
}
