package serve_test

// The page of `tally serve` in a real browser (issue 15, point 5): a
// headless Chromium uploads the sample district as a clerk would — through
// the folder input, and by dropping the folder — waits for the board,
// opens a finding, downloads every file and opens it, and holds the run's
// JSON to the command line's. Each screen is written as a PNG screenshot,
// in Chinese and in English ($TALLY_SCREENSHOTS, else the test's temporary
// folder).

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"tally/command"
	"tally/consolidate"
	"tally/internal/testkit"
	"tally/read"
	"tally/schema"
	"tally/serve"
	"tally/source"
)

// report is what the tests read of a run's JSON report.
type report struct {
	Submissions []struct {
		File   string             `json:"file"`
		Unit   string             `json:"unit"`
		Values map[string]float64 `json:"values"`
	} `json:"submissions"`
	Findings []struct {
		Severity string   `json:"severity"`
		Kind     string   `json:"kind"`
		File     string   `json:"file"`
		Unit     string   `json:"unit"`
		Cell     string   `json:"cell"`
		Codes    []string `json:"codes"`
		Actual   *float64 `json:"actual"`
		Message  string   `json:"message"`
	} `json:"findings"`
	Units []struct {
		Unit   string `json:"unit"`
		Status string `json:"status"`
		File   string `json:"file"`
		Errors int    `json:"errors"`
	} `json:"units"`
	Totals map[string]float64 `json:"totals"`
}

// boardRow is a row of the status board.
type boardRow struct {
	Unit   string `json:"unit"`
	Status string `json:"status"`
	Href   string `json:"href"`
}

// The statuses a unit can have on the board, and their words in Chinese
// (as the text report has them), which an English board must not show.
var (
	statuses       = []string{"missing", "resend", "check", "passed"}
	chineseStatus  = []string{"未报送", "需重报", "需核实", "通过"}
	downloadFiles  = []string{"consolidated", "log-xlsx", "log-csv", "marked"}
	markedSuffix   = "-问题标注.xlsx"
	districtFolder = filepath.Base(districtDir)
)

// TestBrowserFolder is the clerk's whole job in Chinese, the folder chosen
// through the folder input (#folder, webkitdirectory): the board against
// the roster and the run's report, a unit's finding with its cell in
// context, the totals, the print view, every download opened, and the
// report held to the command line's.
func TestBrowserFolder(t *testing.T) {
	p := open(t, schema.Zh, schema.Zh)
	p.waitFor(`document.querySelector('form#upload') !== null`, boardTimeout)
	checkUploadForm(t, p)
	p.shot("serve-upload")

	dir := testkit.FixturePath(t, districtDir)
	p.chooseFolder(dir)
	p.fill()
	p.shot("serve-upload-filled")
	p.start()
	p.timeVerdicts()
	id := p.waitBoard()
	raw := p.fetchOK("/runs/" + id + "/report.json")
	rep := decodeReport(t, raw)

	checkBoard(t, p, rep)
	p.shot("serve-board")
	p.shotTop("serve-board-top")
	checkFindings(t, p, rep)
	checkTotals(t, p, rep)
	p.shotElement("serve-totals", "section#totals")
	p.do(chromedp.Navigate(p.base + "/runs/" + id))
	p.waitBoard()
	p.shotPrint("serve-print")

	cli := cliRun(t, schema.Zh)
	out := checkReportJSON(t, raw, cli.json)
	checkDownloads(t, p, rep, cli, out)
}

// TestBrowserRunning is the run's page while the files are read, in a
// real browser: the district's .xls is held while it is read (as
// LibreOffice's cold start holds it, but for as long as the test needs),
// and every other file first, so that the page opens on a run with no
// verdict yet. The other files then let go, the page's script (polling
// status.json, the page not reloaded) lists them with their verdicts as
// they come, the .xls as 读取中; the .xls let go, the page shows the
// board, which agrees with the verdicts shown.
func TestBrowserRunning(t *testing.T) {
	p := open(t, schema.Zh, schema.Zh)
	p.waitFor(`document.querySelector('form#upload') !== null`, boardTimeout)
	let := serve.HoldReading(p.srv, func(string) bool { return true })
	t.Cleanup(func() { let(nil) })
	p.chooseFolder(testkit.FixturePath(t, districtDir))
	p.fill()
	p.start()
	p.waitFor(`/^\/runs\/[^/]+$/.test(location.pathname) && document.querySelector('section#running #files-progress') !== null`, boardTimeout)
	checkSpacing(t, p)
	if n := eval[int](p, `document.querySelectorAll('#files-progress li.file-verdict:not([data-status=reading])').length`); n != 0 {
		t.Errorf("the page lists %d verdicts while every file is held", n)
	}
	eval[bool](p, `(window.notReloaded = true)`)
	let(func(file string) bool { return strings.HasSuffix(file, ".xls") })
	p.waitFor(`document.querySelectorAll('#files-progress li.file-verdict:not([data-status=reading])').length === 15`, boardTimeout)
	if !eval[bool](p, `window.notReloaded === true && document.querySelector('#run').dataset.state === 'running'`) {
		t.Error("the verdicts came by reloading the page, not by its script")
	}
	type item struct {
		File   string `json:"file"`
		Status string `json:"status"`
		Badge  string `json:"badge"`
		Text   string `json:"text"`
	}
	items := eval[[]item](p, `Array.from(document.querySelectorAll('#files-progress li.file-verdict'), li => ({
		file: li.dataset.file, status: li.dataset.status, badge: li.querySelector('.badge').innerText, text: li.innerText}))`)
	if len(items) != 16 {
		t.Errorf("the page lists %d files, want the district's 16", len(items))
	}
	if got := eval[string](p, `document.querySelector('#progress .count').innerText`); !strings.Contains(got, "15 / 16") {
		t.Errorf("the progress says %q, not 15 / 16", got)
	}
	p.shot("serve-running")
	let(nil)
	id := p.waitBoard()
	rep := decodeReport(t, p.fetchOK("/runs/"+id+"/report.json"))
	checkBoard(t, p, rep)
	final := map[string]string{}
	for _, u := range rep.Units {
		final[u.File] = u.Status
	}
	board := map[string]string{"ok": "通过", "warnings": "需核实", "errors": "需重报", "unreadable": "需重报"}
	unitStatus := map[string]string{"ok": "passed", "warnings": "check", "errors": "resend", "unreadable": "resend"}
	for _, it := range items {
		if strings.HasSuffix(it.File, ".xls") {
			if it.Status != "reading" || it.Badge != "读取中" {
				t.Errorf("the held .xls is listed as %q (%q), not reading (读取中)", it.Status, it.Badge)
			}
			continue
		}
		if it.Badge != board[it.Status] {
			t.Errorf("%s (%s) is shown as %q, want %q", it.File, it.Status, it.Badge, board[it.Status])
		}
		if want, ok := final[it.File]; !ok || unitStatus[it.Status] != want {
			t.Errorf("%s was shown %s while read; the board says %s", it.File, it.Status, want)
		}
	}
}

