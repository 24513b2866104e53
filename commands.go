package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"tally/consolidate"
	"tally/schema"
	"tally/xlsx"
)

func commonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "schema", Usage: "table format: a built-in schema `ID` or a schema FILE (default: detected from each workbook)"},
		&cli.StringFlag{Name: "format", Value: "text", Usage: "report on stdout: text, json or csv"},
		&cli.StringFlag{Name: "log", Usage: "also write the report to `FILE` (.json, .csv or .xlsx, by extension)"},
		&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a finding is at least this severe: error, warning or never"},
		&cli.StringFlag{Name: "roster", Usage: "`FILE` listing the units expected to submit, one a line"},
		&cli.IntFlag{Name: "year", Usage: "the report year every submission must have (default: the year most have)"},
		&cli.StringFlag{Name: "lang", Usage: "language of messages: zh or en (default: from LANG, else zh)"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files read at once (default: one per CPU)"},
		&cli.StringFlag{Name: "annotate", Usage: "write a marked-up copy of each submission with findings into `DIR`"},
		&cli.StringSliceFlag{Name: "previous", Usage: "compare with last year: last year's consolidated `WORKBOOK` (its 明细 sheet holds every unit), a folder of last year's submissions, or files; may be repeated"},
		&cli.StringFlag{Name: "jump", Value: "5,10,50", Usage: "with --previous, an implausible change: `FACTOR,MIN,FROM_ZERO` (×/÷ FACTOR when both years are at least MIN, or 0 → at least FROM_ZERO); 0 turns the check off"},
	}
}

func consolidateFlags() []cli.Flag {
	return append(commonFlags(),
		&cli.StringFlag{Name: "out", Usage: "the consolidated workbook to write (`FILE`.xlsx; required)"},
		&cli.StringFlag{Name: "name", Usage: "the consolidated unit, e.g. 兴庆区 (default: from the --out file name)"},
		&cli.BoolFlag{Name: "exclude-invalid", Usage: "leave submissions with errors out of the totals"},
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
	conv     *xlsx.Soffice
	// logBook is the workbook log, when it was made ahead.
	logBook *logBook
	// shared are the rows the consolidated workbook and its log share.
	shared *xlsx.SharedRows
}

func readConfig(c *cli.Context) (*runConfig, error) {
	cfg := &runConfig{format: c.String("format"), log: c.String("log"), failOn: c.String("fail-on"),
		annotate: c.String("annotate")}
	var err error
	if cfg.lang, err = chooseLang(c.String("lang")); err != nil {
		return nil, err
	}
	switch cfg.format {
	case "text", "json", "csv":
	default:
		return nil, fmt.Errorf("--format %q: use text, json or csv", cfg.format)
	}
	switch cfg.failOn {
	case "error", "warning", "never":
	default:
		return nil, fmt.Errorf("--fail-on %q: use error, warning or never", cfg.failOn)
	}
	if cfg.log != "" {
		switch strings.ToLower(filepath.Ext(cfg.log)) {
		case ".json", ".csv", ".xlsx":
		default:
			return nil, fmt.Errorf("--log %s: the log is written as .json, .csv or .xlsx; name the file with one of those extensions", cfg.log)
		}
	}
	if cfg.schemas, cfg.forced, err = chooseSchemas(c.String("schema")); err != nil {
		return nil, err
	}
	if y := c.Int("year"); y != 0 && (y < 1990 || y > 2100) {
		return nil, fmt.Errorf("--year %d: give a four-digit report year", y)
	}
	cfg.previous = c.StringSlice("previous")
	if cfg.jump, err = parseJump(c.String("jump")); err != nil {
		return nil, err
	}
	cfg.opt.Year = c.Int("year")
	cfg.opt.Jobs = c.Int("jobs")
	if path := c.String("roster"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("--roster: %w", err)
		}
		cfg.opt.Roster = consolidate.ParseRoster(string(data))
	}
	return cfg, nil
}

