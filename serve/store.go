package serve

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"tally/internal/files"
	"tally/run"
	"tally/schema"
)

// The states of a run, as status.json says them.
const (
	stateRunning = "running"
	stateDone    = "done"
	stateFailed  = "failed"
)

// A Run is one check: its files, what it was asked, its progress, and
// once done what it found and wrote.
type Run struct {
	ID string
	// dir is the run's folder: in it, in/ holds the upload (the run's
	// Config.Dir), and the outputs are written beside it.
	dir string
	// in is the folder of the submissions (Config.Dir; "" for paths named
	// when the server started) and cfg the run's configuration.
	in  string
	cfg run.Config
	// Folder is the name of the folder uploaded, when there was one.
	Folder  string
	Created time.Time

	done, total atomic.Int64
	cancel      context.CancelFunc
	finished    chan struct{}

	mu    sync.Mutex
	state string
	// files are the files a worker has started on, in the order they were
	// started: each being read, or its verdict once read and checked
	// (run.Config.Reading, Settled); fileAt finds a file in them.
	files    []fileState
	fileAt   map[string]int
	res      *run.Result
	err      schema.Localizer
	warnings []schema.Localizer
	// outputs are the files made, by their key (consolidated, log-xlsx,
	// log-csv, marked, report): the path on disk.
	outputs map[string]string
	books   *books
}

// statusReading is the status of a file a worker is reading (status.json
// says it, beside the statuses of schema.Status).
const statusReading = "reading"

// A fileState is a file of a run while the run goes on: being read, or
// what its own checks found (run.Verdict); once the run is done, what the
// run found of it, the checks across files included.
type fileState struct {
	File     string `json:"file"`
	Unit     string `json:"unit"`
	Status   string `json:"status"` // statusReading, or a schema.Status
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
}

// reading notes a file a worker has started on.
func (r *Run) reading(file string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.fileAt[file]; ok {
		return
	}
	r.fileAt[file] = len(r.files)
	r.files = append(r.files, fileState{File: file, Status: statusReading})
}

// settled notes a file's verdict, in its place.
func (r *Run) settled(v run.Verdict) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := fileState{File: v.File, Unit: v.Unit, Status: string(v.Status), Errors: v.Errors, Warnings: v.Warnings}
	if i, ok := r.fileAt[v.File]; ok {
		r.files[i] = f
		return
	}
	r.fileAt[v.File] = len(r.files)
	r.files = append(r.files, f)
}

// fileStates are the run's files: while it runs, those started, each
// being read or with its own verdict; once done, every submission with
// what the run found of it.
func (r *Run) fileStates() []fileState {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.res == nil || r.state == stateRunning {
		return append([]fileState(nil), r.files...)
	}
	out := make([]fileState, 0, len(r.res.Submissions))
	for _, sub := range r.res.Submissions {
		out = append(out, fileState{File: sub.File, Unit: sub.Unit, Status: string(sub.Status()),
			Errors: sub.Count(schema.Error), Warnings: sub.Count(schema.Warning)})
	}
	return out
}

// snapshot is a run's state, what it found and why it failed, at once.
func (r *Run) snapshot() (state string, res *run.Result, err schema.Localizer, warnings []schema.Localizer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state, r.res, r.err, append([]schema.Localizer(nil), r.warnings...)
}

// output is the path of an output of the run, once it is done.
func (r *Run) output(key string) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.outputs[key]
	return p, ok && r.state != stateRunning
}

// A store keeps the last runs, the oldest removed with its folder.
type store struct {
	mu   sync.Mutex
	max  int
	runs []*Run
	wg   sync.WaitGroup
}

func newStore(max int) *store { return &store{max: max} }

// add keeps a run, and removes the oldest runs past the most kept (a run
// under way is stopped first).
func (st *store) add(r *Run) {
	st.mu.Lock()
	st.runs = append(st.runs, r)
	var old []*Run
	for len(st.runs) > st.max {
		old = append(old, st.runs[0])
		st.runs = st.runs[1:]
	}
	st.mu.Unlock()
	for _, o := range old {
		o.cancel()
		go func() {
			<-o.finished
			os.RemoveAll(o.dir)
		}()
	}
}

// get finds a run by its id.
func (st *store) get(id string) *Run {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, r := range st.runs {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// list is the runs kept, the latest first.
func (st *store) list() []*Run {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]*Run, len(st.runs))
	for i, r := range st.runs {
		out[len(out)-1-i] = r
	}
	return out
}

// wait waits for every run started to end.
func (st *store) wait() { st.wg.Wait() }

