package command

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"tally/schema"
)

// isTerminal reports a terminal; a test stands in for it.
var isTerminal = func(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progress draws a bar on stderr when it is a terminal and the run is long.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(w io.Writer, total int, lang schema.Lang) *progress {
	f, ok := fileOf(w)
	if !ok || total < 20 || !isTerminal(f) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total, progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(schema.Text{Zh: "读取中", En: "reading"}.In(lang)), progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100e6))}
}

func (p *progress) update(done, _ int) {
	if p.bar != nil {
		_ = p.bar.Set(done)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
