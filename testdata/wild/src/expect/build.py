#!/usr/bin/env python3
"""Write testdata/wild/expect.json: values and cells read from the files themselves
(derive.py; the .ods and .xls files through a LibreOffice copy), reading findings as
decided for each case, rule findings from rules.py, and the cross-file findings a
folder run makes. Every value is also checked against the generator's truth files.

    python3 testdata/wild/src/expect/build.py            # rewrites testdata/wild/expect.json
    python3 testdata/wild/src/expect/build.py --table    # prints the README table instead
"""
import json, os, re, subprocess, sys, tempfile, shutil
from decimal import Decimal
sys.dont_write_bytecode = True  # nothing written into testdata but expect.json
import derive, rules

SRC, OUT = derive.SRC, derive.FILES
truth = json.load(open(os.path.join(SRC, 'truth.json'), encoding='utf-8')) + json.load(open(os.path.join(SRC, 'truth_raw.json'), encoding='utf-8'))

# LibreOffice copies of the files tally reads through a conversion (cells are checked on them).
derive.CONV = tempfile.mkdtemp(prefix='wild-conv-')
profile = tempfile.mkdtemp(prefix='wild-lo-')
def soffice(files, *opts):
    subprocess.run(['soffice', '-env:UserInstallation=file://' + profile, '--headless', *opts,
                    '--convert-to', 'xlsx', '--outdir', derive.CONV, *files], check=True, capture_output=True)
# convert copies, so that LibreOffice never touches testdata/wild (it leaves .~lock files on failure)
for f in ('33_五里镇.ods', '40_柏树镇.xls'):
    shutil.copy(os.path.join(OUT, f), os.path.join(profile, f))
soffice([os.path.join(profile, '33_五里镇.ods'), os.path.join(profile, '40_柏树镇.xls')])
shutil.copy(os.path.join(OUT, '32_向阳镇.xls'), os.path.join(derive.CONV, '32_向阳镇.html'))
soffice([os.path.join(derive.CONV, '32_向阳镇.html')], '--infilter=HTML (StarCalc)')
shutil.rmtree(profile, ignore_errors=True)
T = {t['file']: t for t in truth}

SHEETJS = {'18b', '29', '39', '41', '42'}
PY = {'28', '28b', '28c', '30'}
def writer(f):
    k = f.split('_')[0].split('.')[0]
    if k in SHEETJS: return 'SheetJS 0.18.5'
    if k in PY: return 'Python zipfile'
    if k == '32': return 'HTML (Word 网页) 改名 .xls'
    if k == '40': return 'SpreadsheetML 2003 XML 改名 .xls'
    if k == '43': return 'Python csv (GBK)'
    if k in ('33', '34'): return 'LibreOffice 7.4 (.fods)'
    return 'exceljs 4.4.0'

