package schema

import (
	"strings"
	"tally/internal/fuzzbudget"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		form Form
		want string
		unit string
	}{
		{"", Blank, "0", ""},
		{"   ", Blank, "0", ""},
		{"\u3000", Blank, "0", ""},
		{"135", Number, "135", ""},
		{" 135 ", Number, "135", ""},
		{"１３５", Number, "135", ""},
		{"1,234", Number, "1234", ""},
		{"1，234", Number, "1234", ""},
		{"12,345,678.5", Number, "12345678.5", ""},
		{"1 234", Number, "1234", ""},
		{"135条", Number, "135", "条"},
		{"0.35万元", Number, "0.35", "万元"},
		{"2 人次", Number, "2", "人次"},
		{"0.1", Number, "0.1", ""},
		{".5", Number, "0.5", ""},
		{"-3", Number, "-3", ""},
		{"＋3", Number, "3", ""},
		{"(5)", Number, "-5", ""},
		{"1.5E2", Number, "150", ""},
		{"—", ZeroMark, "0", ""},
		{"——", ZeroMark, "0", ""},
		{"-", ZeroMark, "0", ""},
		{"－", ZeroMark, "0", ""},
		{"/", ZeroMark, "0", ""},
		{"无", ZeroMark, "0", ""},
		{"见附件", NotNumber, "0", ""},
		{"约10", NotNumber, "0", ""},
		{"10左右", Number, "10", "左右"},
		{"1,23", NotNumber, "0", ""},
		{"12a", NotNumber, "0", ""},
		{"1.2.3", NotNumber, "0", ""},
		{"((5))", NotNumber, "0", ""},
		{"#REF!", NotNumber, "0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ParseNumber(tt.in)
			assert.Equal(t, tt.form, got.Form)
			assert.Equal(t, tt.want, got.Value.String())
			assert.Equal(t, tt.unit, got.Unit)
		})
	}
}

func TestParseStoredNumber(t *testing.T) {
	for in, want := range map[string]string{
		"0.30000000000000004":   "0.3",
		"135":                   "135",
		"1.0000000000000001E-2": "0.01",
		"24252.311082":          "24252.311082",
		"-0":                    "0",
	} {
		got, ok := ParseStoredNumber(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got.String(), in)
	}
	for _, in := range []string{"abc", "1E+21"} { // 1E+21: past the exact range (TestInRange)
		_, ok := ParseStoredNumber(in)
		assert.False(t, ok, in)
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"135", "1,234", "１３５", "(5)", "—", "0.35万元", "1e3", "见附件", " 12 345 ", "-0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		defer fuzzbudget.Check(t, time.Now())
		p := ParseNumber(s)
		switch p.Form {
		case Number:
			// A number prints in a form that parses back to itself.
			again := ParseNumber(p.Value.String())
			if again.Form != Number || !again.Value.Equal(p.Value) {
				t.Fatalf("%q -> %s does not parse back (%v)", s, p.Value, again)
			}
		case Blank, ZeroMark, NotNumber, OutOfRange:
			if !p.Value.IsZero() {
				t.Fatalf("%q: form %d with value %s", s, p.Form, p.Value)
			}
		default:
			t.Fatalf("%q: unknown form %d", s, p.Form)
		}
	})
}

// Reading a number takes time in proportion to its text, however long:
// a cell of 330,000 characters once took 18 minutes. The bound is a
// thousand times what the work takes; a quadratic scan takes hours.
func TestParseNumberLongText(t *testing.T) {
	long := "12" + strings.Repeat("条", 1<<20)
	done := make(chan struct{})
	go func() {
		defer close(done)
		num, unit := splitUnit(long)
		assert.Equal(t, "12", num)
		assert.Len(t, unit, len(long)-2)
		assert.Equal(t, NotNumber, ParseNumber(long).Form, "a text this long is no number")
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a long text is not linear in its length")
	}
}

func TestInRange(t *testing.T) {
	for text, want := range map[string]Form{
		"999999999999999":         Number,
		"1000000000000000":        OutOfRange,
		"-999999999999999":        Number,
		"1e14":                    Number,
		"1e15":                    OutOfRange,
		"1e9999":                  OutOfRange,
		"1e-9999":                 OutOfRange,
		"1E700":                   OutOfRange,
		"0.123456789012345":       Number,
		"0.1234567890123456":      OutOfRange,
		"1.000000000000000000000": Number, // trailing zeros are no digits
		"1e-20":                   Number,
		"1e-21":                   OutOfRange,
		"0":                       Number,
		"0e99999":                 OutOfRange, // a zero, but no one writes it so
		"(1e20)":                  OutOfRange,
		"1e999999999":             OutOfRange, // read off its exponent, never expanded
	} {
		assert.Equal(t, want, ParseNumber(text).Form, text)
	}
	_, ok := ParseStoredNumber("1e300")
	assert.False(t, ok)
	d, ok := ParseStoredNumber("0.30000000000000004")
	assert.True(t, ok)
	assert.Equal(t, "0.3", d.String())
}
