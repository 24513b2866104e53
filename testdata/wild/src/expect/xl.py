"""Minimal, namespace-agnostic .xlsx reader for deriving fixture expectations."""
import re, zipfile, posixpath
import xml.etree.ElementTree as ET

def local(tag):
    return tag.rsplit('}', 1)[-1].split(':')[-1]

def children(e, name):
    return [c for c in e if local(c.tag) == name]

def first(e, name):
    for c in e:
        if local(c.tag) == name:
            return c
    return None

def find_all(e, name):
    return [c for c in e.iter() if local(c.tag) == name]

def attr(e, name):
    for k, v in e.attrib.items():
        if k.rsplit('}', 1)[-1] == name:
            return v
    return None

def col2n(s):
    n = 0
    for ch in s:
        n = n * 26 + ord(ch) - 64
    return n - 1

def n2col(n):
    s = ''
    n += 1
    while n:
        n, m = divmod(n - 1, 26)
        s = chr(65 + m) + s
    return s

def a1(r, c):
    return n2col(c) + str(r + 1)

def parse_ref(ref):
    m = re.fullmatch(r'\$?([A-Z]+)\$?(\d+)', ref)
    return int(m.group(2)) - 1, col2n(m.group(1))

def text_of(si):
    # shared string / inline string: <t> directly or <r><t> runs
    out = []
    for t in si.iter():
        if local(t.tag) == 't' and t.text:
            out.append(t.text)
    s = ''.join(out)
    return re.sub(r'_x000D_', '\r', s)

class Cell:
    def __init__(self):
        self.v = None; self.t = None; self.f = None; self.fshared = None; self.s = 0
    def __repr__(self):
        return f'Cell(v={self.v!r},t={self.t},f={self.f!r},shared={self.fshared})'

class Sheet:
    def __init__(self, name, state):
        self.name = name; self.state = state; self.cells = {}; self.merges = []
        self.hidden_rows = set(); self.hidden_cols = set(); self.header = ''
        self.chart = False

def read(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    def rd(p):
        return ET.fromstring(z.read(p))
    # workbook location from _rels/.rels
    rels = rd('_rels/.rels')
    wbpath = [attr(r, 'Target') for r in rels if attr(r, 'Type').endswith('/officeDocument')][0].lstrip('/')
    wb = rd(wbpath)
    wbdir = posixpath.dirname(wbpath)
    wrels_p = posixpath.join(wbdir, '_rels', posixpath.basename(wbpath) + '.rels')
    wrels = {attr(r, 'Id'): attr(r, 'Target') for r in rd(wrels_p)}
    sst = []
    for p in names:
        if p.lower().endswith('sharedstrings.xml'):
            sst = [text_of(si) for si in children(rd(p), 'si')]
    numfmt = {}
    xf_fmt = []
    for p in names:
        if p.lower().endswith('styles.xml'):
            st = rd(p)
            nf = first(st, 'numFmts')
            if nf is not None:
                for x in children(nf, 'numFmt'):
                    numfmt[int(attr(x, 'numFmtId'))] = attr(x, 'formatCode')
            cx = first(st, 'cellXfs')
            if cx is not None:
                for x in children(cx, 'xf'):
                    xf_fmt.append(int(attr(x, 'numFmtId') or 0))
    sheets = []
    for sh in find_all(first(wb, 'sheets'), 'sheet'):
        name = attr(sh, 'name'); state = attr(sh, 'state') or 'visible'
        rid = attr(sh, 'id')
        target = wrels[rid]
        sp = target.lstrip('/') if target.startswith('/') else posixpath.normpath(posixpath.join(wbdir, target))
        S = Sheet(name, state)
        x = rd(sp)
        if local(x.tag) == 'chartsheet':
            S.chart = True; sheets.append(S); continue
        for hf in find_all(x, 'oddHeader'):
            S.header = hf.text or ''
        cols = first(x, 'cols')
        if cols is not None:
            for c in children(cols, 'col'):
                if attr(c, 'hidden') in ('1', 'true'):
                    for i in range(int(attr(c, 'min')) - 1, int(attr(c, 'max'))):
                        S.hidden_cols.add(i)
        sd = first(x, 'sheetData')
        rprev = -1
        for row in children(sd, 'row'):
            rr = attr(row, 'r')
            r = int(rr) - 1 if rr else rprev + 1
            rprev = r
            if attr(row, 'hidden') in ('1', 'true'):
                S.hidden_rows.add(r)
            cprev = -1
            for c in children(row, 'c'):
                ref = attr(c, 'r')
                if ref:
                    rr_, cc = parse_ref(ref)
                else:
                    cc = cprev + 1
                cprev = cc
                C = Cell()
                C.t = attr(c, 't') or 'n'
                C.s = int(attr(c, 's') or 0)
                fe = first(c, 'f'); ve = first(c, 'v'); ie = first(c, 'is')
                if fe is not None:
                    C.f = fe.text
                    if attr(fe, 't') == 'shared':
                        C.fshared = (attr(fe, 'si'), attr(fe, 'ref'))
                if C.t == 's' and ve is not None:
                    C.v = sst[int(ve.text)]
                elif C.t == 'inlineStr' and ie is not None:
                    C.v = text_of(ie)
                elif ve is not None:
                    C.v = ve.text
                if C.v is None and C.f is None and C.fshared is None:
                    continue
                S.cells[(r, cc)] = C
        mc = first(x, 'mergeCells')
        if mc is not None:
            for m in children(mc, 'mergeCell'):
                a, b = attr(m, 'ref').split(':')
                S.merges.append((parse_ref(a), parse_ref(b)))
        S.numfmt = lambda cell, numfmt=numfmt, xf_fmt=xf_fmt: (lambda i: numfmt.get(i, i))(xf_fmt[cell.s] if cell.s < len(xf_fmt) else 0)
        sheets.append(S)
    return sheets
