//go:build windows

package files

import "os"

// nonBlocking is nothing on Windows, where opening a file does not wait
// for a writer as opening a Unix named pipe does.
const nonBlocking = 0

// Key narrows down the files that may be the same file (os.SameFile tells
// them apart): those of the same size. Files with different keys are
// different files.
func Key(info os.FileInfo) any { return info.Size() }

// irregularIsFile says a file of a type Go does not know is read: on
// Windows, files behind reparse points other than links (a cloud drive's
// placeholders, deduplicated files) are ordinary documents.
const irregularIsFile = true
