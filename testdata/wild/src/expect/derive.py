#!/usr/bin/env python3
"""Read each workbook of testdata/wild from its contents (not through tally) and say
what the reader must find: the value of every row, its cell, and the reading
findings the brief's decisions call for. Used by build.py."""
import json, os, re, unicodedata, sys, csv, io
from decimal import Decimal
import xl

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
FILES = os.path.dirname(SRC)            # testdata/wild
CONV = None                             # set by build.py: LibreOffice copies of the .ods/.xls files
M = json.load(open(os.path.join(SRC, 'model.json'), encoding='utf-8'))
ROWS = M['ROWS']
CODES = [r['c'] for r in ROWS if not r.get('h')]
UNIT = {r['c']: r.get('u') for r in ROWS}
INTEGER = {c: UNIT[c] != '万元' for c in CODES}

def norm(s):
    s = unicodedata.normalize('NFKC', s or '')
    return re.sub(r'[\s\u200b\u00a0\u3000]+', '', s)

# label index: normalized text -> [(code, kind)]; kind: full | first | cont
INDEX = {}
def idx(text, code, kind):
    INDEX.setdefault(norm(text), []).append((code, kind))
for r in ROWS:
    idx(r['l'], r['c'], 'full')
    if r.get('split'):
        idx(''.join(r['split']), r['c'], 'full')
        idx(r['split'][0], r['c'], 'first')
        idx(r['split'][1], r['c'], 'cont')

VARIANTS = {  # wordings written by gen.js (19, 20, 39)
    '19': {'1.1': '（一）主动公开政府信息数（条）', '1.2.2': '2.政府门户网站公开政府信息数', '3.1.3': '3.网上申请数',
           '3.1.4': '4.信件申请数', '8.4': '（四）政府信息公开工作专项经费', '9.1': '（一）召开政府信息公开工作会议数'},
    '20': {'1.2.3': '3.政务微博公开信息数', '1.2.4': '4.政务微信公开信息数', '7': '七、依申请公开收取的费用',
           '9.2': '（二）举办培训班数', '9.3': '（三）接受培训人数', '4': '四、行政复议数'},
    '39': {'1.1': '(一)主动公开政府信息数\u00a0(不同渠道和方式公开相同信息计1条)', '1.1.1': '其中:主动公开规范性文件数',
           '3.1.1': '１．当面申请数', '3.1.2': '2、传\u200b真申请数', '3.2': '（二）\u3000申请办结数',
           '3.3.4.5': '不是“条例”所指政府信息', '8.3.2': '２.兼职人员数 ', '9.3': '(三)接受培训人员数（人次）'},
}

def section(code):
    return code.split('.')[0]

DATE_IDS = set(range(14, 23)) | {45, 46, 47}
def is_date_fmt(f):
    if isinstance(f, int):
        return f in DATE_IDS
    g = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', '', f)
    return bool(re.search(r'[dmyhs]', g, re.I)) and 'General' not in f

UNITS_RE = r'(人次|万元|条|件|次|人|篇|个|万|元)'
ZERO = {'无', '—', '-', '/', '——', '－'}

def parse_text(s):
    """text -> (kind, Decimal|None, unit)"""
    t = unicodedata.normalize('NFKC', s).strip()
    t = re.sub(r'\s+', ' ', t)
    if t == '':
        return 'blank', None, ''
    if t in ZERO:
        return 'zero', Decimal(0), ''
    m = re.fullmatch(r'([+-]?\d+(?:\.\d+)?)\s*' + UNITS_RE + '?', t.replace(',', ''))
    if m:
        return 'num', Decimal(m.group(1)), m.group(2) or ''
    return 'nan', None, ''

# ---------------- formula evaluation (no cached value) ------------------
class Circular(Exception):
    pass

def shift_formula(f, dr, dc):
    def rep(m):
        sheet, cabs, col, rabs, row = m.group(1) or '', m.group(2), m.group(3), m.group(4), m.group(5)
        c = xl.col2n(col) + (0 if cabs else dc)
        r = int(row) + (0 if rabs else dr)
        return f'{sheet}{cabs}{xl.n2col(c)}{rabs}{r}'
    return re.sub(r"((?:'[^']+'|[^\s!+\-*/(),:=\"]+)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)", rep, f)

