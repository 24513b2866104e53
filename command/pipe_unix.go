//go:build !windows

package command

import (
	"errors"
	"syscall"
)

// closedPipe reports a write to a pipe whose reader has gone (tally
// validate … | head): package main keeps tally alive then, and the write
// fails with EPIPE.
func closedPipe(err error) bool { return errors.Is(err, syscall.EPIPE) }
