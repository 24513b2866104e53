package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"tally/cleanup"
	"tally/errtext"
)

// A Converter turns a legacy or foreign workbook (.xls, .et, .ods, an HTML
// table) into .xlsx bytes. The input bytes are a copy; the original file is
// never touched.
type Converter interface {
	Convert(data []byte, ext string) ([]byte, error)
	// Name names the program that converts, for messages.
	Name() string
}

// Soffice converts with LibreOffice headless, each call in a private
// profile in a temporary folder, so calls never collide.
type Soffice struct {
	Path    string
	Timeout time.Duration
}

// FindSoffice looks for LibreOffice on PATH and where it is usually
// installed; it returns nil when there is none.
func FindSoffice() *Soffice {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return &Soffice{Path: p, Timeout: 2 * time.Minute}
		}
	}
	var candidates []string
	switch runtime.GOOS {
	case "windows":
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)"} {
			if d := os.Getenv(env); d != "" {
				candidates = append(candidates, filepath.Join(d, "LibreOffice", "program", "soffice.exe"))
			}
		}
	case "darwin":
		candidates = append(candidates, "/Applications/LibreOffice.app/Contents/MacOS/soffice")
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return &Soffice{Path: c, Timeout: 2 * time.Minute}
		}
	}
	return nil
}

// Name implements [Converter].
func (s *Soffice) Name() string { return "LibreOffice" }

// Convert implements [Converter]. A file converted once is not converted
// again in the same run (its marked-up copy is made from the same bytes):
// the last conversions are kept, by the SHA-256 of what was converted.
func (s *Soffice) Convert(data []byte, ext string) ([]byte, error) {
	key := conversionKey{sha256.Sum256(data), ext}
	if out, ok := conversions.get(key); ok {
		return out, nil
	}
	out, err := s.convert(data, ext)
	if err == nil {
		conversions.put(key, out)
	}
	return out, err
}

// conversionKey is what a conversion converted.
type conversionKey struct {
	sum [sha256.Size]byte
	ext string
}

// conversionCache keeps the results of the last conversions, up to a
// number of bytes, the oldest going first.
type conversionCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order []conversionKey
	data  map[conversionKey][]byte
}

// conversions are the conversions of the run, up to 32 MiB of results.
var conversions = &conversionCache{max: 32 << 20, data: map[conversionKey][]byte{}}

func (c *conversionCache) get(k conversionKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.data[k]
	return out, ok
}

func (c *conversionCache) put(k conversionKey, out []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.data[k]; ok || len(out) > c.max {
		return
	}
	for c.size+len(out) > c.max && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.data[old])
		delete(c.data, old)
	}
	c.data[k] = out
	c.order = append(c.order, k)
	c.size += len(out)
}

func (s *Soffice) convert(data []byte, ext string) ([]byte, error) {
	// The folder and LibreOffice are undone by an interrupted run too
	// (cleanup): killed, then removed.
	var dir string
	release, err := cleanup.Track(func() (func(), error) {
		d, err := os.MkdirTemp("", "tally-convert-")
		if err != nil {
			return nil, err
		}
		dir = d
		return func() { os.RemoveAll(d) }, nil
	})
	if err != nil {
		return nil, err
	}
	defer release()
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "input"+ext)
	if ext == ".xlsx" {
		// Recalculating an .xlsx: the copy must not overwrite itself.
		in = filepath.Join(dir, "source.xlsx")
	}
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "out")
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	if runtime.GOOS == "windows" {
		profile = "file:///" + filepath.ToSlash(filepath.Join(dir, "profile"))
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	args := []string{"--headless", "--norestore", "--nolockcheck", "-env:UserInstallation=" + profile}
	if ext == ".html" {
		// Without an import filter LibreOffice opens HTML in Writer, which
		// cannot save a workbook.
		args = append(args, "--infilter=HTML (StarCalc)")
	}
	args = append(args, "--convert-to", "xlsx", "--outdir", out, in)
	cmd := exec.CommandContext(ctx, s.Path, args...)
	// LibreOffice is a launcher (soffice, oosplash) and the office itself
	// (soffice.bin), which can outlive the launcher and keep its output
	// open. They run in a process group of their own: at the deadline the
	// whole group is killed, and whatever is left of it when the launcher
	// ends too; the output is waited for a few seconds at most.
	inGroup(cmd)
	cmd.Cancel = func() error { return killGroup(cmd) }
	cmd.WaitDelay = 3 * time.Second
	stderr := &capped{max: 16 << 10}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	stop, runErr := cleanup.Track(func() (func(), error) {
		if err := cmd.Start(); err != nil {
			return nil, err
		}
		return func() { _ = killGroup(cmd) }, nil
	})
	if runErr == nil {
		runErr = cmd.Wait()
	}
	if cmd.Process != nil {
		_ = killGroup(cmd)
	}
	stop()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("LibreOffice did not finish within %s", timeout)
	}
	base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
	result, err := os.ReadFile(filepath.Join(out, base+".xlsx"))
	if err == nil && len(result) > 0 {
		return result, nil
	}
	if ctx.Err() != nil {
		return nil, errtext.New(fmt.Sprintf("LibreOffice 在 %s 内没有完成转换", timeout), fmt.Sprintf("LibreOffice did not finish within %s", timeout))
	}
	msg := strings.TrimSpace(stderr.b.String())
	if runErr != nil {
		return nil, errtext.New("LibreOffice 转换失败", fmt.Sprintf("LibreOffice failed: %v %s", runErr, msg))
	}
	return nil, errtext.New("LibreOffice 没有转换出文件（文件可能已损坏或设置了密码）", "LibreOffice wrote no output (the file may be damaged or password-protected)")
}

// capped keeps the first max bytes written to it and drops the rest.
type capped struct {
	b   bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.b.Len(); room > 0 {
		c.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