# one line per file: what it exercises (Chinese, like testdata/validate)
ABOUT = {
 '01_城关镇.xlsx': '基准文件（exceljs）：标题「二〇一八年度…」不含单位，单位只在「填报单位（盖章）：城关镇人民政府」',
 '02_通济镇_Word粘贴拆行.xlsx': 'Word 粘贴：7 个两行标签各拆成两行，单位和数值在第二行；须全部读对，读取上没有任何问题（F3）',
 '03_临河乡_Word粘贴合并.xlsx': 'Word 粘贴：标签拆成两行，单位和数值单元格纵向合并两行；须全部读对，读取上没有任何问题（F3）',
 '03b_临泽乡_标签纵向合并.xlsx': '两行标签在一个单元格内、纵向合并两行，单位和数值只在下一行',
 '04_石门镇_上年对比列.xlsx': '「2017年 | 2018年」两列，读 2018年（D 列）；2018 年的 0 都留空：17 条 blank 提示；2017年 列有数、未计入：表头 C3 一条 extra-row 提示（F1）',
 '05_白塔镇_两行表头.xlsx': '两行表头：「统计数」合并在「上年数 | 本年数」之上，读本年数（D 列）；上年数 列表头 C3 一条 extra-row 提示（F1）',
 '06_龙泉街道_隐藏旧列.xlsx': '两列表头都是「统计数」，C 列（上年数）隐藏，读可见的 D 列；隐藏的 C 列表头 C3 一条 extra-row 提示（F1）',
 '07_西关街道_隐藏上年表.xlsx': '隐藏工作表「2017年」是完整的上年表，可见的「2018年」缺「2.传真申请数」一行：读 2018年，missing-row 3.1.2，不提隐藏表（F2）',
 '08_柳河镇2018年统计表.xlsx': '工作表「2017年」在前、「2018年」在后，都完整可见：读 2018年；另应有一条 schema 提示（info）说 2017年 也是一张表，不在比较范围（F2）',
 '红星镇.xlsx': '标题是区模板「银川市金凤区2018年度…」，乡镇名只在文件名：单位 红星镇，另有一条 unknown-unit 警告（标题写的是金凤区）（F9）',
 '附件2.xlsx': '「填报单位（盖章）：」与「高桥镇人民政府」分在两格，文件名 附件2',
 '11_东区街道.xlsx': '标题「中山市东区街道办事处…」：单位名本身含「区」（F9）',
 '11b_南市街道.xlsx': '「填报单位：天津市和平区南市街道办事处」：单位名含「市」（F9）',
 '12_南关镇.xlsx': '年度只在标题下的「（统计时段：2018年1月1日至2018年12月31日）」（F10）',
 '13_三合镇.xlsx': '年度只在数值列表头「2018年」（F10）',
 '14_双河镇_日期.xlsx': '九(一)会议数误输为「3-4」，Excel 存成日期 3月4日（43163，格式 m"月"d"日"）：not-a-number，值为 null（F4）',
 '15_平安乡_百分比.xlsx': '九(三)为百分比格式，显示 26%、存 0.26：non-integer 错误，0.26 小于培训班数 2 另有一致性警告（F18）',
 '16_永安镇_公式无缓存.xlsx': '合计均为无缓存值的 =SUM()：三(三)的公式漏了第 8 项（8，分项 9），八(三)的 SUM 跳过文本「1」（2，分项 3）',
 '17_和平镇_半年列共享公式.xlsx': '「上半年 | 下半年 | 全年」，全年是无缓存值的共享公式 =C+D（存量行直接填数）：读全年（E 列）；上半年、下半年 两列各一条 extra-row 提示（F1）',
 '17b_和顺镇_共享公式跨表.xlsx': '唯一数值列的流量行都是跨表共享公式 =半年!Bn+半年!Cn，无缓存值：按 LibreOffice 的计算结果读（F6）',
 '18_安乐镇_循环引用无缓存.xlsx': '三(一) =SUM(C25:C29) 包含自身（循环引用），无缓存值：formula-error，值为 null（F14）；与 18b 同为安乐镇：duplicate-unit',
 '18b_安乐镇_循环引用有缓存.xlsx': '同样的循环公式，带 Excel 保存的缓存值 0：sum 错误（0 ≠ 9）、3.2≤3.1 一致性警告；与 18 同为安乐镇：duplicate-unit',
 '19_建设镇_外省措辞.xlsx': '外省措辞：政府门户网站公开政府信息数、网上申请数、信件申请数、专项经费、会议数',
 '20_光明乡_简写标签.xlsx': '简写标签：政务微博/微信公开信息数、依申请公开收取的费用、举办培训班数、接受培训人数、行政复议数：行行对上（F11）',
 '21_新城街道_左右两栏.xlsx': '横版左右两栏：一至三节在 A:C，四至九节在 E:G，须读全 58 个数（F12）',
 '22_清水镇_序号备注.xlsx': '「序号 | 统计指标 | 统计数 | 单位 | 备注」：数值在单位之前，序号 1..58：序号 列表头 A3 一条 extra-row 提示；备注 列只有文字，不提示',
 '23_太平镇_分季度.xlsx': '「一季度 … 四季度 | 全年合计」，都填了数：读全年合计（G 列）；四个季度列各一条 extra-row 提示（F1）',
 '24_长乐镇_隐藏旧行.xlsx': '可见行「3.网络申请数 = 3」上方有一行隐藏的旧行（= 7）：读可见行，隐藏行 C28 一条 extra-row 警告，无求和错误（F5）',
 '25_兴隆镇_行序不同缺行.xlsx': '各节顺序打乱，删去「六、举报投诉数量」：missing-row 6',
 '26_红旗乡_行次列.xlsx': '「指标名称 | 行次 | 计量单位 | 本年实际」加甲乙丙代码行，本年实际中的 0 留空：读 D 列，17 条 blank 提示；行次 列表头 B3 一条 extra-row 提示（F1）',
 '27_金山镇_数字带单位.xlsx': '数字带单位的文本：142条、0.5万（万元行，不提示）、26人（人次行：unit 警告）、4 件、0元（0 不论单位）、２７（F15）',
 '28_民主镇_系统导出.xlsx': '系统导出：全是 inlineStr，行和单元格都没有 r 属性，标签中有 _x000D_，没有样式部件',
 '28b_民乐镇_前缀命名空间.xlsx': '主命名空间带 x: 前缀（Open XML SDK 风格），inlineStr',
 '28c_民和镇_Strict格式.xlsx': 'ISO Strict Open XML 命名空间',
 '29_空白工作簿.xlsx': '只有一个空工作表：schema 错误（F22）',
 '30_只有图表.xlsx': '只有一个图表工作表：schema 错误（F22）',
 '31_青山镇_远端单元格.xlsx': 'XFD1048576 与 ZY3001 有零散单元格，标题跨 A1:IV1 合并',
 '32_向阳镇.xls': 'Word「另存为网页」后改名 .xls 的 HTML 表：经转换读取（converted），全部读对；转换后的工作表名和单元格位置不作要求（F8）',
 '33_五里镇.ods': 'LibreOffice .ods：多段落标签、0 存为文本；可见行「5.其他方式回应事件数 = 9」下有一行隐藏的旧副本（= 4）：C25 一条 extra-row 警告（F5/F21）',
 '34_黄庄镇.xlsx': 'LibreOffice 保存的 .xlsx：两行表头、代码行「1」、合计为带缓存的 SUM、「统计年度：2018年」，表下有报出日期',
 '35_桥头镇_借用模板.xlsx': '「统计表」标题为桥头镇；借来的模板遗留 Sheet2 写着「填报单位：沙湾镇人民政府」：单位 桥头镇（F9）',
 '36_河口镇.xlsx': '年度只在工作表名「2018年」（F10）',
 '37_马场乡_合并零值.xlsx': '一个 0 合并在 3.3.4.x 六个数值格上，一个「无」合并在四、五两节八个数值格上（合并区内非首格的单元格不作要求）',
 '附件1.xlsx': '没有标题行，标题「桃源镇2018年度…」只在打印页眉：单位和年度从页眉读，没有警告（F25）',
 '39_顺河镇_SheetJS怪字符.xlsx': 'SheetJS：标签中有 NBSP、全角空格、零宽空格、全角数字、「2、」编号、“条例”引号，标题年度「二○一八」',
 '40_柏树镇.xls': 'SpreadsheetML 2003 XML 改名 .xls：经转换读取（converted）（F8/F23）',
 '41_白沙镇_文本公式布尔.xlsx': 'SheetJS：三(一)3 是公式 ="3"（读 3）；二(二)3 是布尔值 TRUE：not-a-number（F20）',
 '42_柏林镇_引用隐藏底稿.xlsx': 'SheetJS：数值都是 =底稿!Bn（有缓存值），底稿 工作表隐藏：不提底稿（F17）',
 '43_泉水镇_GBK.csv': 'GBK 编码的 CSV 表（Excel 中文版「CSV（逗号分隔）」）：作为报表读取，一条 converted 提示（F24）',
 '44_大营镇_上下两年.xlsx': '同一工作表上下两张表（各有标题）：上为 2017 年、下为 2018 年：读 2018 年表，没有重复行警告；另应有一条 schema 提示（info）说还有 2017 年表，不在比较范围（F2）',
 '45_沙河镇_错列.xlsx': '九节三个数（3、2、26）填到了数值列右边的 D 列，C 列空：三条 blank 提示，D66–D68 各一条 extra-row 警告（F16）',
 '47_丰收镇_富文本.xlsx': '富文本标签（两段，后段加粗）与富文本数值 1.1 =「14」+红色「2」',
 '49_高山镇_隐藏小数.xlsx': '九(三)存 25.6、格式「0」显示 26：non-integer（F19）',
 '53_填报单位带区名.xlsx': '「填报单位：银川市兴庆区 大新镇人民政府」（区名与单位名间有空格）：单位 大新镇（F9）',
 '附件3.xlsx': '单位只在工作表名「镇北镇」，文件名 附件3',
 '60_前进镇_分季度工作表.xlsx': '工作表 一季度…四季度（季度表）和最后的 全年：读 全年；另应有每个季度表一条 schema 提示（info），不在比较范围（F2）',
 '61_长青镇_填表说明.xlsx': '表下「填表说明：」和四条带编号、含指标名的说明（1.收到申请数=…）：不报重复行（F13）',
}

