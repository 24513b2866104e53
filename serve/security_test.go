package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/internal/testkit"
)

// Every answer carries the headers that keep the browser strict, the
// refusals too.
func checkHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	assert.Equal(t, csp, resp.Header.Get("Content-Security-Policy"))
	assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-referrer", resp.Header.Get("Referrer-Policy"))
}

// A request without the session cookie is refused, with a page that says
// to open the address tally printed; the token sets the cookie and is
// taken out of the address.
func TestSession(t *testing.T) {
	s := start(t, Options{})
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}$`, s.URL())
	assert.Equal(t, "http://"+s.Addr()+"/?token="+s.token, s.URL())
	plain := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/", "/static/app.js", "/runs/x", "/runs/x/status.json", "/api/runs", "/?token=wrong"} {
		resp, err := plain.Get("http://" + s.Addr() + path)
		require.NoError(t, err)
		data := make([]byte, 4096)
		n, _ := resp.Body.Read(data)
		resp.Body.Close()
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, path)
		assert.Contains(t, string(data[:n]), "请打开 tally 启动时显示的地址", path)
		assert.Contains(t, string(data[:n]), "Open the address tally printed", path)
		checkHeaders(t, resp)
	}
	resp, err := plain.Post("http://"+s.Addr()+"/api/runs", "text/plain", strings.NewReader("x"))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, "a POST without the cookie")

	// The token: a cookie only the page's requests carry, and the same
	// address without the token (other parameters kept).
	resp, err = plain.Get("http://" + s.Addr() + "/?lang=en&token=" + s.token)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
	assert.Equal(t, "/?lang=en", resp.Header.Get("Location"))
	checkHeaders(t, resp)
	cookies := resp.Cookies()
	require.Len(t, cookies, 1)
	c := cookies[0]
	assert.True(t, c.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, c.SameSite)
	assert.Equal(t, "/", c.Path)
	assert.NotContains(t, c.Value, s.token, "the cookie is not the token")

	b := browser(t, s)
	resp, page := get(t, s, b, "/")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	checkHeaders(t, resp)
	assert.Contains(t, string(page), `<form id="upload"`)
	assert.NotRegexp(t, `<script>|<style|\sstyle=|\son[a-z]+=`, string(page), "no inline script or style: the policy forbids them")

	// The cookie of another server (another port) does not let in.
	other := start(t, Options{})
	resp, _ = get(t, other, b, "/")
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
}

// A Host header other than the served address is refused, even with the
// cookie: a page whose name was pointed at 127.0.0.1 (DNS rebinding).
func TestHostHeader(t *testing.T) {
	s := start(t, Options{})
	b := browser(t, s)
	_, port, _ := strings.Cut(s.Addr(), ":")
	for host, want := range map[string]int{
		"127.0.0.1:" + port:      http.StatusOK,
		"localhost:" + port:      http.StatusOK,
		"LOCALHOST:" + port:      http.StatusOK,
		"evil.example:" + port:   http.StatusForbidden,
		"evil.example":           http.StatusForbidden,
		"127.0.0.1":              http.StatusForbidden,
		"127.0.0.1:1":            http.StatusForbidden,
		"192.168.1.10:" + port:   http.StatusForbidden,
		"localhost.evil:" + port: http.StatusForbidden,
	} {
		req, err := http.NewRequest(http.MethodGet, "http://"+s.Addr()+"/", nil)
		require.NoError(t, err)
		req.Host = host
		// The cookie, as if the browser sent it to that host.
		for _, c := range b.Jar.Cookies(req.URL) {
			req.AddCookie(c)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, want, resp.StatusCode, host)
		checkHeaders(t, resp)
	}
}

// A cross-origin POST is refused, with the cookie (a page elsewhere that
// posts a form to the server): nothing is uploaded nor run.
func TestCrossOriginPost(t *testing.T) {
	s := start(t, Options{})
	b := browser(t, s)
	for name, headers := range map[string]map[string]string{
		"Sec-Fetch-Site": {"Sec-Fetch-Site": "cross-site"},
		"Origin":         {"Origin": "http://evil.example"},
	} {
		buf, ct := body(t, []part{file("掌政镇.xlsx", testkit.Fixture(t, "seed/掌政镇.xlsx"))})
		req, err := http.NewRequest(http.MethodPost, "http://"+s.Addr()+"/api/runs", buf)
		require.NoError(t, err)
		req.Header.Set("Content-Type", ct)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		resp, err := b.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, name)
		checkHeaders(t, resp)
	}
	assert.Empty(t, s.runs.list(), "nothing was run")
	// The page's own POST, same-origin, is let in.
	buf, ct := body(t, []part{file("掌政镇.xlsx", testkit.Fixture(t, "seed/掌政镇.xlsx"))})
	req, err := http.NewRequest(http.MethodPost, "http://"+s.Addr()+"/api/runs", buf)
	require.NoError(t, err)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", "http://"+s.Addr())
	resp, err := b.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusSeeOther, resp.StatusCode, "a browser's form is sent to the run's page")
	assert.Regexp(t, `^/runs/[0-9a-f]{16}$`, resp.Header.Get("Location"))
}

// An upload over the limits is refused with a message that says the
// limit and what to do; the limits are said on the page.
func TestUploadLimits(t *testing.T) {
	seed := testkit.Fixture(t, "seed/掌政镇.xlsx")
	s := start(t, Options{MaxUpload: int64(len(seed)) + 4096, MaxFiles: 2, MaxRuns: 3})
	b := browser(t, s)
	_, page := get(t, s, b, "/")
	assert.Contains(t, string(page), "每次最多上传 "+size(int64(len(seed))+4096)+"、2 个文件；保留最近 3 次检查的结果")

	refused := func(parts []part, status int, says string) {
		t.Helper()
		resp := post(t, s, b, parts)
		data := make([]byte, 4096)
		n, _ := resp.Body.Read(data)
		resp.Body.Close()
		assert.Equal(t, status, resp.StatusCode, string(data[:n]))
		assert.Contains(t, string(data[:n]), says)
	}
	refused([]part{file("a.xlsx", seed), file("b.xlsx", seed)}, http.StatusRequestEntityTooLarge, "上传的文件超过了")
	refused([]part{file("a.xlsx", []byte("x")), file("b.xlsx", []byte("x")), file("c.xlsx", []byte("x"))},
		http.StatusRequestEntityTooLarge, "一次最多上传 2 个文件")
	refused([]part{field("name", "兴庆区")}, http.StatusBadRequest, "没有收到任何文件")
	refused([]part{file("a.xlsx", seed), field("year", "18")}, http.StatusBadRequest, "不是年份")
	refused([]part{file("a.xlsx", seed), field("schema", "gov-info-1999")}, http.StatusBadRequest, "没有“gov-info-1999”这个表式")
	entries, err := os.ReadDir(s.dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "a refused upload leaves nothing behind")

	// A refused upload by a browser's form gets a page in its language.
	buf, ct := body(t, []part{field("name", "兴庆区")})
	req, err := http.NewRequest(http.MethodPost, "http://"+s.Addr()+"/api/runs?lang=en", buf)
	require.NoError(t, err)
	req.Header.Set("Content-Type", ct)
	resp, err := b.Do(req)
	require.NoError(t, err)
	data := make([]byte, 8192)
	n, _ := resp.Body.Read(data)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Contains(t, string(data[:n]), "no file came with the upload")

	// The runs kept: the oldest is removed with its files.
	var ids []string
	for range 4 {
		ids = append(ids, upload(t, s, b, []part{file("掌政镇.xlsx", seed)}))
		wait(t, s, b, ids[len(ids)-1])
	}
	resp, data = get(t, s, b, "/runs/"+ids[0])
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.Contains(t, string(data), "only the last 3 checks are kept", "in the language the person chose last")
	for _, id := range ids[1:] {
		resp, _ = get(t, s, b, "/runs/"+id)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	}
	assert.Eventually(t, func() bool {
		_, err := os.Stat(filepath.Join(s.dir, ids[0]))
		return os.IsNotExist(err)
	}, 10e9, 10e6, "the oldest run's folder is removed")
}

// The names a browser sends are made safe: the files stay inside the
// upload, under their paths in the folder; two files of the same name in
// different folders are two files.
func TestFileNames(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"掌政镇.xlsx", "掌政镇.xlsx"},
		{"兴庆区2018/乡镇/掌政镇.xlsx", "兴庆区2018/乡镇/掌政镇.xlsx"},
		{`兴庆区2018\乡镇\掌政镇.xlsx`, "兴庆区2018/乡镇/掌政镇.xlsx"},
		{"../../etc/passwd.xlsx", "etc/passwd.xlsx"},
		{"a/../../b.xlsx", "a/b.xlsx"},
		{"/abs/z.xlsx", "abs/z.xlsx"},
		{`C:\Users\clerk\表.xlsx`, "Users/clerk/表.xlsx"},
		{"c:/x.xlsx", "x.xlsx"},
		{"a/./b/.../c.xlsx", "a/b/c.xlsx"},
		{"con.xlsx", "_con.xlsx"},
		{"a:b?.xlsx", "a_b_.xlsx"},
		{"tab\there.xlsx", "tab_here.xlsx"},
		{"..", "file-7"},
		{"", "file-7"},
	} {
		assert.Equal(t, tc.want, cleanPath(tc.in, 7), tc.in)
	}

	seed := testkit.Fixture(t, "seed/掌政镇.xlsx")
	s := start(t, Options{})
	b := browser(t, s)
	id := upload(t, s, b, []part{
		file("../../逃出去.xlsx", seed),
		file(`C:\乡镇\掌政镇.xlsx`, seed),
		file("甲/掌政镇.xlsx", seed),
		file("乙/掌政镇.xlsx", seed),
		file("乙/掌政镇.XLSX", seed),
	})
	assert.Equal(t, stateDone, wait(t, s, b, id))
	in := filepath.Join(s.dir, id, "in")
	var got []string
	require.NoError(t, filepath.WalkDir(in, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(in, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	}))
	assert.ElementsMatch(t, []string{"逃出去.xlsx", "乡镇/掌政镇.xlsx", "甲/掌政镇.xlsx", "乙/掌政镇.xlsx", "乙/掌政镇 (2).XLSX"}, got)
	_, err := os.Stat(filepath.Join(filepath.Dir(s.dir), "逃出去.xlsx"))
	assert.True(t, os.IsNotExist(err), "nothing is written outside the upload")

	_, data := get(t, s, b, "/runs/"+id+"/report.json")
	for _, name := range []string{`"file": "甲/掌政镇.xlsx"`, `"file": "乙/掌政镇.xlsx"`, `"file": "乡镇/掌政镇.xlsx"`} {
		assert.Contains(t, string(data), name, "the report names the files by their paths in the upload")
	}
	assert.Equal(t, 5, strings.Count(string(data), `"sha256"`), "five files, five submissions")
}
