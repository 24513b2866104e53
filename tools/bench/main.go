// Command bench makes the workbooks of a large consolidation and times a
// floor reader on them, for scripts/bench.sh.
//
//	go run ./tools/bench gen -n 10000 -out DIR   # N township workbooks
//	go run ./tools/bench floor DIR               # the floor reader over DIR
//
// gen takes the sample district's 16 workbooks (testdata/district/兴庆区2018)
// as templates: workbook i is template i%16 with its unit renamed and every
// number multiplied by a factor of its own, so each table is internally
// consistent, different from every other, and laid out as a clerk laid it out.
//
// floor is the least any reader must do: open the zip, inflate the worksheet
// and the shared strings, and scan every byte once for cells.
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "gen":
		fs := flag.NewFlagSet("gen", flag.ExitOnError)
		n := fs.Int("n", 10000, "how many workbooks")
		out := fs.String("out", "", "folder to write them to")
		from := fs.String("from", "testdata/district/兴庆区2018", "folder of template workbooks")
		text := fs.Bool("text", false, "write every value as text (约N), each a finding: the many-findings case")
		_ = fs.Parse(os.Args[2:])
		if *out == "" {
			usage()
		}
		err = gen(*from, *out, *n, *text)
	case "floor":
		fs := flag.NewFlagSet("floor", flag.ExitOnError)
		jobs := fs.Int("j", runtime.NumCPU(), "workbooks read at once")
		_ = fs.Parse(os.Args[2:])
		if fs.NArg() != 1 {
			usage()
		}
		err = floor(fs.Arg(0), *jobs)
	case "time":
		fs := flag.NewFlagSet("time", flag.ExitOnError)
		runs := fs.Int("runs", 3, "how many times to run the command")
		_ = fs.Parse(os.Args[2:])
		if fs.NArg() == 0 {
			usage()
		}
		err = timeCommand(*runs, fs.Args())
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: bench gen -n N -out DIR [-from DIR] [-text] | bench floor [-j N] DIR | bench time [-runs K] CMD [ARG...]")
	os.Exit(2)
}

type template struct {
	stem  string // the unit's name without 镇, 乡 or 街道
	unit  string
	ext   string
	parts []part
}

type part struct {
	name string
	data []byte
}

// number is a numeric cell's value (a shared string's index is not).
var (
	number   = regexp.MustCompile(`<c ([^>]*)><v>(\d+)</v>`)
	typeAttr = regexp.MustCompile(`\s*\bt="[^"]*"`)
)

