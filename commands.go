package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"tally/consolidate"
	"tally/errtext"
	"tally/printable"
	"tally/read"
	"tally/schema"
	"tally/source"
	"tally/xlsx"
)

func commonFlags(lang schema.Lang) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "schema", Usage: tr(lang,
			"`表式`：内置表式编号（见 tally schemas）或表式文件；默认按每个工作簿自动识别",
			"the table format: a built-in schema `ID` (see tally schemas) or a schema file; default: detected from each workbook")},
		&cli.StringFlag{Name: "format", Value: "text", Usage: tr(lang,
			"屏幕上报告的`格式`：text、json 或 csv（默认 text）",
			"the `FORMAT` of the report on stdout: text, json or csv (default text)")},
		&cli.StringFlag{Name: "log", Usage: tr(lang,
			"另把报告写入`文件`：.json、.csv 或 .xlsx（按扩展名）",
			"also write the report to `FILE`: .json, .csv or .xlsx (by extension)")},
		&cli.StringFlag{Name: "fail-on", Value: "error", Usage: tr(lang,
			"有达到此`程度`的问题时退出码为 1：error（错误）、warning（警告）或 never（从不）；默认 error",
			"exit 1 when a finding is at least this severe (`LEVEL`): error, warning or never (default error)")},
		&cli.StringFlag{Name: "roster", Usage: tr(lang,
			"应报单位名单`文件`：文本文件，每行一个单位",
			"`FILE` listing the units expected to submit, one a line")},
		&cli.IntFlag{Name: "year", Usage: tr(lang,
			"报表`年度`：每份报表都应是这一年度（默认：多数报表的年度）",
			"the report `YEAR` every submission must have (default: the year most have)")},
		langFlag(lang),
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: tr(lang,
			"同时读取的文件`数`（默认：每个处理器核心一个）",
			"`N` files read at once (default: one per CPU)")},
		&cli.StringFlag{Name: "annotate", Usage: tr(lang,
			"为每份有问题的报表做一份标注副本，写入这个`文件夹`（原件不动）",
			"write a marked-up copy of each submission with findings into `DIR` (the originals are left alone)")},
		&cli.StringSliceFlag{Name: "previous", Usage: tr(lang,
			"与上年比较：上年用 tally 汇总的工作簿（其“明细”表含各单位数字）、上年各单位报表所在的文件夹或文件`路径`；可以给出多次",
			"compare with last year: last year's consolidated workbook (its detail sheet holds every unit), a folder of last year's submissions, or files (`PATH`); may be repeated")},
		&cli.StringFlag{Name: "jump", Value: "5,10,50", Usage: tr(lang,
			"配合 --previous，多大的变化算异常：`倍数,下限,从零`，即两年都不小于下限时增减超过倍数，或从 0 变为不少于“从零”的数；默认 5,10,50，0 表示不检查",
			"with --previous, an implausible change: `FACTOR,MIN,FROM_ZERO` (times or divided by FACTOR when both years are at least MIN, or from 0 to at least FROM_ZERO); default 5,10,50, 0 turns the check off")},
	}
}

func consolidateFlags(lang schema.Lang) []cli.Flag {
	return append(commonFlags(lang),
		&cli.StringFlag{Name: "out", Usage: tr(lang,
			"要写出的汇总表（`文件`.xlsx，必填）",
			"the consolidated workbook to write (`FILE`.xlsx; required)")},
		&cli.StringFlag{Name: "name", Usage: tr(lang,
			"汇总单位的`名称`，如 --name 兴庆区（默认取 --out 文件名中的单位）",
			"the `NAME` of the consolidated unit, the district's (default: the unit in the --out file name)")},
		&cli.BoolFlag{Name: "exclude-invalid", Usage: tr(lang,
			"有错误的报表不计入合计",
			"leave submissions with errors out of the totals")},
	)
}

// runConfig is what the common flags say.
type runConfig struct {
	lang     schema.Lang
	schemas  []*schema.Schema
	forced   bool
	format   string
	log      string
	failOn   string
	annotate string
	previous []string
	jump     consolidate.Jump
	opt      consolidate.Options
	conv     *source.Soffice
	// rosterPath and schemaPath are the files --roster and --schema name
	// (schemaPath is empty for a built-in schema); prevSources are the
	// files of last year's figures.
	rosterPath, schemaPath string
	prevSources            []consolidate.Source
	// plan names every output, checked before anything is read.
	plan *outputPlan
	// logBook is the workbook log, when it was made ahead.
	logBook *logBook
	// shared are the rows the consolidated workbook and its log share.
	shared *xlsx.SharedRows
}

