package main

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// dataset holds one number per value row, as exact decimals.
type dataset map[string]*big.Rat

// seedData are the figures of the seed report (掌政镇, 2018). They pass every rule.
var seedData = parseDataset(`
	1.1=135 1.1.1=0 1.1.2=0
	1.2.1=0 1.2.2=135 1.2.3=65 1.2.4=110 1.2.5=70
	2.1=0 2.2.1=0 2.2.1.1=0 2.2.2=0 2.2.2.1=0 2.2.3=0 2.2.4=33 2.2.5=15
	3.1=0 3.1.1=0 3.1.2=0 3.1.3=0 3.1.4=0
	3.2=0 3.2.1=0 3.2.2=0
	3.3=0 3.3.1=0 3.3.2=0 3.3.3=0 3.3.4=0
	3.3.4.1=0 3.3.4.2=0 3.3.4.3=0 3.3.4.4=0 3.3.4.5=0 3.3.4.6=0
	3.3.5=0 3.3.6=0 3.3.7=0 3.3.8=0
	4=0 4.1=0 4.2=0 4.3=0
	5=0 5.1=0 5.2=0 5.3=0
	6=0 7=0
	8.1=1 8.2=2 8.3=2 8.3.1=0 8.3.2=2 8.4=0
	9.1=3 9.2=1 9.3=13`)

// baseData is a busier township with figures in every section: 12 requests
// received, 11 settled (one carried over into 2019), one administrative review,
// one lawsuit. It passes every rule, warnings included; the variations start
// from it.
var baseData = parseDataset(`
	1.1=186 1.1.1=4 1.1.2=6
	1.2.1=0 1.2.2=186 1.2.3=74 1.2.4=121 1.2.5=58
	2.1=5 2.2.1=3 2.2.1.1=1 2.2.2=2 2.2.2.1=1 2.2.3=8 2.2.4=41 2.2.5=17
	3.1=12 3.1.1=7 3.1.2=0 3.1.3=4 3.1.4=1
	3.2=11 3.2.1=10 3.2.2=1
	3.3=11 3.3.1=3 3.3.2=4 3.3.3=1 3.3.4=2
	3.3.4.1=0 3.3.4.2=0 3.3.4.3=1 3.3.4.4=0 3.3.4.5=1 3.3.4.6=0
	3.3.5=1 3.3.6=0 3.3.7=0 3.3.8=0
	4=1 4.1=1 4.2=0 4.3=0
	5=1 5.1=0 5.2=0 5.3=1
	6=2 7=0.02
	8.1=1 8.2=3 8.3=4 8.3.1=1 8.3.2=3 8.4=1.5
	9.1=4 9.2=2 9.3=36`)

// parseDataset reads "code=value" pairs and insists on one value per value row.
func parseDataset(s string) dataset {
	d := dataset{}
	pairs(s, func(code string, v *big.Rat) { d[code] = v })
	for _, code := range valueCodes() {
		if d[code] == nil {
			panic("dataset: no value for " + code)
		}
	}
	return d
}

// figures reads the "code=value" pairs a clerk fills in: every value row not
// given is 0, and every total not given is the sum of its parts, as the
// clerk adds them up. A total given is kept as given.
func figures(s string) dataset {
	d := dataset{}
	for _, code := range valueCodes() {
		d[code] = new(big.Rat)
	}
	given := map[string]bool{}
	pairs(s, func(code string, v *big.Rat) {
		if given[code] {
			panic("figures: " + code + " given twice")
		}
		d[code], given[code] = v, true
	})
	for _, t := range slices.Backward(sumTotals) {
		if !given[t] {
			d[t] = new(big.Rat)
			for _, part := range sumParts[t] {
				d[t].Add(d[t], d[part])
			}
		}
	}
	return d
}

// pairs calls fn for each "code=value" pair of s; it panics on a pair that is
// not one, an unknown code or a heading.
func pairs(s string, fn func(code string, v *big.Rat)) {
	for _, f := range strings.Fields(s) {
		code, lit, ok := strings.Cut(f, "=")
		if !ok {
			panic("dataset: no '=' in " + f)
		}
		if rowOf(code).heading() {
			panic("dataset: " + code + " is a heading")
		}
		fn(code, dec(lit))
	}
}

// dec parses a decimal literal such as "0.02"; it panics on anything else.
func dec(lit string) *big.Rat {
	if !decimalPattern.MatchString(lit) {
		panic("not a decimal: " + lit)
	}
	r, _ := new(big.Rat).SetString(lit)
	return r
}

func (d dataset) clone() dataset {
	c := make(dataset, len(d))
	for k, v := range d {
		c[k] = new(big.Rat).Set(v)
	}
	return c
}

// set replaces one value.
func (d dataset) set(code, lit string) {
	rowOf(code)
	d[code] = dec(lit)
}

// add adds k to one value.
func (d dataset) add(code string, k int64) {
	d[code] = new(big.Rat).Add(d[code], big.NewRat(k, 1))
}

// shifted returns a copy with i added to rows that no rule ties to a fixed
// value (1.1 together with its website channel, 2.2.4 and 9.3), so that every
// workbook of a folder has its own figures and no cross-submission check fires
// by accident. Every rule that held still holds.
func (d dataset) shifted(i int) dataset {
	c := d.clone()
	for _, code := range []string{"1.1", "1.2.2", "2.2.4", "9.3"} {
		c.add(code, int64(i))
	}
	return c
}

// fmtDec formats an exact decimal without trailing zeros: 0.3, 186, 1.5.
func fmtDec(r *big.Rat) string {
	s := r.FloatString(10)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if dec(s).Cmp(r) != 0 {
		panic(fmt.Sprintf("%v is not a short decimal", r))
	}
	return s
}
