#!/usr/bin/env python3
"""Workbooks written byte by byte (Python standard library only): a system
export with inline strings and no cell references, a prefixed-namespace
export, a chart-only workbook, a sheet with a million formatted empty rows,
an HTML table and a SpreadsheetML 2003 file saved as .xls, and .fods sources
that convert.sh turns into .ods / .xlsx with LibreOffice. Writes
truth_raw.json next to truth.json."""
import json, os, zipfile, html
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'files')
SRC = os.path.join(HERE, 'src')
os.makedirs(OUT, exist_ok=True)
os.makedirs(SRC, exist_ok=True)
M = json.load(open(os.path.join(HERE, 'model.json'), encoding='utf-8'))
ROWS, BASE = M['ROWS'], M['BASE']
truth = []


def col(c):
    s = ''
    c += 1
    while c:
        c, m = divmod(c - 1, 26)
        s = chr(65 + m) + s
    return s


def with_vals(**over):
    d = dict(BASE)
    d.update({k.replace('_', '.'): v for k, v in over.items()})
    return d


CT = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
%s
</Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>'''


def write_xlsx(path, sheets, prefix=''):
    """sheets: list of (name, sheet_xml_body_or_full, kind) kind 'ws' or 'cs'."""
    p = prefix + ':' if prefix else ''
    ns = ' xmlns%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' % (':' + prefix if prefix else '')
    overrides, wb_sheets, wb_rels = [], [], []
    files = {}
    for i, (name, xml, kind) in enumerate(sheets, 1):
        if kind == 'ws':
            part = 'worksheets/sheet%d.xml' % i
            overrides.append('<Override PartName="/xl/%s" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % part)
            typ = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet'
        else:
            part = 'chartsheets/sheet%d.xml' % i
            overrides.append('<Override PartName="/xl/%s" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/>' % part)
            typ = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet'
        files['xl/' + part] = xml
        wb_sheets.append('<%ssheet name="%s" sheetId="%d" r:id="rId%d"/>' % (p, escape(name), i, i))
        wb_rels.append('<Relationship Id="rId%d" Type="%s" Target="%s"/>' % (i, typ, part))
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<%sworkbook%s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          '<%ssheets>%s</%ssheets></%sworkbook>') % (p, ns, p, ''.join(wb_sheets), p, p)
    wbrels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % ''.join(wb_rels)
    extra_over = files.pop('__overrides__', '')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT % (''.join(overrides) + extra_over))
        z.writestr('_rels/.rels', RELS)
        z.writestr('xl/workbook.xml', wb)
        z.writestr('xl/_rels/workbook.xml.rels', wbrels)
        for name, data in files.items():
            z.writestr(name, data)


def table_rows(vals, label=lambda r: r.get('split') and '\n'.join(r['split']) or r['l']):
    """[[label, unit, value], ...] with the title and header."""
    out = []
    for r in ROWS:
        if r.get('h'):
            out.append([label(r), None, None])
        else:
            out.append([label(r), r['u'], vals[r['c']]])
    return out


def inline_cell(v, ref=None, p=''):
    r = ' r="%s"' % ref if ref else ''
    if v is None:
        return ''
    if isinstance(v, (int, float)):
        return '<%sc%s t="n"><%sv>%s</%sv></%sc>' % (p, r, p, v, p, p)
    s = escape(v).replace('\r\n', '_x000D_\n')
    return '<%sc%s t="inlineStr"><%sis><%st xml:space="preserve">%s</%st></%sis></%sc>' % (p, r, p, p, s, p, p, p)


def sheet_xml(grid, refs=True, prefix='', extra_rows=''):
    p = prefix + ':' if prefix else ''
    ns = ' xmlns%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' % (':' + prefix if prefix else '')
    rows = []
    for i, row in enumerate(grid):
        cells = ''.join(inline_cell(v, '%s%d' % (col(j), i + 1) if refs else None, p) for j, v in enumerate(row))
        if refs:
            rows.append('<%srow r="%d">%s</%srow>' % (p, i + 1, cells, p))
        else:
            # no r attributes at all: cells must be positional, so pad with empty cells
            cells = ''.join(inline_cell(v, None, p) if v is not None else '<%sc/>' % p for v in row)
            rows.append('<%srow>%s</%srow>' % (p, cells, p))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<%sworksheet%s><%ssheetData>%s%s</%ssheetData></%sworksheet>'
            % (p, ns, p, ''.join(rows), extra_rows, p, p))


def add(file, **t):
    t['file'] = file
    truth.append(t)


# 28 — a system export: inline strings, no r attributes, CRLF in labels as _x000D_.
def crlf(r):
    return '\r\n'.join(r['split']) if r.get('split') else r['l']

g = [['民主镇2018年度政府信息公开情况统计表', None, None], [None, None, None], ['统计指标', '单位', '统计数']]
g += [[a, b, c] for a, b, c in table_rows(BASE, crlf)]
write_xlsx(os.path.join(OUT, '28_民主镇_系统导出.xlsx'), [('报表', sheet_xml(g, refs=False), 'ws')])
add('28_民主镇_系统导出.xlsx', unit='民主镇', year=2018, sheet='报表', values=BASE, findings=[],
    what='minimal OOXML from a reporting system: every string inlineStr, no r attribute on rows or cells, labels with _x000D_ line breaks, no styles part')

# 28b — same, main namespace with a prefix (x:) as the .NET Open XML SDK writes.
g2 = [['民乐镇2018年度政府信息公开情况统计表', None, None], [None, None, None], ['统计指标', '单位', '统计数']]
v2 = with_vals(**{'6': 14})
g2 += [[a, b, c] for a, b, c in table_rows(v2)]
write_xlsx(os.path.join(OUT, '28b_民乐镇_前缀命名空间.xlsx'), [('Sheet1', sheet_xml(g2, prefix='x'), 'ws')], prefix='x')
add('28b_民乐镇_前缀命名空间.xlsx', unit='民乐镇', year=2018, sheet='Sheet1', values=v2, findings=[],
    what='OOXML with the main namespace prefixed x: (Open XML SDK style), inline strings')

# 30 — a workbook holding only a chart sheet.
chartsheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>')
write_xlsx(os.path.join(OUT, '30_只有图表.xlsx'), [('图表1', chartsheet, 'cs')])
add('30_只有图表.xlsx', unit=None, year=None, values=None, findings=[['schema', '', 'error']],
    what='the only sheet is a chart sheet: no cells at all; the message should say there is no worksheet / only a chart')

# 46 — a million formatted empty rows after the table (Ctrl+Shift+Down, fill colour).
g3 = [['金星镇2018年度政府信息公开情况统计表', None, None], [None, None, None], ['统计指标', '单位', '统计数']]
v3 = with_vals(**{'6': 15})
g3 += [[a, b, c] for a, b, c in table_rows(v3)]
n = len(g3)
empty = ''.join('<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="B%d" s="1"/><c r="C%d" s="1"/></row>' % (i, i, i, i) for i in range(n + 1, 1048577))
xml = sheet_xml(g3, extra_rows=empty)
write_xlsx(os.path.join(OUT, '46_金星镇_百万空行.xlsx'), [('Sheet1', xml, 'ws')])
add('46_金星镇_百万空行.xlsx', unit='金星镇', year=2018, sheet='Sheet1', values=v3, findings=[],
    what='normal table followed by 1,048,500 empty formatted rows (each with 3 styled empty cells): timing')

# 32 — an HTML table saved as .xls, from Word ("另存为网页" then renamed): <p> in cells.
def html_cell(r):
    if r.get('split'):
        return ''.join('<p class=MsoNormal>%s</p>' % html.escape(x) for x in r['split'])
    return '<p class=MsoNormal>%s</p>' % html.escape(r['l'])

rows_html = []
for r in ROWS:
    if r.get('h'):
        rows_html.append('<tr><td colspan=3>%s</td></tr>' % html_cell(r))
    else:
        rows_html.append('<tr><td>%s</td><td><p class=MsoNormal>&nbsp;</p><p class=MsoNormal>%s</p></td><td><p class=MsoNormal>&nbsp;</p><p class=MsoNormal>%s</p></td></tr>'
                         % (html_cell(r), r['u'], BASE[r['c']]) if r.get('split') else
                         '<tr><td>%s</td><td><p class=MsoNormal>%s</p></td><td><p class=MsoNormal>%s</p></td></tr>' % (html_cell(r), r['u'], BASE[r['c']]))
doc = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">\n<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">'
       '<title>向阳镇</title></head><body lang=ZH-CN>\n<p align=center><b>向阳镇2018年度政府信息公开情况统计表</b></p>\n'
       '<table border=1 cellspacing=0 cellpadding=0>\n<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>\n%s\n</table></body></html>') % '\n'.join(rows_html)
open(os.path.join(OUT, '32_向阳镇.xls'), 'w', encoding='utf-8').write(doc)
add('32_向阳镇.xls', unit='向阳镇', year=2018, values=BASE, findings=[], converted=True,
    what='Word "save as web page" renamed .xls: title in a <p> above the table, every cell a <p>; the two-line cells (label, unit and value) hold two <p> each (the seed layout)')

# 40 — SpreadsheetML 2003 (.xml) saved with an .xls name, as some report systems export.
def ss_cell(v, merge=0):
    m = ' ss:MergeAcross="%d"' % merge if merge else ''
    if v is None:
        return '<Cell%s/>' % m
    if isinstance(v, (int, float)):
        return '<Cell%s><Data ss:Type="Number">%s</Data></Cell>' % (m, v)
    return '<Cell%s><Data ss:Type="String">%s</Data></Cell>' % (m, escape(v).replace('\n', '&#10;'))

ssrows = ['<Row>%s</Row>' % ss_cell('柏树镇2018年度政府信息公开情况统计表', 2), '<Row/>',
          '<Row>%s%s%s</Row>' % (ss_cell('统计指标'), ss_cell('单位'), ss_cell('统计数'))]
for a, b, c in table_rows(BASE):
    if b is None:
        ssrows.append('<Row>%s</Row>' % ss_cell(a, 2))
    else:
        ssrows.append('<Row>%s%s%s</Row>' % (ss_cell(a), ss_cell(b), ss_cell(c)))
ss = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">\n'
      '<Worksheet ss:Name="Sheet1"><Table>%s</Table></Worksheet></Workbook>') % '\n'.join(ssrows)
open(os.path.join(OUT, '40_柏树镇.xls'), 'w', encoding='utf-8').write(ss)
add('40_柏树镇.xls', unit='柏树镇', year=2018, sheet='Sheet1', values=BASE, findings=[], converted=True,
    what='SpreadsheetML 2003 XML named .xls (report-system export)')

# 43 — the table sent as CSV (Excel zh-CN "CSV (逗号分隔)" writes GBK) and as UTF-8 CSV.
import csv, io
buf = io.StringIO()
w = csv.writer(buf)
w.writerow(['泉水镇2018年度政府信息公开情况统计表'])
w.writerow(['统计指标', '单位', '统计数'])
for a, b, c in table_rows(BASE):
    w.writerow([a.replace('\n', ''), b or '', '' if c is None else c])
open(os.path.join(OUT, '43_泉水镇_GBK.csv'), 'wb').write(buf.getvalue().encode('gbk'))
add('43_泉水镇_GBK.csv', unit='泉水镇', year=None, values=None, findings=[['unreadable', '', 'error']], csv=True,
    what='the table as a GBK CSV (Excel zh-CN default): the message should say it is a CSV/text table and ask for .xlsx (or read it)')

# .fods sources for LibreOffice (convert.sh makes 33_五里镇.ods and 34_黄庄镇.xlsx)
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"')


def fcell(v, span=None, rows=None, formula=None):
    a = ''
    if span:
        a += ' table:number-columns-spanned="%d"' % span
    if rows:
        a += ' table:number-rows-spanned="%d"' % rows
    if formula:
        return '<table:table-cell table:formula="%s" office:value-type="float" office:value="%s"%s><text:p>%s</text:p></table:table-cell>' % (formula, v, a, v)
    if v is None:
        return '<table:table-cell%s/>' % a
    if isinstance(v, (int, float)):
        return '<table:table-cell office:value-type="float" office:value="%s"%s><text:p>%s</text:p></table:table-cell>' % (v, a, v)
    paras = ''.join('<text:p>%s</text:p>' % escape(x) for x in v.split('\n'))
    return '<table:table-cell office:value-type="string"%s>%s</table:table-cell>' % (a, paras)


COVERED = '<table:covered-table-cell/>'


def fods(body, styles=''):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s><office:automatic-styles>%s</office:automatic-styles>'
            '<office:body><office:spreadsheet>%s</office:spreadsheet></office:body></office:document>') % (NS, styles, body)


# 33 — .ods: labels as multi-paragraph cells, heading rows spanned, empty rows
# repeated, one hidden (collapsed) row holding a stale duplicate, zeros as "0" strings.
rows33 = ['<table:table-row>%s%s%s</table:table-row>' % (fcell('五里镇二〇一八年度政府信息公开情况统计表', span=3), COVERED, COVERED),
          '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>',
          '<table:table-row>%s%s%s</table:table-row>' % (fcell('统计指标'), fcell('单位'), fcell('统计数'))]
for r in ROWS:
    if r.get('h'):
        rows33.append('<table:table-row>%s%s%s</table:table-row>' % (fcell(r['l'], span=3), COVERED, COVERED))
        continue
    v = BASE[r['c']]
    val = fcell('0') if v == 0 else fcell(v)
    lab = '\n'.join(r['split']) if r.get('split') else r['l']
    rows33.append('<table:table-row>%s%s%s</table:table-row>' % (fcell(lab), fcell(r['u']), val))
    if r['c'] == '2.2.5':
        rows33.append('<table:table-row table:visibility="collapse">%s%s%s</table:table-row>' % (fcell('5.其他方式回应事件数'), fcell('次'), fcell(4)))
rows33.append('<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="3"/></table:table-row>')
rows33.append('<table:table-row>%s%s%s</table:table-row>' % (fcell('填表人：王芳'), fcell(None), fcell('联系电话：13995012345')))
body33 = '<table:table table:name="Sheet1"><table:table-column table:number-columns-repeated="3"/>%s</table:table>' % ''.join(rows33)
open(os.path.join(SRC, '33_五里镇.fods'), 'w', encoding='utf-8').write(fods(body33))
add('33_五里镇.ods', unit='五里镇', year=2018, sheet='Sheet1', values=BASE, findings=[['extra-row', '2.2.5', 'warning']], converted=True,
    what='.ods from LibreOffice: multi-paragraph label cells, spanned heading rows, zeros as text "0"; a collapsed (hidden) stale copy of 5.其他方式回应事件数 = 4 right below the visible one (= 9)')

# 34 — .xlsx saved by LibreOffice from .fods: two header rows (统计指标/计量单位 spanned down,
# 本年数 over 甲/乙/1 code row), 填报单位 and 统计年度 on one line, totals as formulas.
R = {}
rows34 = ['<table:table-row>%s%s%s</table:table-row>' % (fcell('政府信息公开情况统计表', span=3), COVERED, COVERED),
          '<table:table-row>%s%s%s</table:table-row>' % (fcell('填报单位（盖章）：黄庄镇人民政府'), fcell(None), fcell('统计年度：2018年')),
          '<table:table-row>%s%s%s</table:table-row>' % (fcell('统计指标', rows=2), fcell('计量单位', rows=2), fcell('本年数')),
          '<table:table-row>%s%s%s</table:table-row>' % (COVERED, COVERED, fcell('1')),
          ]
rn = 5
for r in ROWS:
    rn_this = rn
    R[r['c']] = rn_this
    rn += 1
sums = {'3.1': ['3.1.1', '3.1.4'], '3.2': ['3.2.1', '3.2.2'], '4': ['4.1', '4.3'], '5': ['5.1', '5.3'], '8.3': ['8.3.1', '8.3.2']}
for r in ROWS:
    if r.get('h'):
        rows34.append('<table:table-row>%s%s%s</table:table-row>' % (fcell(r['l'], span=3), COVERED, COVERED))
        continue
    v = BASE[r['c']]
    if r['c'] in sums:
        a, b = sums[r['c']]
        val = fcell(v, formula='of:=SUM([.C%d:.C%d])' % (R[a], R[b]))
    else:
        val = fcell(v)
    rows34.append('<table:table-row>%s%s%s</table:table-row>' % (fcell(r['l']), fcell(r['u']), val))
rows34.append('<table:table-row>%s%s%s</table:table-row>' % (fcell('单位负责人：张强    审核人：刘洋    填表人：马丽'), fcell(None), fcell('报出日期：2019年1月10日')))
body34 = '<table:table table:name="表1"><table:table-column table:number-columns-repeated="3"/>%s</table:table>' % ''.join(rows34)
open(os.path.join(SRC, '34_黄庄镇.fods'), 'w', encoding='utf-8').write(fods(body34))
add('34_黄庄镇.xlsx', unit='黄庄镇', year=2018, sheet='表1', values=BASE, findings=[],
    what='saved by LibreOffice: title without unit/year; a line 填报单位（盖章）：黄庄镇人民政府 | | 统计年度：2018年; header 统计指标/计量单位 merged over two rows, 本年数 above a code row "1"; five totals are =SUM() with cached values; signature line with 报出日期 below')

json.dump(truth, open(os.path.join(HERE, 'truth_raw.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print('wrote', len(truth), 'raw cases')

# 28c — "Strict Open XML Spreadsheet" (Excel: Save As → Strict Open XML): the
# ISO/IEC 29500 Strict namespaces instead of the transitional ones.
STRICT = {
    'http://schemas.openxmlformats.org/spreadsheetml/2006/main': 'http://purl.oclc.org/ooxml/spreadsheetml/main',
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'http://purl.oclc.org/ooxml/officeDocument/relationships',
}
g4 = [['民和镇2018年度政府信息公开情况统计表', None, None], [None, None, None], ['统计指标', '单位', '统计数']]
v4 = with_vals(**{'6': 23})
g4 += [[a, b, c] for a, b, c in table_rows(v4)]
tmp = os.path.join(SRC, 'strict_tmp.xlsx')
write_xlsx(tmp, [('Sheet1', sheet_xml(g4), 'ws')])
with zipfile.ZipFile(tmp) as zi, zipfile.ZipFile(os.path.join(OUT, '28c_民和镇_Strict格式.xlsx'), 'w', zipfile.ZIP_DEFLATED) as zo:
    for item in zi.infolist():
        data = zi.read(item.filename).decode('utf-8')
        for a, b in STRICT.items():
            data = data.replace(a, b)
        if item.filename.endswith('.rels'):
            data = data.replace('http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
                                'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument')
            data = data.replace('http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
                                'http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet')
        zo.writestr(item.filename, data)
os.remove(tmp)
truth.append(dict(file='28c_民和镇_Strict格式.xlsx', unit='民和镇', year=2018, sheet='Sheet1', values=v4, findings=[],
                  what='the same minimal workbook in the ISO Strict namespaces (Excel "Strict Open XML Spreadsheet"); read it, or say it is Strict OOXML and how to re-save'))
json.dump(truth, open(os.path.join(HERE, 'truth_raw.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
