package source

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/grid"
)

const mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// Merged ranges are cells of the budget: those found, and the cells they
// fill.
func TestMergesSpendTheBudget(t *testing.T) {
	b := newBudget()
	g := &grid.Grid{}
	g.SetBudget(b)
	xml := fmt.Sprintf(`<?xml version="1.0"?><worksheet %s><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>%s</mergeCells></worksheet>`,
		mainNS, strings.Repeat(`<mergeCell ref="A1:CV100"/>`, 200))
	err := readSheet(sheetZip(t, xml), g, b, nil, nil)
	var over *TooMuch
	require.True(t, errors.As(err, &over), "%v", err)
	assert.Less(t, g.Merges(), 100*100+1)
}
