package xlsx

import (
	"github.com/xuri/excelize/v2"

	"tally/schema"
)

// styles holds the style ids of a workbook being written.
type styles struct {
	title, sub, header, label, heading, unit, value, total, text, missing, note, err, warn, info, percent, absent int
	markErr, markWarn, section, small, line                                                                       int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	font := func(bold bool, size float64) *excelize.Font {
		return &excelize.Font{Bold: bold, Size: size, Family: "宋体"}
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	defs := []*excelize.Style{
		{Font: font(true, 16), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font(false, 11), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}},
		{Font: font(true, 11), Border: border, Fill: fill("DDEBF7"), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font(false, 11), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		{Font: font(true, 11), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		{Font: font(false, 11), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Font: font(false, 11), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(true, 11), Border: border, Fill: fill("F2F2F2"), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(false, 11), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Border: border, Fill: fill("D9D9D9")},
		{Font: &excelize.Font{Italic: true, Size: 10, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Fill: fill("FFC7CE"), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Fill: fill("FFEB9C"), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Border: border, NumFmt: 10, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(false, 11), Fill: fill("D9D9D9"), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: font(false, 11), Border: border, Fill: fill(fills[schema.Error]), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(false, 11), Border: border, Fill: fill(fills[schema.Warning]), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}},
		{Font: font(true, 12), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}},
		{Font: font(false, smallSize), Border: border, Fill: fill("DDEBF7"), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font(false, 11), Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return &styles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], ids[8], ids[9], ids[10], ids[11], ids[12], ids[13], ids[14], ids[15], ids[16], ids[17], ids[18], ids[19], ids[20]}, nil
}

// smallSize is the font size of secondary header text (the file names
// over the detail sheet's units).
const smallSize = 9

// severity is the style of a finding's row: red for an error, yellow for
// a warning.
func (st *styles) severity(s schema.Severity) int {
	switch s {
	case schema.Error:
		return st.err
	case schema.Warning:
		return st.warn
	}
	return st.info
}

// marked is the style of a total that breaks a rule: red for an error,
// yellow for a warning.
func (st *styles) marked(s schema.Severity) int {
	if s == schema.Error {
		return st.markErr
	}
	return st.markWarn
}

// of is the style of a layout cell.
func (st *styles) of(k cellKind) int {
	switch k {
	case kTitle:
		return st.title
	case kSub:
		return st.sub
	case kSection:
		return st.section
	case kNote:
		return st.note
	case kTableTitle, kHeading:
		return st.heading
	case kHeader:
		return st.header
	case kLabel:
		return st.label
	case kUnit:
		return st.unit
	case kValue:
		return st.value
	}
	return 0
}
