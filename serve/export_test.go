package serve

import (
	"context"
	"sync"
)

// HoldReading makes the server's runs wait as a worker starts on a file
// that held names, until held no longer names it (or the run is stopped):
// a slow file, as the sample district's .xls is on LibreOffice's cold
// start, made as slow as a test needs. It returns the way to change held;
// nil holds nothing. For the browser tests (package serve_test).
func HoldReading(s *Server, held func(file string) bool) (set func(held func(file string) bool)) {
	h := &holder{held: held, changed: make(chan struct{})}
	wait := h.wait
	s.hold.Store(&wait)
	return h.set
}

// A holder keeps the files it holds waiting.
type holder struct {
	mu      sync.Mutex
	held    func(file string) bool
	changed chan struct{} // closed when held changes
}

func (h *holder) wait(ctx context.Context, file string) {
	for {
		h.mu.Lock()
		held, changed := h.held != nil && h.held(file), h.changed
		h.mu.Unlock()
		if !held {
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return
		}
	}
}

func (h *holder) set(held func(file string) bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.held = held
	close(h.changed)
	h.changed = make(chan struct{})
}
