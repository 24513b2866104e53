package schema

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// ErrNotText is the error of DecodeText for bytes that are no text in an
// encoding an office's computer writes.
var ErrNotText = errors.New("not text in UTF-8, UTF-16 or GBK")

// DecodeText reads a text file as Windows editors in China save it: UTF-8
// with or without a byte-order mark, UTF-16 with one (Notepad's
// "Unicode"), or GBK (GB18030; ANSI on a Chinese Windows). Bytes that are
// none of these (a binary file, UTF-16 without its mark) are ErrNotText.
func DecodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(out) || strings.ContainsRune(string(out), utf8.RuneError) {
			return "", ErrNotText
		}
		return string(out), nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", ErrNotText // UTF-16 without a mark, or a binary file
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || strings.ContainsRune(string(out), utf8.RuneError) {
		return "", ErrNotText
	}
	return string(out), nil
}
