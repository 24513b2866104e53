package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"tally/schema"
)

// page is how a sheet prints: on A4, portrait unless landscape, all its
// columns fitted to the page's width unless across (then as many pages
// across as it takes, at full size), with titleRows (1-based, from and to;
// 0 for none) repeated at the top of every page and titleCols (1-based) at
// the left.
type page struct {
	landscape, across    bool
	titleRows, titleCols [2]int
	// lang is the language of the page numbers in the footer.
	lang schema.Lang
}

// pageSetup sets a sheet's page: A4, its orientation and fit, margins of
// half an inch (the header and footer a quarter), and its print titles.
func pageSetup(f *excelize.File, sheet string, p page) error {
	size, orientation, fit, one, zero := 9, "portrait", !p.across, 1, 0
	if p.landscape {
		orientation = "landscape"
	}
	opts := &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation}
	if fit {
		opts.FitToWidth, opts.FitToHeight = &one, &zero
	}
	if err := f.SetPageLayout(sheet, opts); err != nil {
		return err
	}
	side, edge := 0.5, 0.25
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &side, Bottom: &side, Header: &edge, Footer: &edge}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&C" + schema.Msg(msgWritePageNumber).Render(p.lang)}); err != nil {
		return err
	}
	var titles []string
	if p.titleCols[0] > 0 {
		titles = append(titles, fmt.Sprintf("%s!$%s:$%s", quoted(sheet), colName(p.titleCols[0]-1), colName(p.titleCols[1]-1)))
	}
	if p.titleRows[0] > 0 {
		titles = append(titles, fmt.Sprintf("%s!$%d:$%d", quoted(sheet), p.titleRows[0], p.titleRows[1]))
	}
	if len(titles) == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: strings.Join(titles, ",")})
}

// fitsLegibly reports whether columns of total width (characters) fit an
// A4 page's width (landscape or portrait) at 70% or more, as wide as any
// client sets them (a character of LibreOffice's default font can take 7
// points where Excel's takes 5.25).
func fitsLegibly(total float64, landscape bool) bool {
	width := pageWidthPt
	if landscape {
		width = pageHeightPt
	}
	return total*7*0.7 <= width
}
