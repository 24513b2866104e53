// Package cleanup keeps what a run must undo when it is stopped: the
// temporary files and folders it made and the programs it started. An
// interrupted run (Ctrl-C, SIGTERM) calls [Run], which undoes all of them;
// a run that ends as usual has undone each already.
package cleanup

import (
	"errors"
	"sync"
)

// ErrStopping is returned by [Track] once the run is being stopped: nothing
// new is made.
var ErrStopping = errors.New("the run is being stopped")

var (
	mu      sync.Mutex
	next    int
	undos   = map[int]func(){}
	stopped bool
)

// Track calls make, which makes a resource (creates a temporary file,
// starts a program) and returns how to undo it, with no stop in between:
// either Run undoes it, or it is made after Run has begun and is not made
// at all. The returned release forgets the resource, once its maker has
// undone it or handed it on (a temporary file renamed into place).
func Track(make func() (undo func(), err error)) (release func(), err error) {
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		return func() {}, ErrStopping
	}
	undo, err := make()
	if err != nil {
		return func() {}, err
	}
	id := next
	next++
	undos[id] = undo
	return func() {
		mu.Lock()
		defer mu.Unlock()
		delete(undos, id)
	}, nil
}

// Run undoes every resource tracked and not released, the latest first,
// and refuses to track any more. It returns once all are undone; it may be
// called more than once.
func Run() {
	mu.Lock()
	defer mu.Unlock()
	stopped = true
	for id := next - 1; id >= 0; id-- {
		if undo, ok := undos[id]; ok {
			delete(undos, id)
			undo()
		}
	}
}

// Pending is how many resources are tracked and not released (for tests).
func Pending() int {
	mu.Lock()
	defer mu.Unlock()
	return len(undos)
}

// reset forgets the stop, for tests.
func reset() {
	mu.Lock()
	defer mu.Unlock()
	stopped = false
	undos = map[int]func(){}
}
