package schema

import "sort"

// catalogue holds every message tally writes about a submission, in Chinese
// and English. Arguments are positional (%[1]s); cell arguments read
// "name(C24)".
var catalogue = map[string]Text{
	// Rules.
	"rule.sum": {
		Zh: "合计不符：%[1]s 为 %[2]s，而 %[3]s 合计 %[4]s，相差 %[5]s",
		En: "total does not add up: %[1]s is %[2]s, but %[3]s add up to %[4]s (difference %[5]s)",
	},
	"rule.of-which": {
		Zh: "“其中”项超过总数：%[1]s 为 %[2]s，大于 %[3]s（%[4]s）",
		En: "an of-which item exceeds its total: %[1]s is %[2]s, more than %[3]s (%[4]s)",
	},
	"rule.bound": {
		Zh: "%[1]s 为 %[2]s，%[3]s %[4]s（%[5]s）",
		En: "%[1]s is %[2]s; it %[3]s %[4]s (%[5]s)",
	},
	"rule.bound.soft": {
		Zh: "请核实：%[1]s 为 %[2]s，一般%[3]s %[4]s（%[5]s）",
		En: "please check: %[1]s is %[2]s; it normally %[3]s %[4]s (%[5]s)",
	},
	"rule.expr":      {Zh: "%[1]s（%[2]s）", En: "%[1]s (%[2]s)"},
	"formula":        {Zh: "%[1]s%[2]s%[3]s: %[4]s %[5]s %[6]s", En: "%[1]s%[2]s%[3]s: %[4]s %[5]s %[6]s"},
	"formula.expr":   {Zh: "%[1]s", En: "%[1]s"},
	"rule.with-note": {Zh: "%[1]s。%[2]s", En: "%[1]s. %[2]s"},
}

// Register adds message entries to the catalogue; packages that make
// findings (the reader, the cross-checks) register theirs at init.
func Register(entries map[string]Text) {
	for id, t := range entries {
		if _, dup := catalogue[id]; dup {
			panic("schema: message " + id + " registered twice")
		}
		catalogue[id] = t
	}
}

// MessageIDs lists the id of every message in the catalogue.
func MessageIDs() []string {
	ids := make([]string, 0, len(catalogue))
	for id := range catalogue {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// HasMessage reports whether the catalogue has a message of this id.
func HasMessage(id string) bool {
	_, ok := catalogue[id]
	return ok
}
