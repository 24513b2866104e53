package serve_test

// The harness of the browser tests (browser_test.go): a real Chromium,
// headless, driven over the DevTools protocol with chromedp, against a
// server of package serve started in the test.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"tally/command"
	"tally/internal/testkit"
	"tally/schema"
	"tally/serve"
)

// The sample district the browser tests upload, and what the clerk types
// beside it.
const (
	districtDir  = "district/兴庆区2018"
	districtName = "兴庆区"
	districtYear = "2018"
)

// Timeouts. A run of the sample district converts its .xls through
// LibreOffice, a few seconds on CI's two cores; a test as a whole, with
// Chromium's start, stays well under its budget.
const (
	testTimeout  = 4 * time.Minute
	boardTimeout = 2 * time.Minute
)

// chromiumNames are the names Chromium goes by on PATH: Debian's package,
// other distributions', Google's build.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// chromiumPath is the path of the Chromium to drive, "" when none is on
// PATH.
func chromiumPath() string {
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// needBrowser skips a browser test when Chromium is missing, unless the
// environment demands it (CI sets TALLY_REQUIRE_CHROMIUM), and in -short
// runs. The sample district holds a legacy .xls, so LibreOffice is needed
// too, by the same rule as the root package's tests (TALLY_REQUIRE_SOFFICE).
func needBrowser(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser tests are left out of -short runs")
	}
	path := chromiumPath()
	if path == "" {
		if os.Getenv("TALLY_REQUIRE_CHROMIUM") != "" {
			t.Fatalf("Chromium is required here but none of %v is on PATH", chromiumNames)
		}
		t.Skipf("Chromium is not installed (none of %v on PATH)", chromiumNames)
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("TALLY_REQUIRE_SOFFICE") != "" {
			t.Fatal("LibreOffice (soffice) is required here but not on PATH")
		}
		t.Skip("LibreOffice (soffice) is not installed; the sample district holds an .xls")
	}
	return path
}

// page is one test's browser tab on one test's server.
type page struct {
	t         *testing.T
	ctx       context.Context // chromedp's: the tab
	srv       *serve.Server
	base      string      // http://127.0.0.1:PORT
	shotLang  schema.Lang // the language the screenshots are named by
	downloads string      // the folder the browser downloads into
	shots     string      // the folder screenshots are written to

	mu       sync.Mutex
	names    map[string]string // a download's GUID → its suggested file name
	finished map[string]string // a download's GUID → "completed" or "canceled"
	wake     chan struct{}
}

// open starts a server of package serve in lang and a headless Chromium
// with a fresh profile, its own words (a file input's button, the
// Accept-Language it sends) in browserLang where its locales are installed
// (Debian's chromium-l10n), and opens the server's token URL in it (which
// sets the session cookie). Everything is stopped when the test ends.
func open(t *testing.T, lang, browserLang schema.Lang) *page {
	t.Helper()
	exe := needBrowser(t)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)

	srv, err := serve.Start(ctx, serve.Options{
		Lang:    lang,
		Version: command.ToolVersion(), // the version the command line's report says, to compare
		Warn:    func(msg string) { t.Logf("serve: %s", msg) },
	})
	if err != nil {
		t.Fatalf("serve.Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("closing the server: %v", err)
		}
	})

	p := &page{
		t: t, srv: srv, base: "http://" + srv.Addr(), shotLang: lang,
		downloads: t.TempDir(),
		shots:     screenshotDir(t),
		names:     map[string]string{},
		finished:  map[string]string{},
		wake:      make(chan struct{}, 1),
	}
	profile := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.DisableGPU,
		chromedp.Flag("lang", map[schema.Lang]string{schema.Zh: "zh-CN", schema.En: "en-US"}[browserLang]),
		chromedp.Env("LANGUAGE="+map[schema.Lang]string{schema.Zh: "zh_CN", schema.En: "en_US"}[browserLang]),
		chromedp.Flag("hide-scrollbars", true),
	)
	if os.Geteuid() == 0 {
		// Chromium's sandbox will not start as root (CI runs as root).
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel) // runs before the profile's TempDir is removed: Chromium has exited
	tab, tcancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf), chromedp.WithErrorf(func(f string, a ...any) {
		t.Logf("chromedp: "+f, a...)
	}))
	t.Cleanup(tcancel)
	p.ctx = tab

	// Start the browser, then let it download into the test's folder,
	// naming each file by its GUID, with events that say when it is done.
	p.do(chromedp.Navigate("about:blank"), chromedp.EmulateViewport(1280, 900)) // the window less the browser's own bars is smaller
	if _, err := chromedp.CallBrowser(tab, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:      browser.SetDownloadBehaviorBehaviorAllowAndName,
		DownloadPath:  p.downloads,
		EventsEnabled: new(true),
	}); err != nil {
		t.Fatalf("Browser.setDownloadBehavior: %v", err)
	}
	p.watchDownloads()

	// The token URL sets the session cookie and redirects to the page.
	p.do(chromedp.Navigate(srv.URL()))
	return p
}

// screenshotDir is where the screenshots go: $TALLY_SCREENSHOTS when set
// (made if missing), else the test's temporary folder.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("TALLY_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// do runs actions in the tab; an error fails the test.
func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

