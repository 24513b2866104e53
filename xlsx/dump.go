package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"tally/source"

	"github.com/xuri/excelize/v2"
)

// Dump writes a workbook as canonical text, for golden tests and for
// reading a workbook without a spreadsheet program: document properties,
// then per sheet its visibility, merged ranges, panes, comments and every
// non-empty cell with its type, raw value, formula and fill (a cell a
// merged cell covers is not one). Byte layouts
// differ between versions of the writer; the dump does not.
func Dump(w io.Writer, data []byte) error {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	defer f.Close()
	var b strings.Builder
	if p, err := f.GetDocProps(); err == nil {
		fmt.Fprintf(&b, "props title=%q category=%q\n", p.Title, p.Category)
	}
	names := f.GetDefinedName()
	sort.Slice(names, func(i, j int) bool { return names[i].Name+names[i].Scope < names[j].Name+names[j].Scope })
	for _, n := range names {
		fmt.Fprintf(&b, "name %s scope=%q %s\n", n.Name, n.Scope, n.RefersTo)
	}
	fills := cellFills(data)
	raw := excelize.Options{RawCellValue: true}
	for _, sheet := range f.GetSheetList() {
		visible, _ := f.GetSheetVisible(sheet)
		fmt.Fprintf(&b, "\nsheet %q visible=%v\n", sheet, visible)
		merges, _ := f.GetMergeCells(sheet)
		var ms []string
		covered := map[string]bool{} // by a merged cell, which excelize reports for them
		for _, m := range merges {
			ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
			c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 != nil || err2 != nil || (c2-c1+1)*(r2-r1+1) > 1<<16 {
				continue
			}
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					if r != r1 || c != c1 {
						covered[ref(r-1, c-1)] = true
					}
				}
			}
		}
		sort.Strings(ms)
		for _, m := range ms {
			fmt.Fprintf(&b, "  merge %s\n", m)
		}
		if p, err := f.GetPanes(sheet); err == nil && p.Freeze {
			fmt.Fprintf(&b, "  freeze x=%d y=%d %s\n", p.XSplit, p.YSplit, p.TopLeftCell)
		}
		if pl, err := f.GetPageLayout(sheet); err == nil && pl.Size != nil && *pl.Size != 0 {
			fmt.Fprintf(&b, "  page size=%d orientation=%s fitToWidth=%d fitToHeight=%d\n", *pl.Size, deref(pl.Orientation), derefInt(pl.FitToWidth), derefInt(pl.FitToHeight))
		}
		if p, err := f.GetSheetProtection(sheet); err == nil && (p.Password != "" || p.SelectLockedCells || p.SelectUnlockedCells) {
			fmt.Fprintf(&b, "  protected password=%v\n", p.Password != "")
		}
		if dvs, err := f.GetDataValidations(sheet); err == nil {
			for _, dv := range dvs {
				first := strings.Fields(strings.Split(dv.Sqref, ":")[0])[0]
				fmt.Fprintf(&b, "  validation %s %s %s %q %q unlocked=%v input=%q\n", dv.Sqref, dv.Type, dv.Operator,
					dv.Formula1, dv.Formula2, unlocked(f, sheet, first), deref(dv.Prompt))
			}
		}
		if cfs, err := f.GetConditionalFormats(sheet); err == nil {
			var keys []string
			for k := range cfs {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				for _, cf := range cfs[k] {
					fmt.Fprintf(&b, "  conditional %s %s %q\n", k, cf.Type, cf.Criteria)
				}
			}
		}
		comments, _ := f.GetComments(sheet)
		sort.Slice(comments, func(i, j int) bool { return comments[i].Cell < comments[j].Cell })
		for _, c := range comments {
			fmt.Fprintf(&b, "  comment %s %q\n", c.Cell, commentText(c))
		}
		rows, err := f.GetRows(sheet, raw)
		if err != nil {
			return err
		}
		for r, row := range rows {
			for c, v := range row {
				at := ref(r, c)
				if covered[at] {
					continue
				}
				formula, _ := f.GetCellFormula(sheet, at)
				if v == "" && formula == "" {
					continue
				}
				typ, _ := f.GetCellType(sheet, at)
				line := fmt.Sprintf("  %s %s %q", at, typeName(typ), v)
				if formula != "" {
					line += " =" + formula
				}
				if id, err := f.GetCellStyle(sheet, at); err == nil && id < len(fills) && fills[id] != "" {
					line += " fill=" + fills[id]
				}
				if ok, target, _ := f.GetCellHyperLink(sheet, at); ok {
					line += " link=" + target
				}
				if unlocked(f, sheet, at) {
					line += " unlocked"
				}
				b.WriteString(line + "\n")
			}
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(i *int) int {
	if i == nil {
		return 0
	}
	return *i
}

// unlocked reports a cell whose style lifts the sheet protection.
func unlocked(f *excelize.File, sheet, cell string) bool {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil || id == 0 {
		return false
	}
	st, err := f.GetStyle(id)
	return err == nil && st != nil && st.Protection != nil && !st.Protection.Locked
}

func typeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeBool:
		return "b"
	case excelize.CellTypeDate:
		return "d"
	case excelize.CellTypeError:
		return "e"
	case excelize.CellTypeFormula:
		return "str"
	case excelize.CellTypeInlineString, excelize.CellTypeSharedString:
		return "s"
	}
	return "n"
}

// cellFills reads the solid fill colour of every cell style straight from
// xl/styles.xml: excelize reports no colours for a workbook without a theme.
func cellFills(data []byte) []string {
	zr, err := source.OpenZip(data)
	if err != nil {
		return nil
	}
	var styles struct {
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   struct {
					RGB string `xml:"rgb,attr"`
				} `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			FillID int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	for _, zf := range zr.File {
		if !strings.EqualFold(zf.Name, "xl/styles.xml") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil
		}
		err = xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(&styles)
		rc.Close()
		if err != nil {
			return nil
		}
	}
	out := make([]string, len(styles.Xfs))
	for i, xf := range styles.Xfs {
		if xf.FillID >= 0 && xf.FillID < len(styles.Fills) {
			p := styles.Fills[xf.FillID].Pattern
			if p.Type == "solid" {
				rgb := strings.ToUpper(p.Fg.RGB)
				if len(rgb) == 8 {
					rgb = rgb[2:]
				}
				out[i] = rgb
			}
		}
	}
	return out
}
