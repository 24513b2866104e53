package xlsx

import (
	"bytes"
	"io"
	"os"
	"sync"

	"tally/cleanup"
)

// spillAt is how many bytes of a sheet's deflated rows are kept in memory;
// past it they go to a temporary file. A district's rows fit in memory; a
// province whose every cell is a finding writes tens of megabytes of them.
var spillAt = 4 << 20

// spill holds bytes in memory up to spillAt, then in a temporary file.
type spill struct {
	mem  bytes.Buffer
	file *os.File
	n    int64
}

func (s *spill) Write(p []byte) (int, error) {
	if s.file == nil && s.mem.Len()+len(p) > spillAt {
		f, err := createTemp("tally-rows-*")
		if err != nil {
			return 0, err
		}
		if _, err := s.mem.WriteTo(f); err != nil {
			f.Close()
			removeTemp(f.Name())
			return 0, err
		}
		s.file = f
	}
	var n int
	var err error
	if s.file != nil {
		n, err = s.file.Write(p)
	} else {
		n, err = s.mem.Write(p)
	}
	s.n += int64(n)
	return n, err
}

// Len is the number of bytes written.
func (s *spill) Len() int64 { return s.n }

// WriteTo writes the bytes held, from the first; it may be called again.
func (s *spill) WriteTo(w io.Writer) (int64, error) {
	if s.file == nil {
		n, err := w.Write(s.mem.Bytes())
		return int64(n), err
	}
	return io.Copy(w, io.NewSectionReader(s.file, 0, s.n))
}

// Close removes the temporary file, if there is one.
func (s *spill) Close() {
	if s.file != nil {
		s.file.Close()
		removeTemp(s.file.Name())
		s.file = nil
	}
	s.mem = bytes.Buffer{}
}

// createTemp makes a temporary file that a stopped run removes
// (cleanup.Run); removeTemp removes it and forgets it.
func createTemp(pattern string) (*os.File, error) {
	var f *os.File
	release, err := cleanup.Track(func() (func(), error) {
		var err error
		if f, err = os.CreateTemp("", pattern); err != nil {
			return nil, err
		}
		name := f.Name()
		return func() { os.Remove(name) }, nil
	})
	if err != nil {
		return nil, err
	}
	releases.Lock()
	releases.m[f.Name()] = release
	releases.Unlock()
	return f, nil
}

var releases = struct {
	sync.Mutex
	m map[string]func()
}{m: map[string]func(){}}

func removeTemp(path string) {
	os.Remove(path)
	releases.Lock()
	release := releases.m[path]
	delete(releases.m, path)
	releases.Unlock()
	if release != nil {
		release()
	}
}
