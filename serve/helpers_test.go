package serve

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// start starts a server for a test, closed when it ends.
func start(t testing.TB, opt Options) *Server {
	t.Helper()
	if opt.Version == "" {
		opt.Version = "test"
	}
	s, err := Start(t.Context(), opt)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// browser is a client that has opened the address with the token, and so
// holds the session cookie; it follows no redirect by itself.
func browser(t testing.TB, s *Server) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar, Timeout: 2 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(s.URL())
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	return c
}

// part is one part of an upload: a file (with its name as the browser
// sends it) or a field.
type part struct {
	field, filename string
	data            []byte
}

func file(name string, data []byte) part             { return part{"file", name, data} }
func field(name, value string) part                  { return part{field: name, data: []byte(value)} }
func fileNamed(field, name string, data []byte) part { return part{field, name, data} }

// body is a multipart upload of the parts, with the file names as given
// (mime/multipart's CreateFormFile would escape nothing away either).
func body(t testing.TB, parts []part) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		if p.filename != "" {
			h.Set("Content-Disposition", `form-data; name="`+p.field+`"; filename="`+strings.ReplaceAll(p.filename, `"`, `\"`)+`"`)
			h.Set("Content-Type", "application/octet-stream")
		} else {
			h.Set("Content-Disposition", `form-data; name="`+p.field+`"`)
		}
		pw, err := w.CreatePart(h)
		require.NoError(t, err)
		_, err = pw.Write(p.data)
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return &b, w.FormDataContentType()
}

// post uploads the parts as a script does (Accept: application/json).
func post(t testing.TB, s *Server, c *http.Client, parts []part) *http.Response {
	t.Helper()
	b, ct := body(t, parts)
	req, err := http.NewRequest(http.MethodPost, "http://"+s.Addr()+"/api/runs", b)
	require.NoError(t, err)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Accept", "application/json")
	resp, err := c.Do(req)
	require.NoError(t, err)
	return resp
}

// upload uploads the parts and returns the run's id.
func upload(t testing.TB, s *Server, c *http.Client, parts []part) string {
	t.Helper()
	resp := post(t, s, c, parts)
	defer resp.Body.Close()
	var got struct{ ID, Error string }
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
	require.Equal(t, http.StatusCreated, resp.StatusCode, got.Error)
	require.NotEmpty(t, got.ID)
	return got.ID
}

// get fetches a path of the server.
func get(t testing.TB, s *Server, c *http.Client, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := c.Get("http://" + s.Addr() + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, data
}

// wait waits for a run to end and returns its state.
func wait(t testing.TB, s *Server, c *http.Client, id string) string {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		_, data := get(t, s, c, "/runs/"+id+"/status.json")
		var st struct {
			State       string
			Done, Total int
		}
		require.NoError(t, json.Unmarshal(data, &st), string(data))
		if st.State != stateRunning {
			return st.State
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the run did not end")
	return ""
}

// folderParts are the files of a folder as a browser uploads it, each
// named by its path inside the folder (prefix/ before it), in name order.
func folderParts(t testing.TB, dir, prefix string) []part {
	t.Helper()
	var parts []part
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		parts = append(parts, file(prefix+filepath.ToSlash(rel), data))
		return nil
	}))
	return parts
}
