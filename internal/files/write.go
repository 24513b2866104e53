package files

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"tally/cleanup"
	"tally/errtext"
)

// Rename moves a written temporary file into place; a test stands in for
// it, to make a destination locked as Windows does.
var Rename = os.Rename

// WriteAtomic writes an output file through a temporary file in the same
// folder and a rename, so a reader never sees half a file: a run stopped
// midway leaves the old file or none, and a run interrupted (Ctrl-C,
// SIGTERM) removes the temporary file (cleanup). write streams the
// contents; an error it returns is returned as it is, and the old file is
// left as it was.
func WriteAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return errtext.Msg(msgOutIsFolder, path)
	}
	var tmp *os.File
	release, err := cleanup.Track(func() (func(), error) {
		var err error
		if tmp, err = os.CreateTemp(dir, ".tally-*.tmp"); err != nil {
			return nil, err
		}
		name := tmp.Name()
		return func() { os.Remove(name) }, nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return errtext.Msg(msgOutNoFolder, path, dir)
		}
		return errtext.Msg(msgOutCannotWrite, path, errtext.Of(err))
	}
	defer release()
	defer os.Remove(tmp.Name())
	fw := &fileWriter{w: tmp}
	bw := bufio.NewWriterSize(fw, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if fw.err != nil {
		tmp.Close()
		return errtext.Msg(msgOutCannotWrite, path, errtext.Of(fw.err))
	}
	if err != nil {
		tmp.Close()
		return err
	}
	// CreateTemp makes the file readable by its owner only; an output is an
	// ordinary document.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return errtext.Msg(msgOutCannotWrite, path, errtext.Of(err))
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return errtext.Msg(msgOutCannotWrite, path, errtext.Of(err))
	}
	if err := tmp.Close(); err != nil {
		return errtext.Msg(msgOutCannotWrite, path, errtext.Of(err))
	}
	if err := Rename(tmp.Name(), path); err != nil {
		// Windows refuses to replace a file another program holds open
		// (Excel, WPS); a rename that failed for a reason known to be
		// another (a name too long, a full or read-only disk) says that
		// reason instead.
		if errtext.Known(err) && !errtext.InUse(err) {
			return errtext.Msg(msgOutCannotWrite, path, errtext.Of(err))
		}
		return errtext.Msg(msgOutLocked, path, errtext.Of(err))
	}
	return nil
}

// fileWriter remembers the first error of the file it writes to, to tell a
// full disk from a failure to make the contents.
type fileWriter struct {
	w   io.Writer
	err error
}

func (f *fileWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// Bytes writes data as it is, for WriteAtomic.
func Bytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