func gen(from, out string, n int, text bool) error {
	raw, err := os.ReadFile(filepath.Join(from, "expect.json"))
	if err != nil {
		return err
	}
	var expect struct {
		Files []struct{ File, Unit string } `json:"files"`
	}
	if err := json.Unmarshal(raw, &expect); err != nil {
		return err
	}
	sort.Slice(expect.Files, func(i, j int) bool { return expect.Files[i].File < expect.Files[j].File })
	var tpls []template
	for _, f := range expect.Files {
		ext := filepath.Ext(f.File)
		if ext != ".xlsx" && ext != ".xlsm" {
			continue // the templates are read without LibreOffice
		}
		t, err := load(filepath.Join(from, f.File))
		if err != nil {
			return fmt.Errorf("%s: %w", f.File, err)
		}
		t.unit = f.Unit
		t.stem, t.ext = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(f.Unit, "街道"), "镇"), "乡"), ext
		tpls = append(tpls, t)
	}
	if len(tpls) == 0 {
		return fmt.Errorf("no templates in %s", from)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for i := range n {
		t := tpls[i%len(tpls)]
		stem := t.stem + serial(i)
		factor := 1 + i/len(tpls)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.DefaultCompression)
		})
		for _, p := range t.parts {
			data := p.data
			if strings.HasPrefix(p.name, "xl/worksheets/") {
				data = number.ReplaceAllFunc(data, func(m []byte) []byte {
					sm := number.FindSubmatch(m)
					if bytes.Contains(sm[1], []byte(`t="`)) && !bytes.Contains(sm[1], []byte(`t="n"`)) {
						return m
					}
					v, _ := strconv.Atoi(string(sm[2]))
					if text {
						attrs := typeAttr.ReplaceAllString(string(sm[1]), "")
						return []byte("<c " + attrs + ` t="inlineStr"><is><t>约` + strconv.Itoa(v*factor) + "</t></is>")
					}
					return []byte("<c " + string(sm[1]) + "><v>" + strconv.Itoa(v*factor) + "</v>")
				})
			}
			data = bytes.ReplaceAll(data, []byte(t.stem), []byte(stem))
			w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2019, 1, 10, 9, 0, 0, 0, time.UTC)})
			if err != nil {
				return err
			}
			if _, err := w.Write(data); err != nil {
				return err
			}
		}
		if err := zw.Close(); err != nil {
			return err
		}
		name := stem + strings.TrimPrefix(t.unit, t.stem) + t.ext
		if err := os.WriteFile(filepath.Join(out, name), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// serial names the i-th unit made from a template in letters (a unit's
// name holds no digits): 0 → 甲甲甲甲甲, 12 → 甲甲甲乙丙.
func serial(i int) string {
	const stems = "甲乙丙丁戊己庚辛壬癸"
	r := []rune(stems)
	out := make([]rune, 5)
	for k := 4; k >= 0; k-- {
		out[k] = r[i%10]
		i /= 10
	}
	return string(out)
}

// load reads a template's parts.
func load(path string) (template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return template{}, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return template{}, err
	}
	t := template{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return template{}, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return template{}, err
		}
		t.parts = append(t.parts, part{f.Name, b})
	}
	return t, nil
}

// timeCommand runs a command runs times (exit status 0 or 1: findings are
// not failures) and prints the median wall time in seconds and the largest
// peak resident memory in KiB, and the median processor time (user and
// system) in seconds: "median_s=1.234 cpu_s=2.345 max_rss_kib=56789".
func timeCommand(runs int, args []string) error {
	var walls, cpus []float64
	var rss int64
	for range runs {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stderr = os.Stderr
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start).Seconds()
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			err = nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", strings.Join(args, " "), err)
		}
		walls = append(walls, wall)
		cpus = append(cpus, (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = max(rss, int64(ru.Maxrss)) // KiB on Linux
		}
	}
	sort.Float64s(walls)
	sort.Float64s(cpus)
	fmt.Printf("median_s=%.4f cpu_s=%.4f max_rss_kib=%d\n", walls[len(walls)/2], cpus[len(cpus)/2], rss)
	return nil
}

// floor reads every workbook in dir the least way possible, on jobs
// goroutines, and prints the time per workbook.
func floor(dir string, jobs int) error {
	paths, err := filepath.Glob(filepath.Join(dir, "*.xls[xm]"))
	if err != nil {
		return err
	}
	start := time.Now()
	var (
		next, cells atomic.Int64
		wg          sync.WaitGroup
		errs        = make([]error, jobs)
	)
	for w := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				n, err := floorOne(paths[i])
				if err != nil {
					errs[w] = err
					return
				}
				cells.Add(int64(n))
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Printf("floor: %d workbooks, %d cells and strings, %d jobs, %.3f s, %.3f ms per workbook\n",
		len(paths), cells.Load(), jobs, el.Seconds(), el.Seconds()*1000/float64(len(paths)))
	return nil
}

// floorOne inflates a workbook's worksheets and shared strings and counts
// their cells and strings.
func floorOne(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0, err
	}
	cells := 0
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") && f.Name != "xl/sharedStrings.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return 0, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return 0, err
		}
		cells += bytes.Count(b, []byte("<c ")) + bytes.Count(b, []byte("<si>"))
	}
	return cells, nil
}