class Book:
    def __init__(self, sheets):
        self.sheets = {s.name: s for s in sheets}
        self.masters = {}
        for s in sheets:
            for (r, c), C in s.cells.items():
                if C.fshared and C.f:
                    self.masters[(s.name, C.fshared[0])] = (r, c, C.f)
    def formula(self, sname, r, c):
        C = self.sheets[sname].cells.get((r, c))
        if C is None:
            return None
        if C.f:
            return C.f
        if C.fshared:
            mr, mc, f = self.masters[(sname, C.fshared[0])]
            return shift_formula(f, r - mr, c - mc)
        return None
    def value(self, sname, r, c, stack=()):
        """number (Decimal) or str or None, as a spreadsheet sees it"""
        key = (sname, r, c)
        if key in stack:
            raise Circular(key)
        C = self.sheets[sname].cells.get((r, c))
        if C is None:
            return None
        if C.v is not None:
            if C.t in ('n',):
                return Decimal(C.v)
            if C.t == 'b':
                return bool(int(C.v))
            return C.v
        f = self.formula(sname, r, c)
        return self.evaluate(sname, f, stack + (key,))
    def evaluate(self, sname, f, stack):
        expr = f.lstrip('=')
        total = Decimal(0)
        for term in expr.split('+'):
            term = term.strip()
            m = re.fullmatch(r'SUM\((.+)\)', term)
            if m:
                for part in m.group(1).split(','):
                    for v in self.range_values(sname, part, stack):
                        if isinstance(v, Decimal):
                            total += v
                continue
            vs = self.range_values(sname, term, stack)
            v = vs[0]
            if isinstance(v, Decimal):
                total += v
            elif isinstance(v, str):
                k, d, u = parse_text(v)
                total += d if d is not None else Decimal(0)
        return total
    def range_values(self, sname, ref, stack):
        m = re.fullmatch(r"(?:'?([^'!]+)'?!)?(\$?[A-Z]+\$?\d+)(?::(\$?[A-Z]+\$?\d+))?", ref.strip())
        sh = m.group(1) or sname
        r1, c1 = xl.parse_ref(m.group(2))
        r2, c2 = xl.parse_ref(m.group(3)) if m.group(3) else (r1, c1)
        return [self.value(sh, r, c, stack) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]

# ------------------------------------------------------------------------
def read_value(book, sh, r, c, code):
    """-> (value Decimal|None, findings list) as the decisions say tally should read it"""
    S = book.sheets[sh]
    C = S.cells.get((r, c))
    ref = xl.a1(r, c)
    fs = []
    def f(kind, sev):
        fs.append({'kind': kind, 'severity': sev, 'cell': ref, 'codes': [code]})
    # merged: value of the anchor
    for (a, b) in S.merges:
        if a[0] <= r <= b[0] and a[1] <= c <= b[1] and (r, c) != a:
            C = S.cells.get(a)
            r, c = a
    if C is None:
        f('blank', 'info'); return Decimal(0), fs
    if C.t == 'e':
        f('formula-error', 'error'); return None, fs
    try:
        v = book.value(sh, r, c)
    except Circular:
        f('formula-error', 'error'); return None, fs
    if isinstance(v, bool):
        f('not-a-number', 'error'); return None, fs
    if v is None:
        f('blank', 'info'); return Decimal(0), fs
    unit = ''
    if isinstance(v, Decimal):
        if C.v is not None and is_date_fmt(S.numfmt(C)):
            f('not-a-number', 'error'); return None, fs
        d = v
    else:
        k, d, unit = parse_text(v)
        if k == 'blank':
            f('blank', 'info'); return Decimal(0), fs
        if k == 'nan':
            f('not-a-number', 'error'); return None, fs
    if d < 0:
        f('negative', 'error')
    if INTEGER[code] and d != d.to_integral_value():
        f('non-integer', 'error')
    if unit:
        want = UNIT[code]
        ok = unit == want or (want == '万元' and unit == '万') or d == 0
        if not ok:
            f('unit', 'error' if '元' in (want + unit) else 'warning')
    return d, fs

