package table

import (
	"strconv"
	"strings"

	"tally/grid"
)

// parser reads a formula that plainArithmetic let through and computes it
// as it goes, with a spreadsheet's precedence: comparisons, then + and -,
// then * and /, then a sign, then %, then numbers, references, functions
// and parentheses.
type parser struct {
	k    *calc
	g    *sheet // the formula's own sheet
	toks []string
	i    int
}

// eval computes a formula on its sheet; a reference comes back as one, to
// be read where it is used.
func (k *calc) eval(g *sheet, formula string) value {
	p := &parser{k: k, g: g}
	text := strings.TrimPrefix(formula, "=")
	for text != "" {
		tok := formulaToken().FindString(text)
		if tok == "" {
			return errValue("#NAME?")
		}
		if strings.TrimSpace(tok) != "" {
			p.toks = append(p.toks, tok)
		}
		text = text[len(tok):]
	}
	if k.steps += len(p.toks); k.steps > maxSteps {
		return errValue(errTooLong)
	}
	v := p.compare()
	if p.i != len(p.toks) {
		return errValue("#NAME?") // not a formula a spreadsheet would keep
	}
	return v
}

func (p *parser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *parser) next() string {
	t := p.peek()
	p.i++
	return t
}

func (p *parser) compare() value {
	v := p.additive()
	for {
		op := p.peek()
		if op != "=" && op != "<" && op != ">" {
			return v
		}
		p.next()
		if n := p.peek(); op == "<" && (n == ">" || n == "=") || op == ">" && n == "=" {
			op += p.next()
		}
		v = p.k.compare(op, v, p.additive())
	}
}

func (p *parser) additive() value {
	v := p.term()
	for op := p.peek(); op == "+" || op == "-"; op = p.peek() {
		p.next()
		v = p.k.arith(op, v, p.term())
	}
	return v
}

func (p *parser) term() value {
	v := p.unary()
	for op := p.peek(); op == "*" || op == "/"; op = p.peek() {
		p.next()
		v = p.k.arith(op, v, p.unary())
	}
	return v
}

func (p *parser) unary() value {
	switch p.peek() {
	case "-":
		p.next()
		return p.k.arith("-", number(0), p.unary())
	case "+":
		p.next()
		return p.unary()
	}
	return p.percent()
}

func (p *parser) percent() value {
	v := p.primary()
	for p.peek() == "%" {
		p.next()
		v = p.k.arith("/", v, number(100))
	}
	return v
}

func (p *parser) primary() value {
	tok := p.next()
	switch {
	case tok == "":
		return errValue("#NAME?")
	case tok == "(":
		v := p.compare()
		if p.next() != ")" {
			return errValue("#NAME?")
		}
		return v
	case strings.HasSuffix(tok, "("):
		name := strings.ToUpper(strings.TrimSuffix(tok, "("))
		var args []value
		if p.peek() == ")" {
			p.next()
			return p.k.call(name, nil)
		}
		for {
			args = append(args, p.compare())
			switch p.next() {
			case ",":
				continue
			case ")":
				return p.k.call(name, args)
			}
			return errValue("#NAME?")
		}
	case tok[0] >= '0' && tok[0] <= '9':
		percent := strings.HasSuffix(tok, "%")
		f, err := strconv.ParseFloat(strings.TrimSuffix(tok, "%"), 64)
		if err != nil {
			return errValue("#NUM!")
		}
		if percent {
			f /= 100
		}
		return number(f)
	}
	return p.reference(tok)
}

// reference reads a reference token: a cell or a range, on the formula's
// sheet or on the one it names.
func (p *parser) reference(tok string) value {
	g := p.g
	if i := strings.LastIndexByte(tok, '!'); i >= 0 {
		name := tok[:i]
		if strings.HasPrefix(name, "'") {
			name = strings.ReplaceAll(strings.Trim(name, "'"), "''", "'")
		}
		g = nil
		for _, s := range p.k.sheets {
			if strings.EqualFold(s.Name, name) {
				g = s
				break
			}
		}
		if g == nil {
			return errValue("#REF!")
		}
		tok = tok[i+1:]
	}
	a, b, isRange := strings.Cut(tok, ":")
	r1, c1, ok := grid.ParseRef(a)
	if !ok {
		return errValue("#NAME?")
	}
	r2, c2 := r1, c1
	if isRange {
		if r2, c2, ok = grid.ParseRef(b); !ok {
			return errValue("#NAME?")
		}
	}
	return value{kind: kRef, g: g, r1: min(r1, r2), c1: min(c1, c2), r2: max(r1, r2), c2: max(c1, c2)}
}
