package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// badFile is one file of bad/: something a township sent that is not a
// readable workbook, or a file a reader must skip.
type badFile struct {
	name, about string
	data        []byte
	skipped     bool
	// message is what the Chinese message must say.
	message string
	// opens: excelize reads it anyway (a bomb it does not bound), so the
	// generator does not check that it cannot.
	opens bool
}

// bad writes bad/ and returns its expectations: unreadable files, and the two
// files a folder walk skips.
func (g *generator) bad() ([]*expectation, error) {
	dir := filepath.Join(g.out, "bad")
	table, scan, err := g.printedTable()
	if err != nil {
		return nil, err
	}
	files := []badFile{
		{name: "empty.xlsx", about: "空文件（0 字节），上传失败留下的", message: "文件是空的"},
		{name: "truncated.xlsx", about: "传了一半：有效的 .xlsx 只剩前一半字节", data: table[:len(table)/2], message: "损坏或不完整"},
		{name: "word.xlsx", about: "改了扩展名的 Word 文档（.docx）", data: wordDocument(
			"关于报送大新镇2018年政府信息公开工作年度报告的说明",
			"统计表数据见报告正文第二部分，请查收。",
			"大新镇人民政府办公室",
			"2019年1月15日"), message: "Word 文档"},
		{name: "notes.xlsx", about: "改了扩展名的纯文本", data: []byte(
			"大新镇2018年政府信息公开统计\r\n主动公开政府信息187条\r\n统计表随后补报。联系人：王丽，0951-6891155\r\n"), message: "纯文本文件"},
		{name: "scan.xlsx", about: "改了扩展名的 PDF（LibreOffice 打印出的统计表）", data: scan, message: "PDF 文件"},
		{name: "encrypted.xlsx", about: "设了打开密码（123）的统计表", message: "设置了打开密码"},
		{name: "archive.xlsx", about: "改了扩展名的压缩包（里面是两个乡镇的 .xlsx）", data: zipOf(map[string][]byte{
			"大新镇.xlsx": table, "掌政镇.xlsx": table}), message: "压缩包"},
		{name: "damaged-xml.xlsx", about: "工作表的 XML 被截断（压缩包本身完好）", data: withPart(table, "xl/worksheets/sheet1.xml",
			[]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>大新镇</t></is></c></row><row r="2"><c r="A2`)),
			message: "文件已损坏", opens: true},
		{name: "bomb-cell.xlsx", about: "解压炸弹：一个单元格解压后有 64 MB 文字（文件只有 140 KB）", data: withPart(table, "xl/worksheets/sheet1.xml",
			bytes.Join([][]byte{[]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`),
				bytes.Repeat([]byte("统计表"), 64<<20/9), []byte(`</t></is></c></row></sheetData></worksheet>`)}, nil)),
			message: "异常巨大", opens: true},
		{name: "bomb-strings.xlsx", about: "解压炸弹：共享字符串表解压后有 64 MB（文件只有 160 KB）", data: withPart(table, "xl/sharedStrings.xml",
			bytes.Join([][]byte{[]byte(`<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`),
				bytes.Repeat([]byte("<si><t>统计表</t></si>"), 64<<20/27), []byte(`</sst>`)}, nil)),
			message: "异常巨大", opens: true},
		{name: "~$大新镇.xlsx", about: "Excel 打开「大新镇.xlsx」时留下的锁文件（165 字节）：须跳过", data: lockFile("Administrator"), skipped: true},
		{name: ".hidden.xlsx", about: "隐藏文件（内容是有效的统计表）：须跳过", data: table, skipped: true},
	}
	var exps []*expectation
	for _, b := range files {
		path := filepath.Join(dir, b.name)
		if b.name == "encrypted.xlsx" {
			err = encrypt(table, path, "123")
		} else {
			err = os.WriteFile(path, b.data, 0o644)
		}
		if err != nil {
			return nil, err
		}
		e := &expectation{File: b.name, About: b.about, Skipped: b.skipped}
		if !b.skipped {
			if !b.opens {
				if err := unreadable(path); err != nil {
					return nil, err
				}
			}
			e.Findings = []finding{{Kind: "unreadable", Severity: "error", Message: b.message}}
		}
		exps = append(exps, e)
	}
	return exps, nil
}

// printedTable returns a valid table as LibreOffice saves it (.xlsx) and as it
// prints it (.pdf).
func (g *generator) printedTable() (table, pdf []byte, err error) {
	w := town("兴庆区", "大新镇", baseData.shifted(1))
	f, _, err := w.build()
	if err != nil {
		return nil, nil, err
	}
	src := filepath.Join(g.tmp, "src", "bad", "大新镇.xlsx")
	if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
		return nil, nil, err
	}
	if err := f.SaveAs(src); err != nil {
		return nil, nil, err
	}
	conv := filepath.Join(g.tmp, "lo", "bad")
	var paths [2]string
	for i, ext := range []string{".xlsx", ".pdf"} {
		out, err := g.lo.convert(ext, conv, []string{src})
		if err != nil {
			return nil, nil, err
		}
		paths[i] = out[0]
	}
	if table, err = os.ReadFile(paths[0]); err != nil {
		return nil, nil, err
	}
	pdf, err = os.ReadFile(paths[1])
	return table, pdf, err
}

// encrypt saves the workbook with an open password (an OLE container, as Excel
// writes it) and checks the password opens it again.
func encrypt(table []byte, path, password string) error {
	f, err := excelize.OpenReader(bytes.NewReader(table))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: password}); err != nil {
		return err
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return fmt.Errorf("%s is not an OLE container", path)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return err
	}
	back, err := excelize.OpenFile(path, excelize.Options{Password: password})
	if err != nil {
		return fmt.Errorf("%s does not open with its password: %w", path, err)
	}
	return back.Close()
}

// unreadable checks that excelize cannot read a workbook out of the file.
func unreadable(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if _, err := f.GetRows(f.GetSheetName(0)); err != nil || f.GetSheetName(0) == "" {
		return nil
	}
	return errors.New(path + " opens as a workbook")
}

// wordDocument returns a minimal .docx with one paragraph per line. Its zip
// entries carry a fixed time, so the bytes are the same on every run.
func wordDocument(lines ...string) []byte {
	var body strings.Builder
	for _, l := range lines {
		body.WriteString("<w:p><w:r><w:t>")
		if err := xml.EscapeText(&body, []byte(l)); err != nil {
			panic(err)
		}
		body.WriteString("</w:t></w:r></w:p>")
	}
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	parts := [][2]string{
		{"[Content_Types].xml", head + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", head + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", head + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Deflate,
			Modified: time.Date(2019, 1, 15, 9, 30, 0, 0, time.UTC)})
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(p[1])); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// lockFile returns the 165-byte owner file Excel writes next to an open
// workbook: the user name as a counted ANSI string padded to 54 bytes, then
// again as a counted UTF-16 string, padded.
func lockFile(user string) []byte {
	b := []byte{byte(len(user))}
	b = append(b, user...)
	for len(b) < 54 {
		b = append(b, ' ')
	}
	b = append(b, byte(len(user)), 0)
	for _, r := range user {
		b = append(b, byte(r), 0)
	}
	for len(b) < 165 {
		b = append(b, ' ', 0)
	}
	return b[:165]
}

// fixedTime is the time on the zip entries the generator writes, so the
// bytes are the same on every run.
var fixedTime = time.Date(2019, 1, 15, 9, 30, 0, 0, time.UTC)

// withPart returns the workbook with one part's contents replaced,
// compressed as hard as deflate can.
func withPart(book []byte, name string, body []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		panic(err)
	}
	parts := map[string][]byte{}
	var order []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			panic(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			panic(err)
		}
		if zf.Name == name {
			data = body
		}
		parts[zf.Name] = data
		order = append(order, zf.Name)
	}
	return zipParts(order, parts)
}

// zipOf returns a zip archive of the files, in name order.
func zipOf(files map[string][]byte) []byte {
	var order []string
	for n := range files {
		order = append(order, n)
	}
	sort.Strings(order)
	return zipParts(order, files)
}

func zipParts(order []string, parts map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, n := range order {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: fixedTime})
		if err != nil {
			panic(err)
		}
		if _, err := w.Write(parts[n]); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
