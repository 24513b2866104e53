package main

import (
	"fmt"
	"os"
	"strings"
)

const readmeHead = `# testdata

Township submissions of the 2018 《政府信息公开情况统计表》 as real spreadsheet
software writes them, with what tally must find in each; under matrix/, the statistics tables of the
annual reports in the 2019 and 2021 formats (sections 二, 三 and 四; schemas gov-info-2019 and
gov-info-2021), many with the figures of published reports (matrix/SOURCES.md); under previous/,
units of those districts a year later, to compare with last year's figures through --previous.

**Generated, do not edit by hand.** Change the cases in ` + "`tools/mkfixtures`" + ` and run

    go run ./tools/mkfixtures -out testdata
    go run ./tools/mkfixtures -out testdata -only district    # rebuild only district/
    go run ./tools/mkfixtures -out testdata -only matrix      # rebuild only matrix/ (and SOURCES.md)
    go run ./tools/mkfixtures -out testdata -only previous    # rebuild only previous/

from the repository root (LibreOffice's ` + "`soffice`" + ` must be on PATH). The generator describes
each workbook as data (` + "`tools/mkfixtures/cases.go`, `district.go`, `matrix.go`, `previous.go`" + `), builds it with excelize (formulas without
cached values, numbers as text where the case says so), and has LibreOffice 7.4 save it as
.xlsx, .xlsm, .xls or .ods, which computes and caches every formula. It then reads each file
back with excelize, checks that it holds what the case meant (labels, units, values, formula
results equal to excelize's own calculation), and derives the expected values, cells and
findings from the file with its own copy of the rules. The cells are the same on every run; the
bytes are not (LibreOffice stamps the time).

## expect.json

One per folder: an array with one object per file (in cross/, an object
` + "`{\"roster\", \"findings\", \"files\"}`" + `; in each district/ folder, an object
` + "`{\"roster\", \"findings\", \"files\", \"totals\"}`" + `, without ` + "`roster`" + ` where the folder has none).

- ` + "`unit`, `year`, `sheet`" + `: what the reader must report; absent for unreadable files and for
  the workbook that matches no schema (only its ` + "`schema`" + ` finding is expected).
- ` + "`values`" + `: every value row of gov-info-2018 by code, in table order; ` + "`null`" + ` when the row is
  missing, not a number or a formula error. Blank cells and ` + "`—` `-` `/` `无`" + ` read as 0.
- ` + "`cells`" + `: the value cell of every row present (the top-left cell of a merged range).
- ` + "`findings`" + `: every error and warning the file must produce, plus the info findings
  ` + "`blank`, `converted` and `extra-row`" + ` (a column of numbers that is no column of the table). ` + "`cell`" + ` is the value cell; for ` + "`unit`" + ` it is the unit cell; ` + "`\"\"`" + ` for
  ` + "`missing-row`" + ` and for findings about the whole file. ` + "`codes`" + ` holds the finding's first code:
  the total of a sum, the 其中 row, the channel (or 1.1 for the warning bound), the row a
  consistency warning points at. A ` + "`sum`" + ` also gives ` + "`expected`" + ` (the sum of the parts) and ` + "`actual`" + `
  (the total written). Compare findings as a set: their order is not part of the contract.
- ` + "`skipped: true`" + `: a file the folder walk must skip (lock and hidden files).
- ` + "`totals`" + ` (district/): the cell-wise sum of the values of every readable submission in the folder,
  by code, as exact decimals: a blank cell adds 0, a value that is ` + "`null`" + ` adds nothing. Errors do not
  exclude a submission: a total that does not add up is summed as written.

In matrix/ and previous/ (2019 and 2021 formats) each file also gives ` + "`schema`" + ` (` + "`gov-info-2019`" + ` or
` + "`gov-info-2021`" + `), and:

- ` + "`values`" + `: every value cell of that schema by key ` + "`ROW@COL`" + ` (` + "`3.3.1@natural`" + `, ` + "`4@after_total`" + `,
  ` + "`2.1.2@valid`" + `), in table, row and column order; ` + "`cells`" + `: the A1 cell of each, prefixed ` + "`Sheet!`" + ` when it is
  not on the file's ` + "`sheet`" + ` (the sheet holding 二).
- ` + "`findings`" + `: a rule finding's ` + "`codes`" + ` is its first key and ` + "`cell`" + ` that key's cell: the total of a sum;
  for 一 + 二 = （七）总计 + 四 (per column, kind ` + "`sum`" + `, rule id ` + "`balance`" + `) the cell of ` + "`3.1@COL`" + `, with
  ` + "`expected`" + ` = （七）+ 四 and ` + "`actual`" + ` = 一 + 二; for 本年新公开数量 ≤ 对外公开总数量 (2019, ` + "`consistency`" + `
  warning) the 本年新公开数量 cell. Blank cells read as 0 (a ` + "`blank`" + ` note each); a rule is skipped when a
  cell it needs is ` + "`null`" + `. 本年增/减 may be negative (` + "`+19`" + ` reads 19); 采购总金额 may carry 元 (` + "`251000元`" + `).
  A 2021 table that prints （六）其他处理 as the 2019 format's single row (agencies/) has its numbers as
  ` + "`3.3.6.3@COL`" + ` (3.其他), at that row's cells, and ` + "`3.3.6.1@COL`" + `, ` + "`3.3.6.2@COL`" + ` read 0 at no cell, with
  ` + "`{\"kind\": \"schema\", \"severity\": \"warning\"}`" + ` at the row's first number, codes ` + "`[\"3.3.6.3@natural\"]`" + `.
- ` + "`totals`" + `: the sum over the files in the folder's majority format only. A file in another format
  (mixed/) gets ` + "`{\"kind\": \"schema\", \"severity\": \"warning\", \"cell\": \"\", \"codes\": []}`" + `: the district mixes
  formats, and that file stays out of the totals.

Cross-submission findings (cross/): each file of a unit sent twice gets ` + "`duplicate-unit`" + ` (a warning
when one file's name marks it as the later version, 修改稿, and only that one is summed; an error when
nothing tells them apart); each
of two units with the same figures gets ` + "`identical-values`" + `; a year other than the majority's
gets ` + "`year`" + `; a unit missing from the roster gets ` + "`unknown-unit`" + `; a roster unit without a file is a
top-level ` + "`missing-unit`" + ` (no file). A roster may write a street office as 街道办事处 and have
` + "`#`" + ` comments. seed/ and validate/ read together raise none of these: every unit and every set of figures
there is distinct. Nor does a district/ folder read on its own (with its roster): its units and figures
are distinct and its roster lists exactly its units.
`

