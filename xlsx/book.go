package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"tally/consolidate"
	"tally/schema"
)

// Marker is the category tally writes into the document properties of a
// consolidated workbook; the reader then reads its first sheet only.
const Marker = "tally consolidation"

// SheetNames are the names of the sheets tally writes, in one language.
type SheetNames struct {
	Summary, Status, Detail, Findings, Sources, Issues, YearOnYear string
}

// Names returns the sheet names for a language.
func Names(lang schema.Lang) SheetNames {
	if lang == schema.En {
		return SheetNames{"Summary", "Status", "Detail", "Findings", "Sources", "Issues", "Year on year"}
	}
	return SheetNames{"汇总", "报送情况", "明细", "差异", "来源", "问题清单", "同比"}
}

// WriteOptions say how tally's workbooks are written.
type WriteOptions struct {
	Lang    schema.Lang
	Version string
	// Command is the command line of the run, recorded in the sources sheet.
	Command []string
}

// WriteConsolidated writes the district workbook: the summary in the
// official layout (every total a formula over the detail sheet, stored with
// its value), the detail (one column per included submission), the findings
// and the sources.
func WriteConsolidated(w io.Writer, res *consolidate.Result, opt WriteOptions) error {
	if res.Schema == nil {
		return fmt.Errorf("no submission could be read, so there is nothing to consolidate")
	}
	names := Names(opt.Lang)
	sheets := []string{names.Summary, names.Status, names.Detail, names.Findings, names.Sources}
	if res.YearOnYear != nil {
		sheets = []string{names.Summary, names.Status, names.Detail, names.YearOnYear, names.Findings, names.Sources}
	}
	f, st, err := newBook(sheets...)
	if err != nil {
		return err
	}
	defer f.Close()
	late := newLateRows()
	if err := writeSummary(f, st, res, names, detailPlan(res), opt); err != nil {
		return err
	}
	if err := writeStatus(f, st, res, names.Status, opt, late); err != nil {
		return err
	}
	if err := writeDetail(f, st, res, names, opt, late); err != nil {
		return err
	}
	if res.YearOnYear != nil {
		if err := writeYearOnYear(f, st, res, names.YearOnYear, opt, late); err != nil {
			return err
		}
	}
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	return finishLog(w, f, st, res, names, opt, late)
}

// newBook makes a workbook with the given sheets, in order, and tally's
// styles.
func newBook(sheets ...string) (*excelize.File, *styles, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err == nil {
		err = f.SetSheetName("Sheet1", sheets[0])
	}
	for _, n := range sheets[1:] {
		if err == nil {
			_, err = f.NewSheet(n)
		}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	// Set while the sheets are empty: excelize reads every sheet back to
	// set it, and the streamed ones can be large.
	f.SetActiveSheet(0)
	return f, st, nil
}

// finishLog writes the findings and sources sheets and the document
// properties, and saves the workbook to w.
func finishLog(w io.Writer, f *excelize.File, st *styles, res *consolidate.Result, names SheetNames, opt WriteOptions, late *lateRows) error {
	if err := writeFindings(f, st, res, names.Findings, opt, late); err != nil {
		return err
	}
	if err := writeSources(f, st, res, names.Sources, opt, late); err != nil {
		return err
	}
	if err := setProps(f, res, opt); err != nil {
		return err
	}
	return save(f, w, late)
}

// WriteLog writes the findings and sources sheets alone: the discrepancy
// log as a workbook.
func WriteLog(w io.Writer, res *consolidate.Result, opt WriteOptions) error {
	names := Names(opt.Lang)
	f, st, err := newBook(names.Status, names.Findings, names.Sources)
	if err != nil {
		return err
	}
	defer f.Close()
	late := newLateRows()
	if err := writeStatus(f, st, res, names.Status, opt, late); err != nil {
		return err
	}
	return finishLog(w, f, st, res, names, opt, late)
}

func setProps(f *excelize.File, res *consolidate.Result, opt WriteOptions) error {
	title := ""
	if res.Schema != nil {
		title = titleOf(res, opt.Lang)
	}
	return f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "tally " + opt.Version, Category: Marker,
		Description: "tally " + opt.Version + " " + strings.Join(opt.Command, " "),
		Created:     "2006-09-16T00:00:00Z", Modified: "2006-09-16T00:00:00Z",
	})
}

func titleOf(res *consolidate.Result, lang schema.Lang) string {
	year := ""
	if res.Year != 0 {
		year = fmt.Sprintf(" %d ", res.Year)
	}
	if lang == schema.En {
		return strings.TrimSpace(res.Name + year + res.Schema.En)
	}
	if year != "" {
		year += "年度"
	}
	return strings.TrimSpace(res.Name + year + res.Schema.Title)
}

// included lists the submissions that count in the totals, in input order.
func included(res *consolidate.Result) []*schema.Submission {
	var out []*schema.Submission
	for _, s := range res.Submissions {
		if s.Included {
			out = append(out, s)
		}
	}
	return out
}

// missingUnits are the roster's units that sent nothing.
func missingUnits(res *consolidate.Result) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Kind == schema.KindMissingUnit {
			out = append(out, f.Unit)
		}
	}
	return out
}