def locate(book, sh, spans, file_key, header_rows=()):
    """spans: list of (row_from, row_to, label_col, unit_col, value_col).
    Returns rows {code: value_row}, extras [(row, text)], dup hidden rows."""
    S = book.sheets[sh]
    variants = {norm(t): c for c, t in VARIANTS.get(file_key, {}).items()}
    found, dups, extras = {}, [], []
    for (r0, r1, lc, uc, vc) in spans:
        sect = None
        pending = None  # code whose first line was on the previous row, value still to come
        r = r0
        while r <= r1:
            C = S.cells.get((r, lc))
            text = C.v if C is not None and isinstance(C.v, str) else ''
            n = norm(text)
            cands = []
            if n in variants:
                cands = [(variants[n], 'full')]
            elif n in INDEX:
                cands = INDEX[n]
            code, kind = None, None
            if cands:
                ok = [x for x in cands if sect is None or section(x[0]) == sect] or cands
                if len(ok) > 1:
                    ok = [x for x in ok if section(x[0]) == sect] or ok
                code, kind = ok[0]
            has_val = S.cells.get((r, vc)) is not None and (S.cells[(r, vc)].v not in (None, '') or S.cells[(r, vc)].f or S.cells[(r, vc)].fshared)
            in_val_merge = any(a[0] <= r <= b[0] and a[1] <= vc <= b[1] for a, b in S.merges)
            if kind == 'cont' and pending == code:
                found[code] = r; pending = None; r += 1; continue
            if code is not None and kind != 'cont':
                heading = any(x['c'] == code and x.get('h') for x in ROWS)
                sect = section(code)
                if heading:
                    r += 1; continue
                nxt = S.cells.get((r + 1, lc))
                nxt_cont = nxt is not None and isinstance(nxt.v, str) and (code, 'cont') in INDEX.get(norm(nxt.v), [])
                if not has_val and not in_val_merge and nxt_cont:
                    pending = code; r += 1; continue
                # label merged down: value in a lower row of the merge
                vr = r
                for a, b in S.merges:
                    if a == (r, lc) and b[0] > r:
                        for rr in range(r, b[0] + 1):
                            cc = S.cells.get((rr, vc))
                            if cc is not None and cc.v not in (None, ''):
                                vr = rr; break
                if code in found and found[code] in S.hidden_rows and vr not in S.hidden_rows:
                    dups.append((code, found[code])); found[code] = vr
                elif code in found:
                    dups.append((code, vr))
                else:
                    found[code] = vr
            elif text and has_val and r not in header_rows:
                extras.append((r, text))
            r += 1
    return found, dups, extras

SPEC = {}
def spec(file, **kw):
    SPEC[file] = kw

std = dict(sheet='Sheet1', lc=0, uc=1, vc=2)
for f in ['01_城关镇.xlsx', '02_通济镇_Word粘贴拆行.xlsx', '03_临河乡_Word粘贴合并.xlsx', '03b_临泽乡_标签纵向合并.xlsx',
          '红星镇.xlsx', '附件2.xlsx', '11_东区街道.xlsx', '11b_南市街道.xlsx', '12_南关镇.xlsx', '13_三合镇.xlsx',
          '14_双河镇_日期.xlsx', '15_平安乡_百分比.xlsx', '16_永安镇_公式无缓存.xlsx', '18_安乐镇_循环引用无缓存.xlsx',
          '18b_安乐镇_循环引用有缓存.xlsx', '19_建设镇_外省措辞.xlsx', '20_光明乡_简写标签.xlsx', '24_长乐镇_隐藏旧行.xlsx',
          '25_兴隆镇_行序不同缺行.xlsx', '27_金山镇_数字带单位.xlsx', '31_青山镇_远端单元格.xlsx', '37_马场乡_合并零值.xlsx',
          '附件1.xlsx', '39_顺河镇_SheetJS怪字符.xlsx', '41_白沙镇_文本公式布尔.xlsx', '45_沙河镇_错列.xlsx',
          '47_丰收镇_富文本.xlsx', '49_高山镇_隐藏小数.xlsx', '53_填报单位带区名.xlsx', '61_长青镇_填表说明.xlsx',
          '28b_民乐镇_前缀命名空间.xlsx', '28c_民和镇_Strict格式.xlsx']:
    spec(f, **std)
