package serve

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"tally/run"
	"tally/schema"
)

// upload takes POST /api/runs: the files of a run (parts named file, their
// file names carrying the path inside the folder chosen or dropped), last
// year's (previous), the roster as text or a file (roster), the
// consolidated unit (name), the year and the format (schema). It saves the
// files in the run's folder, starts the run, and answers {"id": …} to a
// script (Accept: application/json), or sends a browser to the run's page.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(r)
	if r.ContentLength > s.opt.MaxUpload {
		s.refuse(w, r, http.StatusRequestEntityTooLarge, schema.Msg(msgServeTooLarge, size(s.opt.MaxUpload)))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
	ru, err := s.newRun()
	if err != nil {
		s.refuse(w, r, http.StatusInternalServerError, localizer(err))
		return
	}
	form, msg, status := s.receive(r, ru)
	if msg != nil {
		os.RemoveAll(ru.dir)
		s.refuse(w, r, status, msg)
		return
	}
	if form.lang != "" {
		lang = form.lang
	}
	ru.Folder = form.folder
	ru.in = filepath.Join(ru.dir, "in")
	ru.cfg = s.config(ru, form, lang)
	s.execute(ru)
	if wantsJSON(r) {
		writeJSON(w, http.StatusCreated, map[string]string{"id": ru.ID})
		return
	}
	http.Redirect(w, r, "/runs/"+ru.ID, http.StatusSeeOther)
}

// received is what an upload brought besides the files.
type received struct {
	files, previous  int
	folder           string
	roster           []byte
	name, year, form string
	lang             schema.Lang
}

// receive reads the upload's parts, saving the files as they come: the
// submissions under in/, last year's under previous/. It says what is
// wrong with the upload (and the status to answer), or nil.
func (s *Server) receive(r *http.Request, ru *Run) (*received, schema.Localizer, int) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, schema.Msg(msgServeBadUpload, err.Error()), http.StatusBadRequest
	}
	got := &received{}
	in, prev := newFolder(filepath.Join(ru.dir, "in")), newFolder(filepath.Join(ru.dir, "previous"))
	var rosterText []byte
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, uploadError(err, s.opt.MaxUpload), http.StatusBadRequest
		}
		name, isFile := partFile(p.Header.Get("Content-Disposition"))
		field := p.FormName()
		switch {
		case (field == "file" || field == "previous") && isFile:
			if name == "" {
				continue // an empty file input
			}
			if got.files+got.previous >= s.opt.MaxFiles {
				return nil, schema.Msg(msgServeTooMany, s.opt.MaxFiles), http.StatusRequestEntityTooLarge
			}
			dst := in
			if field == "previous" {
				dst = prev
				got.previous++
			} else {
				got.files++
			}
			if err := dst.save(name, p); err != nil {
				return nil, uploadError(err, s.opt.MaxUpload), http.StatusBadRequest
			}
		case field == "roster":
			b, err := io.ReadAll(io.LimitReader(p, 1<<20))
			if err != nil {
				return nil, uploadError(err, s.opt.MaxUpload), http.StatusBadRequest
			}
			if isFile && len(strings.TrimSpace(string(b))) > 0 {
				got.roster = b
			} else if !isFile {
				rosterText = b
			}
		case field == "name" || field == "year" || field == "schema" || field == "lang":
			b, err := io.ReadAll(io.LimitReader(p, 4<<10))
			if err != nil {
				return nil, uploadError(err, s.opt.MaxUpload), http.StatusBadRequest
			}
			v := strings.TrimSpace(string(b))
			switch field {
			case "name":
				got.name = v
			case "year":
				got.year = v
			case "schema":
				got.form = v
			case "lang":
				got.lang, _ = schema.ParseLang(v)
			}
		}
	}
	if got.files == 0 {
		return nil, schema.Msg(msgServeNoFiles), http.StatusBadRequest
	}
	if got.roster == nil && len(strings.TrimSpace(string(rosterText))) > 0 {
		got.roster = rosterText
	}
	if got.year != "" {
		if y, err := strconv.Atoi(got.year); err != nil || y < 1990 || y > 2100 {
			return nil, schema.Msg(msgServeBadYear, got.year), http.StatusBadRequest
		}
	}
	if got.form != "" {
		if _, ok := schema.Builtin(got.form); !ok {
			return nil, schema.Msg(msgServeBadSchema, got.form), http.StatusBadRequest
		}
	}
	if err := in.unwrap(); err != nil {
		return nil, uploadError(err, s.opt.MaxUpload), http.StatusInternalServerError
	}
	got.folder = in.top
	return got, nil, 0
}

