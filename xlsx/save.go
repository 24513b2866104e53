package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"io/fs"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// save writes a workbook to w as excelize makes its parts, with the body
// rows of its sheets (late; nil: none) in their places.
//
// excelize's WriteTo builds the whole file in a buffer before it copies it
// to w: for a city's workbook of thousands of units that is 4 MiB and more,
// in a buffer that doubles as it grows. Given a zip writer of its own,
// excelize writes each part into it instead, and the buffer it passes along
// stays empty; save checks that it did.
//
// The parts are deflated at the fastest level: a workbook of 10,000 units
// comes out about a tenth larger and is written in a good deal less time.
func save(f *excelize.File, w io.Writer, late *lateRows) error {
	var zw *partWriter
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw = &partWriter{zw: zip.NewWriter(w), late: late}
		zw.zw.RegisterCompressor(zip.Deflate, fastDeflate)
		return zw
	})
	n, err := f.WriteTo(io.Discard)
	if err == nil && (zw == nil || n != 0) {
		err = errors.New("excelize did not write the workbook through the zip writer it was given")
	}
	if err == nil && late != nil && len(late.rows) > 0 {
		err = errors.New("a sheet's rows were not written: their placeholder was not found")
	}
	return err
}

// partWriter is the zip writer save gives excelize. A worksheet's part is
// held until it ends (the body rows of the large sheets are not in it, so
// it is small), then written whole with the rows of its body.
type partWriter struct {
	zw   *zip.Writer
	late *lateRows
	part bytes.Buffer
	name string // the part held; "" when none is
}

func (p *partWriter) Create(name string) (io.Writer, error) {
	if err := p.end(); err != nil {
		return nil, err
	}
	if p.late == nil || !strings.HasPrefix(name, "xl/worksheets/sheet") || !strings.HasSuffix(name, ".xml") {
		return p.zw.Create(name)
	}
	p.name = name
	p.part.Reset()
	return &p.part, nil
}

// end writes the part held, if any.
func (p *partWriter) end() error {
	if p.name == "" {
		return nil
	}
	name := p.name
	p.name = ""
	return p.late.writePart(p.zw, name, p.part.Bytes())
}

func (p *partWriter) AddFS(fsys fs.FS) error {
	if err := p.end(); err != nil {
		return err
	}
	return p.zw.AddFS(fsys)
}

func (p *partWriter) Close() error {
	if err := p.end(); err != nil {
		return err
	}
	return p.zw.Close()
}

// deflaters are flate writers at the fastest level, kept for reuse: each
// holds about 1 MiB of tables.
var deflaters sync.Pool

// deflater is a flate writer at the fastest level writing to w; give it
// back with putDeflater when done.
func deflater(w io.Writer) (*flate.Writer, error) {
	if fw, ok := deflaters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return fw, nil
	}
	return flate.NewWriter(w, flate.BestSpeed)
}

func putDeflater(fw *flate.Writer) { deflaters.Put(fw) }

// fastDeflate is the zip compressor of the parts excelize writes.
func fastDeflate(w io.Writer) (io.WriteCloser, error) {
	fw, err := deflater(w)
	if err != nil {
		return nil, err
	}
	return pooledDeflater{fw}, nil
}

type pooledDeflater struct{ *flate.Writer }

func (p pooledDeflater) Close() error {
	err := p.Writer.Close()
	putDeflater(p.Writer)
	return err
}
