package table

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"tally/grid"
	"tally/internal/fuzzbudget"
)

func TestPlainArithmetic(t *testing.T) {
	for text, want := range map[string]bool{
		"SUM(C5:C9)":               true,
		"=C5+C6-'表 1'!$C$7*2":      true,
		"round(C5/3,2)":            true,
		"IF(C5>0,C5,0)":            true,
		`REPT("a",10)`:             false,
		`"abc"`:                    false,
		"INDIRECT(\"C5\")":         false,
		"SUM(A:A)":                 false,
		"SUM(A1:XFD1048576)":       false,
		"C5&C6":                    false,
		"C5^2":                     false,
		"SUM(Sheet2!C5:C9)+1.5E3%": true,
	} {
		assert.Equal(t, want, plainArithmetic(text), text)
	}
}

// Formulas are computed as a spreadsheet computes them: the cells' values as
// stored, texts left out of sums, a number typed as text read as one in
// arithmetic, errors carried through, results to 15 significant digits.
func TestCompute(t *testing.T) {
	sheets := sheetsOf([]*grid.Grid{grid.Parse(`
2        | "3"    | abc   | TRUE
0.1      | 0.2    | -2.5  | #REF!
=A1*10   | =D2+1  | =B3+1 | =A3+B3
合并     |        |       | =C1
# merge A4:B4
`), grid.Parse(`
# name 表 1
7
`)})
	sheets[1].Name = "表 1"
	for formula, want := range map[string]string{
		"A1+1": "3", "B1+1": "4", "C1+1": "#VALUE!", "D1+1": "2", "A2+B2": "0.3", "A2+B2+C2": "-2.2",
		"SUM(A1:C2)": "-0.2", "SUM(A1:D2)": "#REF!", "SUM(A1:C1)": "2", "SUM(B1)": "0", "SUM(A1,B1)": "2", "SUM(A1,3)": "5", "SUM(D1)": "0",
		"SUM(A1:D1,D2)": "#REF!", "A3+1": "21", "B3": "#REF!", "C3": "#REF!", "D3": "#REF!", "SUM(A1:A3)": "22.1", "A4": "合并", "B4": "0",
		"SUM(A4:B4)": "0", "A5+1": "1", "A5": "0", "1/0": "#DIV/0!", "A1/A5": "#DIV/0!",
		"ROUND(2.5,0)": "3", "ROUND(-2.5,0)": "-3", "ROUND(C2,0)": "-3", "ROUND(1.005,2)": "1.01", "ROUND(1234.5678,-2)": "1200",
		"ROUNDUP(2.1,0)": "3", "ROUNDDOWN(-2.9,0)": "-2", "INT(-2.5)": "-3", "ABS(-3)": "3", "ROUND(2.345)": "#VALUE!",
		"MAX(A1:B2)": "2", "MIN(A1:C2)": "-2.5", "MAX(C1)": "0", "MIN()": "#VALUE!",
		"IF(A1>1,5,6)": "5", "IF(A1>5,5)": "FALSE", "IF(C1,1,2)": "#VALUE!", "AND(1,0)": "FALSE", "OR(A1>1,0)": "TRUE",
		"AND(C1)": "#VALUE!", "N(C1)": "0", "N(A1)": "2", "N(D1)": "1",
		"A1>1": "TRUE", "A1=2": "TRUE", "A1<>2": "FALSE", "A1<=2": "TRUE", "A1>=3": "FALSE", "C1>A1": "TRUE",
		"1/3": "0.333333333333333", "2/3*3": "2", "10%": "0.1", "A1%": "0.02", "-A1": "-2", "+A1": "2", "--A1": "2",
		"A1*1E3": "2000", "'表 1'!A1+1": "8", "Sheet1!A1*2": "4", "SUM('表 1'!A1:A3)": "7", "其他!A1": "#REF!",
		"(1+2)*3": "9", "1+2*3": "7", "2*-3": "-6", "5-3-1": "1", "12/4/3": "1", "123456789012345678": "1.23456789012346E+17",
		"0.1+0.2": "0.3", "SUM(1,2": "#NAME?",
	} {
		k := newCalc(sheets)
		got, _ := resultText(k.scalar(k.eval(sheets[0], formula)))
		assert.Equal(t, want, got, formula)
	}
}

// Any formula plainArithmetic lets through is computed to a value, at
// once, without a panic, on a grid of numbers, texts, errors and formulas
// without stored results that refer to one another.
func FuzzCompute(f *testing.F) {
	for _, s := range []string{"SUM(A1:D5)", "A3+B3*2", "IF(A1>1,ROUND(A2/3,2),MAX(A1:C2))", "'表 1'!A1%", "--A1", "((1+2)*3)/0",
		"AND(OR(1,0),N(C1))", "SUM(A1:XFD5000)", "ROUNDUP(1E308*10,0)", "MIN(A4:B4)-INT(-2.5)"} {
		f.Add(s)
	}
	sheets := sheetsOf([]*grid.Grid{grid.Parse(`
2        | "3"    | abc   | TRUE
0.1      | 0.2    | -2.5  | #REF!
=A1*10   | =D2+1  | =B3+A3 | =A3+C3
合并     |        |       | =SUM(A1:D3)
=D4*2    | =A5+B5 | =C5   | =E5
# merge A4:B4
`), grid.Parse("# name 表 1\n7\n")})
	sheets[1].Name = "表 1"
	f.Fuzz(func(t *testing.T, formula string) {
		defer fuzzbudget.Check(t, time.Now())
		if !plainArithmetic(formula) {
			return
		}
		k := newCalc(sheets)
		text, _ := resultText(k.scalar(k.eval(sheets[0], formula)))
		if text == "" && k.scalar(k.eval(sheets[0], formula)).kind != kText {
			t.Fatalf("%q: no value", formula)
		}
	})
}
