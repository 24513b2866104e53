package schema

import "testing"

// Every finding kind has a name in both languages.
func TestEveryKindIsNamed(t *testing.T) {
	for _, k := range Kinds {
		d, ok := kindNames[k]
		if !ok || d.Zh == "" || d.En == "" {
			t.Errorf("the finding kind %s has no name", k)
		}
	}
	if len(kindNames) != len(Kinds) {
		t.Errorf("%d kinds are named, %d exist", len(kindNames), len(Kinds))
	}
}