# decisions that are not derived from the cells
UNREADABLE = {'29_空白工作簿.xlsx', '30_只有图表.xlsx'}
CONVERTED = {'32_向阳镇.xls', '33_五里镇.ods', '40_柏树镇.xls', '43_泉水镇_GBK.csv'}
# formulas without stored results: tally has LibreOffice compute them and says so (a converted note)
RECALCULATED = {'16_永安镇_公式无缓存.xlsx', '17_和平镇_半年列共享公式.xlsx', '17b_和顺镇_共享公式跨表.xlsx', '18_安乐镇_循环引用无缓存.xlsx'}
NO_SHEET = {'32_向阳镇.xls', '43_泉水镇_GBK.csv'}
NO_CELLS = {'32_向阳镇.xls', '43_泉水镇_GBK.csv'}
YEAR = {'43_泉水镇_GBK.csv': 2018}  # truth_raw: null; the CSV's title says 2018 (decision F24)
EXTRA = {'红星镇.xlsx': [{'kind': 'unknown-unit', 'severity': 'warning', 'cell': '', 'codes': []}]}
CELL_UNSURE = {'37_马场乡_合并零值.xlsx': ['3.3.4.2', '3.3.4.3', '3.3.4.4', '3.3.4.5', '3.3.4.6', '4.1', '4.2', '4.3', '5', '5.1', '5.2', '5.3']}

