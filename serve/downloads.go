package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"

	"tally/schema"
)

// The files of a run, by the name in their address: the key the run keeps
// it under and its content type.
var downloads = map[string]struct{ key, mime string }{
	"consolidated.xlsx": {"consolidated", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	"log.xlsx":          {"log-xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	"log.csv":           {"log-csv", "text/csv; charset=utf-8"},
	"marked.zip":        {"marked", "application/zip"},
}

// downloadOrder is the order the page lists the files in.
var downloadOrder = []string{"consolidated.xlsx", "log.xlsx", "log.csv", "marked.zip"}

// names are the names a run's files are written and downloaded under: a
// clerk's names, after the unit and the year (兴庆区2018年汇总.xlsx).
type names struct {
	consolidated, logXlsx, logCSV, marked, zip string
}

// outputNames names the files of a run of unit (may be "") and year (0:
// unknown) in lang.
func outputNames(unit string, year int, lang schema.Lang) names {
	if lang == schema.En {
		stem := strings.TrimSpace(strings.Join(strings.Fields(fmt.Sprintf("%s %s", unit, yearText(year, ""))), " "))
		if stem != "" {
			stem += " "
		}
		return names{stem + "consolidated.xlsx", stem + "findings.xlsx", stem + "findings.csv", "marked", stem + "marked.zip"}
	}
	stem := unit + yearText(year, "年")
	return names{stem + "汇总.xlsx", stem + "差异清单.xlsx", stem + "差异清单.csv", "问题标注", stem + "问题标注.zip"}
}

func yearText(year int, suffix string) string {
	if year == 0 {
		return ""
	}
	return fmt.Sprintf("%d%s", year, suffix)
}

// downloadName is the name a file of the run is downloaded under: after
// its unit and the year the run found.
func (r *Run) downloadName(file string) string {
	_, res, _, _ := r.snapshot()
	year := r.cfg.Year
	if res != nil && year == 0 {
		year = res.Year
	}
	n := outputNames(r.cfg.Name, year, r.cfg.Lang)
	switch file {
	case "consolidated.xlsx":
		return n.consolidated
	case "log.xlsx":
		return n.logXlsx
	case "log.csv":
		return n.logCSV
	}
	return n.zip
}

// download serves GET /runs/ID/files/NAME: a file of the run, the bytes
// the run wrote, to be saved under a clerk's name.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	ru := s.findRun(w, r)
	if ru == nil {
		return
	}
	name := r.PathValue("name")
	d, ok := downloads[name]
	if !ok {
		s.notFound(w, r)
		return
	}
	path, ok := ru.output(d.key)
	if !ok {
		s.refuse(w, r, http.StatusNotFound, schema.Msg(msgServeNotReady, name))
		return
	}
	f, err := os.Open(path)
	if err != nil {
		s.refuse(w, r, http.StatusNotFound, schema.Msg(msgServeNotReady, name))
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		s.refuse(w, r, http.StatusInternalServerError, localizer(err))
		return
	}
	w.Header().Set("Content-Type", d.mime)
	w.Header().Set("Content-Disposition", attachment(ru.downloadName(name)))
	http.ServeContent(w, r, "", info.ModTime(), f)
}

// attachment is a Content-Disposition that saves a file under a name in
// any script: filename* in UTF-8 for the browsers, filename in ASCII for
// the others.
func attachment(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	var enc strings.Builder
	for _, b := range []byte(name) {
		if b < 0x80 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0) {
			enc.WriteByte(b)
		} else {
			fmt.Fprintf(&enc, "%%%02X", b)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, enc.String())
}

// runStatus is what status.json says of a run: its state, how many of its
// files are read, and each file's verdict as it comes (fileState).
type runStatus struct {
	State string      `json:"state"`
	Done  int64       `json:"done"`
	Total int64       `json:"total"`
	Files []fileState `json:"files"`
}

// status serves GET /runs/ID/status.json: the run's state, how many of
// its files are read, and the files: while it runs, those a worker has
// started on, in that order, each "reading" or with what its own checks
// found; once done, every file with what the run found of it.
func (s *Server) status(w http.ResponseWriter, r *http.Request) {
	ru := s.findRun(w, r)
	if ru == nil {
		return
	}
	writeJSON(w, http.StatusOK, ru.status())
}

// status is the run's runStatus.
func (r *Run) status() runStatus {
	state, _, _, _ := r.snapshot()
	st := runStatus{State: state, Done: r.done.Load(), Total: r.total.Load(), Files: r.fileStates()}
	if st.Files == nil {
		st.Files = []fileState{}
	}
	return st
}

// report serves GET /runs/ID/report.json: the JSON report, the bytes
// tally consolidate --format json prints for the same files and options
// in the upload's folder.
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	ru := s.findRun(w, r)
	if ru == nil {
		return
	}
	path, ok := ru.output("report")
	if !ok {
		s.refuse(w, r, http.StatusNotFound, schema.Msg(msgServeNotReady, "report.json"))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	http.ServeFile(w, r, path)
}

// wantsJSON reports a request of a script, which reads JSON.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
