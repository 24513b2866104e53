package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// pdfPage is one page of a printed sheet: its size, the height of each
// word and its text in the order it was drawn.
type pdfPage struct {
	width, height float64
	words         []pdfWord
	text          string // the drawn text without white space
}

type pdfWord struct {
	text   string
	height float64
}

var (
	pageRe = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe = regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
)

// readPDF reads a printed sheet with poppler's pdftotext: the words with
// their boxes, and the text in drawing order (a cell's lines together).
func readPDF(t *testing.T, path string) []pdfPage {
	t.Helper()
	bbox, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	require.NoError(t, err)
	var pages []pdfPage
	for _, chunk := range strings.Split(string(bbox), "<page ")[1:] {
		m := pageRe.FindStringSubmatch("<page " + chunk)
		require.NotNil(t, m)
		p := pdfPage{}
		p.width, _ = strconv.ParseFloat(m[1], 64)
		p.height, _ = strconv.ParseFloat(m[2], 64)
		for _, w := range wordRe.FindAllStringSubmatch(chunk, -1) {
			y0, _ := strconv.ParseFloat(w[1], 64)
			y1, _ := strconv.ParseFloat(w[2], 64)
			p.words = append(p.words, pdfWord{text: w[3], height: y1 - y0})
		}
		pages = append(pages, p)
	}
	raw, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	require.NoError(t, err)
	texts := strings.Split(string(raw), "\f")
	for i := range pages {
		if i < len(texts) {
			pages[i].text = squeeze(texts[i])
		}
	}
	return pages
}

// shownCells reads the CSV of a sheet's cells as LibreOffice shows them:
// the A1 name and text of each cell that shows any.
func shownCells(t *testing.T, path string) [][2]string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err, "no CSV of the sheet")
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	require.NoError(t, err)
	var out [][2]string
	for i, row := range rows {
		for j, text := range row {
			if strings.TrimSpace(text) != "" {
				name, _ := excelize.CoordinatesToCellName(j+1, i+1)
				out = append(out, [2]string{name, text})
			}
		}
	}
	return out
}

// squeeze drops white space, which wrapping moves about.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// wordHeight6pt is the height pdftotext gives a word set in 6 pt: its box
// is 1.3 times the font size (measured with LibreOffice's PDFs, for Chinese
// and Latin alike).
const wordHeight6pt = 6 * 1.3

// TestWorkbooksPrint prints each sheet tally writes through LibreOffice, as
// its page setup says, and reads the pages back: every page is A4; no
// word is set smaller than 6 pt; every cell's text is on a page, whole (not
// cut by its row, its column or the page's edge); a row does not run on
// to another page sideways unless the sheet repeats its label columns there;
// and a table that runs on to further pages repeats its header rows, or
// breaks only where the workbook says (before a section).
func TestWorkbooksPrint(t *testing.T) {
	files := writtenWorkbooks(t)
	needTool(t, "pdftotext (poppler-utils)", "pdftotext", "-v")
	office := inOffice(t, files)
	for _, f := range files {
		if !f.print {
			continue
		}
		lo := office[f.path]
		t.Run(f.name(), func(t *testing.T) {
			require.True(t, lo.Loaded)
			require.NotEmpty(t, lo.Sheets)
			for _, sh := range lo.Sheets {
				t.Run(sh.Name, func(t *testing.T) { checkPrinted(t, sh) })
			}
		})
	}
}

func checkPrinted(t *testing.T, sh officeSheet) {
	pages := readPDF(t, sh.PDF)
	require.NotEmpty(t, pages)
	t.Logf("%d pages, landscape=%v, scale %v", len(pages), sh.Landscape, sh.Scale)
	var small []string
	for i, p := range pages {
		long, short := max(p.width, p.height), min(p.width, p.height)
		assert.InDelta(t, 841.9, long, 2, "page %d is not A4", i+1)
		assert.InDelta(t, 595.3, short, 2, "page %d is not A4", i+1)
		for _, w := range p.words {
			if w.height < wordHeight6pt-0.05 {
				small = append(small, fmt.Sprintf("page %d: %q at %.1f pt", i+1, w.text, w.height/1.3))
			}
		}
	}
	if len(small) > 0 {
		t.Errorf("%d words are set smaller than 6 pt, e.g. %s", len(small), strings.Join(small[:min(5, len(small))], "; "))
	}
	var cut []string
	cells := shownCells(t, sh.CSV)
	for _, c := range cells {
		text := squeeze(c[1])
		found := false
		for _, p := range pages {
			if strings.Contains(p.text, text) {
				found = true
				break
			}
		}
		if !found {
			cut = append(cut, fmt.Sprintf("%s %q", c[0], c[1]))
		}
	}
	if len(cut) > 0 {
		sort.Strings(cut)
		t.Errorf("%d of %d cells are not printed whole, e.g. %s", len(cut), len(cells), strings.Join(cut[:min(5, len(cut))], "; "))
	}
	if len(sh.ColBreaks) > 0 && sh.TitleCols == nil {
		t.Errorf("its rows run on to %d more pages sideways, without their labels: columns %v start pages", len(sh.ColBreaks), sh.ColBreaks)
	}
	if len(sh.RowBreaks) > 0 && sh.Used[0] > 0 && sh.TitleRows == nil {
		for _, b := range sh.RowBreaks {
			if manual, _ := b[1].(bool); !manual {
				t.Errorf("a page begins at row %v, and the page has no header: the table's header rows are not repeated", b[0])
			}
		}
	}
}
