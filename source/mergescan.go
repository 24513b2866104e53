package source

import (
	"bytes"
	"io"
)

// mergeScan passes a worksheet to the XML reader until the rows tally reads
// are behind it; then, at the reader's next read, it scans the rest of the
// worksheet itself for the merged ranges, several times faster than
// tokenizing rows nobody reads, and ends the stream there.
type mergeScan struct {
	r io.Reader
	// tail: what was passed after the last '>', the start of a tag the
	// XML reader will not finish.
	tail          []byte
	done, scanned bool
	merges        []string
	budget        *budget // each merged range found is a cell of it
	// passed is what was passed to the XML reader, at most parse bytes;
	// exceeded says it would have been more.
	passed, parse int64
	exceeded      bool
}

// maxTag is the longest merged-range tag the scan looks for.
const maxTag = 1 << 10

func (m *mergeScan) Read(p []byte) (int, error) {
	if m.done {
		if !m.scanned {
			m.scanned = true
			if err := m.scan(); err != nil {
				return 0, err
			}
		}
		return 0, io.EOF
	}
	n, err := m.r.Read(p)
	if m.passed += int64(n); m.passed > m.parse {
		m.exceeded = true
		return n, ErrTooLarge
	}
	if i := bytes.LastIndexByte(p[:n], '>'); i >= 0 {
		m.tail = append(m.tail[:0], p[i+1:n]...)
	} else {
		m.tail = append(m.tail, p[:n]...)
	}
	if len(m.tail) > maxTag {
		m.tail = append(m.tail[:0], m.tail[len(m.tail)-maxTag:]...)
	}
	return n, err
}

// scan reads the rest of the worksheet, from the unfinished tag on, and
// collects the ref of every mergeCell element.
func (m *mergeScan) scan() error {
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, m.tail...)
	name := []byte("mergeCell")
	for {
		k := len(buf)
		n, err := m.r.Read(buf[k:cap(buf)])
		buf = buf[:k+n]
		last := err != nil
		if err != nil && err != io.EOF {
			return err
		}
		keep := max(0, len(buf)-len(name)-66) // a tag cut at the end, prefix and all
		for i := 0; ; {
			j := bytes.Index(buf[i:], name)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(name)
			start := bytes.LastIndexByte(buf[max(0, at-64):at], '<')
			if start < 0 {
				continue
			}
			start += max(0, at-64)
			if at > start+1 && buf[at-1] != ':' || len(buf) > i && !isSpace(buf[i]) && buf[i] != '/' && buf[i] != '>' {
				continue // another name: mergeCells, a prefix
			}
			end := bytes.IndexByte(buf[i:min(len(buf), i+maxTag)], '>')
			if end < 0 {
				if !last && len(buf)-start <= maxTag {
					keep = min(keep, start) // finished by the next read
					break
				}
				continue
			}
			if ref := saxAttr(buf[start:i+end+1], "ref"); ref != "" {
				if !m.budget.keep(costMerge, 0) {
					return m.budget.err()
				}
				m.merges = append(m.merges, ref)
			}
			i += end + 1
			keep = max(keep, i)
		}
		if last {
			return nil
		}
		buf = append(buf[:0], buf[keep:]...)
	}
}
