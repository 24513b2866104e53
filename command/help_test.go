package command

import (
	"io"
	"testing"

	"tally/schema"
)

// Every command has its words on its help page.
func TestEveryCommandIsDescribed(t *testing.T) {
	app := New(io.Discard, io.Discard, schema.Zh)
	for _, cmd := range app.Commands {
		if _, ok := commandAbout[cmd.Name]; !ok {
			t.Errorf("the command %s has no description for its help page (commandAbout)", cmd.Name)
		}
	}
	if len(commandAbout) != len(app.Commands) {
		t.Errorf("commandAbout describes %d commands, the program has %d", len(commandAbout), len(app.Commands))
	}
}