spec('04_石门镇_上年对比列.xlsx', **dict(std, vc=3), other=[2])
spec('05_白塔镇_两行表头.xlsx', **dict(std, vc=3), other=[2])
spec('06_龙泉街道_隐藏旧列.xlsx', **dict(std, vc=3), other=[2])
spec('07_西关街道_隐藏上年表.xlsx', **dict(std, sheet='2018年'))
spec('08_柳河镇2018年统计表.xlsx', **dict(std, sheet='2018年'))
spec('17_和平镇_半年列共享公式.xlsx', **dict(std, vc=4), other=[2, 3])
spec('17b_和顺镇_共享公式跨表.xlsx', **dict(std, sheet='汇总'))
spec('21_新城街道_左右两栏.xlsx', sheet='Sheet1', spans=[(3, 200, 0, 1, 2), (3, 200, 4, 5, 6)])
spec('22_清水镇_序号备注.xlsx', sheet='Sheet1', lc=1, uc=3, vc=2, other=[0, 4])
spec('23_太平镇_分季度.xlsx', **dict(std, vc=6), other=[2, 3, 4, 5])
spec('26_红旗乡_行次列.xlsx', sheet='Sheet1', lc=0, uc=2, vc=3, other=[1])
spec('28_民主镇_系统导出.xlsx', **dict(std, sheet='报表'))
spec('34_黄庄镇.xlsx', **dict(std, sheet='表1'))
spec('35_桥头镇_借用模板.xlsx', **dict(std, sheet='统计表'))
spec('36_河口镇.xlsx', **dict(std, sheet='2018年'))
spec('42_柏林镇_引用隐藏底稿.xlsx', **dict(std, sheet='统计表'))
spec('44_大营镇_上下两年.xlsx', **dict(std, r0=70))
spec('附件3.xlsx', **dict(std, sheet='镇北镇'))
spec('60_前进镇_分季度工作表.xlsx', **dict(std, sheet='全年'))
spec('33_五里镇.ods', **std, conv='33_五里镇.xlsx')
spec('40_柏树镇.xls', **std, conv='40_柏树镇.xlsx')
spec('32_向阳镇.xls', **std, conv='32_向阳镇.xlsx', nocells=True)

