package run

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"tally/errtext"
	"tally/internal/files"
	"tally/schema"
	"tally/source"
	"tally/xlsx"
)

// aheadFindings is the most findings a run makes its workbook log ahead
// for, in memory (about 150 bytes a finding).
const aheadFindings = 50_000

// logBook is a workbook log made ahead of its saving.
type logBook struct {
	data bytes.Buffer
	err  error
}

// logAhead starts making the workbook log, when one is asked for, while
// the consolidated workbook is written, on the core that would otherwise
// wait; it is saved after it (writeLog), as before. Its bytes wait in
// memory meanwhile: a run with very many findings writes it afterwards
// instead, straight to its file (nil).
func (r *runner) logAhead(res *Result) chan logBook {
	if !strings.EqualFold(filepath.Ext(r.cfg.Log), ".xlsx") || res.CountFindings() > aheadFindings {
		return nil
	}
	log := make(chan logBook, 1)
	go func() {
		var b logBook
		b.err = xlsx.WriteLog(&b.data, res.Result, r.writeOptions())
		log <- b
	}()
	return log
}

// writeLog writes the log, by its extension: the JSON report, the findings
// as CSV, or the workbook log (book, when it was made ahead).
func (r *runner) writeLog(res *Result, book *logBook) error {
	lang := r.cfg.Lang
	return files.WriteAtomic(r.dir().at(r.cfg.Log), func(w io.Writer) error {
		switch strings.ToLower(filepath.Ext(r.cfg.Log)) {
		case ".csv":
			return res.WriteCSV(w, lang)
		case ".xlsx":
			if book != nil {
				if book.err != nil {
					return book.err
				}
				_, err := book.data.WriteTo(w)
				return err
			}
			return xlsx.WriteLog(w, res.Result, r.writeOptions())
		default:
			return res.WriteJSON(w, r.cfg.Version, lang)
		}
	})
}

// annotate writes a marked-up copy of each readable submission that has an
// error or a warning into the Annotate folder, under the name planned for
// it before anything was read (planOutputs). Originals are only read. A
// copy that cannot be made (a workbook no program could mark up, or one
// too large to) or written is a warning, naming the file and why, and the
// others are made all the same; copies that could not be written fail the
// run once every other is made.
func (r *runner) annotate(ctx context.Context, res *Result) error {
	if err := os.MkdirAll(r.dir().at(r.cfg.Annotate), 0o755); err != nil {
		return err
	}
	var conv source.Converter
	if r.conv != nil {
		conv = r.conv
	}
	failed := 0
	for _, sub := range res.Submissions {
		if ctx.Err() != nil {
			break
		}
		if sub.Unreadable || sub.Status() == schema.StatusOK {
			continue
		}
		path, ok := r.copies[sub.File]
		if !ok {
			continue
		}
		data, err := r.original(sub.File, sub.SHA256)
		var marked []byte
		if err == nil {
			marked, err = xlsx.Annotate(data, sub.File, sub, conv, r.cfg.Lang)
		}
		if err != nil {
			r.warn(res, msgAnnotateFailed, sub.File, errtext.Of(err))
			continue
		}
		if err := files.WriteAtomic(r.dir().at(path), files.Bytes(marked)); err != nil {
			r.warn(res, msgAnnotateNotWritten, sub.File, errtext.Of(err))
			failed++
			continue
		}
		res.Outputs = append(res.Outputs, Output{Flag: "--annotate", Path: path, Of: sub.File})
	}
	if failed > 0 {
		return errtext.Msg(msgAnnotateNotAllWritten, failed)
	}
	return nil
}

// original is the bytes a submission was read from, for its marked-up
// copy: those kept from its reading, else read again, and refused when
// the file is no longer what was checked (sha is what was read).
func (r *runner) original(name, sha string) ([]byte, error) {
	if data, ok := r.kept.take(name); ok {
		return data, nil
	}
	data, err := files.Read(r.dir().at(name))
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); sha != "" && hex.EncodeToString(sum[:]) != sha {
		return nil, errtext.Msg(msgAnnotateChanged)
	}
	return data, nil
}

// A keeper keeps, while a run reads, the bytes of the submissions that
// will get a marked-up copy (readable, with an error or a warning once
// checked), so that the copies are made of the bytes that were checked,
// without reading the files again. It keeps them within a budget (see
// keepBudget); past it, and for a submission flagged only by the checks
// across files, the copy reads its file again.
type keeper struct {
	mu   sync.Mutex
	left int64
	data map[string][]byte
}

// keepBudget is how many bytes of submissions a run over n files keeps for
// their copies (a test stands in for it): a district's flagged tables (a few dozen, tens of KiB
// each) whole; of thousands, the first ones, within the memory a run
// over them has (README, Performance).
var keepBudget = func(n int) int64 {
	return 4<<20 + int64(n)*1<<10
}

func newKeeper(n int) *keeper {
	return &keeper{left: keepBudget(n), data: map[string][]byte{}}
}

// settled keeps the bytes of a submission just read and checked, if it
// will get a copy and they fit (consolidate.Options.Settled).
func (k *keeper) settled(sub *schema.Submission, data []byte) {
	if data == nil || sub.Unreadable || sub.Status() == schema.StatusOK {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if size := int64(len(data)); size <= k.left {
		k.left -= size
		k.data[sub.File] = data
	}
}

// take hands over the bytes kept of a file, if any, and forgets them.
func (k *keeper) take(name string) ([]byte, bool) {
	if k == nil {
		return nil, false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	data, ok := k.data[name]
	delete(k.data, name)
	return data, ok
}