def key(f):
    m = re.match(r'(\d+)([a-z]?)_', f)
    if m:
        return (int(m.group(1)), m.group(2), f)
    return (10 ** 6, '', f)

files = sorted((f for f in os.listdir(OUT) if re.search(r'\.(xlsx|xls|ods|csv)$', f)), key=key)
entries = []
for f in files:
    t = T[f]
    e = {'file': f, 'about': ABOUT[f] + ('；公式没有保存结果，由 LibreOffice 重新计算（converted 提示）' if f in RECALCULATED else '')}
    if f in UNREADABLE:
        e['findings'] = [{'kind': 'schema', 'severity': 'error', 'cell': '', 'codes': []}]
        entries.append(e); continue
    d = derive.derive(f) if f in derive.SPEC else derive.derive_csv(f)
    e['unit'] = t['unit']
    e['year'] = YEAR.get(f, t['year'])
    if f not in NO_SHEET:
        e['sheet'] = t['sheet']
    # values: derived from the file; must equal the truth file's
    tv = t['values'] if t.get('values') else derive.M['BASE']  # 43: truth_raw has no values; the CSV holds the base figures
    for c in derive.CODES:
        a, b = d['values'][c], tv[c]
        assert (a is None and b is None) or (a is not None and b is not None and a == Decimal(str(b))), (f, c, a, b)
    e['values'] = d['values']
    cells = None
    if f not in NO_CELLS:
        cells = {c: v for c, v in d['cells'].items() if c not in CELL_UNSURE.get(f, [])}
        e['cells'] = cells
    fs = list(d['findings'])
    fs += rules.check(d['values'], d['cells'])
    if f in CONVERTED or f in RECALCULATED:
        fs.insert(0, {'kind': 'converted', 'severity': 'info', 'cell': '', 'codes': []})
    fs += EXTRA.get(f, [])
    for x in fs:
        if x['cell'] == '?':
            raise SystemExit(f'{f}: a finding without a certain cell: {x}')
    e['findings'] = fs
    entries.append(e)

# cross-file findings of a folder run (consolidate/cross.go): duplicate-unit, identical-values
readable = [e for e in entries if 'values' in e]
by_unit = {}
for e in readable:
    by_unit.setdefault(e['unit'], []).append(e)