// keyTotals are the codes whose totals the README shows.
var keyTotals = []string{"1.1", "3.1", "3.2", "3.3", "6", "7", "8.3", "8.4", "9.3"}

// writeReadme writes testdata/README.md from the expectations of every folder
// (results, in the order of folders), so that it always lists what is
// actually there.
func writeReadme(path string, results []result) error {
	var b strings.Builder
	b.WriteString(readmeHead)
	for i, f := range folders {
		r := results[i]
		fmt.Fprintf(&b, "\n## %s/\n\n%s\n\n| file | exercises | expected findings |\n|---|---|---|\n", f.name, f.note)
		for _, e := range r.exps {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", e.File, e.About, summary(e))
		}
		if f.roster != nil {
			found := "—"
			if len(r.top) > 0 {
				parts := make([]string, len(r.top))
				for j, t := range r.top {
					parts[j] = fmt.Sprintf("%s (%s) %s", t.Kind, t.Severity, t.Unit)
				}
				found = strings.Join(parts, "; ")
			}
			fmt.Fprintf(&b, "| `roster.txt` | 名单，每行一个单位：%s | %s |\n", strings.Join(rosterEntries(f.roster), "、"), found)
		}
		if f.totals {
			_, sum := totals(r.exps)
			shown := keyTotals
			if m := majority(r.exps); m != "" {
				shown = formatByID(m).keyTotals
			}
			parts := make([]string, len(shown))
			for j, code := range shown {
				parts[j] = fmt.Sprintf("%s = %s", code, fmtDec(sum[code]))
			}
			fmt.Fprintf(&b, "\nTotals (some codes): %s.\n", strings.Join(parts, ", "))
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
