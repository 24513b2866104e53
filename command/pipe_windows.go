//go:build windows

package command

import (
	"errors"
	"syscall"
)

// Windows error numbers of a write to a pipe whose reader has gone.
const (
	errorBrokenPipe syscall.Errno = 109
	errorNoData     syscall.Errno = 232
)

// closedPipe reports a write to a pipe whose reader has gone.
func closedPipe(err error) bool {
	return errors.Is(err, errorBrokenPipe) || errors.Is(err, errorNoData)
}