def derive(file):
    sp = SPEC[file]
    path = os.path.join(CONV, sp['conv']) if sp.get('conv') else os.path.join(FILES, file)
    sheets = xl.read(path)
    book = Book(sheets)
    sh = sp['sheet']
    S = book.sheets[sh]
    maxr = max(r for r, c in S.cells)
    spans = sp.get('spans') or [(sp.get('r0', 0), maxr, sp['lc'], sp['uc'], sp['vc'])]
    found, dups, extras = locate(book, sh, spans, file.split('_')[0])
    values, cells, findings, notes = {}, {}, [], []
    for code in CODES:
        if code not in found:
            values[code] = None
            findings.append({'kind': 'missing-row', 'severity': 'error', 'cell': '', 'codes': [code]})
            continue
        r = found[code]
        # which span (value column) holds this row's label
        vc = uc = None
        for (r0, r1, lc, ucc, vcc) in spans:
            lab = S.cells.get((r, lc))
            labu = S.cells.get((r - 1, lc))
            if r0 <= r <= r1 and ((lab is not None and lab.v) or (labu is not None and labu.v)):
                vc, uc = vcc, ucc
                if lab is not None and lab.v and norm(lab.v) in INDEX or (lab is not None and lab.v and any(norm(lab.v) == norm(t) for t in VARIANTS.get(file.split('_')[0], {}).values())):
                    break
        if len(spans) > 1:
            # choose the span whose label column has a label matching this code on row r (or r-1 for cont)
            for (r0, r1, lc, ucc, vcc) in spans:
                for rr in (r, r - 1):
                    lab = S.cells.get((rr, lc))
                    if lab is not None and isinstance(lab.v, str) and any(c == code for c, k in INDEX.get(norm(lab.v), [])):
                        vc, uc = vcc, ucc
        v, fs = read_value(book, sh, r, vc, code)
        values[code] = None if v is None else v
        cells[code] = xl.a1(r, vc)
        findings += fs
        # unit column check
        uC = S.cells.get((r, uc))
        if uC is not None and isinstance(uC.v, str) and norm(uC.v) and norm(uC.v) != norm(UNIT[code]) and norm(uC.v).strip() != UNIT[code]:
            notes.append(f'unit cell {xl.a1(r, uc)} {uC.v!r} vs {UNIT[code]}')
        # numbers beside the table on an indicator row
        known = {sp.get('lc'), sp.get('uc'), vc} | set(sp.get('other', []))
        if len(spans) == 1:
            for (rr, cc), C in S.cells.items():
                if rr == r and cc not in known and C.v is not None:
                    k, d, u = parse_text(C.v) if isinstance(C.v, str) else ('num', Decimal(C.v), '')
                    if k == 'num':
                        findings.append({'kind': 'extra-row', 'severity': 'warning', 'cell': xl.a1(rr, cc), 'codes': [code]})
    # a column of other figures (last year's, a quarter's, 序号, 行次, 备注,
    # a hidden one) holding numbers on indicator rows: one note per column,
    # at its header cell (the topmost text from the header row down)
    first = min(found.values()) if found else 0
    head = max((rr for (rr, cc), C in S.cells.items()
                if rr < first and cc == sp.get('lc') and isinstance(C.v, str) and norm(C.v) in ('统计指标', '指标名称')), default=None)
    for oc in sp.get('other', []):
        numbers = False
        for code, r in found.items():
            C = S.cells.get((r, oc))
            if C is not None and C.v is not None:
                k = parse_text(C.v)[0] if isinstance(C.v, str) else 'num'
                numbers = numbers or k == 'num'
        if not numbers or head is None:
            continue
        at = min(rr for rr in range(head, first) if S.cells.get((rr, oc)) is not None and S.cells[(rr, oc)].v not in (None, ''))
        findings.append({'kind': 'extra-row', 'severity': 'info', 'cell': xl.a1(at, oc), 'codes': []})
    for code, r in dups:
        hidden = r in S.hidden_rows
        notes.append(f'duplicate row of {code} at row {r+1} hidden={hidden}')
        if hidden and found[code] in S.hidden_rows:
            raise SystemExit('visible row is hidden?')
        findings.append({'kind': 'extra-row', 'severity': 'warning', 'cell': xl.a1(r, sp['vc']), 'codes': [code]})
    for r, t in extras:
        notes.append(f'extra row {r+1}: {t!r}')
    if sp.get('nocells'):
        cells = None
        for x in findings:
            x['cell'] = '?'
    return dict(values=values, cells=cells, findings=findings, notes=notes, sheets=sheets)

def derive_csv(file):
    raw = open(os.path.join(FILES, file), 'rb').read().decode('gbk')
    rows = list(csv.reader(io.StringIO(raw)))
    values, findings = {}, []
    sect = None
    pos = {}
    for i, row in enumerate(rows):
        if len(row) < 3:
            continue
        n = norm(row[0])
        cands = INDEX.get(n, [])
        if not cands:
            continue
        ok = [x for x in cands if sect is None or section(x[0]) == sect] or cands
        code = ok[0][0]; sect = section(code)
        if code not in CODES:
            continue
        k, d, u = parse_text(row[2])
        values[code] = d
    return dict(values={c: values.get(c) for c in CODES}, cells=None, findings=[], notes=[f'{len(rows)} csv rows'], sheets=None)