// newRun makes a run and its folder.
func (s *Server) newRun() (*Run, error) {
	r := &Run{ID: random(8), Created: time.Now(), finished: make(chan struct{}), state: stateRunning,
		outputs: map[string]string{}, fileAt: map[string]int{}}
	r.dir = filepath.Join(s.dir, r.ID)
	if err := os.Mkdir(r.dir, 0o700); err != nil {
		return nil, err
	}
	r.books = newBooks()
	return r, nil
}

// execute runs the check on a goroutine of its own: run.Consolidate when
// there is a consolidated unit, else run.Validate; then the outputs the
// run does not write itself: the CSV log, the JSON report and the zip of
// the marked-up copies.
func (s *Server) execute(r *Run) {
	ctx, cancel := context.WithCancel(s.ctx)
	r.cancel = cancel
	s.runs.wg.Add(1)
	s.runs.add(r)
	go func() {
		defer s.runs.wg.Done()
		defer close(r.finished)
		defer cancel()
		cfg := r.cfg
		cfg.Progress = func(done, total int) {
			r.total.Store(int64(total))
			r.done.Store(int64(done))
		}
		cfg.Reading = func(file string) {
			r.reading(file)
			if hold := s.hold.Load(); hold != nil {
				(*hold)(ctx, file)
			}
		}
		cfg.Settled = r.settled
		cfg.Warn = func(msg schema.Localizer) {
			r.mu.Lock()
			r.warnings = append(r.warnings, msg)
			r.mu.Unlock()
		}
		do := run.Validate
		if cfg.Out != "" {
			do = run.Consolidate
		}
		res, err := do(ctx, cfg)
		outputs := map[string]string{}
		if res != nil && ctx.Err() == nil {
			s.writeOutputs(r, res, outputs)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.res, r.outputs = res, outputs
		switch {
		case ctx.Err() != nil:
			r.state, r.err, r.res = stateFailed, schema.Msg(msgServeStopped), nil
		case err != nil:
			r.err = localizer(err)
			r.state = stateFailed
			if res != nil {
				r.state = stateDone
			}
		default:
			r.state = stateDone
		}
	}()
}

// localizer is an error in either language.
func localizer(err error) schema.Localizer {
	if l, ok := err.(schema.Localizer); ok {
		return l
	}
	return schema.Both{Zh: err.Error(), En: err.Error()}
}

// writeOutputs notes the outputs the run wrote and writes the others: the
// JSON report (the bytes of tally consolidate --format json), the CSV log
// (those of --log x.csv) and the marked-up copies as one zip. One that
// cannot be written is a warning of the run.
func (s *Server) writeOutputs(r *Run, res *run.Result, outputs map[string]string) {
	cfg := r.cfg
	at := func(p string) string {
		if cfg.Dir == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(cfg.Dir, p)
	}
	for _, o := range res.Outputs {
		switch o.Flag {
		case "--out":
			outputs["consolidated"] = at(o.Path)
		case "--log":
			outputs["log-xlsx"] = at(o.Path)
		}
	}
	warn := func(err error) {
		r.mu.Lock()
		r.warnings = append(r.warnings, localizer(err))
		r.mu.Unlock()
	}
	report := filepath.Join(r.dir, "report.json")
	if err := files.WriteAtomic(report, func(w io.Writer) error { return res.WriteJSON(w, cfg.Version, cfg.Lang) }); err != nil {
		warn(err)
	} else {
		outputs["report"] = report
	}
	csv := filepath.Join(r.dir, "log.csv")
	if err := files.WriteAtomic(csv, func(w io.Writer) error { return res.WriteCSV(w, cfg.Lang) }); err != nil {
		warn(err)
	} else {
		outputs["log-csv"] = csv
	}
	var copies []string
	for _, o := range res.Outputs {
		if o.Flag == "--annotate" {
			copies = append(copies, at(o.Path))
		}
	}
	if len(copies) > 0 {
		marked := filepath.Join(r.dir, "marked.zip")
		if err := files.WriteAtomic(marked, func(w io.Writer) error { return zipFiles(w, copies) }); err != nil {
			warn(err)
		} else {
			outputs["marked"] = marked
		}
	}
}

// zipFiles writes the files into a zip, by their names, in name order,
// each with its date.
func zipFiles(w io.Writer, paths []string) error {
	sort.Strings(paths)
	z := zip.NewWriter(w)
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		h, err := zip.FileInfoHeader(info)
		if err != nil {
			return err
		}
		h.Name, h.Method = filepath.Base(p), zip.Deflate
		f, err := z.CreateHeader(h)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
	}
	return z.Close()
}