// chooseLang takes --lang, else LANG/LC_ALL/LC_MESSAGES, else Chinese.
func chooseLang(flag string) (schema.Lang, error) {
	if flag != "" {
		l, ok := schema.ParseLang(flag)
		if !ok {
			return "", fmt.Errorf("--lang %q: use zh or en", flag)
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
	data, err := os.ReadFile(arg)
	if err != nil {
		if schema.IsBuiltinID(arg) {
			return nil, false, fmt.Errorf("--schema %s: no built-in schema has this id (see tally schemas)", arg)
		}
		return nil, false, fmt.Errorf("--schema: %w", err)
	}
	s, err := schema.Parse(arg, data)
	if err != nil {
		return nil, false, fmt.Errorf("--schema: the schema file has errors:\n%w", err)
	}
	return []*schema.Schema{s}, true, nil
}

func validateAction(c *cli.Context) error {
	if c.NArg() == 0 {
		return errors.New("validate: name the submissions to check (files or folders)")
	}
	cfg, err := readConfig(c)
	if err != nil {
		return err
	}
	sources := collectSources(c.Args().Slice())
	if err := outputsAreNotInputs(cfg, "", sources); err != nil {
		return err
	}
	res := check(c, cfg, sources...)
	return finish(c, cfg, res)
}

func consolidateAction(c *cli.Context) error {
	if c.NArg() == 0 {
		return errors.New("consolidate: name the submissions to consolidate (files or folders)")
	}
	out := c.String("out")
	if out == "" {
		return errors.New("consolidate: --out FILE.xlsx is required (the consolidated workbook to write)")
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return fmt.Errorf("--out %s: the consolidated workbook is an .xlsx file; name it so", out)
	}
	name := c.String("name")
	if name == "" {
		if u := schema.UnitName(strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))); schema.HasAdminSuffix(u) {
			name = u
		} else {
			return errors.New("consolidate: --name is required (the consolidated unit, e.g. --name 兴庆区), or put the unit in the --out file name")
		}
	}
	cfg, err := readConfig(c)
	if err != nil {
		return err
	}
	sources := collectSources(c.Args().Slice())
	if err := outputsAreNotInputs(cfg, out, sources); err != nil {
		return err
	}
	res := check(c, cfg, sources...)
	names := xlsx.Names(cfg.lang)
	refs := xlsx.SummaryRefs(res.Schema)
	res.Consolidate(consolidate.ConsolidateOptions{Name: name, ExcludeInvalid: c.Bool("exclude-invalid"),
		Out: out, Sheet: names.Summary, TotalRef: func(k string) string { return refs[k] }})
	// A workbook log is made while the consolidated workbook is written, on
	// the core that would otherwise wait; it is saved after it, as before.
	var log chan logBook
	if strings.EqualFold(filepath.Ext(cfg.log), ".xlsx") {
		cfg.shared = xlsx.NewSharedRows() // the findings and sources sheets, in both
		log = make(chan logBook, 1)
		go func() {
			var b logBook
			b.err = xlsx.WriteLog(&b.data, res, writeOptions(c, cfg))
			log <- b
		}()
	}
	if err := writeAtomic(out, inputPaths(res), cfg.lang, func(w io.Writer) error {
		return xlsx.WriteConsolidated(w, res, writeOptions(c, cfg))
	}); err != nil {
		if log != nil {
			<-log
		}
		return fmt.Errorf("--out %s: %w", out, err)
	}
	if log != nil {
		b := <-log
		cfg.logBook = &b
	}
	return finish(c, cfg, res)
}

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
	if c.App.Writer == os.Stdout {
		tuneMemory(len(sources)) // the program's own run, not a test's
	}
	bar := newProgress(c.App.ErrWriter, len(sources))
	cfg.opt.Progress = bar.update
	cfg.conv = xlsx.FindSoffice()
	read := func(data []byte, name string) *schema.Submission {
		opt := xlsx.Options{Schemas: cfg.schemas, Forced: cfg.forced}
		if cfg.conv != nil {
			opt.Converter = cfg.conv
		}
		return xlsx.Read(data, name, opt)
	}
	if len(cfg.previous) > 0 {
		readUnits := func(data []byte, name string) []*schema.Submission {
			opt := xlsx.Options{Schemas: schema.Builtins()}
			if cfg.forced {
				opt.Schemas = append(append([]*schema.Schema{}, cfg.schemas...), opt.Schemas...)
			}
			if cfg.conv != nil {
				opt.Converter = cfg.conv
			}
			return xlsx.ReadUnits(data, name, opt)
		}
		cfg.opt.Previous = consolidate.ReadPrevious(collectSources(cfg.previous), readUnits, cfg.opt.Jobs, cfg.jump)
	}
	res := consolidate.Validate(sources, read, cfg.opt)
	bar.finish()
	return res
}

