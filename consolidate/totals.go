package consolidate

import (
	"strings"

	"github.com/shopspring/decimal"

	"tally/schema"
)

// ConsolidateOptions control how submissions are summed.
type ConsolidateOptions struct {
	// Name is the consolidated unit (兴庆区).
	Name string
	// ExcludeInvalid leaves submissions with errors out of the totals.
	ExcludeInvalid bool
	// Out is the consolidated workbook's path; findings on the totals name it.
	Out string
	// Sheet is the name of the sheet that shows the totals (汇总).
	Sheet string
	// TotalRef says which cell of that sheet shows a cell key's total.
	TotalRef func(key string) string
}

// Consolidate decides which submissions count, sums them cell by cell,
// and checks the totals with the schema's rules. A rule the totals break is
// a finding on the totals that names the units whose own figures cause it.
func (r *Result) Consolidate(opt ConsolidateOptions) {
	r.Name = opt.Name
	r.Out = opt.Out
	r.Totals = map[string]decimal.Decimal{}
	if r.Schema == nil {
		return
	}
	for _, s := range r.Submissions {
		s.Included = false
		switch {
		case s.Unreadable || s.Schema == nil:
		case s.Schema != r.Schema:
			// Validate warned of the other format; left out of the totals,
			// it is an error.
			fs := s.FindingList()
			for i := range fs {
				if fs[i].Rule == ruleOtherSchema {
					fs[i].Severity = schema.Error
					fs[i].Msg = schema.Msg(msgTotalOtherSchema, schema.Both{Zh: s.Schema.Title, En: s.Schema.En}, schema.Both{Zh: r.Schema.Title, En: r.Schema.En})
				}
			}
			s.SetFindings(fs)
		case s.SupersededBy != "":
			// Another table of the same unit is summed (duplicateUnits).
		case opt.ExcludeInvalid && s.Status() == schema.StatusErrors:
		default:
			s.Included = true
		}
	}
	// The totals are summed on every core, a share of the keys each.
	keys := r.Schema.Keys()
	sums := make([]decimal.Decimal, len(keys))
	each(len(keys), 0, func(i int) {
		var t decimal.Decimal
		for _, s := range r.Submissions {
			if v, ok := s.Get(keys[i]); ok && s.Included {
				t = t.Add(v)
			}
		}
		sums[i] = t
	})
	for i, k := range keys {
		r.Totals[k] = sums[i]
	}
	total := r.TotalSubmission(opt.Sheet, opt.TotalRef)
	for _, f := range r.Schema.Check(total) {
		f.File, f.Unit, f.Sheet = opt.Out, opt.Name, opt.Sheet
		f.Msg = schema.Msg(msgTotalRule, f.Msg, r.causes(f))
		r.Findings = append(r.Findings, f)
	}
}

// TotalSubmission presents the totals as a submission of the consolidated
// unit, located on the given sheet.
func (r *Result) TotalSubmission(sheet string, ref func(string) string) *schema.Submission {
	sub := &schema.Submission{File: r.Out, Unit: r.Name, Year: r.Year, Sheet: sheet, Schema: r.Schema,
		Values: map[string]schema.Value{}, Included: true}
	for k, v := range r.Totals {
		val := schema.Value{State: schema.Present, Num: v}
		if ref != nil {
			val.Ref = ref(k)
		}
		sub.Values[k] = val
	}
	return sub
}

// causes names the included units that break the same rule, or whose
// cells for it could not be read (so their totals are partial).
func (r *Result) causes(f schema.Finding) schema.Both {
	var units []string
	for _, s := range r.Submissions {
		if !s.Included {
			continue
		}
		cause := false
		for _, sf := range s.FindingList() {
			if sf.Rule == f.Rule {
				cause = true
			}
		}
		for _, code := range f.Codes {
			if _, ok := s.Get(code); !ok {
				cause = true
			}
		}
		if cause {
			units = append(units, s.Unit)
		}
	}
	if len(units) == 0 {
		return schema.Both{Zh: "（各单位各自无误）", En: "(no unit breaks it on its own)"}
	}
	return schema.Both{Zh: "来自" + strings.Join(units, "、"), En: "from " + strings.Join(units, ", ")}
}
