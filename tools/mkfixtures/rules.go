package main

import (
	"encoding/json"
	"math/big"
	"strings"
)

// finding is one expected finding, as expect.json lists it.
type finding struct {
	Kind     string      `json:"kind"`
	Severity string      `json:"severity"`
	Cell     string      `json:"cell"`
	Codes    []string    `json:"codes,omitempty"`
	Unit     string      `json:"unit,omitempty"`     // for roster findings without a file
	Expected json.Number `json:"expected,omitempty"` // for sum: the sum of the parts
	Actual   json.Number `json:"actual,omitempty"`   // for sum: the total as written
	Message  string      `json:"message,omitempty"`  // words the Chinese message must contain
	// noCodes writes "codes": [] (a district's other-format workbook)
	// rather than leaving codes out.
	noCodes bool
}

// MarshalJSON writes the finding, with "codes": [] when noCodes is set.
func (f finding) MarshalJSON() ([]byte, error) {
	type plain finding
	if !f.noCodes {
		return json.Marshal(plain(f))
	}
	return json.Marshal(struct {
		plain
		Codes []string `json:"codes"`
	}{plain(f), []string{}})
}

// rule is one relation between rows of the 2018 table: Σleft op Σright.
type rule struct {
	kind, severity string
	at             string // the row whose cell a finding points at
	left           []string
	op             string // "=" or "<="
	right          []string
	ifPositive     string // the rule applies only when this row is above 0
}

// sumTotals lists the totals in table order; sumParts gives their parts.
var sumTotals = strings.Fields("3.1 3.2 3.3 3.3.4 4 5 8.3")

var sumParts = map[string][]string{
	"3.1":   strings.Fields("3.1.1 3.1.2 3.1.3 3.1.4"),
	"3.2":   strings.Fields("3.2.1 3.2.2"),
	"3.3":   strings.Fields("3.3.1 3.3.2 3.3.3 3.3.4 3.3.5 3.3.6 3.3.7 3.3.8"),
	"3.3.4": strings.Fields("3.3.4.1 3.3.4.2 3.3.4.3 3.3.4.4 3.3.4.5 3.3.4.6"),
	"4":     strings.Fields("4.1 4.2 4.3"),
	"5":     strings.Fields("5.1 5.2 5.3"),
	"8.3":   strings.Fields("8.3.1 8.3.2"),
}

var channels = strings.Fields("1.2.1 1.2.2 1.2.3 1.2.4 1.2.5")

// rules are the checks of the brief, in the order findings are listed.
var rules = func() []rule {
	var rs []rule
	for _, t := range sumTotals {
		rs = append(rs, rule{kind: "sum", severity: "error", at: t, left: []string{t}, op: "=", right: sumParts[t]})
	}
	for _, p := range [][2]string{{"1.1.1", "1.1"}, {"2.2.1.1", "2.2.1"}, {"2.2.2.1", "2.2.2"}} {
		rs = append(rs, rule{kind: "of-which", severity: "error", at: p[0], left: []string{p[0]}, op: "<=", right: []string{p[1]}})
	}
	for _, c := range channels {
		rs = append(rs, rule{kind: "bound", severity: "error", at: c, left: []string{c}, op: "<=", right: []string{"1.1"}})
	}
	rs = append(rs,
		rule{kind: "bound", severity: "warning", at: "1.1", left: []string{"1.1"}, op: "<=", right: channels},
		rule{kind: "consistency", severity: "warning", at: "1.1.1", left: []string{"1.1.1"}, op: "<=", right: []string{"1.1.2"}},
		rule{kind: "consistency", severity: "warning", at: "3.3", left: []string{"3.3"}, op: "=", right: []string{"3.2"}},
		rule{kind: "consistency", severity: "warning", at: "3.2", left: []string{"3.2"}, op: "<=", right: []string{"3.1"}},
		rule{kind: "consistency", severity: "warning", at: "9.3", left: []string{"9.2"}, op: "<=", right: []string{"9.3"}, ifPositive: "9.2"},
	)
	return rs
}()

// evaluate applies every rule to the values read. A rule is skipped when a
// row it uses is missing, not a number or a formula error; cell gives the
// reference of a row's value cell.
func evaluate(reads map[string]reading, cell func(code string) string) []finding {
	var out []finding
	for _, r := range rules {
		codes := append(append([]string{r.ifPositive}, r.left...), r.right...)
		usable := true
		for _, c := range codes {
			usable = usable && (c == "" || reads[c].usable())
		}
		if !usable || (r.ifPositive != "" && reads[r.ifPositive].value.Sign() <= 0) {
			continue
		}
		l, rt := total(reads, r.left), total(reads, r.right)
		cmp := l.Cmp(rt)
		if (r.op == "=" && cmp == 0) || (r.op == "<=" && cmp <= 0) {
			continue
		}
		f := finding{Kind: r.kind, Severity: r.severity, Cell: cell(r.at), Codes: []string{r.at}}
		if r.kind == "sum" {
			f.Expected, f.Actual = json.Number(fmtDec(rt)), json.Number(fmtDec(l))
		}
		out = append(out, f)
	}
	return out
}

func total(reads map[string]reading, codes []string) *big.Rat {
	s := new(big.Rat)
	for _, c := range codes {
		s.Add(s, reads[c].value)
	}
	return s
}