// TestBrowserDrop uploads the folder by dropping it on the drop zone
// (#drop), two ways:
//
//   - "folder": the browser's own drop of a folder, through the DevTools
//     protocol's Input.dispatchDragEvent with the folder's path. Chromium
//     hands the page a DataTransfer as from a drag out of the file manager:
//     webkitGetAsEntry() gives a directory entry, and the page walks it.
//     Only the operating system's part of a drag, the mouse carrying the
//     folder over the window, is left out.
//   - "datatransfer": the folder's files set on a hidden file input of the
//     test's own (as chooseFolder does), then a DataTransfer built from them in the page and dragenter, dragover and
//     drop dispatched on #drop from script. This exercises the page's drop
//     handler, not the browser's or the operating system's drag; the items
//     of a DataTransfer made by script have no entries (webkitGetAsEntry()
//     is null), so the page must fall back on e.dataTransfer.files.
//
// Either way the page then shows what it holds (#chosen: how many files,
// and the folder they came in: a script's drop has the files' paths in
// the folder they were chosen in, webkitRelativePath), and waits: a drop
// only adds files, so that the clerk may add the roster. The same folder
// dropped again is not taken twice; the clear button forgets the files.
// The clerk presses the start button, and the board must show what the
// command line says of the folder.
func TestBrowserDrop(t *testing.T) {
	dir := testkit.FixturePath(t, districtDir)
	n := len(districtFiles(t, dir))
	for _, how := range []string{"folder", "datatransfer"} {
		t.Run(how, func(t *testing.T) {
			p := open(t, schema.Zh, schema.Zh)
			p.waitFor(`document.querySelector('#drop') !== null`, boardTimeout)
			p.fill()
			drop := func() {
				switch how {
				case "folder":
					p.dropFolder(dir)
				case "datatransfer":
					p.dropFiles(dir)
				}
			}
			drop()
			p.waitDropped(n)
			if how == "folder" {
				drop()
				p.waitFor(`document.querySelector('#chosen').dataset.drops === '2'`, boardTimeout) // the folder walked again
				p.waitDropped(n)
				p.do(chromedp.Click(chromedp.CSS("#chosen button#clear")))
				p.waitFor(`document.querySelector('#chosen').hidden`, boardTimeout)
				drop()
				p.waitDropped(n)
			}
			if got := eval[string](p, `location.pathname + ' ' + document.querySelectorAll('#recent .runs li').length`); got != "/ 0" {
				t.Errorf("after the drop the page is at %q with runs; a drop must wait for the start button", got)
			}
			if chosen := eval[string](p, `document.querySelector('#chosen').innerText`); !strings.Contains(chosen, districtFolder) || !strings.Contains(chosen, "开始检查") {
				t.Errorf("#chosen says %q: not the folder %s, or not that the start button is next", chosen, districtFolder)
			}
			p.shot("serve-dropped-" + how)
			p.start()
			id := p.waitBoard()
			raw := p.fetchOK("/runs/" + id + "/report.json")
			rep := decodeReport(t, raw)
			checkBoard(t, p, rep)
			checkReportJSON(t, raw, cliRun(t, schema.Zh).json)
		})
	}
}

