package table

import "tally/grid"

// sheet is a grid as the finder reads it: the grid, and the normal forms
// of its texts, worked out once per text (every table of every schema
// asks for them).
type sheet struct {
	*grid.Grid
	norms map[string]string
}

// sheetsOf wraps grids for reading.
func sheetsOf(grids []*grid.Grid) []*sheet {
	out := make([]*sheet, len(grids))
	for i, g := range grids {
		out[i] = &sheet{Grid: g}
	}
	return out
}

// norm is the normal form of a label on the sheet (schema.NormalizeLabel).
func (g *sheet) norm(text string) string {
	if n, ok := g.norms[text]; ok {
		return n
	}
	if g.norms == nil {
		g.norms = map[string]string{}
	}
	n := normLabel(text)
	g.norms[text] = n
	return n
}
