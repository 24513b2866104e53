package table

import (
	"slices"
	"unicode/utf8"

	"tally/schema"
)

// fuzzy returns the rows whose labels are spelled most like norm, at least
// as alike as min; allow, when set, limits the rows considered.
func (ix *labelIndex) fuzzy(norm string, min float64, allow func(*schema.Row) bool) []*schema.Row {
	var out []*schema.Row
	best := 0.0
	// Dice ≥ min needs the shorter at least min/(2-min) of the longer: a
	// text far longer than every label (a title, a note) is none of them.
	if n := utf8.RuneCountInString(norm) - 1; float64(ix.maxGrams) < float64(n)*min/(2-min) {
		return nil
	}
	q := bigrams(norm)
	if len(q) < 2 {
		return nil
	}
	for _, e := range ix.byLen {
		if len(e.grams) < 2 {
			continue
		}
		// Dice ≥ min needs the shorter at least min/(2-min) of the longer.
		short, long := min2(len(q), len(e.grams))
		if float64(short) < float64(long)*min/(2-min) {
			continue
		}
		if allow != nil && !allow(e.row) {
			continue
		}
		if s := dice(q, e.grams); s >= min && s >= best {
			if s > best {
				out, best = out[:0], s
			}
			if !containsRow(out, e.row) {
				out = append(out, e.row)
			}
		}
	}
	return out
}

// fuzzyColumn returns the column whose header norm is most likely a slip
// for, by the likeness row labels are matched with (fuzzy): at least as
// alike as min, among the columns allow lets through; nil when none is, or
// when two columns are equally alike.
func (ix *labelIndex) fuzzyColumn(norm string, min float64, allow func(col *schema.Column, index int) bool) *schema.Column {
	q := bigrams(norm)
	if len(q) < 2 {
		return nil
	}
	var best *schema.Column
	bestScore, tie := 0.0, false
	for _, e := range ix.colSpellings {
		if len(e.grams) < 2 || !allow(e.col, e.index) {
			continue
		}
		short, long := min2(len(q), len(e.grams))
		if float64(short) < float64(long)*min/(2-min) {
			continue
		}
		s := dice(q, e.grams)
		switch {
		case s < min || s < bestScore:
		case s > bestScore:
			best, bestScore, tie = e.col, s, false
		case e.col != best:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return best
}

// A bigram is two consecutive characters.
type bigram [2]rune

// bigrams are a string's character bigrams, sorted; none below 3 characters.
func bigrams(s string) []bigram {
	rs := []rune(s)
	if len(rs) < 3 {
		return nil
	}
	out := make([]bigram, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, bigram{rs[i], rs[i+1]})
	}
	slices.SortFunc(out, func(a, b bigram) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	return out
}

// dice is the Dice coefficient of two sorted bigram lists (as multisets).
func dice(a, b []bigram) float64 {
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i][0] < b[j][0] || a[i][0] == b[j][0] && a[i][1] < b[j][1]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

func min2(a, b int) (int, int) {
	if a < b {
		return a, b
	}
	return b, a
}