// TestBrowserEnglish is the same run with the page in English: the clerk
// switches language with the link on the Chinese page (?lang=en), and
// uploads from the English page. The upload page, the board, a finding,
// the totals and the print view are in English, with none of the page's
// own Chinese words on the board, and the run's JSON is the command
// line's with --lang en.
func TestBrowserEnglish(t *testing.T) {
	p := open(t, schema.Zh, schema.En)
	p.waitFor(`document.querySelector('a#lang') !== null`, boardTimeout)
	if href := eval[string](p, `document.querySelector('a#lang').getAttribute('href')`); !strings.Contains(href, "lang=en") {
		t.Errorf("the Chinese page's language link goes to %q, not ?lang=en", href)
	}
	p.do(chromedp.Click(chromedp.CSS("a#lang")))
	p.waitFor(`document.readyState === 'complete' && /lang=en/.test(location.search) && document.querySelector('form#upload') !== null`, boardTimeout)
	p.shotLang = schema.En
	checkUploadForm(t, p)
	if start := eval[string](p, `document.querySelector('button#start').innerText`); hasHan(start) {
		t.Errorf("the English upload page's start button says %q", start)
	}
	p.shot("serve-upload")

	p.chooseFolder(testkit.FixturePath(t, districtDir))
	p.fill()
	p.start()
	id := p.waitBoard()
	if !strings.Contains(eval[string](p, `location.search`), "lang=en") {
		// The language may live in a cookie; ask for it by the address
		// too, as a clerk's bookmark would.
		p.do(chromedp.Navigate(p.base + "/runs/" + id + "?lang=en"))
		id = p.waitBoard()
	}
	raw := p.fetchOK("/runs/" + id + "/report.json")
	rep := decodeReport(t, raw)
	checkBoard(t, p, rep)
	board := eval[string](p, `document.querySelector('section#board').innerText`)
	for _, word := range chineseStatus {
		if strings.Contains(board, word) {
			t.Errorf("the English board says %q:\n%s", word, board)
		}
	}
	if strings.Contains(board, "(s)") || !strings.Contains(board, "1 error\t") && !strings.Contains(board, "1 error\n") {
		t.Errorf("the English board does not count in the singular (1 error):\n%s", board)
	}
	// The heading is long in English: it may break, never inside the
	// format's id, (gov-info-2018).
	if n := eval[int](p, `document.querySelector('.toolbar h1 .id').getClientRects().length`); n != 1 {
		t.Errorf("the format's id in the heading is on %d lines", n)
	}
	p.shot("serve-board")
	p.shotTop("serve-board-top")
	checkFindings(t, p, rep)
	checkTotals(t, p, rep)
	p.shotElement("serve-totals", "section#totals")
	p.do(chromedp.Navigate(p.base + "/runs/" + id + "?lang=en"))
	p.waitBoard()
	p.shotPrint("serve-print")
	checkReportJSON(t, raw, cliRun(t, schema.En).json)
}

// timeVerdicts follows the page from the start button to the board, as a
// clerk watches it, and logs how long after the upload's end (the run's
// page opening: the page goes there when the upload's answer comes, and
// its navigation starts then, performance.timeOrigin) the page lists 15
// files' verdicts (or the board, which has them all), and the board. When
// the board takes longer than 1.5 s, the verdicts must show before it.
func (p *page) timeVerdicts() {
	p.t.Helper()
	type seen struct {
		Path     string  `json:"path"`
		Origin   float64 `json:"origin"`
		Now      float64 `json:"now"`
		Verdicts int     `json:"verdicts"`
		Board    bool    `json:"board"`
	}
	origin, verdicts := 0.0, -1.0
	deadline := time.Now().Add(boardTimeout)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
		s, err := chromedp.Run(ctx, chromedp.Evaluate[seen](`({path: location.pathname, origin: performance.timeOrigin, now: Date.now(),
			verdicts: document.querySelectorAll('#files-progress li.file-verdict:not([data-status=reading])').length,
			board: document.querySelector('section#board tr.unit') !== null})`))
		cancel()
		if err == nil && strings.HasPrefix(s.Path, "/runs/") {
			if origin == 0 {
				origin = s.Origin
			}
			if verdicts < 0 && (s.Verdicts >= 15 || s.Board) {
				verdicts = s.Now - origin
			}
			if s.Board {
				board := s.Now - origin
				p.t.Logf("the page listed 15 verdicts %.0f ms after the upload's end, the board %.0f ms", verdicts, board)
				if board > 1500 && verdicts >= board {
					p.t.Errorf("the board came %.0f ms after the upload's end, and no verdict before it", board)
				}
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	p.t.Fatal("no board")
}

// checkSpacing checks that the page's content keeps off the header: the
// first panel or heading of <main> starts some way below the header.
func checkSpacing(t *testing.T, p *page) {
	t.Helper()
	gap := eval[float64](p, `(() => {
		const head = document.querySelector('header.masthead').getBoundingClientRect();
		const first = document.querySelector('main').firstElementChild.getBoundingClientRect();
		return first.top - head.bottom; })()`)
	if gap < 12 {
		t.Errorf("%s: the content starts %.0f px below the header, touching it", eval[string](p, `location.pathname`), gap)
	}
}

// checkUploadForm checks the upload page's elements, as the page's
// contract names them.
func checkUploadForm(t *testing.T, p *page) {
	t.Helper()
	for _, sel := range []string{
		`form#upload[method=post][action="/api/runs"][enctype="multipart/form-data"]`,
		`input#folder[type=file][webkitdirectory][name=file]`,
		`input#files[type=file][multiple][name=file]`,
		`div#drop`,
		`textarea#roster[name=roster]`,
		`input#name`, `input#year`, `select#schema`,
		`input#previous[type=file]`,
		`button#start[type=submit]`,
		`#chosen[hidden]`,
		`a#lang`,
	} {
		if !eval[bool](p, fmt.Sprintf(`document.querySelector(%q) !== null`, sel)) {
			t.Errorf("the upload page has no %s", sel)
		}
	}
	checkSpacing(t, p)
}

// districtFiles are the paths of the sample district's files, relative to
// the folder's parent (as a browser gives them: 兴庆区2018/大新镇.xlsx).
func districtFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(filepath.Dir(dir), path)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// chooseFolder chooses a folder in the folder input, as the browser's
// folder chooser does. DOM.setFileInputFiles given the folder's path on an
// input with webkitdirectory makes Chromium list the folder itself, as it
// does after its chooser: the files arrive a moment later, each with its
// webkitRelativePath (兴庆区2018/大新镇.xlsx). Given the files' paths
// instead, an input gets them with no relative path at all.
func (p *page) chooseFolder(dir string) {
	p.t.Helper()
	want := districtFiles(p.t, dir)
	p.do(chromedp.SetUploadFiles(chromedp.CSS("input#folder"), []string{dir}))
	p.waitFor(fmt.Sprintf(`document.querySelector('input#folder').files.length === %d`, len(want)), boardTimeout)
	got := eval[[]string](p, `Array.from(document.querySelector('input#folder').files, f => f.webkitRelativePath).sort()`)
	if !slices.Equal(got, want) {
		p.t.Fatalf("the folder input holds %q, want %q", got, want)
	}
}

// fill fills the form's other fields as the clerk would: the roster
// pasted, the district's name, the year.
func (p *page) fill() {
	p.t.Helper()
	roster := string(testkit.Fixture(p.t, districtDir+"/roster.txt"))
	p.do(
		chromedp.SetValue(chromedp.CSS("textarea#roster"), roster),
		chromedp.SendKeys(chromedp.CSS("input#name"), districtName),
		chromedp.SendKeys(chromedp.CSS("input#year"), districtYear),
	)
}

// start presses the start button; the page's script uploads and goes to
// the run's page.
func (p *page) start() {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS("button#start")))
}

