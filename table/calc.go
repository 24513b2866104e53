package table

import (
	"math"
	"strconv"
	"strings"

	"tally/grid"
)

// Computing formulas on the grids, as a spreadsheet does, for the value
// cells whose formulas have no stored result. Only what plainArithmetic
// lets through is computed: numbers, references and ranges (on any sheet of
// the file), + - * / %, comparisons, parentheses and the computable
// functions. Numbers are doubles, as in a spreadsheet; a cell's value is
// what the file stores, and a cell whose formula has no stored result is
// computed in turn. Every evaluation is bounded by maxSteps.

// maxSteps bounds the cells visited and the tokens read computing the
// formulas of one file: a table's formulas take a few thousand.
const maxSteps = 1 << 24

// kind is what a computed value is.
type kind uint8

const (
	kEmpty kind = iota
	kNumber
	kText
	kBool
	kError
	kRef // a reference to a cell or a range, read when it is used
)

// value is a value met computing a formula.
type value struct {
	kind kind
	num  float64 // a number, or a boolean's 1 or 0
	text string  // a text, or an error value such as #DIV/0!
	// a reference: the sheet and the corners of the range
	g              *sheet
	r1, c1, r2, c2 int
}

func errValue(e string) value { return value{kind: kError, text: e} }
func number(f float64) value  { return value{kind: kNumber, num: f} }
func boolean(b bool) value {
	if b {
		return value{kind: kBool, num: 1}
	}
	return value{kind: kBool}
}
func (v value) isErr() bool  { return v.kind == kError }
func (v value) single() bool { return v.r1 == v.r2 && v.c1 == v.c2 }

// errTooLong is the value of a computation that ran past maxSteps.
const errTooLong = "#TALLY-STEPS!"

// calc computes the formulas of one file's sheets.
type calc struct {
	sheets []*sheet
	// done holds the computed value of each cell whose formula has no
	// stored result, and busy the cells being computed.
	done  map[calcCell]value
	busy  map[calcCell]bool
	steps int
}

type calcCell struct {
	g  *sheet
	at grid.Pos
}

func newCalc(sheets []*sheet) *calc {
	return &calc{sheets: sheets, done: map[calcCell]value{}, busy: map[calcCell]bool{}}
}

// compute is the value of the formula of a cell on g, as the text and
// flags a file would store for it (resultText). tooLong reports a
// computation cut short.
func (k *calc) compute(g *sheet, at grid.Pos) (text string, flags grid.Flags, tooLong bool) {
	v := k.cell(g, at.Row, at.Col)
	text, flags = resultText(v)
	return text, flags, v.kind == kError && v.text == errTooLong
}

// resultText is a computed value as a file stores it: the number as a
// spreadsheet writes it, TRUE or FALSE, a text, or an error value; an
// empty cell's value is 0.
func resultText(v value) (string, grid.Flags) {
	switch v.kind {
	case kEmpty:
		return "0", 0
	case kNumber:
		return numberText(v.num), 0
	case kBool:
		if v.num != 0 {
			return "TRUE", 0
		}
		return "FALSE", 0
	case kText:
		return v.text, grid.Text
	}
	return v.text, grid.ErrorValue
}

// numberText writes a computed number as a spreadsheet stores it: at most
// 15 significant digits.
func numberText(f float64) string {
	mant := strconv.FormatFloat(f, 'e', -1, 64)
	mant, _, _ = strings.Cut(mant, "e")
	if digits := strings.Count(strings.Trim(strings.ReplaceAll(strings.TrimPrefix(mant, "-"), ".", ""), "0"), "") - 1; digits > 15 {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// cell is the value of a cell: as the file stores it, or computed when
// its formula has no stored result. A filled cell of a merged range is
// empty, as in a spreadsheet.
func (k *calc) cell(g *sheet, r, c int) value {
	if k.steps++; k.steps > maxSteps {
		return errValue(errTooLong)
	}
	if g.IsFill(r, c) {
		return value{}
	}
	fl := g.OwnFlags(r, c)
	text := g.At(r, c)
	switch {
	case fl&grid.NoCache != 0:
		key := calcCell{g, grid.Pos{Row: r, Col: c}}
		if v, ok := k.done[key]; ok {
			return v
		}
		if k.busy[key] || len(k.busy) > 64 {
			return errValue("#VALUE!") // a loop, or a chain no table needs
		}
		formula := formulaFor(g, key.at)
		if !plainArithmetic(formula) {
			return errValue("#VALUE!")
		}
		k.busy[key] = true
		v := k.scalar(k.eval(g, formula))
		delete(k.busy, key)
		if v.kind == kEmpty {
			v = number(0)
		}
		k.done[key] = v
		return v
	case fl&grid.ErrorValue != 0:
		return errValue(strings.TrimSpace(text))
	case fl&grid.Bool != 0:
		t := strings.TrimSpace(text)
		return boolean(t != "0" && !strings.EqualFold(t, "false") && t != "")
	case text == "":
		return value{}
	case fl&grid.Text != 0:
		return value{kind: kText, text: text}
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil {
		return number(f)
	}
	return value{kind: kText, text: text}
}

// scalar reads a reference to one cell; a reference to a range where one
// value is wanted is an error.
func (k *calc) scalar(v value) value {
	if v.kind != kRef {
		return v
	}
	if !v.single() {
		return errValue("#VALUE!")
	}
	return k.cell(v.g, v.r1, v.c1)
}

// toNumber is a value as an operand of arithmetic: empty is 0, a boolean
// 1 or 0, a text its number.
func (k *calc) toNumber(v value) value {
	switch v = k.scalar(v); v.kind {
	case kEmpty:
		return number(0)
	case kNumber, kError:
		return v
	case kBool:
		return number(v.num)
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(v.text), 64); err == nil {
		return number(f)
	}
	return errValue("#VALUE!")
}

// arith applies an arithmetic operator.
func (k *calc) arith(op string, a, b value) value {
	x, y := k.toNumber(a), k.toNumber(b)
	if x.isErr() {
		return x
	}
	if y.isErr() {
		return y
	}
	var f float64
	switch op {
	case "+":
		f = x.num + y.num
	case "-":
		f = x.num - y.num
	case "*":
		f = x.num * y.num
	case "/":
		if y.num == 0 {
			return errValue("#DIV/0!")
		}
		f = x.num / y.num
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return errValue("#NUM!")
	}
	return number(f)
}

// compare applies a comparison: numbers below texts below booleans, an
// empty cell as 0, "" or FALSE, texts without regard to case.
func (k *calc) compare(op string, a, b value) value {
	x, y := k.scalar(a), k.scalar(b)
	if x.isErr() {
		return x
	}
	if y.isErr() {
		return y
	}
	rank := func(v value) int {
		switch v.kind {
		case kText:
			return 1
		case kBool:
			return 2
		}
		return 0
	}
	if x.kind == kEmpty {
		x = value{kind: y.kind, text: ""}
	}
	if y.kind == kEmpty {
		y = value{kind: x.kind, text: ""}
	}
	c := 0
	switch rx, ry := rank(x), rank(y); {
	case rx != ry:
		c = rx - ry
	case rx == 1:
		c = strings.Compare(strings.ToUpper(x.text), strings.ToUpper(y.text))
	case x.num < y.num:
		c = -1
	case x.num > y.num:
		c = 1
	}
	switch op {
	case "=":
		return boolean(c == 0)
	case "<>":
		return boolean(c != 0)
	case "<":
		return boolean(c < 0)
	case ">":
		return boolean(c > 0)
	case "<=":
		return boolean(c <= 0)
	}
	return boolean(c >= 0)
}
