package serve

import (
	"bytes"
	"html/template"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"tally/consolidate"
	"tally/run"
	"tally/schema"
)

// page is what every page shows: its words, its language and the way to
// the other, the limits.
type page struct {
	W       *words
	Lang    schema.Lang
	Other   string // the address of the page in the other language
	Version string
	Limits  string
	// Home's: the formats, the runs kept, and the words of the count of
	// the files chosen (one, several: %d the number) and their separator.
	Schemas           []schemaOption
	Runs              []runLink
	FileOne, FileMany string
	Sep               string
	// A run's.
	Run *runView
	// Refresh is set while the run is under way: the page reloads itself
	// (without script).
	Refresh bool
	// Message is what an error page says.
	Message string
}

type schemaOption struct{ ID, Title string }

type runLink struct {
	ID, Label, State string
}

func parsePages() (*template.Template, error) {
	return template.New("").Funcs(template.FuncMap{
		"inc": func(i int) int { return i + 1 },
	}).ParseFS(assets, "assets/*.html")
}

// lang is the language of a request's page: ?lang=, else the cookie the
// last switch set, else the server's.
func (s *Server) lang(r *http.Request) schema.Lang {
	if l, ok := schema.ParseLang(r.URL.Query().Get("lang")); ok {
		return l
	}
	if c, err := r.Cookie("tally_lang"); err == nil {
		if l, ok := schema.ParseLang(c.Value); ok {
			return l
		}
	}
	return s.opt.Lang
}

// page starts a page in the request's language, remembering a switch.
func (s *Server) page(w http.ResponseWriter, r *http.Request) *page {
	lang := s.lang(r)
	if q := r.URL.Query().Get("lang"); q != "" {
		http.SetCookie(w, &http.Cookie{Name: "tally_lang", Value: string(lang), Path: "/", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, MaxAge: 365 * 24 * 3600})
	}
	other := schema.En
	if lang == schema.En {
		other = schema.Zh
	}
	return &page{W: wordsIn(lang), Lang: lang, Other: r.URL.Path + "?lang=" + string(other), Version: s.opt.Version,
		Limits: schema.Msg(msgServeLimits, size(s.opt.MaxUpload), s.opt.MaxFiles, s.opt.MaxRuns).Render(lang)}
}

// render writes a page of the templates, whole or not at all.
func (s *Server) render(w http.ResponseWriter, status int, name string, p *page) {
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, p); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = b.WriteTo(w)
}

// home serves the form, and the runs kept.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	p := s.page(w, r)
	one, many := consolidate.CountDefs("")
	p.FileOne, p.FileMany = one.In(p.Lang), many.In(p.Lang)
	p.Sep = schema.Msg(consolidate.MsgTextListSep).Render(p.Lang)
	for _, sc := range schema.Builtins() {
		p.Schemas = append(p.Schemas, schemaOption{sc.ID, schema.Text{Zh: sc.Title, En: sc.En}.In(p.Lang) + " (" + sc.ID + ")"})
	}
	for _, ru := range s.runs.list() {
		state, res, _, _ := ru.snapshot()
		label := ru.Created.Format("01-02 15:04:05")
		if ru.cfg.Name != "" {
			label += " · " + ru.cfg.Name
		} else if ru.Folder != "" {
			label += " · " + ru.Folder
		}
		if res != nil {
			label += " · " + countText(len(res.Submissions), p.Lang)
		}
		p.Runs = append(p.Runs, runLink{ID: ru.ID, Label: label, State: state})
	}
	s.render(w, http.StatusOK, "home.html", p)
}

// runPage serves a run's page: its progress while it runs (the page
// reloads itself), then the board, the units' findings, the totals and
// the downloads.
func (s *Server) runPage(w http.ResponseWriter, r *http.Request) {
	ru := s.findRun(w, r)
	if ru == nil {
		return
	}
	p := s.page(w, r)
	p.Run = s.view(ru, p.Lang)
	p.Refresh = p.Run.State == stateRunning
	s.render(w, http.StatusOK, "run.html", p)
}

// findRun is the run a request's address names; nil, with the page that
// says so, when it is not kept.
func (s *Server) findRun(w http.ResponseWriter, r *http.Request) *Run {
	id := r.PathValue("id")
	if ru := s.runs.get(id); ru != nil {
		return ru
	}
	s.refuse(w, r, http.StatusNotFound, schema.Msg(msgServeNoRun, id, s.opt.MaxRuns))
	return nil
}

// refuse answers a request that cannot be done with why, as JSON to a
// script, as a page to a browser.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, why schema.Localizer) {
	lang := s.lang(r)
	if wantsJSON(r) || strings.HasSuffix(r.URL.Path, ".json") {
		writeJSON(w, status, map[string]string{"error": why.Localize(lang)})
		return
	}
	p := s.page(w, r)
	p.Message = why.Localize(lang)
	s.render(w, status, "error.html", p)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	p := s.page(w, r)
	p.Message = p.W.NotFound + ": " + r.URL.Path
	s.render(w, http.StatusNotFound, "error.html", p)
}

// startPaths checks the paths named when the server started, as the first
// run: the files where they are, the outputs in the run's folder.
func (s *Server) startPaths(paths []string) {
	ru, err := s.newRun()
	if err != nil {
		return
	}
	if len(paths) == 1 {
		if info, err := os.Stat(paths[0]); err == nil && info.IsDir() {
			abs, _ := filepath.Abs(paths[0])
			ru.Folder = filepath.Base(abs)
		}
	}
	lang := s.opt.Lang
	cfg := run.Config{Paths: paths, Lang: lang, Version: s.opt.Version, Name: unitOf(ru.Folder)}
	n := outputNames(cfg.Name, 0, lang)
	cfg.Log = filepath.Join(ru.dir, n.logXlsx)
	cfg.Annotate = filepath.Join(ru.dir, n.marked)
	if cfg.Name != "" {
		cfg.Out = filepath.Join(ru.dir, n.consolidated)
	}
	cfg.Command = commandLine(cfg)
	ru.cfg = cfg
	s.execute(ru)
}