// dropFolder drops the folder on #drop through the browser's drag and
// drop: the drag enters, moves over and drops at the drop zone's centre.
func (p *page) dropFolder(dir string) {
	p.t.Helper()
	p.do(chromedp.ScrollIntoView(chromedp.CSS("div#drop")))
	at := eval[[]float64](p, `(() => { const r = document.querySelector('div#drop').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
	data := &input.DragData{Items: []*input.DragDataItem{}, Files: []string{dir}, DragOperationsMask: 1} // 1: copy
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		if _, err := chromedp.Call(p.ctx, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: at[0], Y: at[1], Data: data}); err != nil {
			p.t.Fatalf("Input.dispatchDragEvent %s: %v", typ, err)
		}
	}
}

// dropFiles sets the folder's files on a file input of the test's own (a
// hidden one it adds to the page, outside the form, so that the form's
// inputs stay empty and the files are not sent twice), then builds a
// DataTransfer of them in the page and dispatches dragenter, dragover and
// drop on #drop: the page's drop handler, from script.
func (p *page) dropFiles(dir string) {
	p.t.Helper()
	eval[bool](p, `(() => {
		const input = document.createElement('input');
		input.type = 'file'; input.id = 'test-files'; input.hidden = true; input.webkitdirectory = true;
		document.body.appendChild(input);
		return true;
	})()`)
	want := districtFiles(p.t, dir)
	p.do(chromedp.SetUploadFiles(chromedp.CSS("input#test-files"), []string{dir}))
	p.waitFor(fmt.Sprintf(`document.querySelector('input#test-files').files.length === %d`, len(want)), boardTimeout)
	ok := eval[bool](p, `(() => {
		const dt = new DataTransfer();
		for (const f of document.querySelector('input#test-files').files) dt.items.add(f);
		const drop = document.querySelector('div#drop');
		let handled = false;
		for (const type of ['dragenter', 'dragover', 'drop']) {
			const ev = new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: dt});
			drop.dispatchEvent(ev);
			if (type === 'drop') handled = ev.defaultPrevented;
		}
		return handled;
	})()`)
	if !ok {
		p.t.Errorf("the page's drop handler did not take the drop (it did not call preventDefault)")
	}
}

// waitDropped waits until the page says it holds the n files dropped (the
// count it shows in #chosen once it has walked the folder), so that the
// start button sends them all, and checks it holds no more.
func (p *page) waitDropped(n int) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf(`(() => { const c = document.querySelector('#chosen'); return c !== null && !c.hidden && /(^|\D)%d(\D|$)/.test(c.innerText); })()`, n), boardTimeout)
	if got := eval[string](p, `document.querySelector('#chosen').dataset.count`); got != strconv.Itoa(n) {
		p.t.Errorf("the page holds %s files, want the %d dropped", got, n)
	}
}

// decodeReport decodes a run's JSON report.
func decodeReport(t *testing.T, raw string) *report {
	t.Helper()
	var rep report
	if err := json.Unmarshal([]byte(raw), &rep); err != nil {
		t.Fatalf("report.json: %v\n%.500s", err, raw)
	}
	if len(rep.Units) == 0 {
		t.Fatalf("report.json has no units:\n%.500s", raw)
	}
	return &rep
}

// checkBoard checks the status board: a row for every unit of the roster,
// each with a status, the statuses those of the run's report, and a link
// to the unit's section.
func checkBoard(t *testing.T, p *page, rep *report) {
	t.Helper()
	checkSpacing(t, p)
	rows := eval[[]boardRow](p, `Array.from(document.querySelectorAll('section#board tr.unit'), tr => ({
		unit: tr.dataset.unit || '', status: tr.dataset.status || '',
		href: tr.querySelector('a.unit-link') ? tr.querySelector('a.unit-link').getAttribute('href') : ''}))`)
	byUnit := map[string]boardRow{}
	for _, r := range rows {
		if !slices.Contains(statuses, r.Status) {
			t.Errorf("board row %q has status %q, not one of %v", r.Unit, r.Status, statuses)
		}
		if !strings.HasPrefix(r.Href, "#u-") {
			t.Errorf("board row %q links to %q, not a unit's section #u-N", r.Unit, r.Href)
		}
		byUnit[schema.CanonicalUnit(r.Unit)] = r
	}
	roster := consolidate.ParseRoster(string(testkit.Fixture(t, districtDir+"/roster.txt")))
	for _, name := range roster {
		if _, ok := byUnit[schema.CanonicalUnit(name)]; !ok {
			t.Errorf("roster unit %s has no row on the board", name)
		}
	}
	if len(rows) != len(rep.Units) {
		t.Errorf("the board has %d rows, the report %d units", len(rows), len(rep.Units))
	}
	for _, u := range rep.Units {
		r, ok := byUnit[schema.CanonicalUnit(u.Unit)]
		if !ok {
			t.Errorf("unit %s of the report is not on the board", u.Unit)
			continue
		}
		if r.Status != u.Status {
			t.Errorf("unit %s: the board says %s, the report %s", u.Unit, r.Status, u.Status)
		}
	}
	// Sorted by status, as in the text report: the worst first.
	for i := 1; i < len(rows); i++ {
		if slices.Index(statuses, rows[i].Status) < slices.Index(statuses, rows[i-1].Status) {
			t.Errorf("the board is not sorted by status: %s (%s) after %s (%s)", rows[i].Unit, rows[i].Status, rows[i-1].Unit, rows[i-1].Status)
			break
		}
	}
	// Every unit's link goes to a section of that unit.
	for _, r := range rows {
		unit := eval[string](p, fmt.Sprintf(`(document.getElementById(%q) || {dataset: {}}).dataset.unit || ''`, strings.TrimPrefix(r.Href, "#")))
		if schema.CanonicalUnit(unit) != schema.CanonicalUnit(r.Unit) {
			t.Errorf("board row %s links to %s, whose section is of unit %q", r.Unit, r.Href, unit)
		}
	}
}

// finding is a finding as the page shows it.
type finding struct {
	Severity string   `json:"severity"`
	Cell     string   `json:"cell"`
	Message  string   `json:"message"`
	Label    string   `json:"label"`
	Rule     string   `json:"rule"`
	Grids    int      `json:"grids"`
	Targets  []string `json:"targets"`
}

// checkFindings opens a unit with errors by clicking its link on the
// board, and checks its findings: every error has its cell in context, a
// grid with exactly one marked cell, and a marked cell whose value is the
// report's shows that number. It screenshots the unit's findings.
func checkFindings(t *testing.T, p *page, rep *report) {
	t.Helper()
	var unit string
	for _, u := range rep.Units {
		if u.Status == "resend" && u.Errors > 0 && valueOfError(rep, u.Unit) != nil {
			unit = u.Unit
			break
		}
	}
	if unit == "" {
		t.Fatal("the report has no unit with an error in a cell that holds a number")
	}
	href := eval[string](p, fmt.Sprintf(`Array.from(document.querySelectorAll('section#board tr.unit')).find(tr => tr.dataset.unit === %q).querySelector('a.unit-link').getAttribute('href')`, unit))
	sel := fmt.Sprintf(`section.unit#%s`, strings.TrimPrefix(href, "#"))
	p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`section#board tr.unit[data-unit=%q] a.unit-link`, unit))))
	p.do(chromedp.WaitVisible(chromedp.CSS(sel + ` li.finding`)))
	if got := eval[string](p, `location.hash`); got != href {
		t.Errorf("after clicking %s's link the page is at %q, want %q", unit, got, href)
	}
	// The unit's section is in view after the click.
	if !eval[bool](p, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })()`, sel)) {
		t.Errorf("clicking %s's link did not bring its section into view", unit)
	}
	found := eval[[]finding](p, fmt.Sprintf(`Array.from(document.querySelectorAll(%q), li => ({
		severity: li.dataset.severity || '', cell: li.dataset.cell || '',
		message: (li.querySelector('.message') || {}).innerText || '',
		label: (li.querySelector('.label') || {}).innerText || '',
		rule: (li.querySelector('.rule') || {}).innerText || '',
		grids: li.querySelectorAll('table.cellgrid').length,
		targets: Array.from(li.querySelectorAll('table.cellgrid td.target'), td => td.innerText.trim())}))`, sel+` li.finding`))
	want := valueOfError(rep, unit)
	var messages []string // the unit's findings in the command line's words
	for _, f := range rep.Findings {
		if f.Unit == unit {
			messages = append(messages, strings.TrimSpace(f.Message))
		}
	}
	checked := false
	for _, f := range found {
		if !slices.Contains(messages, strings.TrimSpace(f.Message)) {
			t.Errorf("%s: the finding at %s says %q, which is none of the report's %q", unit, f.Cell, f.Message, messages)
		}
		if f.Severity != "error" {
			continue
		}
		if f.Grids != 1 || len(f.Targets) != 1 {
			t.Errorf("%s: the error at %s has %d cell grids and %d marked cells, want one of each", unit, f.Cell, f.Grids, len(f.Targets))
			continue
		}
		if f.Label == "" || f.Rule == "" {
			t.Errorf("%s: the error at %s has label %q and rule %q", unit, f.Cell, f.Label, f.Rule)
		}
		if f.Cell == want.cell {
			checked = true
			if n, ok := number(f.Targets[0]); !ok || n != want.value {
				t.Errorf("%s: the marked cell %s shows %q, want %v", unit, f.Cell, f.Targets[0], want.value)
			}
		}
	}
	if !checked {
		t.Errorf("%s: no error shown at %s; the page shows %+v", unit, want.cell, found)
	}
	// Every error of every unit has exactly one marked cell.
	bad := eval[[]string](p, `Array.from(document.querySelectorAll('section.unit li.finding[data-severity=error]'))
		.filter(li => li.dataset.cell && li.querySelectorAll('table.cellgrid td.target').length !== 1)
		.map(li => li.closest('section.unit').dataset.unit + ' ' + li.dataset.cell)`)
	if len(bad) > 0 {
		t.Errorf("errors whose cell grid does not have exactly one marked cell: %q", bad)
	}
	p.shotElement("serve-finding", sel)
}

// cellValue is a finding's cell and the number it holds.
type cellValue struct {
	cell  string
	value float64
}

// valueOfError is an error of a unit in a cell that holds a number (the
// finding's actual value), nil when the unit has none.
func valueOfError(rep *report, unit string) *cellValue {
	for _, f := range rep.Findings {
		if f.Unit == unit && f.Severity == "error" && f.Cell != "" && f.Actual != nil {
			return &cellValue{f.Cell, *f.Actual}
		}
	}
	return nil
}

// number reads a number as the page shows it: thousands separators and
// spaces aside.
func number(s string) (float64, bool) {
	s = strings.NewReplacer(",", "", "，", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// checkTotals checks the district totals: the official table, with the
// totals that break a rule marked as the findings below it are, an error
// red (td.bad) and a warning amber (td.warn): each marked cell a total of
// a finding of its severity, every such total marked.
func checkTotals(t *testing.T, p *page, rep *report) {
	t.Helper()
	if !eval[bool](p, `document.querySelector('section#totals table.totals') !== null`) {
		t.Fatal("no section#totals with a table.totals")
	}
	want := map[string]map[string]float64{"error": {}, "warning": {}} // severity → code → total
	for _, f := range rep.Findings {
		if f.Unit == districtName && len(f.Codes) > 0 && want[f.Severity] != nil {
			if v, ok := rep.Totals[f.Codes[0]]; ok {
				want[f.Severity][f.Codes[0]] = v
			}
		}
	}
	for code := range want["error"] {
		delete(want["warning"], code) // a total with an error and a warning is marked as an error
	}
	if len(want["error"]) == 0 || len(want["warning"]) == 0 {
		t.Errorf("the sample district's totals have %d errors and %d warnings; the test needs both", len(want["error"]), len(want["warning"]))
	}
	for sev, class := range map[string]string{"error": "bad", "warning": "warn"} {
		type cell struct {
			Key  string `json:"key"`
			Text string `json:"text"`
		}
		marked := eval[[]cell](p, fmt.Sprintf(`Array.from(document.querySelectorAll('section#totals table.totals td.%s'), td => ({key: td.dataset.key, text: td.innerText.trim()}))`, class))
		got := map[string]bool{}
		for _, c := range marked {
			got[c.Key] = true
			total, ok := want[sev][c.Key]
			if !ok {
				t.Errorf("the totals table marks %s (%q) td.%s; it is not a total with a %s", c.Key, c.Text, class, sev)
				continue
			}
			if n, ok := number(c.Text); !ok || n != total {
				t.Errorf("the totals table's %s shows %q, the report's total %v", c.Key, c.Text, total)
			}
		}
		for code := range want[sev] {
			if !got[code] {
				t.Errorf("the total %s breaks a rule (a %s) and is not marked td.%s", code, sev, class)
			}
		}
	}
	// The two marks look different: a warning is not in an error's red.
	colors := eval[[]string](p, `['bad', 'warn'].map(c => { const td = document.querySelector('section#totals td.' + c); return td ? getComputedStyle(td).backgroundColor : ''; })`)
	if colors[0] == "" || colors[0] == colors[1] {
		t.Errorf("the totals' errors and warnings are marked in the colours %q", colors)
	}
}

// cli is what the command line writes for the sample district.
type cli struct {
	json, csv          []byte
	consolidated, logx []byte
	marked             map[string][]byte // file name → bytes
}

var (
	cliMu   sync.Mutex
	cliRuns = map[schema.Lang]*cli{}
)

// cliRun runs `tally consolidate` on a copy of the sample district, as a
// clerk would in a terminal in that folder, with the same roster, name and
// year as the page is given, the roster and the outputs beside the folder:
// its JSON report on stdout, its log as CSV and as a workbook, the
// consolidated workbook and the marked-up copies. Run once a test binary,
// for each language.
func cliRun(t *testing.T, lang schema.Lang) *cli {
	t.Helper()
	cliMu.Lock()
	defer cliMu.Unlock()
	if c := cliRuns[lang]; c != nil {
		return c
	}
	work := t.TempDir()
	folder := filepath.Join(work, districtFolder)
	copyDir(t, testkit.FixturePath(t, districtDir), folder)
	if err := os.WriteFile(filepath.Join(work, "roster.txt"), testkit.Fixture(t, districtDir+"/roster.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The command line runs in the folder, as a clerk's would; the test's
	// own folder is back as soon as it is done (the fixtures are found from
	// it).
	home, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(folder); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := os.Chdir(home); err != nil {
			t.Fatal(err)
		}
	}()
	run := func(log string, stdout io.Writer) {
		var stderr bytes.Buffer
		code := command.Main([]string{"tally", "consolidate", "--format", "json", "--fail-on", "never", "--lang", string(lang),
			"--roster", "../roster.txt", "--name", districtName, "--year", districtYear,
			"--out", "../consolidated.xlsx", "--log", "../" + log, "--annotate", "../marked", "."}, stdout, &stderr)
		if code != 0 {
			t.Fatalf("tally consolidate: exit %d\n%s", code, stderr.String())
		}
	}
	var stdout bytes.Buffer
	run("log.xlsx", io.Discard)
	logx := testkit.ReadFile(t, filepath.Join(work, "log.xlsx"))
	run("log.csv", &stdout)
	c := &cli{
		json:         stdout.Bytes(),
		csv:          testkit.ReadFile(t, filepath.Join(work, "log.csv")),
		consolidated: testkit.ReadFile(t, filepath.Join(work, "consolidated.xlsx")),
		logx:         logx,
		marked:       map[string][]byte{},
	}
	entries, err := os.ReadDir(filepath.Join(work, "marked"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		c.marked[e.Name()] = testkit.ReadFile(t, filepath.Join(work, "marked", e.Name()))
	}
	cliRuns[lang] = c
	return c
}

// copyDir copies the files of a folder (no subfolders) to a new folder.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			if err := os.WriteFile(filepath.Join(to, e.Name()), testkit.ReadFile(t, filepath.Join(from, e.Name())), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// checkReportJSON holds the run's report.json to the command line's JSON
// report for the same folder, options and language. One thing must differ
// and is normalised: the path of the consolidated workbook, which the
// findings of the totals name as their file ("file" of a finding that
// starts with ../: the output beside the folder, ../consolidated.xlsx on
// the command line's side, the server's Chinese name on the page's) —
// both become "<consolidated>". Nothing else: the report holds no times,
// the version is the test binary's on both sides, and the submissions'
// paths are relative to the folder on both: the server takes the folder's
// name (兴庆区2018/) off the paths the browser sends and runs in the
// folder, as the command line is run here.
func checkReportJSON(t *testing.T, page string, cliJSON []byte) *strings.Replacer {
	t.Helper()
	var got, want any
	if err := json.Unmarshal([]byte(page), &got); err != nil {
		t.Fatalf("report.json: %v", err)
	}
	if err := json.Unmarshal(cliJSON, &want); err != nil {
		t.Fatalf("the command line's JSON: %v", err)
	}
	served, cli := normaliseOut(got), normaliseOut(want)
	t.Logf("normalised in report.json: %q; in the command line's: %q", served, cli)
	g, _ := json.MarshalIndent(got, "", "  ")
	w, _ := json.MarshalIndent(want, "", "  ")
	if !bytes.Equal(g, w) {
		t.Errorf("report.json differs from tally consolidate --format json:\n%s", firstDiff(string(w), string(g)))
	}
	if len(served) != 1 || len(cli) != 1 {
		return strings.NewReplacer()
	}
	// The same name in the files the run writes: as the report has it, and
	// without its folder.
	return strings.NewReplacer(served[0], cli[0], filepath.Base(served[0]), filepath.Base(cli[0]))
}

// normaliseOut replaces the path of the consolidated workbook in a JSON
// report's findings (a "file" that starts with ../) with "<consolidated>",
// and returns the paths it replaced.
func normaliseOut(report any) []string {
	var out []string
	top, _ := report.(map[string]any)
	findings, _ := top["findings"].([]any)
	for _, f := range findings {
		f, _ := f.(map[string]any)
		if file, ok := f["file"].(string); ok && strings.HasPrefix(file, "../") {
			if !slices.Contains(out, file) {
				out = append(out, file)
			}
			f["file"] = "<consolidated>"
		}
	}
	return out
}

// firstDiff shows where two texts first differ: the line, and up to 300
// bytes of each text around the first byte that differs.
func firstDiff(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	if i == len(want) && i == len(got) {
		return "(equal)"
	}
	line := strings.Count(want[:i], "\n") + 1
	from := max(0, strings.LastIndexByte(want[:i], '\n')+1, i-150)
	clip := func(s string) string { return strings.ToValidUTF8(s[min(from, len(s)):min(len(s), i+150)], "") }
	return fmt.Sprintf("line %d, byte %d:\n--- command line\n%s\n+++ served\n%s", line, i, clip(want), clip(got))
}

// checkDownloads clicks each download link and opens what arrives: the
// consolidated workbook read back with package read (the totals of the
// report, a unit for each of its detail sheet's columns), the log workbook
// with the sheets of the command line's, the CSV log parsed, the marked-up
// copies as one zip of …-问题标注.xlsx workbooks; each the same as the
// command line writes, cell by cell (sameCells), the CSV byte by byte, the
// consolidated workbook's path normalised.
func checkDownloads(t *testing.T, p *page, rep *report, c *cli, out *strings.Replacer) {
	t.Helper()
	links := eval[[]string](p, `Array.from(document.querySelectorAll('section#downloads a.download'), a => a.dataset.file)`)
	slices.Sort(links)
	want := slices.Sorted(slices.Values(downloadFiles))
	if !slices.Equal(links, want) {
		t.Errorf("downloads %q, want %q", links, want)
	}
	schemas := read.Options{Schemas: []*schema.Schema{testkit.Gov2018(t)}}
	for _, file := range links {
		t.Run(file, func(t *testing.T) {
			data, name := p.download(fmt.Sprintf(`section#downloads a.download[data-file=%q]`, file))
			t.Logf("%s: %s, %d bytes", file, name, len(data))
			if !hasHan(name) {
				t.Errorf("%s downloads as %q, not a Chinese name", file, name)
			}
			ext := map[string]string{"consolidated": ".xlsx", "log-xlsx": ".xlsx", "log-csv": ".csv", "marked": ".zip"}[file]
			if filepath.Ext(name) != ext {
				t.Errorf("%s downloads as %q, want a %s file", file, name, ext)
			}
			switch file {
			case "consolidated":
				sub := read.File(data, name, schemas)
				if sub.Unreadable || sub.Schema == nil {
					t.Fatalf("the consolidated workbook does not read: %+v", sub.FindingList())
				}
				for code, v := range rep.Totals {
					got, ok := sub.Get(code)
					if f, _ := got.Float64(); !ok || f != v {
						t.Errorf("consolidated %s: %v, the report's total %v", code, got, v)
					}
				}
				units := read.Units(data, name, schemas)
				if len(units) != len(rep.Submissions) {
					t.Errorf("the consolidated workbook's detail has %d units, the report %d submissions", len(units), len(rep.Submissions))
				}
				sameCells(t, data, c.consolidated, out)
			case "log-xlsx":
				sameCells(t, data, c.logx, out)
			case "log-csv":
				rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
				if err != nil {
					t.Fatalf("the CSV log does not parse: %v", err)
				}
				if len(rows) != len(rep.Findings)+1 {
					t.Errorf("the CSV log has %d rows, want a head and the report's %d findings", len(rows), len(rep.Findings))
				}
				if got := out.Replace(string(data)); got != string(c.csv) {
					t.Errorf("the CSV log differs from the command line's:\n%s", firstDiff(string(c.csv), got))
				}
			case "marked":
				zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
				if err != nil {
					t.Fatalf("marked.zip: %v", err)
				}
				var names []string
				for _, f := range zr.File {
					names = append(names, f.Name)
					if !strings.HasSuffix(f.Name, markedSuffix) {
						t.Errorf("marked.zip holds %q, not a …%s", f.Name, markedSuffix)
						continue
					}
					body := zipEntry(t, f)
					if sub := read.File(body, f.Name, schemas); sub.Unreadable || sub.Schema == nil {
						t.Errorf("marked.zip's %s does not read", f.Name)
					}
					if want, ok := c.marked[filepath.Base(f.Name)]; !ok {
						t.Errorf("marked.zip holds %s, which the command line does not write", f.Name)
					} else {
						sameCells(t, body, want, out)
					}
				}
				if len(names) != len(c.marked) {
					t.Errorf("marked.zip holds %d copies %q, the command line writes %d", len(names), names, len(c.marked))
				}
			}
		})
	}
}

