package table

import (
	"math"
	"strconv"

	"github.com/shopspring/decimal"
)

// The functions a formula without a stored result may use (computable).

// eachValue calls f with the numbers and booleans an argument of SUM, MAX,
// MIN, AND or OR gives: a reference's numbers (and booleans, when logical)
// and nothing of its texts and empty cells; a value typed in the formula
// converted (a text that is no number is an error). It stops at an error,
// which it returns.
func (k *calc) eachValue(arg value, logical bool, f func(float64)) value {
	if arg.kind != kRef {
		switch arg.kind {
		case kEmpty:
			return value{}
		case kError:
			return arg
		}
		n := k.toNumber(arg)
		if n.isErr() {
			return n
		}
		f(n.num)
		return value{}
	}
	rows := arg.g.Rows()
	for r := arg.r1; r <= min(arg.r2, len(rows)-1); r++ {
		for c := arg.c1; c <= min(arg.c2, len(rows[r])-1); c++ {
			switch v := k.cell(arg.g, r, c); v.kind {
			case kError:
				return v
			case kNumber:
				f(v.num)
			case kBool:
				if logical {
					f(v.num)
				}
			}
		}
	}
	return value{}
}

// call computes a function of the computable ones.
func (k *calc) call(name string, args []value) value {
	switch name {
	case "SUM", "MAX", "MIN":
		if len(args) == 0 {
			return errValue("#VALUE!")
		}
		sum, best, seen := 0.0, 0.0, false
		for _, a := range args {
			if e := k.eachValue(a, false, func(f float64) {
				sum += f
				if !seen || name == "MAX" && f > best || name == "MIN" && f < best {
					best = f
				}
				seen = true
			}); e.isErr() {
				return e
			}
		}
		if name == "SUM" {
			return number(sum)
		}
		return number(best)
	case "AND", "OR":
		if len(args) == 0 {
			return errValue("#VALUE!")
		}
		all, some, seen := true, false, false
		for _, a := range args {
			if e := k.eachValue(a, true, func(f float64) {
				all, some, seen = all && f != 0, some || f != 0, true
			}); e.isErr() {
				return e
			}
		}
		if !seen {
			return errValue("#VALUE!")
		}
		return boolean(name == "AND" && all || name == "OR" && some)
	case "IF":
		if len(args) < 1 || len(args) > 3 {
			return errValue("#VALUE!")
		}
		cond := k.toNumber(args[0])
		if cond.isErr() {
			return cond
		}
		switch {
		case cond.num != 0 && len(args) > 1:
			return k.scalar(args[1])
		case cond.num != 0:
			return boolean(true)
		case len(args) > 2:
			return k.scalar(args[2])
		}
		return boolean(false)
	case "N":
		if len(args) != 1 {
			return errValue("#VALUE!")
		}
		a := args[0]
		if a.kind == kRef {
			a = k.cell(a.g, a.r1, a.c1)
		}
		switch a.kind {
		case kNumber, kError:
			return a
		case kBool:
			return number(a.num)
		}
		return number(0)
	case "INT", "ABS":
		if len(args) != 1 {
			return errValue("#VALUE!")
		}
		n := k.toNumber(args[0])
		if n.isErr() {
			return n
		}
		if name == "INT" {
			return number(math.Floor(n.num))
		}
		return number(math.Abs(n.num))
	case "ROUND", "ROUNDUP", "ROUNDDOWN":
		if len(args) != 2 {
			return errValue("#VALUE!")
		}
		n, places := k.toNumber(args[0]), k.toNumber(args[1])
		if n.isErr() {
			return n
		}
		if places.isErr() {
			return places
		}
		if math.Abs(places.num) > 300 {
			return errValue("#NUM!")
		}
		// As the spreadsheet shows the number: 1.005 rounds to 1.01.
		d, err := decimal.NewFromString(strconv.FormatFloat(n.num, 'g', 15, 64))
		if err != nil {
			return errValue("#NUM!")
		}
		p := int32(places.num)
		switch name {
		case "ROUND":
			d = d.Round(p)
		case "ROUNDUP":
			d = d.RoundUp(p)
		default:
			d = d.RoundDown(p)
		}
		f, _ := d.Float64()
		return number(f)
	}
	return errValue("#NAME?")
}
