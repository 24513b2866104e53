package command

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tally/schema"
)

// tally serve prints the address with its token as its first line, how
// to stop on the second, opens the browser on that address unless
// --no-open, serves the page there, and stops when its context is done.
func TestServe(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		opened bool
		stop   string
	}{
		{[]string{"tally", "serve"}, true, "按 Ctrl-C 或关闭此窗口"},
		{[]string{"tally", "serve", "--no-open", "--lang", "en", "../testdata/seed"}, false, "press Ctrl-C or close this window"},
	} {
		t.Run(strings.Join(tc.args[1:], " "), func(t *testing.T) {
			opened := make(chan string, 1)
			saved := OpenBrowser
			OpenBrowser = func(url string) error { opened <- url; return nil }
			t.Cleanup(func() { OpenBrowser = saved })
			out, w := io.Pipe()
			var stderr strings.Builder
			ctx, cancel := context.WithCancel(context.Background())
			app := New(w, &stderr, LangOf(tc.args[1:]))
			done := make(chan error, 1)
			go func() { done <- app.RunContext(ctx, interspersed(app, tc.args)); w.Close() }()
			lines := bufio.NewScanner(out)
			require.True(t, lines.Scan())
			url := lines.Text()
			assert.Regexp(t, `^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}$`, url)
			require.True(t, lines.Scan())
			assert.Contains(t, lines.Text(), tc.stop)
			if tc.opened {
				select {
				case got := <-opened:
					assert.Equal(t, url, got)
				case <-time.After(10 * time.Second):
					t.Fatal("the browser was not opened")
				}
			}
			c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err := c.Get(url)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, http.StatusSeeOther, resp.StatusCode)
			cancel()
			select {
			case err := <-done:
				assert.NoError(t, err)
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop")
			}
			assert.Empty(t, stderr.String())
			if !tc.opened {
				assert.Empty(t, opened)
			}
		})
	}
}

// An address that is not this computer's is served with a warning; one
// that cannot be listened on is a usage error.
func TestServeListen(t *testing.T) {
	var stdout, stderr strings.Builder
	code := Main([]string{"tally", "serve", "--no-open", "--listen", "256.0.0.1:1"}, &stdout, &stderr)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr.String(), "无法在 256.0.0.1:1 上提供页面")
	assert.Empty(t, stdout.String())

	out, w := io.Pipe()
	var warn strings.Builder
	ctx, cancel := context.WithCancel(context.Background())
	app := New(w, &warn, schema.En)
	done := make(chan error, 1)
	go func() {
		done <- app.RunContext(ctx, []string{"tally", "serve", "--no-open", "--listen", "0.0.0.0:0"})
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	require.True(t, lines.Scan())
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+/\?token=`, lines.Text(), "the address to open here")
	cancel()
	go io.Copy(io.Discard, out)
	require.NoError(t, <-done)
	assert.Contains(t, warn.String(), "is not a loopback address")
}

// serve is a command, with its help in both languages.
func TestServeHelp(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		var stdout, stderr strings.Builder
		code := Main([]string{"tally", "serve", "--help", "--lang", lang}, &stdout, &stderr)
		assert.Equal(t, 0, code)
		assert.Contains(t, stdout.String(), "--no-open")
		assert.Contains(t, stdout.String(), "--listen")
		stdout.Reset()
		Main([]string{"tally", "--help", "--lang", lang}, &stdout, &stderr)
		assert.Contains(t, stdout.String(), "tally serve")
	}
	assert.True(t, IsCommand("serve"))
	assert.False(t, IsCommand("兴庆区2018"))
}