// uploadError says why an upload could not be read: too large, or cut off.
func uploadError(err error, limit int64) schema.Localizer {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return schema.Msg(msgServeTooLarge, size(limit))
	}
	return schema.Msg(msgServeBadUpload, err.Error())
}

// partFile is the file name a part carries, as the browser sent it (with
// the path inside the folder; mime/multipart's FileName keeps only the
// last element), and whether the part is a file at all.
func partFile(disposition string) (string, bool) {
	_, params, err := mime.ParseMediaType(disposition)
	if err != nil {
		return "", false
	}
	name, ok := params["filename"]
	return name, ok
}

// config is the run an upload asks for, made in the upload's folder on
// "." as the command line would be made in it: tally consolidate .
// --roster … --name … --year … --out ../NAME.xlsx --log ../NAME.xlsx
// --annotate ../DIR.
func (s *Server) config(ru *Run, got *received, lang schema.Lang) run.Config {
	cfg := run.Config{Dir: ru.in, Paths: []string{"."}, Lang: lang, Schema: got.form, Version: s.opt.Version}
	if got.roster != nil {
		if err := os.WriteFile(filepath.Join(ru.dir, "roster.txt"), got.roster, 0o600); err == nil {
			cfg.Roster = filepath.Join("..", "roster.txt")
		}
	}
	if got.year != "" {
		cfg.Year, _ = strconv.Atoi(got.year)
	}
	if got.previous > 0 {
		cfg.Previous = []string{filepath.Join("..", "previous")}
	}
	cfg.Name = got.name
	if cfg.Name == "" {
		cfg.Name = unitOf(got.folder)
	}
	names := outputNames(cfg.Name, cfg.Year, lang)
	cfg.Log = filepath.Join("..", names.logXlsx)
	cfg.Annotate = filepath.Join("..", names.marked)
	if cfg.Name != "" {
		cfg.Out = filepath.Join("..", names.consolidated)
	}
	cfg.Command = commandLine(cfg)
	return cfg
}

// commandLine is the command line of a run, as the command line records
// it in the sources sheet (its flags in the order of its help), for an
// auditor to run it again in the folder of the files.
func commandLine(cfg run.Config) []string {
	cmd := []string{"tally", "validate"}
	if cfg.Out != "" {
		cmd[1] = "consolidate"
	}
	flag := func(name, value string) {
		if value != "" && value != "0" {
			cmd = append(cmd, "--"+name, value)
		}
	}
	flag("schema", cfg.Schema)
	flag("log", cfg.Log)
	flag("roster", cfg.Roster)
	flag("year", strconv.Itoa(cfg.Year))
	flag("lang", string(cfg.Lang))
	flag("annotate", cfg.Annotate)
	for _, p := range cfg.Previous {
		flag("previous", p)
	}
	flag("out", cfg.Out)
	flag("name", cfg.Name)
	return append(cmd, cfg.Paths...)
}

// unitOf is the consolidated unit a folder's name names (兴庆区2018 →
// 兴庆区), or "".
func unitOf(folder string) string {
	if folder == "" {
		return ""
	}
	u := schema.UnitName(folder)
	if !schema.HasAdminSuffix(u) {
		return ""
	}
	return u
}