// eval is the value of a JavaScript expression in the page, awaited when it
// is a promise.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// fetch GETs a path of the server from inside the page, so with the
// page's session cookie, and returns the status and the body as text.
func (p *page) fetch(path string) (int, string) {
	p.t.Helper()
	var res struct {
		Status int    `json:"status"`
		Body   string `json:"body"`
	}
	raw := eval[string](p, fmt.Sprintf(
		`fetch(%q, {credentials: 'same-origin'}).then(async r => JSON.stringify({status: r.status, body: await r.text()}))`, path))
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		p.t.Fatalf("fetch %s: %v", path, err)
	}
	return res.Status, res.Body
}

// fetchOK is fetch's body; a status other than 200 fails the test.
func (p *page) fetchOK(path string) string {
	p.t.Helper()
	status, body := p.fetch(path)
	if status != 200 {
		p.t.Fatalf("GET %s: status %d: %.500s", path, status, body)
	}
	return body
}

// waitFor waits until a JavaScript expression is true in the page,
// surviving the navigations and reloads between (a run's page may reload
// itself until the run is done); the test fails after timeout.
func (p *page) waitFor(expr string, timeout time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		if p.ctx.Err() != nil {
			break
		}
		last = err
		time.Sleep(200 * time.Millisecond)
	}
	url, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`location.href`))
	body, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 1500) : ''`))
	p.shot("timeout")
	p.t.Fatalf("waited %v for %s on %s (last error %v); the page says:\n%s", timeout, expr, url, last, body)
}

// waitBoard waits for a run's results page to show its board, and returns
// the run's ID (from the page's address, /runs/ID).
func (p *page) waitBoard() string {
	p.t.Helper()
	p.waitFor(`document.readyState === 'complete' && /^\/runs\/[^/]+$/.test(location.pathname) && document.querySelector('section#board tr.unit') !== null`, boardTimeout)
	return strings.TrimPrefix(eval[string](p, `location.pathname`), "/runs/")
}

// shot writes a PNG screenshot of the whole page, as the browser lays it
// out 1280 pixels wide, named NAME.LANG.png.
func (p *page) shot(name string) {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p.write(name, png)
}

// shotTop writes a PNG screenshot of what the window shows (its viewport,
// 1280 by 900 pixels) from the top of the page: the screen as a clerk
// first sees it.
func (p *page) shotTop(name string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p.write(name, png)
}

// write writes a screenshot as NAME.LANG.png.
func (p *page) write(name string, png []byte) {
	p.t.Helper()
	path := filepath.Join(p.shots, name+"."+string(p.shotLang)+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot %s (%d KB)", path, len(png)/1024)
}

// shotElement writes a PNG screenshot of the first element sel matches.
func (p *page) shotElement(name, sel string) {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		p.t.Errorf("screenshot %s of %s: %v", name, sel, err)
		return
	}
	p.write(name, png)
}

// shotPrint writes a screenshot of the page as it prints: CSS media
// "print" emulated for the shot, then switched back.
func (p *page) shotPrint(name string) {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		p.t.Fatalf("emulating print media: %v", err)
	}
	p.shot(name)
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
		p.t.Fatalf("ending print media: %v", err)
	}
}

// watchDownloads follows the browser's download events: the name each
// download suggests (from Content-Disposition) and when it ends.
func (p *page) watchDownloads() {
	begins := chromedp.BrowserEvents(p.ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(p.ctx, browser.DownloadProgress)
	go func() {
		for ev, err := range begins {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.names[ev.GUID] = ev.SuggestedFilename
			p.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range progress {
			if err != nil {
				return
			}
			if ev.State == browser.DownloadProgressStateCompleted || ev.State == browser.DownloadProgressStateCanceled {
				p.mu.Lock()
				p.finished[ev.GUID] = string(ev.State)
				p.mu.Unlock()
				select {
				case p.wake <- struct{}{}:
				default:
				}
			}
		}
	}()
}

// download clicks the element sel matches, as a clerk would, and waits for
// the download it starts. It returns the downloaded bytes and the file name
// the browser was given for it.
func (p *page) download(sel string) ([]byte, string) {
	p.t.Helper()
	p.mu.Lock()
	before := make([]string, 0, len(p.finished))
	for guid := range p.finished {
		before = append(before, guid)
	}
	p.mu.Unlock()
	p.do(chromedp.ScrollIntoView(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
	deadline := time.After(time.Minute)
	for {
		p.mu.Lock()
		for guid, state := range p.finished {
			if slices.Contains(before, guid) {
				continue
			}
			// The two events are followed on two goroutines: a download
			// may be seen to end before its name is seen.
			name, named := p.names[guid]
			if !named {
				continue
			}
			p.mu.Unlock()
			if state != string(browser.DownloadProgressStateCompleted) {
				p.t.Fatalf("download of %s (%s): %s", sel, name, state)
			}
			return testkit.ReadFile(p.t, filepath.Join(p.downloads, guid)), name
		}
		p.mu.Unlock()
		select {
		case <-p.wake:
		case <-time.After(100 * time.Millisecond):
		case <-deadline:
			p.t.Fatalf("clicking %s started no download that finished within a minute", sel)
		}
	}
}
