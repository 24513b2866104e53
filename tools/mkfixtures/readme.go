package main

import (
	"fmt"
	"os"
	"strings"
)

const readmeHead = `# testdata

Township submissions of the 2018 《政府信息公开情况统计表》 as real spreadsheet
software writes them, with what tally must find in each.

**Generated, do not edit by hand.** Change the cases in ` + "`tools/mkfixtures`" + ` and run

    go run ./tools/mkfixtures -out testdata

from the repository root (LibreOffice's ` + "`soffice`" + ` must be on PATH). The generator describes
each workbook as data (` + "`tools/mkfixtures/cases.go`" + `), builds it with excelize (formulas without
cached values, numbers as text where the case says so), and has LibreOffice 7.4 save it as
.xlsx, .xlsm, .xls or .ods, which computes and caches every formula. It then reads each file
back with excelize, checks that it holds what the case meant (labels, units, values, formula
results equal to excelize's own calculation), and derives the expected values, cells and
findings from the file with its own copy of the rules. The cells are the same on every run; the
bytes are not (LibreOffice stamps the time).

## expect.json

One per folder: an array with one object per file (in cross/, an object
` + "`{\"roster\", \"findings\", \"files\"}`" + `).

- ` + "`unit`, `year`, `sheet`" + `: what the reader must report; absent for unreadable files and for
  the workbook that matches no schema (only its ` + "`schema`" + ` finding is expected).
- ` + "`values`" + `: every value row of gov-info-2018 by code, in table order; ` + "`null`" + ` when the row is
  missing, not a number or a formula error. Blank cells and ` + "`—` `-` `/` `无`" + ` read as 0.
- ` + "`cells`" + `: the value cell of every row present (the top-left cell of a merged range).
- ` + "`findings`" + `: every error and warning the file must produce, plus the info findings
  ` + "`blank` and `converted`" + `. ` + "`cell`" + ` is the value cell; for ` + "`unit`" + ` it is the unit cell; ` + "`\"\"`" + ` for
  ` + "`missing-row`" + ` and for findings about the whole file. ` + "`codes`" + ` holds the finding's first code:
  the total of a sum, the 其中 row, the channel (or 1.1 for the warning bound), the row a
  consistency warning points at. A ` + "`sum`" + ` also gives ` + "`expected`" + ` (the sum of the parts) and ` + "`actual`" + `
  (the total written). Compare findings as a set: their order is not part of the contract.
- ` + "`skipped: true`" + `: a file the folder walk must skip (lock and hidden files).

Cross-submission findings (cross/): each file of a unit sent twice gets ` + "`duplicate-unit`" + `; each
of two units with the same figures gets ` + "`identical-values`" + `; a year other than the majority's
gets ` + "`year`" + `; a unit missing from the roster gets ` + "`unknown-unit`" + `; a roster unit without a file is a
top-level ` + "`missing-unit`" + ` (no file). seed/ and validate/ read together raise none of these: every
unit and every set of figures there is distinct.
`

var folderNotes = []string{
	"The seed report's own table (掌政镇, 2018), exactly as the seed prints it. No findings.",
	"One realistic variation per file, mostly of the base figures (a township with 12 requests, " +
		"figures in every section, passing every rule), each with its own unit and figures.",
	"Cross-submission checks; the roster is `roster.txt`.",
	"Files that are not readable workbooks, and files a folder walk skips.",
}

// writeReadme writes testdata/README.md from the expectations, so that it
// always lists what is actually there.
func writeReadme(path string, byFolder [][]*expectation, top []finding) error {
	var b strings.Builder
	b.WriteString(readmeHead)
	for i, exps := range byFolder {
		fmt.Fprintf(&b, "\n## %s/\n\n%s\n\n| file | exercises | expected findings |\n|---|---|---|\n", folders[i], folderNotes[i])
		for _, e := range exps {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", e.File, e.About, summary(e))
		}
		if folders[i] == "cross" {
			for _, f := range top {
				fmt.Fprintf(&b, "| `roster.txt` | 名单，每行一个单位：%s | %s (%s) %s |\n",
					strings.Join(crossRoster, "、"), f.Kind, f.Severity, f.Unit)
			}
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// summary condenses a file's findings: "sum (error) C31 [3.1]", "blank (info) ×13".
func summary(e *expectation) string {
	if e.Skipped {
		return "skipped"
	}
	type group struct {
		kind, severity string
		n              int
		first          finding
	}
	var groups []*group
	for _, f := range e.Findings {
		found := false
		for _, g := range groups {
			if g.kind == f.Kind && g.severity == f.Severity {
				g.n++
				found = true
			}
		}
		if !found {
			groups = append(groups, &group{f.Kind, f.Severity, 1, f})
		}
	}
	if len(groups) == 0 {
		return "—"
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		s := fmt.Sprintf("%s (%s)", g.kind, g.severity)
		switch {
		case g.n > 1:
			s += fmt.Sprintf(" ×%d", g.n)
		case g.first.Cell != "":
			s += " " + g.first.Cell
			if len(g.first.Codes) > 0 {
				s += " [" + g.first.Codes[0] + "]"
			}
		case len(g.first.Codes) > 0:
			s += " [" + g.first.Codes[0] + "]"
		}
		parts[i] = s
	}
	return strings.Join(parts, "; ")
}