// size says a number of bytes for a person: 512 MB.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// An upFolder is where the files of an upload are saved, each under the
// path it came with, made safe (cleanPath): two files of the same name in
// different subfolders are two files; two of the same path (in any
// capitals: Windows does not tell them apart) are told apart by (2).
type upFolder struct {
	root  string
	taken map[string]bool
	paths []string
	// top is the folder every file was in (the folder chosen or dropped),
	// once unwrap has taken it away.
	top string
}

func newFolder(root string) *upFolder { return &upFolder{root: root, taken: map[string]bool{}} }

// save writes a file of the upload, never over another.
func (f *upFolder) save(name string, r io.Reader) error {
	rel := cleanPath(name, len(f.paths)+1)
	for n := 2; f.taken[strings.ToLower(rel)]; n++ {
		ext := filepath.Ext(rel)
		rel = strings.TrimSuffix(rel, ext) + fmt.Sprintf(" (%d)", n) + ext
	}
	f.taken[strings.ToLower(rel)] = true
	f.paths = append(f.paths, rel)
	path := filepath.Join(f.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// unwrap takes away the folder every file of the upload is in, when they
// all are in one (a folder chosen or dropped whole: 兴庆区2018/掌政镇.xlsx),
// so that the files are named from inside it, as the command line run in
// that folder names them; it makes the root when no file came.
func (f *upFolder) unwrap() error {
	if len(f.paths) == 0 {
		return os.MkdirAll(f.root, 0o700)
	}
	top, _, _ := strings.Cut(f.paths[0], "/")
	for _, p := range f.paths {
		first, _, nested := strings.Cut(p, "/")
		if !nested || first != top {
			return nil
		}
	}
	tmp := f.root + ".tmp"
	if err := os.Rename(f.root, tmp); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(tmp, top), f.root); err != nil {
		return err
	}
	f.top = top
	return os.Remove(tmp)
}

// cleanPath makes the name a browser sent for a file (the path inside
// the folder, with / or \) a relative path that stays inside the upload:
// no .., no absolute path, no drive letter, no character Windows refuses
// in a name, no name Windows reserves; n names a file whose name is left
// empty.
func cleanPath(name string, n int) string {
	name = strings.ReplaceAll(name, `\`, "/")
	var parts []string
	for _, p := range strings.Split(name, "/") {
		if len(parts) == 0 && isDrive(p) {
			continue
		}
		p = strings.Map(func(r rune) rune {
			if r < 32 || r == 0x7f || strings.ContainsRune(`<>:"|?*`, r) || !unicode.IsPrint(r) && r != ' ' {
				return '_'
			}
			return r
		}, p)
		p = strings.TrimRight(strings.TrimSpace(p), ". ")
		if p == "" || p == "." || p == ".." {
			continue
		}
		if reserved(p) {
			p = "_" + p
		}
		parts = append(parts, cut(p, 200))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("file-%d", n)
	}
	return strings.Join(parts, "/")
}

// isDrive reports a drive letter (C:).
func isDrive(p string) bool {
	return len(p) == 2 && p[1] == ':' && (p[0] >= 'A' && p[0] <= 'Z' || p[0] >= 'a' && p[0] <= 'z')
}

// reserved reports a name Windows keeps for devices (CON, NUL, COM1…),
// with any extension.
func reserved(p string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(p), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '0' && base[3] <= '9'
}

// cut shortens a name to at most n bytes, at a character, keeping its
// extension.
func cut(p string, n int) string {
	if len(p) <= n {
		return p
	}
	ext := filepath.Ext(p)
	if len(ext) > 16 {
		ext = ""
	}
	base := p[:len(p)-len(ext)]
	keep := n - len(ext)
	for keep > 0 && keep < len(base) && !isRuneStart(base[keep]) {
		keep--
	}
	return base[:keep] + ext
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
