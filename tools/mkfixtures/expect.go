package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
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
	if e.Schema != "" {
		fields = append(fields, field{"schema", jsonText(e.Schema)})
	}
	if e.Codes != nil {
		var cells []string
		for _, code := range e.Codes {
			if ref, ok := e.Cells[code]; ok {
				cells = append(cells, jsonText(code)+": "+jsonText(ref))
			}
		}
		fields = append(fields,
			field{"values", valuesJSON(e.Codes, e.Values)},
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

// expectDoc is one expect.json: an array of workbooks, or an object holding
// the roster's name, the findings of the folder as a whole, the workbooks and
// the totals.
type expectDoc struct {
	exps   []*expectation
	object bool
	roster string // the roster's file name; "" for none
	top    []finding
	totals map[string]*big.Rat // nil: no totals
	// totalCodes orders the totals: the codes of the folder's format.
	totalCodes []string
}

// writeExpect writes a folder's expect.json.
func writeExpect(path string, d expectDoc) error {
	var b bytes.Buffer
	if !d.object {
		b.WriteString(entriesJSON(d.exps, ""))
	} else {
		b.WriteString("{\n")
		if d.roster != "" {
			b.WriteString(`  "roster": ` + jsonText(d.roster) + ",\n")
		}
		b.WriteString(`  "findings": ` + findingsJSON(d.top, "  ") + ",\n")
		b.WriteString(`  "files": ` + entriesJSON(d.exps, "  "))
		if d.totals != nil {
			b.WriteString(",\n" + `  "totals": ` + valuesJSON(d.totalCodes, d.totals))
		}
		b.WriteString("\n}")
	}
	b.WriteString("\n")
	if !json.Valid(b.Bytes()) {
		panic("invalid JSON for " + path)
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// valuesJSON renders values by code on one line, in the order of codes; a
// nil value is null.
func valuesJSON(codes []string, values map[string]*big.Rat) string {
	parts := make([]string, len(codes))
	for i, code := range codes {
		v := "null"
		if r := values[code]; r != nil {
			v = fmtDec(r)
		}
		parts[i] = jsonText(code) + ": " + v
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// totals adds up the values of every workbook whose table was read and is in
// the folder's majority format, cell by cell, as a consolidation must: a blank
// cell has been read as 0 already, a value that is not a number (null) adds
// nothing. It returns the format's codes, in order, and the sums.
func totals(exps []*expectation) ([]string, map[string]*big.Rat) {
	schema := majority(exps)
	codes := codesOf(schema)
	sum := map[string]*big.Rat{}
	for _, code := range codes {
		sum[code] = new(big.Rat)
	}
	for _, e := range exps {
		if e.Codes == nil || e.Schema != schema {
			continue
		}
		for _, code := range e.Codes {
			if v := e.Values[code]; v != nil {
				sum[code].Add(sum[code], v)
			}
		}
	}
	return codes, sum
}

// majority is the format most readable workbooks of a folder are in ("" for
// the 2018 table); on a tie, the one listed first.
func majority(exps []*expectation) string {
	count := map[string]int{}
	best := ""
	for _, e := range exps {
		if e.Codes == nil {
			continue
		}
		count[e.Schema]++
		if count[e.Schema] > count[best] {
			best = e.Schema
		}
	}
	return best
}

// codesOf returns the value codes of a format: "" is the 2018 table.
func codesOf(schema string) []string {
	if schema == "" {
		return valueCodes()
	}
	return formatByID(schema).keys
}

// readExpect reads an expect.json that a previous run wrote, in either form.
func readExpect(path string) ([]*expectation, []finding, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	type entry struct {
		File     string                  `json:"file"`
		About    string                  `json:"about"`
		Skipped  bool                    `json:"skipped"`
		Unit     string                  `json:"unit"`
		Year     int                     `json:"year"`
		Sheet    string                  `json:"sheet"`
		Schema   string                  `json:"schema"`
		Values   map[string]*json.Number `json:"values"`
		Cells    map[string]string       `json:"cells"`
		Findings []finding               `json:"findings"`
	}
	var doc struct {
		Findings []finding `json:"findings"`
		Files    []entry   `json:"files"`
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		err = json.Unmarshal(data, &doc.Files)
	} else {
		err = json.Unmarshal(data, &doc)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	exps := make([]*expectation, len(doc.Files))
	for i, en := range doc.Files {
		e := &expectation{File: en.File, About: en.About, Skipped: en.Skipped, Unit: en.Unit, Year: en.Year,
			Sheet: en.Sheet, Schema: en.Schema, Cells: en.Cells, Findings: en.Findings}
		if en.Values != nil {
			e.Codes, e.Values = codesOf(en.Schema), map[string]*big.Rat{}
			for code, v := range en.Values {
				if v != nil {
					e.Values[code] = dec(v.String())
				}
			}
		}
		exps[i] = e
	}
	return exps, doc.Findings, nil
}