// zipEntry is the contents of a zip's entry.
func zipEntry(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sameCells checks that two workbooks have the same sheets holding the
// same text in every cell, read by package source. Normalised in the
// served one: the path of the consolidated workbook (out); and the cell
// that records the command line a run stands for (right of 命令/Command on
// the sources sheet), which names the outputs and orders the flags its own
// way, is left out. The bytes are not compared: the layout follows the
// text (a row's height its longest text's), and the marked-up copies are
// not the same bytes from one run of the command line to the next (their
// styles are made in a map's order).
func sameCells(t *testing.T, got, want []byte, out *strings.Replacer) {
	t.Helper()
	open := func(data []byte) *source.Book {
		book, err := source.Open(data, "book.xlsx", source.Options{})
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		return book
	}
	g, w := open(got), open(want)
	names := func(b *source.Book) []string {
		var out []string
		for _, grid := range b.Grids {
			out = append(out, grid.Name)
		}
		return out
	}
	if !slices.Equal(names(g), names(w)) || len(w.Grids) == 0 {
		t.Fatalf("the sheets are %q, the command line's %q", names(g), names(w))
	}
	for i, wg := range w.Grids {
		gg := g.Grids[i]
		for r := range max(len(gg.Rows()), len(wg.Rows())) {
			for c := range max(gg.Width(), wg.Width()) {
				if label := wg.At(r, c-1); label == "命令" || label == "Command" {
					t.Logf("sheet %s: the command line is %q; the command line's own %q", wg.Name, gg.At(r, c), wg.At(r, c))
					continue
				}
				if gv, wv := out.Replace(gg.At(r, c)), wg.At(r, c); gv != wv {
					t.Errorf("sheet %s row %d column %d: %q, the command line's %q", wg.Name, r+1, c+1, gv, wv)
				}
			}
		}
	}
}

// hasHan says whether a text has a Chinese character.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
