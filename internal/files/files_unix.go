//go:build !windows

package files

import (
	"os"
	"syscall"
)

// nonBlocking opens a file without waiting: opening a named pipe waits for
// a writer, forever if none comes.
const nonBlocking = syscall.O_NONBLOCK

// Key tells files apart as os.SameFile does: by device and inode. Files
// with different keys are different files.
func Key(info os.FileInfo) any {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return [2]uint64{uint64(st.Dev), st.Ino}
	}
	return info.Size()
}

// irregularIsFile says a file of a type Go does not know is not read.
const irregularIsFile = false
