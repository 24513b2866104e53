package run

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"tally/internal/files"
	"tally/schema"
	"tally/xlsx"
)

// TemplateConfig is what a fill-in workbook needs.
type TemplateConfig struct {
	// Schema is the table format: a built-in schema id or a schema file;
	// "" only when there is a single built-in schema.
	Schema string
	// Out is the workbook to write (.xlsx).
	Out string
	// Unit and Year, when given, go into the title and the 填报单位 line.
	Unit string
	Year int
	// Password protects the sheet; "" protects it without one.
	Password string
	// Contact is whom to ask, printed in the instructions.
	Contact string
	// Lang is the template's language; "" is Chinese.
	Lang    schema.Lang
	Version string
}

// Template writes the workbook a district sends its townships to fill in.
// Its errors are of kind Refused (checked before anything is read or
// written) or Unwritten.
func Template(_ context.Context, cfg TemplateConfig) error {
	out := cfg.Out
	if out == "" {
		return refused(msgRunTemplateOutRequired)
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return refused(msgRunOutIsFolder, "--out", out)
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return refused(msgRunTemplateOutNotXlsx, out)
	}
	if cfg.Lang == "" {
		cfg.Lang = schema.Zh
	}
	if err := canWrite("--out", out, ""); err != nil {
		return err
	}
	var s *schema.Schema
	if id := cfg.Schema; id != "" {
		if _, builtin := schema.Builtin(id); !builtin {
			inputs := &pathIndex{}
			inputs.add(role{flag: "--schema", path: id})
			if _, err := plan(inputs, out, "", "", nil, cfg.Lang); err != nil {
				return err
			}
		}
		ss, _, err := chooseSchemas(id, "")
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
		return refused(msgRunTemplateSchema, strings.Join(ids, ", "))
	}
	if err := checkYear(cfg.Year); err != nil {
		return err
	}
	err := files.WriteAtomic(out, func(w io.Writer) error {
		return xlsx.WriteTemplate(w, s, xlsx.TemplateOptions{Lang: cfg.Lang, Unit: cfg.Unit, Year: cfg.Year,
			Password: cfg.Password, Contact: cfg.Contact, Version: cfg.Version})
	})
	if err != nil {
		return unwritten("--out", err)
	}
	return nil
}
