package serve

import (
	"crypto/subtle"
	"html/template"
	"net"
	"net/http"
	"strings"
)

// csp lets the page load only what the server itself serves: no inline
// script or style, no frames, no forms to elsewhere.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// secure is what every request passes before the page: the headers that
// keep the browser strict, the Host header of the served address (a page
// elsewhere whose name was made to point at 127.0.0.1 is refused: DNS
// rebinding), no cross-origin request that changes anything
// (http.CrossOriginProtection), and the session: the token of the
// address tally printed sets the session cookie and is taken out of the
// address; without the cookie, nothing is served.
func (s *Server) secure(next http.Handler) http.Handler {
	cross := http.NewCrossOriginProtection()
	cross.SetDenyHandler(http.HandlerFunc(s.forbidden))
	inner := cross.Handler(s.withSession(next))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		if !s.hostOK(r.Host) {
			s.forbidden(w, r)
			return
		}
		inner.ServeHTTP(w, r)
	})
}

// hostOK reports a Host header that names the served address: 127.0.0.1,
// localhost or [::1] and the port, or the address --listen gave; listening
// on every interface, any IP address with the port (a name that is not
// localhost is what DNS rebinding uses).
func (s *Server) hostOK(host string) bool {
	host = strings.ToLower(host)
	if s.hosts[host] {
		return true
	}
	if !s.anyIP {
		return false
	}
	h, port, err := net.SplitHostPort(host)
	_, want, _ := net.SplitHostPort(s.addr)
	return err == nil && port == want && net.ParseIP(h) != nil
}

// withSession lets in a request with the session cookie. A request for
// the page with the token (?token=…) gets the cookie (HttpOnly,
// SameSite=Strict) and is sent to the same address without the token, so
// that it is neither kept in the history nor shown. The token stays good
// while the server runs: the address in the console window opens the page
// again.
func (s *Server) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if tok := q.Get("token"); tok != "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			if !same(tok, s.token) {
				s.forbidden(w, r)
				return
			}
			http.SetCookie(w, &http.Cookie{Name: s.cookie, Value: s.session, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode})
			q.Del("token")
			to := r.URL.Path
			if len(q) > 0 {
				to += "?" + q.Encode()
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		if c, err := r.Cookie(s.cookie); err != nil || !same(c.Value, s.session) {
			s.forbidden(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func same(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// forbidden says, in both languages, to open the address tally printed.
// The page needs nothing else from the server.
func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	if wantsJSON(r) {
		writeJSON(w, http.StatusForbidden, map[string]string{"error": zhWords.ForbiddenText + " " + enWords.ForbiddenText})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	_ = forbiddenPage.Execute(w, []*words{&zhWords, &enWords})
}

var forbiddenPage = template.Must(template.New("forbidden").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>403 · tally</title></head>
<body><h1>403 · {{(index . 0).Forbidden}} · {{(index . 1).Forbidden}}</h1>
{{range .}}<p lang="{{.Lang}}">{{.ForbiddenText}}</p>{{end}}
</body></html>
`))