// parseJump reads --jump FACTOR,MIN,FROM_ZERO; MIN and FROM_ZERO may be
// left out (10 and 50).
func parseJump(arg string) (consolidate.Jump, error) {
	j := consolidate.DefaultJump()
	parts := strings.Split(arg, ",")
	if len(parts) > 3 {
		return j, fmt.Errorf("--jump %q: give FACTOR,MIN,FROM_ZERO, e.g. 5,10,50", arg)
	}
	for i, p := range parts {
		d, err := decimal.NewFromString(strings.TrimSpace(p))
		if err != nil || d.Sign() < 0 {
			return j, fmt.Errorf("--jump %q: give FACTOR,MIN,FROM_ZERO as numbers, e.g. 5,10,50 (0 turns the check off)", arg)
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
		return j, fmt.Errorf("--jump %q: the factor must be more than 1 (or 0 to turn the check off)", arg)
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

// outputsAreNotInputs refuses, before anything is read, a run whose
// workbook or log would be written over one of its inputs.
func outputsAreNotInputs(cfg *runConfig, out string, sources []consolidate.Source) error {
	names := sourceNames(sources)
	if len(cfg.previous) > 0 {
		names = append(names, sourceNames(collectSources(cfg.previous))...)
	}
	if out != "" {
		if err := notAnInput(out, names, cfg.lang); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
	}
	if cfg.log != "" {
		if err := notAnInput(cfg.log, names, cfg.lang); err != nil {
			return fmt.Errorf("--log: %w", err)
		}
		if out != "" && resolve(cfg.log) == resolve(out) {
			return fmt.Errorf("--log: %w", outputError(cfg.lang, "out.log-is-out", cfg.log))
		}
	}
	return nil
}

func sourceNames(sources []consolidate.Source) []string {
	var out []string
	for _, s := range sources {
		out = append(out, s.Name)
	}
	return out
}

// finish writes the report on stdout, the log and the marked-up copies,
// and turns the findings into the exit status.
func finish(c *cli.Context, cfg *runConfig, res *consolidate.Result) error {
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
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if cfg.log != "" {
		err = writeAtomic(cfg.log, inputPaths(res), cfg.lang, func(w io.Writer) error {
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
			return fmt.Errorf("--log: %w", err)
		}
	}
	if cfg.annotate != "" {
		if err := annotate(c, cfg, res); err != nil {
			return fmt.Errorf("--annotate: %w", err)
		}
	}
	threshold := map[string]int{"error": 3, "warning": 2, "never": 99}[cfg.failOn]
	if res.Worst().Rank() >= threshold {
		return errFindings
	}
	return nil
}

func inputPaths(res *consolidate.Result) []string {
	var out []string
	for _, s := range res.Submissions {
		out = append(out, s.File)
	}
	return out
}

func templateFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "schema", Usage: "the table format: a built-in schema `ID` or a schema FILE (required when there is more than one built-in)"},
		&cli.StringFlag{Name: "unit", Usage: "the unit the template is for, e.g. 掌政镇 (in the title; else the township types it)"},
		&cli.IntFlag{Name: "year", Usage: "the report year, in the title"},
		&cli.StringFlag{Name: "out", Usage: "the template to write (`FILE`.xlsx; required)"},
		&cli.StringFlag{Name: "password", Usage: "protect the sheet with this password (default: protected without one)"},
		&cli.StringFlag{Name: "contact", Usage: "whom to ask, printed in the instructions, e.g. \"区政府办公室 张三 0951-1234567\""},
		&cli.StringFlag{Name: "lang", Usage: "language of the template: zh or en (default: from LANG, else zh)"},
	}
}

func templateAction(c *cli.Context) error {
	out := c.String("out")
	if out == "" || !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return errors.New("template: --out FILE.xlsx is required (the template to write)")
	}
	lang, err := chooseLang(c.String("lang"))
	if err != nil {
		return err
	}
	var s *schema.Schema
	if id := c.String("schema"); id != "" {
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
		return fmt.Errorf("template: choose the table format with --schema (%s)", strings.Join(ids, ", "))
	}
	if y := c.Int("year"); y != 0 && (y < 1990 || y > 2100) {
		return fmt.Errorf("--year %d: give a four-digit report year", y)
	}
	err = writeAtomic(out, nil, lang, func(w io.Writer) error {
		if err := xlsx.WriteTemplate(w, s, xlsx.TemplateOptions{Lang: lang, Unit: c.String("unit"), Year: c.Int("year"),
			Password: c.String("password"), Contact: c.String("contact"), Version: toolVersion()}); err != nil {
			return fmt.Errorf("template: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

func schemasAction(c *cli.Context) error {
	w := c.App.Writer
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
			fmt.Fprintf(w, "%-16s %-10s %s  %s\n", s.ID, years, s.Title, s.En)
		}
		return nil
	case len(args) == 2 && args[0] == "show":
		s, ok := schema.Builtin(args[1])
		if !ok {
			return fmt.Errorf("schemas show %s: no built-in schema has this id (see tally schemas)", args[1])
		}
		_, err := w.Write(s.Dump())
		return err
	}
	return errors.New("schemas: use 'tally schemas' or 'tally schemas show ID'")
}
