package serve

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"tally/cleanup"
	"tally/schema"
)

// Options say how the page is served.
type Options struct {
	// Listen is the address to listen on; "" is 127.0.0.1 on a free port.
	// An address other than a loopback one is warned of (Warn).
	Listen string
	// Lang is the page's language until the person switches it; "" is
	// Chinese.
	Lang schema.Lang
	// Paths, when given, are checked at once, as the first run.
	Paths   []string
	Version string
	// MaxUpload is the most bytes of one upload (default 512 MiB),
	// MaxFiles the most files of one (default 2000), MaxRuns the runs kept
	// (default 20: the oldest is removed with its files).
	MaxUpload int64
	MaxFiles  int
	MaxRuns   int
	// Warn, when set, is told of what the person starting the server
	// should know: a --listen address that is not a loopback one.
	Warn func(msg string)
}

// The limits by default.
const (
	DefaultMaxUpload = 512 << 20
	DefaultMaxFiles  = 2000
	DefaultMaxRuns   = 20
)

// A Server is the page, served in the background until Close.
type Server struct {
	opt      Options
	ln       net.Listener
	http     *http.Server
	addr     string
	token    string
	session  string
	cookie   string
	hosts    map[string]bool
	anyIP    bool
	dir      string
	release  func()
	runs     *store
	pages    *template.Template
	ctx      context.Context
	cancel   context.CancelFunc
	closing  sync.Once
	closeErr error
	// hold, when set (by a test), is called on a run's worker as it starts
	// on a file, and may keep it waiting: a slow file made as slow as a
	// test needs. It must return once ctx is done.
	hold atomic.Pointer[func(ctx context.Context, file string)]
}

//go:embed assets
var assets embed.FS

// Start listens on the address Options.Listen names, makes the server's
// private temporary folder, starts checking Options.Paths when given, and
// serves in the background.
func Start(ctx context.Context, opt Options) (*Server, error) {
	if opt.Lang == "" {
		opt.Lang = schema.Zh
	}
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.MaxFiles <= 0 {
		opt.MaxFiles = DefaultMaxFiles
	}
	if opt.MaxRuns <= 0 {
		opt.MaxRuns = DefaultMaxRuns
	}
	listen := opt.Listen
	if listen == "" {
		listen = "127.0.0.1:0"
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, ln: ln, pages: pages, token: random(16), session: random(24)}
	s.addr, s.hosts, s.anyIP = served(ln.Addr().(*net.TCPAddr))
	s.cookie = "tally_" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	if !loopback(listen) && opt.Warn != nil {
		opt.Warn(schema.Msg(msgServeListen, listen).Render(opt.Lang))
	}
	// The folder of the uploads and outputs is the server's own (0700),
	// removed on Close, or by cleanup when the program is stopped.
	s.release, err = cleanup.Track(func() (func(), error) {
		d, err := os.MkdirTemp("", "tally-serve-")
		if err != nil {
			return nil, err
		}
		s.dir = d
		return func() { os.RemoveAll(d) }, nil
	})
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.ctx, s.cancel = context.WithCancel(ctx)
	s.runs = newStore(opt.MaxRuns)
	s.http = &http.Server{Handler: s.secure(s.routes()), ReadHeaderTimeout: 30 * time.Second,
		ErrorLog: nil}
	go func() { _ = s.http.Serve(ln) }()
	if len(opt.Paths) > 0 {
		s.startPaths(opt.Paths)
	}
	return s, nil
}

// URL is the address to open, with the token that lets the browser in.
func (s *Server) URL() string { return "http://" + s.addr + "/?token=" + s.token }

// Addr is the address served, host and port: 127.0.0.1:PORT.
func (s *Server) Addr() string { return s.addr }

// Close stops serving, stops the runs under way and removes the server's
// temporary folder with every upload and output in it.
func (s *Server) Close() error {
	s.closing.Do(func() {
		s.cancel()
		shut, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		if err := s.http.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			s.closeErr = err
		}
		s.http.Close()
		s.runs.wait()
		if err := os.RemoveAll(s.dir); err != nil && s.closeErr == nil {
			s.closeErr = err
		}
		s.release()
	})
	return s.closeErr
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("POST /api/runs", s.upload)
	mux.HandleFunc("GET /runs/{id}", s.runPage)
	mux.HandleFunc("GET /runs/{id}/status.json", s.status)
	mux.HandleFunc("GET /runs/{id}/report.json", s.report)
	mux.HandleFunc("GET /runs/{id}/files/{name}", s.download)
	static, _ := fs.Sub(assets, "assets/static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("/", s.notFound)
	return mux
}

// served is the address the server is reached at, the Host headers it
// answers, and whether any IP address is one (listening on every
// interface).
func served(a *net.TCPAddr) (string, map[string]bool, bool) {
	port := strconv.Itoa(a.Port)
	hosts := map[string]bool{"127.0.0.1:" + port: true, "localhost:" + port: true, "[::1]:" + port: true}
	if a.IP.IsUnspecified() {
		return "127.0.0.1:" + port, hosts, true
	}
	addr := net.JoinHostPort(a.IP.String(), port)
	hosts[addr] = true
	return addr, hosts, false
}

// loopback reports an address to listen on that only this computer can
// reach.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// random is n random bytes in hex.
func random(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("serve: no random bytes: %v", err))
	}
	return hex.EncodeToString(b)
}
