// Package files reads tally's inputs and writes its outputs on disk, for
// every command and for the page alike.
//
// An input — a submission, a roster, a schema file, last year's figures —
// is only ever opened for reading, and only a regular file is read
// ([Read]): a named pipe, a device or a socket would block the run or never
// end, so it is refused without being waited on; a link that leads nowhere
// says so; a read that stops delivering data is given up after [Stall].
// An output is written through a temporary file in its folder and a rename
// ([WriteAtomic]), so that a reader never sees half a file, and a stopped
// run removes the temporary file (package cleanup).
//
// [Open], [Stall] and [Rename] are the calls a test stands in for, to give
// a file that stops answering or a destination another program holds.
//
// It imports cleanup, errtext and schema (for its messages) of tally's
// packages, and nothing of the command line.
package files

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync/atomic"
	"syscall"
	"time"

	"tally/errtext"
	"tally/schema"
)

// maxInput is the largest input read, far larger than any statistics
// table.
const maxInput = 100 << 20

// Read reads an input. Inputs are only ever opened for reading, and only
// regular files are read: a named pipe, a device or a socket is refused
// without waiting on it (openRegular), and a read that stops delivering
// data is given up (readWithin). A link that leads nowhere is said to be
// one.
func Read(name string) ([]byte, error) {
	f, info, err := Open(name)
	if err != nil {
		return nil, linkError(name, err)
	}
	if info.Size() > maxInput {
		f.Close()
		mb := info.Size() >> 20
		return nil, errtext.New(fmt.Sprintf("文件有 %d MB，远远超出一份统计表的大小", mb),
			fmt.Sprintf("the file is %d MB, far larger than any statistics table", mb))
	}
	return readWithin(f, info.Size(), name, Stall)
}

// Open opens an input that is a regular file; a test stands in for it, to
// give a file that stops answering as one on a lost network drive does.
var Open = openRegular

// Stall is how long a read of an input may go without any data before it
// is given up.
var Stall = 30 * time.Second

// openRegular opens a regular file for reading. What is not one (a named
// pipe, a device, a socket) is refused before it is opened; and the file
// is opened without waiting (nonBlocking) and looked at again once open, in
// case something else took its name in between.
func openRegular(name string) (io.ReadCloser, fs.FileInfo, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, nil, err
	}
	if err := Regular(name, info); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(name, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, nil, err
	}
	if info, err = f.Stat(); err == nil {
		err = Regular(name, info)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// Regular refuses what is not a regular file, saying what it is.
func Regular(name string, info fs.FileInfo) error {
	m := info.Mode()
	var what schema.Both
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
	case m&fs.ModeNamedPipe != 0:
		what = schema.Both{Zh: "一个管道", En: "a pipe"}
	case m&fs.ModeSocket != 0:
		what = schema.Both{Zh: "一个套接字", En: "a socket"}
	case m&fs.ModeDevice != 0:
		what = schema.Both{Zh: "一个设备", En: "a device"}
	case irregularIsFile:
		return nil
	default:
		what = schema.Both{Zh: "一个特殊文件", En: "a special file"}
	}
	return errtext.Msg(msgInputNotRegular, name, what)
}

// linkError says, of an input that cannot be opened because it is a
// symbolic link that leads nowhere, that it is one: its target is missing,
// or the links loop. Any other error is returned as it is.
func linkError(name string, err error) error {
	if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ELOOP) {
		return err
	}
	info, lerr := os.Lstat(name)
	if lerr != nil || info.Mode()&fs.ModeSymlink == 0 {
		return err
	}
	if errors.Is(err, syscall.ELOOP) {
		return errtext.Msg(msgInputLinkLoop, name)
	}
	target, rerr := os.Readlink(name)
	if rerr != nil {
		return err
	}
	return errtext.Msg(msgInputLinkMissing, name, target)
}

// readWithin reads size bytes of an input (fewer if it shrank meanwhile) and
// closes it. A read that delivers no data for stall is given up: the input
// is left to the goroutine that reads it, which closes it if the read ever
// returns; the run goes on.
func readWithin(f io.ReadCloser, size int64, name string, stall time.Duration) ([]byte, error) {
	buf := make([]byte, size)
	var got atomic.Int64
	done := make(chan error, 1)
	go func() {
		defer f.Close()
		n, err := io.ReadFull(&counting{r: f, n: &got}, buf)
		if err == io.ErrUnexpectedEOF || err == io.EOF && n == 0 {
			err = nil // the file shrank while it was read: take what is there
		}
		done <- err
	}()
	tick := time.NewTicker(stall)
	defer tick.Stop()
	var last int64
	for {
		select {
		case err := <-done:
			return buf[:got.Load()], err
		case <-tick.C:
			n := got.Load()
			if n == last {
				return nil, errtext.Msg(msgInputStalled, name, int(stall/time.Second))
			}
			last = n
		}
	}
}

// counting counts the bytes read through it.
type counting struct {
	r io.Reader
	n *atomic.Int64
}

func (c *counting) Read(p []byte) (int, error) {
	// A read of at most 1 MiB at a time, so that progress shows.
	n, err := c.r.Read(p[:min(len(p), 1<<20)])
	c.n.Add(int64(n))
	return n, err
}