for u, g in by_unit.items():
    if len(g) > 1:
        for e in g:
            e['findings'].append({'kind': 'duplicate-unit', 'severity': 'error', 'cell': '', 'codes': []})
            e['cross_dup'] = [x['file'] for x in g if x is not e]
sig = {}
for e in readable:
    s = '|'.join('-' if e['values'][c] is None else str(e['values'][c].normalize()) for c in derive.CODES)
    if all(e['values'][c] in (None, 0) for c in derive.CODES):
        continue
    sig.setdefault(s, []).append(e)
for s, g in sig.items():
    if len({e['unit'] for e in g}) > 1:
        for e in g:
            e['findings'].append({'kind': 'identical-values', 'severity': 'warning', 'cell': '', 'codes': []})
            e['cross_same'] = len(g) - 1

# ---------------- write expect.json in the style of testdata/validate ----------------
def num(v):
    if v is None:
        return 'null'
    v = v.normalize() if v != 0 else Decimal(0)
    s = format(v, 'f')
    return s

def order_findings(fs):
    sev = {'error': 0, 'warning': 1, 'info': 2}
    def cellkey(c):
        m = re.match(r'([A-Z]+)(\d+)$', c or '')
        return (int(m.group(2)), m.group(1)) if m else (0, '')
    return sorted(fs, key=lambda x: (sev[x['severity']], cellkey(x['cell']), x['kind']))

def plain(e):
    """An entry as expect.json holds it, numbers as exact decimals."""
    out = {'file': e['file'], 'about': e['about']}
    for k in ('unit', 'year', 'sheet'):
        if k in e:
            out[k] = e[k]
    if 'values' in e:
        out['values'] = {c: Num(e['values'][c]) for c in derive.CODES}
    if e.get('cells') is not None:
        out['cells'] = {c: e['cells'][c] for c in derive.CODES if c in e['cells']}
    fs = []
    for x in order_findings(e['findings']):
        y = {'kind': x['kind'], 'severity': x['severity'], 'cell': x['cell'], 'codes': list(x['codes'])}
        if 'expected' in x:
            y['expected'], y['actual'] = Num(x['expected']), Num(x['actual'])
        fs.append(y)
    out['findings'] = fs
    return out

class Num(str):
    """A number written as it is, not quoted."""
    def __new__(cls, v):
        return str.__new__(cls, num(v))

MARK = '\u0000num:'
def marked(o):
    if isinstance(o, Num):
        return MARK + str(o)
    if isinstance(o, dict):
        return {k: marked(v) for k, v in o.items()}
    if isinstance(o, list):
        return [marked(v) for v in o]
    return o

text = json.dumps([marked(plain(e)) for e in entries], ensure_ascii=False, indent=1)
text = re.sub(r'"\\u0000num:([^"]*)"', r'\1', text) + '\n'
json.loads(text)  # valid JSON
shutil.rmtree(derive.CONV, ignore_errors=True)
if '--table' not in sys.argv:
    open(os.path.join(OUT, 'expect.json'), 'w', encoding='utf-8').write(text)

# ---------------- README table ----------------
def summary(fs):
    from collections import Counter
    c = Counter()
    for x in fs:
        c[(x['kind'], x['severity'])] += 1
    out = []
    sevorder = {'error': 0, 'warning': 1, 'info': 2}
    for (k, s), n in sorted(c.items(), key=lambda kv: (sevorder[kv[0][1]], kv[0][0])):
        out.append(f'{k} ({s})' + (f' ×{n}' if n > 1 else ''))
    return ', '.join(out)

CROSS = ('duplicate-unit', 'identical-values')
def summary_row(fs):
    own = summary([x for x in fs if x['kind'] not in CROSS]) or '—'
    cross = summary([x for x in fs if x['kind'] in CROSS])
    return own + (f'; folder run: {cross}' if cross else '')

rows = ['| file | writer | exercises | expected findings |', '|---|---|---|---|']
for e in entries:
    about = e['about'].replace('|', '\\|')
    rows.append(f'| `{e["file"]}` | {writer(e["file"])} | {about} | {summary_row(e["findings"])} |')
if '--table' in sys.argv:
    print('\n'.join(rows))
else:
    print(f'wrote expect.json: {len(entries)} files')