// readConfig reads the common flags. It reads no file: the roster and a
// schema file are read by readInputs, once every output has been checked
// against them (planOutputs).
func readConfig(c *cli.Context) (*runConfig, error) {
	cfg := &runConfig{format: c.String("format"), log: c.String("log"), failOn: c.String("fail-on"),
		annotate: c.String("annotate"), rosterPath: c.String("roster")}
	var err error
	if cfg.lang, err = cmdLang(c); err != nil {
		return nil, err
	}
	switch cfg.format {
	case "text", "json", "csv":
	default:
		return nil, msgErr("cli.format", cfg.format)
	}
	switch cfg.failOn {
	case "error", "warning", "never":
	default:
		return nil, msgErr("cli.fail-on", cfg.failOn)
	}
	if cfg.log != "" {
		switch strings.ToLower(filepath.Ext(cfg.log)) {
		case ".json", ".csv", ".xlsx":
		default:
			return nil, msgErr("cli.log-ext", cfg.log)
		}
		if err := canWrite("--log", cfg.log); err != nil {
			return nil, err
		}
	}
	if cfg.annotate != "" {
		if info, err := os.Stat(cfg.annotate); err == nil && !info.IsDir() {
			return nil, msgErr("cli.annotate-is-file", cfg.annotate)
		}
	}
	if arg := c.String("schema"); arg != "" {
		if s, ok := schema.Builtin(arg); ok {
			cfg.schemas, cfg.forced = []*schema.Schema{s}, true
		} else {
			cfg.schemaPath = arg
		}
	}
	if y := c.Int("year"); y != 0 && (y < 1990 || y > 2100) {
		return nil, msgErr("cli.year", y)
	}
	cfg.previous = c.StringSlice("previous")
	if cfg.jump, err = parseJump(c.String("jump")); err != nil {
		return nil, err
	}
	cfg.opt.Year = c.Int("year")
	cfg.opt.Jobs = c.Int("jobs")
	return cfg, nil
}

// readInputs reads the files the flags name: a schema file, the roster.
func (cfg *runConfig) readInputs() error {
	var err error
	if cfg.schemas == nil {
		if cfg.schemas, cfg.forced, err = chooseSchemas(cfg.schemaPath); err != nil {
			return err
		}
	}
	if cfg.rosterPath != "" {
		if cfg.opt.Roster, err = readRoster(cfg.rosterPath); err != nil {
			return err
		}
	}
	return nil
}

// readRoster reads the --roster file: text as Windows editors save it
// (UTF-8 with or without a byte-order mark, UTF-16, GBK), one unit a line.
// A roster that is no text (a workbook, a binary file) or names no unit is
// refused: it would make every unit "missing".
func readRoster(path string) ([]string, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, msgErr("cli.roster-read", errtext.Of(err))
	}
	units, err := consolidate.ReadRoster(data)
	if err != nil {
		return nil, msgErr("cli.roster-not-text", path)
	}
	if len(units) == 0 {
		return nil, msgErr("cli.roster-empty", path)
	}
	return units, nil
}

// chooseLang takes --lang, else LC_ALL/LC_MESSAGES/LANG, else Chinese.
func chooseLang(flag string) (schema.Lang, error) {
	if flag != "" {
		l, ok := schema.ParseLang(flag)
		if !ok {
			return "", msgErr("cli.lang", flag)
		}
		return l, nil
	}
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v != "" {
			if l, ok := schema.ParseLang(v); ok {
				return l, nil
			}
			break
		}
	}
	return schema.Zh, nil
}

