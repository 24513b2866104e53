package source

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
)

// archive/zip keeps every entry of a zip's central directory in memory (a
// File of some 200 bytes, its name and extra fields), and reads entries
// until one does not parse, whatever count the end record declares: it
// compares only the count's low 16 bits. A zip of a million empty entries
// cost 390 MB before a workbook was looked at. So the directory is walked
// here first, without keeping anything, from where archive/zip will start,
// entry by entry as archive/zip does; a zip that declares or holds more
// than MaxEntries entries, or a directory past MaxDirectory bytes, is
// refused before archive/zip sees it.

// ErrZipDirectory is a zip whose directory is larger than any workbook's.
var ErrZipDirectory = errors.New("the zip holds more entries than any workbook has")

// OpenZip opens a zip held in data, refusing one whose directory is larger
// than any workbook's (ErrZipDirectory).
func OpenZip(data []byte) (*zip.Reader, error) {
	if err := checkDirectory(data); err != nil {
		return nil, err
	}
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

// The records of a zip's directory.
const (
	sigEnd      = 0x06054b50 // end of central directory
	sigEnd64    = 0x06064b50 // zip64 end of central directory
	sigLocator  = 0x07064b50 // zip64 end of central directory locator
	sigEntry    = 0x02014b50 // central directory file header
	endLen      = 22
	end64Len    = 56
	locatorLen  = 20
	entryLen    = 46
	searchShort = 1 << 10
	searchLong  = 65 << 10
)

// checkDirectory refuses a zip whose end record declares more than
// MaxEntries entries or a directory of more than MaxDirectory bytes, or
// whose directory holds more. It finds the end records as archive/zip
// does; a zip archive/zip cannot open is left for archive/zip to say so.
func checkDirectory(data []byte) error {
	end := findEnd(data)
	if end < 0 {
		return nil
	}
	le := binary.LittleEndian
	b := data[end:]
	records := uint64(le.Uint16(b[10:]))
	size := uint64(le.Uint32(b[12:]))
	offset := uint64(le.Uint32(b[16:]))
	if records == 0xffff || size == 0xffff || offset == 0xffffffff {
		// As archive/zip: a zip64 end record, when a locator points at one.
		if at := end - locatorLen; at >= 0 && le.Uint32(data[at:]) == sigLocator &&
			le.Uint32(data[at+4:]) == 0 && le.Uint32(data[at+16:]) == 1 {
			if p := le.Uint64(data[at+8:]); p < 1<<63 {
				if p+end64Len > uint64(len(data)) || le.Uint32(data[p:]) != sigEnd64 {
					return nil // archive/zip fails on it
				}
				z := data[p:]
				records, size, offset = le.Uint64(z[32:]), le.Uint64(z[40:]), le.Uint64(z[48:])
				end = int(p)
			}
		}
	}
	if records > MaxEntries || size > MaxDirectory {
		return ErrZipDirectory
	}
	if offset >= 1<<63 {
		return nil // archive/zip fails on it
	}
	// archive/zip starts where the directory ends less its size, which
	// is offset moved by whatever precedes the zip; when that is ahead of
	// offset and an entry starts at offset itself, at offset: both are
	// walked.
	base := int64(end) - int64(size) - int64(offset)
	start := base + int64(offset)
	if start < 0 || start >= int64(len(data)) {
		return nil // archive/zip fails on it
	}
	if !walkDirectory(data, start) || base > 0 && !walkDirectory(data, int64(offset)) {
		return ErrZipDirectory
	}
	return nil
}

// findEnd is where the end of central directory record is, or -1: the
// last signature in the last KiB, else in the last 65 KiB, whose comment
// fits, as archive/zip finds it.
func findEnd(data []byte) int {
	for i, n := range []int{searchShort, searchLong} {
		n = min(n, len(data))
		block := data[len(data)-n:]
		if p := endIn(block); p >= 0 {
			return len(data) - n + p
		}
		if i == 1 || n == len(data) {
			return -1
		}
	}
	return -1
}

func endIn(b []byte) int {
	for i := len(b) - endLen; i >= 0; i-- {
		if b[i] == 'P' && b[i+1] == 'K' && b[i+2] == 0x05 && b[i+3] == 0x06 {
			n := int(b[i+endLen-2]) | int(b[i+endLen-1])<<8
			if n+endLen+i > len(b) {
				return -1 // a truncated comment: archive/zip stops looking
			}
			return i
		}
	}
	return -1
}

// walkDirectory walks the directory entries from start as archive/zip
// reads them, until one that does not parse, and reports whether they are
// at most MaxEntries in at most MaxDirectory bytes.
func walkDirectory(data []byte, start int64) bool {
	if start < 0 || start >= int64(len(data)) {
		return true
	}
	le := binary.LittleEndian
	p := int(start)
	for n := 0; ; n++ {
		if n > MaxEntries || p-int(start) > MaxDirectory {
			return false
		}
		if len(data)-p < entryLen || le.Uint32(data[p:]) != sigEntry {
			return true
		}
		h := data[p:]
		next := p + entryLen + int(le.Uint16(h[28:])) + int(le.Uint16(h[30:])) + int(le.Uint16(h[32:]))
		if next > len(data) {
			return true
		}
		p = next
	}
}
