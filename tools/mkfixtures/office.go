package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// office runs LibreOffice headless with a private profile, so that it neither
// touches the user's profile nor collides with a running instance.
type office struct {
	profile string // directory of the private profile
}

// filters maps an output extension to LibreOffice's --convert-to argument.
var filters = map[string]string{
	".xlsx": "xlsx:Calc MS Excel 2007 XML",
	".xlsm": "xlsm:Calc MS Excel 2007 VBA XML",
	".xls":  "xls:MS Excel 97",
	".ods":  "ods:calc8",
	".pdf":  "pdf:calc_pdf_Export",
}

// convert converts every file into outDir as ext, in one LibreOffice run, and
// checks that each output was written. It returns the output paths.
func (o office) convert(ext, outDir string, files []string) ([]string, error) {
	if len(files) == 0 {
		return nil, nil
	}
	filter, ok := filters[ext]
	if !ok {
		return nil, fmt.Errorf("no LibreOffice filter for %s", ext)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, err
	}
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + o.profile,
		"--convert-to", filter, "--outdir", outDir}
	cmd := exec.Command("soffice", append(args, files...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("soffice --convert-to %s: %w\n%s", filter, err, out.String())
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(outDir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+ext)
		if _, err := os.Stat(paths[i]); err != nil {
			return nil, fmt.Errorf("soffice --convert-to %s wrote no %s:\n%s", filter, paths[i], out.String())
		}
	}
	return paths, nil
}
