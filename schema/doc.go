// Package schema is the model of the statistics tables tally checks: a
// [Schema] describes one official table format (its tables, rows, columns,
// units, value kinds and the rules between cells), a [Submission] holds one
// unit's values read from a table, and [Schema.Check] judges a submission
// against its schema, giving [Finding] values. It also reads numbers as
// townships write them ([ParseNumber]), normalises labels
// ([NormalizeLabel]) and unit names, and holds the messages findings are
// said in, in Chinese and English.
//
// The package is pure: it may import the standard library, decimal, the
// YAML parser, expr-lang and x/text's decoders; never a file, a workbook
// library or another tally package. The three national formats are built
// in ([Builtins]); another is loaded from a schema file with [Parse].
//
// # Schema files
//
// A schema describes one table format in YAML (a text file in UTF-8, with or without a
// byte-order mark, UTF-16 or GBK; at most 4 MB and nested at most 64 levels deep, so that a
// damaged file is refused before the YAML parser runs): tables of rows × columns, each row's code,
// label (as printed, numbering included), short name for messages, aliases seen in real
// files, English name, unit, kind (`integer` or `decimal`, with `places`), and headings; then
// the rules. A matrix column may name the header groups printed above its label (`group:
// [行政诉讼, 复议后起诉]`), and a table's single row may be `unlabeled` (found under its
// header). A heading may say `subtotal: true` (numbers typed on its own row are the subtotal
// of the rows under it — those whose codes extend its code — checked against them and counted
// nowhere) and `legacy: {into: CODE, year: YYYY}` (the format of YYYY printed it as a single
// row of values: a table that still does, with none of the rows under it, has that row read
// into CODE and the other rows under it as 0).
// A table may have an English title (`en`), and the table that opens a section of
// the report its heading (`section: {zh: 二、主动公开政府信息情况, en: …}`), printed above it
// in the consolidated table and the template; a column with a `unit` prints it after its
// label (`本年收费金额（单位：万元）`). `tally schemas show gov-info-2018` prints the
// simplest built-in one. The rule forms:
//
//	rules:
//	  - {sum: "3.1", parts: ["3.1.1", "3.1.2", "3.1.3", "3.1.4"]}   # total = Σ parts
//	  - {part: "1.1.1", whole: "1.1"}                                # 其中 ≤ parent
//	  - {left: ["1.2.1"], op: "<=", right: ["1.1"]}                  # Σleft op Σright
//	  - id: consistency:9.3>=9.2
//	    kind: consistency                 # the finding kind (default by form)
//	    severity: warning                 # error, warning or info
//	    left: ["9.3"]
//	    op: ">="
//	    right: ["9.2"]
//	    when: "v('9.2') > 0"              # an expr-lang condition
//	    message: {zh: 举办了培训班，接受培训人次一般不少于培训班数, en: …}
//	  - expr: "v('3.3') <= v('3.1') + 5"  # a free expr-lang expression; needs a message
//	    message: {zh: …}
//
// A schema also says how its table relates to last year's, for `--previous`: for each format
// last year's table may be in, the comparable cells (`same: true`: every cell key both formats
// have; or `pairs`, each side a sum of cells) and the rules between the years, in the
// left/op/right form with `last:` before last year's codes (kind `previous`, severity error
// unless given):
//
//	previous:
//	  - from: [gov-info-2019, gov-info-2021]
//	    compare: {same: true}
//	    rules:
//	      - id: carried-over
//	        left: ["3.2@*"]
//	        op: "="
//	        right: ["last:3.4@*"]
//	        message: {zh: 本年“上年结转”应等于上年报表的“结转下年度继续办理”, en: …}
//	  - from: [gov-info-2018]
//	    compare:
//	      pairs:
//	        - {this: ["4@direct_total", "4@after_total"], last: ["5"]}   # 行政诉讼
//
// Last year's codes are checked against last year's schema when the two are first related.
//
// Cells are written as row codes in a single-column table and `ROW@COL` in a matrix; `*`
// stands for every column (`"r_total@*"`) or every value row (`"*@total"`), making one rule per
// column or row. Expressions compute with exact decimals: `v('code')` is a cell's value,
// `sum('a', 'b')` adds cells, `abs(x)`. Loading a schema checks it completely: unknown fields,
// codes used twice, rules naming unknown or heading rows, bad operators or expressions, sums
// that form a cycle; every problem is reported with its line and column, e.g.
// `my.yaml:13:5: rules[0]: unknown row code "1.3"`.
package schema
