package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
)

// The expect.json files are written by hand-rolled code so that each workbook's
// values, cells and each finding stay on one line, in table order, and the
// files diff well.

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// entryJSON renders one expectation as an indented JSON object.
func entryJSON(e *expectation, indent string) string {
	type field struct{ key, value string }
	fields := []field{{"file", jsonText(e.File)}, {"about", jsonText(e.About)}}
	if e.Skipped {
		fields = append(fields, field{"skipped", "true"})
	}
	if e.Unit != "" {
		fields = append(fields, field{"unit", jsonText(e.Unit)})
	}
	if e.Year != 0 {
		fields = append(fields, field{"year", jsonText(e.Year)})
	}
	if e.Sheet != "" {
		fields = append(fields, field{"sheet", jsonText(e.Sheet)})
	}
	if e.Codes != nil {
		var values, cells []string
		for _, code := range e.Codes {
			v := "null"
			if r := e.Values[code]; r != nil {
				v = fmtDec(r)
			}
			values = append(values, jsonText(code)+": "+v)
			if ref, ok := e.Cells[code]; ok {
				cells = append(cells, jsonText(code)+": "+jsonText(ref))
			}
		}
		fields = append(fields,
			field{"values", "{" + strings.Join(values, ", ") + "}"},
			field{"cells", "{" + strings.Join(cells, ", ") + "}"})
	}
	fields = append(fields, field{"findings", findingsJSON(e.Findings, indent+"  ")})
	var b strings.Builder
	b.WriteString(indent + "{\n")
	for i, f := range fields {
		b.WriteString(indent + "  " + jsonText(f.key) + ": " + f.value)
		if i < len(fields)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(indent + "}")
	return b.String()
}

func findingsJSON(fs []finding, indent string) string {
	if len(fs) == 0 {
		return "[]"
	}
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = indent + "  " + jsonText(f)
	}
	return "[\n" + strings.Join(lines, ",\n") + "\n" + indent + "]"
}

func entriesJSON(exps []*expectation, indent string) string {
	parts := make([]string, len(exps))
	for i, e := range exps {
		parts[i] = entryJSON(e, indent+"  ")
	}
	return "[\n" + strings.Join(parts, ",\n") + "\n" + indent + "]"
}

// writeExpect writes a folder's expect.json: an array of workbooks, or with a
// roster an object holding the roster's name, its findings and the workbooks.
func writeExpect(path string, exps []*expectation, roster string, top []finding) error {
	var b bytes.Buffer
	if roster == "" {
		b.WriteString(entriesJSON(exps, ""))
	} else {
		b.WriteString("{\n")
		b.WriteString(`  "roster": ` + jsonText(roster) + ",\n")
		b.WriteString(`  "findings": ` + findingsJSON(top, "  ") + ",\n")
		b.WriteString(`  "files": ` + entriesJSON(exps, "  ") + "\n}")
	}
	b.WriteString("\n")
	if !json.Valid(b.Bytes()) {
		panic("invalid JSON for " + path)
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
