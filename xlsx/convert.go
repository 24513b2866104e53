package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
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

// Convert implements [Converter].
func (s *Soffice) Convert(data []byte, ext string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "tally-convert-")
	if err != nil {
		return nil, err
	}
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
	runErr := cmd.Run()
	if cmd.Process != nil {
		_ = killGroup(cmd)
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("LibreOffice did not finish within %s", timeout)
	}
	base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
	result, err := os.ReadFile(filepath.Join(out, base+".xlsx"))
	if err == nil && len(result) > 0 {
		return result, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("LibreOffice did not finish within %s", timeout)
	}
	msg := strings.TrimSpace(stderr.b.String())
	if runErr != nil {
		return nil, fmt.Errorf("LibreOffice failed: %v %s", runErr, msg)
	}
	return nil, errors.New("LibreOffice wrote no output (the file may be damaged or password-protected)")
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
