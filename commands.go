package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"tally/consolidate"
	"tally/schema"
	"tally/xlsx"
)

func commonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "schema", Usage: "table format: a built-in schema `ID` or a schema FILE (default: detected from each workbook)"},
		&cli.StringFlag{Name: "format", Value: "text", Usage: "report on stdout: text, json or csv"},
		&cli.StringFlag{Name: "log", Usage: "also write the report to `FILE` (.json or .csv, by extension)"},
		&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a finding is at least this severe: error, warning or never"},
		&cli.StringFlag{Name: "roster", Usage: "`FILE` listing the units expected to submit, one a line"},
		&cli.IntFlag{Name: "year", Usage: "the report year every submission must have (default: the year most have)"},
		&cli.StringFlag{Name: "lang", Usage: "language of messages: zh or en (default: from LANG, else zh)"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files read at once (default: one per CPU)"},
	}
}

// runConfig is what the common flags say.
type runConfig struct {
	lang    schema.Lang
	schemas []*schema.Schema
	forced  bool
	format  string
	log     string
	failOn  string
	opt     consolidate.Options
}

func readConfig(c *cli.Context) (*runConfig, error) {
	cfg := &runConfig{format: c.String("format"), log: c.String("log"), failOn: c.String("fail-on")}
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
		case ".json", ".csv":
		default:
			return nil, fmt.Errorf("--log %s: the log is written as .json or .csv; name the file with one of those extensions", cfg.log)
		}
	}
	if cfg.schemas, cfg.forced, err = chooseSchemas(c.String("schema")); err != nil {
		return nil, err
	}
	if y := c.Int("year"); y != 0 && (y < 1990 || y > 2100) {
		return nil, fmt.Errorf("--year %d: give a four-digit report year", y)
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
	bar := newProgress(c.App.ErrWriter, len(sources))
	cfg.opt.Progress = bar.update
	conv := xlsx.FindSoffice()
	read := func(data []byte, name string) *schema.Submission {
		opt := xlsx.Options{Schemas: cfg.schemas, Forced: cfg.forced}
		if conv != nil {
			opt.Converter = conv
		}
		return xlsx.Read(data, name, opt)
	}
	res := consolidate.Validate(sources, read, cfg.opt)
	bar.finish()
	return report(c, cfg, res)
}

// report writes the report on stdout and to --log, and turns the findings
// into the exit status.
func report(c *cli.Context, cfg *runConfig, res *consolidate.Result) error {
	out := c.App.Writer
	var err error
	switch cfg.format {
	case "json":
		err = res.Report(toolVersion(), cfg.lang).WriteJSON(out)
	case "csv":
		err = res.WriteCSV(out, cfg.lang)
	default:
		err = res.WriteText(out, toolVersion(), cfg.lang)
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	if cfg.log != "" {
		var buf bytes.Buffer
		if strings.EqualFold(filepath.Ext(cfg.log), ".csv") {
			err = res.WriteCSV(&buf, cfg.lang)
		} else {
			err = res.Report(toolVersion(), cfg.lang).WriteJSON(&buf)
		}
		if err == nil {
			err = writeAtomic(cfg.log, buf.Bytes(), inputPaths(res))
		}
		if err != nil {
			return fmt.Errorf("--log: %w", err)
		}
	}
	threshold := map[string]int{"error": 3, "warning": 2, "never": 99}[cfg.failOn]
	for _, f := range res.AllFindings() {
		if f.Severity.Rank() >= threshold {
			return errFindings
		}
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

func schemasAction(c *cli.Context) error {
	w := c.App.Writer
	args := c.Args().Slice()
	switch {
	case len(args) == 0:
		for _, s := range schema.Builtins() {
			years := ""
			if s.Years.From != 0 || s.Years.To != 0 {
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