// chooseSchemas resolves --schema: a built-in id, a schema file, or every
// built-in schema for detection.
func chooseSchemas(arg string) ([]*schema.Schema, bool, error) {
	if arg == "" {
		return schema.Builtins(), false, nil
	}
	if s, ok := schema.Builtin(arg); ok {
		return []*schema.Schema{s}, true, nil
	}
	data, err := readInput(arg)
	if err != nil {
		if schema.IsBuiltinID(arg) || errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `./\`) {
			return nil, false, msgErr("cli.schema-unknown", arg)
		}
		return nil, false, msgErr("cli.schema-read", errtext.Of(err))
	}
	s, err := schema.Parse(arg, data)
	if err != nil {
		return nil, false, msgErr("cli.schema-errors", arg, lines(err.Error()))
	}
	return []*schema.Schema{s}, true, nil
}

// canWrite refuses, before anything is read, an output that cannot be
// written where it is asked for: a folder, or a file in a folder that does
// not exist.
func canWrite(flag, path string) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return msgErr("cli.out-is-folder", flag, path)
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return msgErr("cli.out-no-folder", flag, path, dir)
	}
	return nil
}

// findSources finds the files the paths name, checks every output against
// them and the other inputs (planOutputs), then reads the files the flags
// name (readInputs); it refuses a run with nothing to check: no path that
// exists, or folders with no file tally reads. A path that does not exist,
// beside others that do, is checked with them and gets an unreadable
// finding. out is the --out workbook, if any.
func findSources(c *cli.Context, cfg *runConfig, out string, what schema.Localizer) ([]consolidate.Source, error) {
	paths := c.Args().Slice()
	var missing []string
	for _, p := range paths {
		if _, err := os.Lstat(p); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) == len(paths) {
		return nil, msgErr("cli.missing", listed(missing), what)
	}
	sources := collectSources(paths)
	for _, p := range cfg.previous {
		// A file named by the flag that is no file (a pipe, a device) is a
		// mistake on the command line; one that cannot be read otherwise
		// is a warning of the run, as a file of a --previous folder is.
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			if err := regular(p, info); err != nil {
				return nil, msgErr("cli.previous-read", errtext.Of(err))
			}
		}
	}
	if len(cfg.previous) > 0 {
		cfg.prevSources = collectSources(cfg.previous)
	}
	var err error
	if cfg.plan, err = planOutputs(cfg, out, sources); err != nil {
		return nil, err
	}
	if err := cfg.readInputs(); err != nil {
		return nil, err
	}
	if len(sources) == 0 {
		return nil, msgErr("cli.nothing-found", listed(paths), what, rosterNote(cfg))
	}
	return sources, nil
}

// hasTables reports whether any source may hold a table: a spreadsheet
// found in a folder, or a file named on the command line; not only the
// Word documents, PDFs and pictures a folder walk reports.
func hasTables(sources []consolidate.Source) bool {
	for _, s := range sources {
		if s.Severity != schema.Warning {
			if _, err := os.Lstat(s.Name); err == nil {
				return true
			}
		}
	}
	return false
}

// listed names paths for a message: the first three, then how many more.
func listed(paths []string) schema.Both {
	shown := paths
	if len(shown) > 3 {
		shown = shown[:3]
	}
	b := schema.Both{Zh: strings.Join(shown, "、"), En: strings.Join(shown, ", ")}
	if n := len(paths) - len(shown); n > 0 {
		b.Zh += fmt.Sprintf(" 等 %d 处", len(paths))
		b.En += fmt.Sprintf(" and %d more", n)
	}
	return b
}

// rosterNote says, when a roster was given, that none of its units has
// submitted yet.
func rosterNote(cfg *runConfig) schema.Localizer {
	if len(cfg.opt.Roster) == 0 {
		return schema.Both{}
	}
	return schema.Msg("cli.roster-nobody", len(cfg.opt.Roster))
}

func validateAction(c *cli.Context) error {
	if c.NArg() == 0 {
		return msgErr("cli.validate.no-paths")
	}
	cfg, err := readConfig(c)
	if err != nil {
		return err
	}
	sources, err := findSources(c, cfg, "", schema.Both{})
	if err != nil {
		return err
	}
	res := check(c, cfg, sources...)
	if !hasTables(sources) {
		// Only Word documents, PDFs and the like: say what each is, and
		// that nothing could be checked.
		if err := report(c, cfg, res); err != nil {
			return err
		}
		return msgErr("cli.no-tables", listed(c.Args().Slice()), len(sources), rosterNote(cfg))
	}
	return finish(c, cfg, res)
}

func consolidateAction(c *cli.Context) error {
	if c.NArg() == 0 {
		return msgErr("cli.consolidate.no-paths")
	}
	out := c.String("out")
	if out == "" {
		return msgErr("cli.out-required")
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return msgErr("cli.out-is-folder", "--out", out)
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return msgErr("cli.out-not-xlsx", out)
	}
	if err := canWrite("--out", out); err != nil {
		return err
	}
	name := c.String("name")
	if name == "" {
		if u := schema.UnitName(strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))); schema.HasAdminSuffix(u) {
			name = u
		} else {
			return msgErr("cli.name-required")
		}
	}
	cfg, err := readConfig(c)
	if err != nil {
		return err
	}
	notWritten := schema.Msg("cli.not-written", out)
	sources, err := findSources(c, cfg, out, notWritten)
	if err != nil {
		return err
	}
	res := check(c, cfg, sources...)
	names := xlsx.Names(cfg.lang)
	var refs map[string]string
	if res.Schema != nil {
		refs = xlsx.SummaryRefs(res.Schema)
	}
	res.Consolidate(consolidate.ConsolidateOptions{Name: name, ExcludeInvalid: c.Bool("exclude-invalid"),
		Out: out, Sheet: names.Summary, TotalRef: func(k string) string { return refs[k] }})
	if why := nothingToSum(res, sources); why != nil {
		// No workbook of zeros: the report says why each file is left
		// out, and the run ends without writing anything.
		res.Totals = nil
		if err := report(c, cfg, res); err != nil {
			return err
		}
		return msgErr("cli.nothing-to-sum", why, notWritten)
	}
	// A workbook log is made while the consolidated workbook is written, on
	// the core that would otherwise wait; it is saved after it, as before.
	// Its bytes wait in memory meanwhile: a run with very many findings
	// writes it afterwards instead, straight to its file.
	var log chan logBook
	if strings.EqualFold(filepath.Ext(cfg.log), ".xlsx") {
		cfg.shared = xlsx.NewSharedRows() // the findings and sources sheets, in both
		defer cfg.shared.Close()
	}
	if cfg.shared != nil && res.CountFindings() <= aheadFindings {
		log = make(chan logBook, 1)
		go func() {
			var b logBook
			b.err = xlsx.WriteLog(&b.data, res, writeOptions(c, cfg))
			log <- b
		}()
	}
	if err := writeAtomic(out, cfg.lang, func(w io.Writer) error {
		return xlsx.WriteConsolidated(w, res, writeOptions(c, cfg))
	}); err != nil {
		if log != nil {
			<-log
		}
		return msgErr("cli.output-failed", "--out", errtext.Of(err))
	}
	if log != nil {
		b := <-log
		cfg.logBook = &b
	}
	return finish(c, cfg, res)
}

// nothingToSum says why a consolidation has no submission to sum, or nil
// when it has one.
func nothingToSum(res *consolidate.Result, sources []consolidate.Source) schema.Localizer {
	readable, summed := 0, 0
	for _, s := range res.Submissions {
		if !s.Unreadable {
			readable++
		}
		if s.Included {
			summed++
		}
	}
	switch {
	case summed > 0:
		return nil
	case !hasTables(sources):
		return schema.Msg("cli.sum.no-tables", len(sources))
	case readable == 0:
		return schema.Msg("cli.sum.unreadable", len(res.Submissions))
	}
	return schema.Msg("cli.sum.all-invalid", readable)
}

// aheadFindings is the most findings a run makes its workbook log ahead
// for, in memory (about 150 bytes a finding).
const aheadFindings = 50_000

// logBook is a workbook log made ahead of its saving.
type logBook struct {
	data bytes.Buffer
	err  error
}

// check reads and checks the submissions (the sources given, else those the
// command line names).
func check(c *cli.Context, cfg *runConfig, sources ...consolidate.Source) *consolidate.Result {
	if sources == nil {
		sources = collectSources(c.Args().Slice())
	}
	if f, ok := fileOf(c.App.Writer); ok && f == os.Stdout {
		tuneMemory(len(sources)) // the program's own run, not a test's
	}
	bar := newProgress(c.App.ErrWriter, len(sources), cfg.lang)
	cfg.opt.Progress = bar.update
	cfg.conv = source.FindSoffice()
	readFile := func(data []byte, name string) *schema.Submission {
		opt := read.Options{Schemas: cfg.schemas, Forced: cfg.forced}
		if cfg.conv != nil {
			opt.Converter = cfg.conv
		}
		return read.File(data, name, opt)
	}
	if len(cfg.previous) > 0 {
		readUnits := func(data []byte, name string) []*schema.Submission {
			opt := read.Options{Schemas: schema.Builtins()}
			if cfg.forced {
				opt.Schemas = append(append([]*schema.Schema{}, cfg.schemas...), opt.Schemas...)
			}
			if cfg.conv != nil {
				opt.Converter = cfg.conv
			}
			return read.Units(data, name, opt)
		}
		cfg.opt.Previous = consolidate.ReadPrevious(cfg.prevSources, readUnits, cfg.opt.Jobs, cfg.jump)
	}
	res := consolidate.Validate(sources, readFile, cfg.opt)
	bar.finish()
	return res
}

// parseJump reads --jump FACTOR,MIN,FROM_ZERO; MIN and FROM_ZERO may be
// left out (10 and 50).
func parseJump(arg string) (consolidate.Jump, error) {
	j := consolidate.DefaultJump()
	parts := strings.Split(arg, ",")
	if len(parts) > 3 {
		return j, msgErr("cli.jump", arg)
	}
	for i, p := range parts {
		d, err := decimal.NewFromString(strings.TrimSpace(p))
		if err != nil || d.Sign() < 0 {
			return j, msgErr("cli.jump", arg)
		}
		switch i {
		case 0:
			j.Factor = d
		case 1:
			j.Min = d
		case 2:
			j.FromZero = d
		}
	}
	if j.Factor.Sign() > 0 && j.Factor.LessThanOrEqual(decimal.NewFromInt(1)) {
		return j, msgErr("cli.jump-factor", arg)
	}
	return j, nil
}

func writeOptions(c *cli.Context, cfg *runConfig) xlsx.WriteOptions {
	return xlsx.WriteOptions{Lang: cfg.lang, Version: toolVersion(), Command: commandLine(c), Shared: cfg.shared}
}

// commandLine is the run's command as the flags were understood, in a fixed
// order, for the sources sheet: an auditor can run it again.
func commandLine(c *cli.Context) []string {
	out := []string{"tally", c.Command.Name}
	for _, f := range c.Command.Flags {
		name := f.Names()[0]
		if !c.IsSet(name) {
			continue
		}
		if _, isBool := f.(*cli.BoolFlag); isBool {
			out = append(out, "--"+name)
			continue
		}
		if _, isList := f.(*cli.StringSliceFlag); isList {
			for _, v := range c.StringSlice(name) {
				out = append(out, "--"+name, v)
			}
			continue
		}
		out = append(out, "--"+name, fmt.Sprint(c.Value(name)))
	}
	return append(out, c.Args().Slice()...)
}

// report writes the report on stdout.
func report(c *cli.Context, cfg *runConfig, res *consolidate.Result) error {
	out := c.App.Writer
	var err error
	switch cfg.format {
	case "json":
		err = res.WriteJSON(out, toolVersion(), cfg.lang)
	case "csv":
		err = res.WriteCSV(out, cfg.lang)
	default:
		err = res.WriteText(out, toolVersion(), cfg.lang)
	}
	return reportError(err)
}

// reportError is the error of writing the report or other text on stdout:
// none when the program reading it has gone (a pipe into head, closed
// after the lines it wanted). The report ends there; the outputs are
// written all the same, and the exit status is the findings'.
func reportError(err error) error {
	if err == nil || closedPipe(err) {
		return nil
	}
	return msgErr("cli.report-failed", errtext.Of(err))
}

// finish writes the report on stdout, the log and the marked-up copies,
// and turns the findings into the exit status.
func finish(c *cli.Context, cfg *runConfig, res *consolidate.Result) error {
	if err := report(c, cfg, res); err != nil {
		return err
	}
	if cfg.log != "" {
		err := writeAtomic(cfg.log, cfg.lang, func(w io.Writer) error {
			switch strings.ToLower(filepath.Ext(cfg.log)) {
			case ".csv":
				return res.WriteCSV(w, cfg.lang)
			case ".xlsx":
				if b := cfg.logBook; b != nil {
					if b.err != nil {
						return b.err
					}
					_, err := b.data.WriteTo(w)
					return err
				}
				return xlsx.WriteLog(w, res, writeOptions(c, cfg))
			default:
				return res.WriteJSON(w, toolVersion(), cfg.lang)
			}
		})
		if err != nil {
			return msgErr("cli.output-failed", "--log", errtext.Of(err))
		}
	}
	if cfg.annotate != "" {
		if err := annotate(c, cfg, res); err != nil {
			return msgErr("cli.output-failed", "--annotate", errtext.Of(err))
		}
	}
	threshold := map[string]int{"error": 3, "warning": 2, "never": 99}[cfg.failOn]
	if res.Worst().Rank() >= threshold {
		return errFindings
	}
	return nil
}

func templateFlags(lang schema.Lang) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "schema", Usage: tr(lang,
			"`表式`：内置表式编号或表式文件（内置表式不止一个时必填）",
			"the table format: a built-in schema `ID` or a schema file (required when there is more than one built-in)")},
		&cli.StringFlag{Name: "unit", Usage: tr(lang,
			"填报`单位`，如 --unit 掌政镇，写入标题（不填则由乡镇自己填写）",
			"the `UNIT` the template is for, in its title (else the township types it)")},
		&cli.IntFlag{Name: "year", Usage: tr(lang,
			"报表`年度`，写入标题",
			"the report `YEAR`, in the title")},
		&cli.StringFlag{Name: "out", Usage: tr(lang,
			"要写出的空白表（`文件`.xlsx，必填）",
			"the template to write (`FILE`.xlsx; required)")},
		&cli.StringFlag{Name: "password", Usage: tr(lang,
			"用这个`密码`保护工作表（默认：保护但不设密码）",
			"protect the sheet with this `PASSWORD` (default: protected without one)")},
		&cli.StringFlag{Name: "contact", Usage: tr(lang,
			"有问题找谁（`联系人`），写入填表说明，如 --contact \"区政府办公室 张三 0951-1234567\"",
			"whom to ask, printed in the instructions (a `TEXT` such as an office, a name and a telephone number)")},
		langFlag(lang),
	}
}

func templateAction(c *cli.Context) error {
	out := c.String("out")
	if c.NArg() > 0 {
		return msgErr("cli.template.args", strings.Join(c.Args().Slice(), " "))
	}
	if out == "" {
		return msgErr("cli.template.out-required")
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return msgErr("cli.out-is-folder", "--out", out)
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return msgErr("cli.template.out-not-xlsx", out)
	}
	lang, err := cmdLang(c)
	if err != nil {
		return err
	}
	if err := canWrite("--out", out); err != nil {
		return err
	}
	var s *schema.Schema
	if id := c.String("schema"); id != "" {
		if _, builtin := schema.Builtin(id); !builtin {
			cfg := &runConfig{lang: lang, schemaPath: id}
			if _, err := planOutputs(cfg, out, nil); err != nil {
				return err
			}
		}
		ss, _, err := chooseSchemas(id)
		if err != nil {
			return err
		}
		s = ss[0]
	} else if all := schema.Builtins(); len(all) == 1 {
		s = all[0]
	} else {
		var ids []string
		for _, b := range all {
			ids = append(ids, b.ID)
		}
		return msgErr("cli.template.schema", strings.Join(ids, ", "))
	}
	if y := c.Int("year"); y != 0 && (y < 1990 || y > 2100) {
		return msgErr("cli.year", y)
	}
	err = writeAtomic(out, lang, func(w io.Writer) error {
		return xlsx.WriteTemplate(w, s, xlsx.TemplateOptions{Lang: lang, Unit: c.String("unit"), Year: c.Int("year"),
			Password: c.String("password"), Contact: c.String("contact"), Version: toolVersion()})
	})
	if err != nil {
		return msgErr("cli.output-failed", "--out", errtext.Of(err))
	}
	return nil
}

func schemasAction(c *cli.Context) error {
	w := c.App.Writer
	lang := appLang(c)
	args := c.Args().Slice()
	switch {
	case len(args) == 0:
		for _, s := range schema.Builtins() {
			years := ""
			switch {
			case s.Years.To == 0 && s.Years.From != 0:
				years = fmt.Sprintf("%d–", s.Years.From)
			case s.Years.From != 0 || s.Years.To != 0:
				years = fmt.Sprintf("%d–%d", s.Years.From, s.Years.To)
			}
			title := schema.Text{Zh: "《" + s.Title + "》", En: s.En}.In(lang)
			if _, err := fmt.Fprintf(w, "%-16s %-10s %s\n", s.ID, years, title); err != nil {
				return reportError(err)
			}
		}
		return nil
	case len(args) == 2 && args[0] == "show":
		s, ok := schema.Builtin(args[1])
		if !ok {
			return msgErr("cli.schemas.unknown", args[1])
		}
		if _, err := w.Write(s.Dump()); err != nil {
			return reportError(err)
		}
		return nil
	case len(args) == 1 && args[0] == "show":
		return msgErr("cli.schemas.show-what")
	}
	return msgErr("cli.schemas.usage", strings.Join(args, " "))
}

// A msgError is an error whose text is a catalogue message; tally prints
// it in the run's language (exitCode).
type msgError struct{ m schema.Message }

// msgErr makes an error of a catalogue message. Its arguments — paths,
// names, errors, texts from submissions — are shown with their control
// characters escaped (printable.Line), line breaks too, but for lines.
func msgErr(id string, args ...any) error {
	shown := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case lines:
			shown[i] = printable.Text(string(v))
		case string:
			shown[i] = printable.Line(v)
		case schema.Localizer:
			shown[i] = printableArg{v}
		case error:
			shown[i] = printable.Line(v.Error())
		default:
			shown[i] = a
		}
	}
	return &msgError{schema.Msg(id, shown...)}
}

// lines is a message argument of several lines (a schema file's errors,
// one a line), which keep their line breaks.
type lines string

// printableArg is a message argument in either language, shown with its
// control characters escaped.
type printableArg struct{ l schema.Localizer }

// Localize implements [schema.Localizer].
func (p printableArg) Localize(lang schema.Lang) string { return printable.Line(p.l.Localize(lang)) }

func (e *msgError) Error() string { return e.m.Render(schema.En) }

// Localize implements [schema.Localizer].
func (e *msgError) Localize(lang schema.Lang) string { return e.m.Render(lang) }

func init() {
	schema.Register(map[string]schema.Text{
		"cli.validate.no-paths": {
			Zh: "请指出要检查的报表：文件或文件夹，例如 tally validate 乡镇报表",
			En: "name the submissions to check, files or folders, e.g. tally validate submissions"},
		"cli.consolidate.no-paths": {
			Zh: "请指出要汇总的报表：文件或文件夹，例如 tally consolidate 乡镇报表 --out 兴庆区2018.xlsx",
			En: "name the submissions to consolidate, files or folders, e.g. tally consolidate submissions --out district2018.xlsx"},
		"cli.out-required": {
			Zh: "请用 --out 指定要写出的汇总表，例如 --out 兴庆区2018.xlsx",
			En: "name the consolidated workbook to write with --out, e.g. --out district2018.xlsx"},
		"cli.out-not-xlsx": {
			Zh: "--out %s：汇总表是 .xlsx 文件，请把文件名的扩展名写成 .xlsx",
			En: "--out %s: the consolidated workbook is an .xlsx file; name it so"},
		"cli.out-is-folder": {
			Zh: "%[1]s %[2]s 是一个文件夹，不能作为输出文件；请在文件夹里指定一个文件名",
			En: "%[1]s %[2]s is a folder, not a file; name a file inside it"},
		"cli.out-no-folder": {
			Zh: "%[1]s %[2]s：文件夹 %[3]s 不存在；请先建好文件夹，或换一个位置",
			En: "%[1]s %[2]s: the folder %[3]s does not exist; create it or choose another place"},
		"cli.name-required": {
			Zh: "请用 --name 指定汇总单位，例如 --name 兴庆区；或者在 --out 的文件名中写上单位，例如 --out 兴庆区2018.xlsx",
			En: "name the consolidated unit with --name, or put the unit in the --out file name"},
		"cli.lang": {
			Zh: "--lang %s：语言只能是 zh（中文）或 en（英文）",
			En: "--lang %s: the language is zh (Chinese) or en (English)"},
		"cli.format": {
			Zh: "--format %s：报告格式只能是 text、json 或 csv",
			En: "--format %s: the report is text, json or csv"},
		"cli.fail-on": {
			Zh: "--fail-on %s：只能是 error（有错误时退出码为 1）、warning（有警告或错误时）或 never（从不）",
			En: "--fail-on %s: use error, warning or never"},
		"cli.log-ext": {
			Zh: "--log %s：日志按扩展名写成 .json、.csv 或 .xlsx，请用其中一种扩展名",
			En: "--log %s: the log is written as .json, .csv or .xlsx; name the file with one of those extensions"},
		"cli.annotate-is-file": {
			Zh: "--annotate %s 是一个文件，不是文件夹；请给出一个文件夹（不存在时会自动建立）",
			En: "--annotate %s is a file, not a folder; name a folder (it is made if it does not exist)"},
		"cli.jump": {
			Zh: "--jump %s：请写成 倍数,下限,从零 三个数，例如 5,10,50（0 表示不检查）",
			En: "--jump %s: give FACTOR,MIN,FROM_ZERO as numbers, e.g. 5,10,50 (0 turns the check off)"},
		"cli.jump-factor": {
			Zh: "--jump %s：倍数应大于 1（或为 0，表示不检查）",
			En: "--jump %s: the factor must be more than 1 (or 0 to turn the check off)"},
		"cli.year": {
			Zh: "--year %d：请给出四位数的报表年度，例如 --year 2018",
			En: "--year %d: give a four-digit report year, e.g. --year 2018"},
		"cli.schema-unknown": {
			Zh: "--schema %s：没有这个内置表式，也没有这个表式文件；运行 tally schemas 查看内置表式",
			En: "--schema %s: no built-in schema has this id and there is no such schema file (see tally schemas)"},
		"cli.schema-read": {
			Zh: "--schema：无法读取表式文件：%s",
			En: "--schema: the schema file cannot be read: %s"},
		"cli.schema-errors": {
			Zh: "--schema %s：表式文件有错误（以下为位置和英文说明）：\n%s",
			En: "--schema %s: the schema file has errors:\n%s"},
		"cli.roster-read": {
			Zh: "--roster：无法读取名单文件：%s；请检查文件名",
			En: "--roster: the roster cannot be read: %s; check the file name"},
		"cli.previous-read": {
			Zh: "--previous：无法读取上年的数字：%s",
			En: "--previous: last year's figures cannot be read: %s"},
		"cli.roster-not-text": {
			Zh: "--roster %s：名单应是文本文件（.txt），每行一个单位；如果名单在 Excel 里，请把单位名称那一列复制到记事本，另存为 UTF-8 编码的 .txt 文件",
			En: "--roster %s: the roster is a text file (.txt) with one unit a line; if it is in Excel, copy the column of names into a text editor and save it as UTF-8 text"},
		"cli.roster-empty": {
			Zh: "--roster %s：名单中没有任何单位；请每行写一个单位名称（# 开头的行是注释）",
			En: "--roster %s: the roster names no unit; write one unit a line (lines starting with # are comments)"},
		"cli.roster-nobody": {
			Zh: "；名单中的 %d 个单位都还没有报送",
			En: "; none of the %d units on the roster has submitted"},
		"cli.missing": {
			Zh: "找不到 %[1]s：没有这个文件或文件夹；请检查路径是否写对（可以把文件夹直接拖进命令行窗口）%[2]s",
			En: "%[1]s: no such file or folder; check the path%[2]s"},
		"cli.nothing-found": {
			Zh: "在 %[1]s 中没有找到报表文件（.xlsx、.xls、.et、.ods 等）；请确认文件夹是否选对%[3]s%[2]s",
			En: "no submission found in %[1]s (no .xlsx, .xls, .et or .ods file); check that it is the right folder%[3]s%[2]s"},
		"cli.no-tables": {
			Zh: "%[1]s 中没有 Excel 统计表，只有 %[2]d 个其他文件（Word 文档、PDF、图片等，见上）；请让报送单位提供填好的 Excel 统计表（.xlsx）%[3]s",
			En: "%[1]s holds no workbook, only %[2]d other files (Word documents, PDFs, pictures: see above); ask the units for their filled-in tables (.xlsx)%[3]s"},
		"cli.not-written": {
			Zh: "（未写入 %s）",
			En: " (%s was not written)"},
		"cli.nothing-to-sum": {
			Zh: "没有可以汇总的报表：%[1]s%[2]s",
			En: "nothing to consolidate: %[1]s%[2]s"},
		"cli.sum.no-tables": {
			Zh: "只有 %d 个其他文件（Word 文档、PDF、图片等，见上），没有 Excel 统计表；请让报送单位提供填好的 Excel 统计表（.xlsx）",
			En: "there are only %d other files (Word documents, PDFs, pictures: see above) and no workbook; ask the units for their filled-in tables (.xlsx)"},
		"cli.sum.unreadable": {
			Zh: "%d 个文件都无法读取（原因见上）；请按提示处理后重新汇总",
			En: "none of the %d files can be read (see above for why); deal with them and run again"},
		"cli.sum.all-invalid": {
			Zh: "%d 份报表都有错误，按 --exclude-invalid 都不计入合计；请改正后重新汇总，或去掉 --exclude-invalid",
			En: "all %d readable tables have errors and --exclude-invalid leaves them out; correct them, or run without --exclude-invalid"},
		"cli.output-failed": {
			Zh: "%[1]s：%[2]s",
			En: "%[1]s: %[2]s"},
		"cli.report-failed": {
			Zh: "无法输出报告：%s",
			En: "the report cannot be written: %s"},
		"cli.template.args": {
			Zh: "template 不需要路径（多出了“%s”）；单位和年度请用 --unit 和 --year 给出，输出文件用 --out",
			En: "template takes no paths (%q is left over); give the unit and year with --unit and --year, the file with --out"},
		"cli.template.out-required": {
			Zh: "请用 --out 指定要写出的空白表，例如 --out 掌政镇2018.xlsx",
			En: "name the template to write with --out, e.g. --out township2018.xlsx"},
		"cli.template.out-not-xlsx": {
			Zh: "--out %s：空白表是 .xlsx 文件，请把文件名的扩展名写成 .xlsx",
			En: "--out %s: the template is an .xlsx file; name it so"},
		"cli.template.schema": {
			Zh: "请用 --schema 选择表式：%s",
			En: "choose the table format with --schema: %s"},
		"cli.schemas.unknown": {
			Zh: "没有“%s”这个内置表式；运行 tally schemas 查看内置表式",
			En: "no built-in schema has the id %q (see tally schemas)"},
		"cli.schemas.show-what": {
			Zh: "请给出要显示的表式编号，例如 tally schemas show gov-info-2018",
			En: "name the schema to show, e.g. tally schemas show gov-info-2018"},
		"cli.schemas.usage": {
			Zh: "看不懂“%s”：用法是 tally schemas（列出内置表式）或 tally schemas show 表式编号",
			En: "%q is not understood: use tally schemas, or tally schemas show ID"},
	})
}
