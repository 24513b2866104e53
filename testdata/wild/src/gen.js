// Generates the adversarial township workbooks into files/ and what a careful
// auditor concludes about each into truth.json.
//   node gen.js            (then: python3 gen_raw.py; ./convert.sh)
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');
const { ROWS, BASE, PREV, row, withVals, Sheet, a1, writeExcelJS, writeSheetJS, table } = L;

const OUT = path.join(__dirname, 'files');
fs.mkdirSync(OUT, { recursive: true });
const truth = [];

// Standard title + header + table on one sheet, columns 统计指标/单位/统计数.
function stdSheet(name, title, values, o = {}) {
  const s = new Sheet(name, o.sheet);
  let r = 0;
  if (title) { s.set(0, 0, title); s.merge(0, 0, 0, 2); r = 1; }
  for (const line of o.lines || []) { line.forEach((t, c) => t !== null && s.set(r, c, t)); r++; }
  r++;
  const t = table(s, r, Object.assign({
    col: { label: 0, unit: 1, valCols: [2], vals: ['v'] },
    header: { 0: '统计指标', 1: '单位', 2: '统计数' },
    values: { v: values },
    headingMerge: true,
  }, o.table || {}));
  s.widths = { 0: 48, 1: 8, 2: 10 };
  return { s, t };
}

function add(file, t) { truth.push(Object.assign({ file }, t)); }
// All findings are errors/warnings the auditor expects: [kind, code, severity].

async function main() {
  // 01 — baseline written by exceljs, 填报单位（盖章） line, 二〇一八年度 title.
  {
    const { s } = stdSheet('Sheet1', '二〇一八年度政府信息公开情况统计表', BASE,
      { lines: [['填报单位（盖章）：城关镇人民政府', null, null]] });
    await writeExcelJS(path.join(OUT, '01_城关镇.xlsx'), [s]);
    add('01_城关镇.xlsx', { unit: '城关镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'exceljs baseline; title 二〇一八年度…, unit only in 填报单位（盖章）：城关镇人民政府' });
  }

  // 02 — pasted from Word: every cell of a two-paragraph row became two
  // sheet rows; the label's second line, the unit and the value sit on the
  // second row (the seed's value cells start with an empty paragraph).
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '通济镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 2);
    s.set(2, 0, '统计指标'); s.set(2, 1, '单位'); s.set(2, 2, '统计数');
    let r = 3;
    for (const rw of ROWS) {
      if (rw.h) { s.set(r, 0, rw.l); s.merge(r, 0, r, 2); r++; continue; }
      if (rw.split) {
        s.set(r, 0, rw.split[0]); r++;
        s.set(r, 0, rw.split[1]); s.set(r, 1, rw.u); s.set(r, 2, BASE[rw.c]); r++;
      } else { s.set(r, 0, rw.l); s.set(r, 1, rw.u); s.set(r, 2, BASE[rw.c]); r++; }
    }
    await writeExcelJS(path.join(OUT, '02_通济镇_Word粘贴拆行.xlsx'), [s]);
    add('02_通济镇_Word粘贴拆行.xlsx', { unit: '通济镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'Word paste: the 7 two-line labels (1.1, 2.1, 2.2.2.1, 3.3.4.4, 5.1, 8.3.1, 8.4) each span two sheet rows; unit and value are on the second row' });
  }

  // 03 — pasted from Word, Excel style: label lines in two rows, the unit and
  // value cells merged down both rows.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '临河乡2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 2);
    s.set(2, 0, '统计指标'); s.set(2, 1, '单位'); s.set(2, 2, '统计数');
    let r = 3;
    for (const rw of ROWS) {
      if (rw.h) { s.set(r, 0, rw.l); s.merge(r, 0, r, 2); r++; continue; }
      if (rw.split) {
        s.set(r, 0, rw.split[0]); s.set(r + 1, 0, rw.split[1]);
        s.set(r, 1, rw.u); s.set(r, 2, BASE[rw.c]);
        s.merge(r, 1, r + 1, 1); s.merge(r, 2, r + 1, 2); r += 2;
      } else { s.set(r, 0, rw.l); s.set(r, 1, rw.u); s.set(r, 2, BASE[rw.c]); r++; }
    }
    await writeExcelJS(path.join(OUT, '03_临河乡_Word粘贴合并.xlsx'), [s]);
    add('03_临河乡_Word粘贴合并.xlsx', { unit: '临河乡', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'Word paste: two-line labels in two rows, unit and value cells merged vertically over both' });
  }

  // 03b — two-line labels in one cell merged down two rows; unit and value
  // typed in the lower row (unmerged), as the seed prints them.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '临泽乡2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 2);
    s.set(2, 0, '统计指标'); s.set(2, 1, '单位'); s.set(2, 2, '统计数');
    let r = 3;
    const v = withVals({ '6': 24 });
    for (const rw of ROWS) {
      if (rw.h) { s.set(r, 0, rw.l); s.merge(r, 0, r, 2); r++; continue; }
      if (rw.split) {
        s.set(r, 0, rw.split.join('\n')); s.merge(r, 0, r + 1, 0);
        s.set(r + 1, 1, rw.u); s.set(r + 1, 2, v[rw.c]); r += 2;
      } else { s.set(r, 0, rw.l); s.set(r, 1, rw.u); s.set(r, 2, v[rw.c]); r++; }
    }
    await writeExcelJS(path.join(OUT, '03b_临泽乡_标签纵向合并.xlsx'), [s]);
    add('03b_临泽乡_标签纵向合并.xlsx', { unit: '临泽乡', year: 2018, sheet: 'Sheet1', values: v, findings: [],
      what: 'two-line labels in one cell merged down two rows; unit and value typed in the lower row only' });
  }

  // 04 — last year's figures next to this year's; this year's zeros left blank.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '石门镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 3);
    const t = table(s, 2, {
      col: { label: 0, unit: 1, valCols: [2, 3], vals: ['prev', 'cur'] },
      header: { 0: '统计指标', 1: '单位', 2: '2017年', 3: '2018年' },
      values: { prev: PREV, cur: BASE }, headingMerge: true,
      cellOf: (rw, key, v) => key === 'cur' && v === 0 ? undefined : v,
    });
    await writeExcelJS(path.join(OUT, '04_石门镇_上年对比列.xlsx'), [s]);
    const blanks = L.VALUE_CODES.filter(c => BASE[c] === 0);
    add('04_石门镇_上年对比列.xlsx', { unit: '石门镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [], blanks,
      what: 'columns 2017年 | 2018年; 2018 zeros left blank (17 blanks), 2017 fully filled; the 2018年 column is the report' });
  }

  // 05 — two header rows: 统计数 merged over 上年数 | 本年数.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '白塔镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 3);
    s.set(2, 0, '统计指标'); s.merge(2, 0, 3, 0);
    s.set(2, 1, '单位'); s.merge(2, 1, 3, 1);
    s.set(2, 2, '统计数'); s.merge(2, 2, 2, 3);
    s.set(3, 2, '上年数'); s.set(3, 3, '本年数');
    table(s, 4, { col: { label: 0, unit: 1, valCols: [2, 3], vals: ['prev', 'cur'] }, header: false,
      values: { prev: PREV, cur: BASE }, headingMerge: true });
    await writeExcelJS(path.join(OUT, '05_白塔镇_两行表头.xlsx'), [s]);
    add('05_白塔镇_两行表头.xlsx', { unit: '白塔镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'header 统计数 merged over two sub-columns 上年数 | 本年数; both filled; 本年数 (D) is the report' });
  }

  // 06 — last year's file reused: old 统计数 column hidden, new one beside it.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '龙泉街道办事处2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 3);
    table(s, 2, { col: { label: 0, unit: 1, valCols: [2, 3], vals: ['prev', 'cur'] },
      header: { 0: '统计指标', 1: '单位', 2: '统计数', 3: '统计数' },
      values: { prev: PREV, cur: BASE }, headingMerge: true });
    s.hiddenCols.add(2);
    await writeExcelJS(path.join(OUT, '06_龙泉街道_隐藏旧列.xlsx'), [s]);
    add('06_龙泉街道_隐藏旧列.xlsx', { unit: '龙泉街道', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'two columns headed 统计数: C (2017 figures) is hidden, D (visible) holds 2018' });
  }

  // 07 — hidden sheet with last year's complete table; this year's sheet
  // lacks one row.
  {
    const old = stdSheet('2017年', '西关街道2017年度政府信息公开情况统计表', PREV, { sheet: { hidden: true } }).s;
    const cur = stdSheet('2018年', '西关街道2018年度政府信息公开情况统计表', BASE, { table: { skip: ['3.1.2'] } }).s;
    await writeExcelJS(path.join(OUT, '07_西关街道_隐藏上年表.xlsx'), [old, cur]);
    add('07_西关街道_隐藏上年表.xlsx', { unit: '西关街道', year: 2018, sheet: '2018年', values: withVals({ '3.1.2': null }),
      findings: [['missing-row', '3.1.2', 'error']],
      what: 'hidden sheet 2017年 (complete, last year); visible sheet 2018年 lacks the 2.传真申请数 row' });
  }

  // 08 — two visible sheets, last year's first.
  {
    const old = stdSheet('2017年', '柳河镇2017年度政府信息公开情况统计表', PREV).s;
    const cur = stdSheet('2018年', '柳河镇2018年度政府信息公开情况统计表', BASE).s;
    await writeExcelJS(path.join(OUT, '08_柳河镇2018年统计表.xlsx'), [old, cur]);
    add('08_柳河镇2018年统计表.xlsx', { unit: '柳河镇', year: 2018, sheet: '2018年', values: BASE,
      findings: [['schema', '', 'warning']],
      what: 'sheets 2017年 then 2018年, both complete and visible; file name says 2018; the 2018 sheet is the submission (a note about the other sheet is fine)' });
  }

  // 09 — district template title left unchanged; unit only in the file name.
  {
    const { s } = stdSheet('Sheet1', '银川市金凤区2018年度政府信息公开情况统计表', BASE);
    await writeExcelJS(path.join(OUT, '红星镇.xlsx'), [s]);
    add('红星镇.xlsx', { unit: '红星镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'title is the district template 银川市金凤区2018年度…; the township is named only by the file 红星镇.xlsx' });
  }

  // 10 — 填报单位（盖章）： with the name in the next cell.
  {
    const { s } = stdSheet('Sheet1', '政府信息公开情况统计表（2018年度）', BASE,
      { lines: [['填报单位（盖章）：', '高桥镇人民政府', null]] });
    await writeExcelJS(path.join(OUT, '附件2.xlsx'), [s]);
    add('附件2.xlsx', { unit: '高桥镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'A2 填报单位（盖章）：, B2 高桥镇人民政府; file name 附件2.xlsx' });
  }

  // 11 — units whose names contain 区 / 市.
  {
    const { s } = stdSheet('Sheet1', '中山市东区街道办事处2018年度政府信息公开情况统计表', BASE);
    await writeExcelJS(path.join(OUT, '11_东区街道.xlsx'), [s]);
    add('11_东区街道.xlsx', { unit: '东区街道', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'title 中山市东区街道办事处2018年度… (a real street office whose name contains 区)' });
    const b = stdSheet('Sheet1', '2018年度政府信息公开情况统计表', withVals({ '6': 3 }),
      { lines: [['填报单位：天津市和平区南市街道办事处', null, null]] }).s;
    await writeExcelJS(path.join(OUT, '11b_南市街道.xlsx'), [b]);
    add('11b_南市街道.xlsx', { unit: '南市街道', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 3 }), findings: [],
      what: '填报单位：天津市和平区南市街道办事处 (name contains 市)' });
  }

  // 12 — the year only in a period line under the title.
  {
    const { s } = stdSheet('Sheet1', '南关镇政府信息公开情况统计表', withVals({ '6': 4 }),
      { lines: [['（统计时段：2018年1月1日至2018年12月31日）', null, null]] });
    await writeExcelJS(path.join(OUT, '12_南关镇.xlsx'), [s]);
    add('12_南关镇.xlsx', { unit: '南关镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 4 }), findings: [],
      what: 'title without year; the line under it: （统计时段：2018年1月1日至2018年12月31日）' });
  }

  // 13 — the year only in the value column's header.
  {
    const { s } = stdSheet('Sheet1', '三合镇政府信息公开情况统计表', withVals({ '6': 5 }),
      { table: { header: { 0: '统计指标', 1: '单位', 2: '2018年' } } });
    await writeExcelJS(path.join(OUT, '13_三合镇.xlsx'), [s]);
    add('13_三合镇.xlsx', { unit: '三合镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 5 }), findings: [],
      what: 'title without year; the value column is headed 2018年' });
  }

  // 14 — "3-4" typed for 9.1 became a date (3月4日, serial 43163).
  {
    const vals = withVals({ '9.1': null });
    const { s } = stdSheet('Sheet1', '双河镇2018年度政府信息公开情况统计表', BASE, {
      table: { cellOf: (rw, k, v) => rw.c === '9.1' ? { date: new Date(2018, 2, 4), fmt: 'm"月"d"日"' } : v } });
    await writeExcelJS(path.join(OUT, '14_双河镇_日期.xlsx'), [s]);
    add('14_双河镇_日期.xlsx', { unit: '双河镇', year: 2018, sheet: 'Sheet1', values: vals,
      findings: [['not-a-number', '9.1', 'error']],
      what: '9.1 会议数 typed "3-4" and turned into the date 3月4日 (stored 43163 with a date format); the cell shows 3月4日, not a count' });
  }

  // 15 — a percentage-formatted cell: 26 typed, stored 0.26, shown 26%.
  {
    const { s } = stdSheet('Sheet1', '平安乡2018年度政府信息公开情况统计表', BASE, {
      table: { cellOf: (rw, k, v) => rw.c === '9.3' ? { v: 0.26, fmt: '0%' } : v } });
    await writeExcelJS(path.join(OUT, '15_平安乡_百分比.xlsx'), [s]);
    add('15_平安乡_百分比.xlsx', { unit: '平安乡', year: 2018, sheet: 'Sheet1', values: withVals({ '9.3': 0.26 }),
      findings: [['non-integer', '9.3', 'error'], ['consistency', '9.3', 'warning']],
      what: '9.3 cell formatted as percentage: shows 26%, stores 0.26; the message should mention the % format (the clerk sees 26%, not 0.26)' });
  }

  // 16 — totals as formulas with no cached values (exceljs); one range too
  // short; one part stored as text inside a SUM.
  {
    const vals = withVals({ '3.3.6': 0, '3.3.8': 1 });
    const s = new Sheet('Sheet1');
    s.set(0, 0, '永安镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 2);
    const t = table(s, 2, { col: { label: 0, unit: 1, valCols: [2], vals: ['v'] },
      header: { 0: '统计指标', 1: '单位', 2: '统计数' }, values: { v: vals }, headingMerge: true });
    const R = t.codeRow, C = (code) => 'C' + (R[code] + 1);
    const sums = { '3.1': ['3.1.1', '3.1.4'], '3.2': ['3.2.1', '3.2.2'], '3.3': ['3.3.1', '3.3.7'] /* misses 3.3.8 */,
      '3.3.4': ['3.3.4.1', '3.3.4.6'], '4': ['4.1', '4.3'], '5': ['5.1', '5.3'], '8.3': ['8.3.1', '8.3.2'] };
    for (const [tot, [a, b]] of Object.entries(sums)) s.set(R[tot], 2, { f: `SUM(${C(a)}:${C(b)})` });
    // 3.3: the clerk adds the two runs around the 3.3.4.x block and forgets 3.3.8
    s.set(R['3.3'], 2, { f: `SUM(${C('3.3.1')}:${C('3.3.4')})+SUM(${C('3.3.5')}:${C('3.3.7')})` });
    s.set(R['8.3.1'], 2, '1'); // number stored as text inside the SUM range
    await writeExcelJS(path.join(OUT, '16_永安镇_公式无缓存.xlsx'), [s]);
    add('16_永安镇_公式无缓存.xlsx', { unit: '永安镇', year: 2018, sheet: 'Sheet1',
      values: withVals({ '3.3.6': 0, '3.3.8': 1, '3.3': 8, '8.3': 2 }),
      findings: [['sum', '3.3', 'error'], ['consistency', '3.3', 'warning'], ['sum', '8.3', 'error']],
      what: 'every total is =SUM() with no cached value. 3.3 =SUM(C34:C37)+SUM(C44:C46) leaves out 3.3.8 (=1): shows 8, parts 9. 8.3.1 is the text "1", which SUM skips in Excel/WPS/LibreOffice: 8.3 shows 2, parts 1+2=3' });
  }

  // 17 — 上半年 | 下半年 | 全年, 全年 a shared formula =C+D without cached values.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '和平镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 4);
    const stock = ['8.1', '8.2', '8.3', '8.3.1', '8.3.2'];
    const h1 = {}, h2 = {};
    for (const c of L.VALUE_CODES) {
      const v = BASE[c];
      if (stock.includes(c)) { h1[c] = undefined; h2[c] = undefined; continue; }
      if (c === '8.4' || c === '7') { h1[c] = c === '8.4' ? 0.2 : 0; h2[c] = v - h1[c]; continue; }
      h1[c] = Math.floor(v / 2); h2[c] = v - h1[c];
    }
    // totals of the halves must still add up: recompute parent halves from parts
    const sumsOf = { '3.1': ['3.1.1', '3.1.2', '3.1.3', '3.1.4'], '3.2': ['3.2.1', '3.2.2'],
      '3.3.4': ['3.3.4.1', '3.3.4.2', '3.3.4.3', '3.3.4.4', '3.3.4.5', '3.3.4.6'],
      '3.3': ['3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7', '3.3.8'], '4': ['4.1', '4.2', '4.3'], '5': ['5.1', '5.2', '5.3'] };
    for (const [t, ps] of Object.entries(sumsOf)) { h1[t] = ps.reduce((a, p) => a + h1[p], 0); h2[t] = BASE[t] - h1[t]; }
    const t = table(s, 2, { col: { label: 0, unit: 1, valCols: [2, 3], vals: ['h1', 'h2'] },
      header: { 0: '统计指标', 1: '单位', 2: '上半年', 3: '下半年', 4: '全年' }, values: { h1, h2 }, headingMerge: true, width: 5 });
    const rowsV = Object.values(t.codeRow).sort((a, b) => a - b);
    // 全年: shared formula =C+D down the flow rows; stock rows typed directly
    let master = null;
    for (const [code, r] of Object.entries(t.codeRow)) {
      if (stock.includes(code)) { s.set(r, 4, BASE[code]); continue; }
    }
    const flowRows = rowsV.filter(r => !stock.some(c => t.codeRow[c] === r));
    // one shared group per contiguous run of flow rows
    let runs = [], cur = [];
    for (const r of flowRows) { if (cur.length && r !== cur[cur.length - 1] + 1) { runs.push(cur); cur = []; } cur.push(r); }
    runs.push(cur);
    for (const run of runs) {
      const m = a1(run[0], 4);
      s.set(run[0], 4, { f: `${a1(run[0], 2)}+${a1(run[0], 3)}`, shared: { ref: `${m}:${a1(run[run.length - 1], 4)}` } });
      for (const r of run.slice(1)) s.set(r, 4, { shared: { master: m } });
    }
    // heading rows between runs: only filled at the label; fine.
    await writeExcelJS(path.join(OUT, '17_和平镇_半年列共享公式.xlsx'), [s]);
    add('17_和平镇_半年列共享公式.xlsx', { unit: '和平镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'columns 上半年 | 下半年 | 全年; 全年 (E) is a shared formula =C+D with no cached values (stock rows 8.1–8.3.2 typed into E only); 全年 is the report' });
  }

  // 17b — one value column, every flow row a shared formula over a second
  // sheet of half-year figures (no cached values).
  {
    const s = new Sheet('汇总');
    const half = new Sheet('半年');
    s.set(0, 0, '和顺镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 2);
    const stock = ['8.1', '8.2', '8.3', '8.3.1', '8.3.2'];
    const t = table(s, 2, { col: { label: 0, unit: 1, valCols: [2], vals: ['v'] }, header: { 0: '统计指标', 1: '单位', 2: '统计数' },
      values: { v: BASE }, headingMerge: true, cellOf: (rw, k, v) => stock.includes(rw.c) ? v : undefined });
    const flow = Object.entries(t.codeRow).filter(([c]) => !stock.includes(c)).sort((a, b) => a[1] - b[1]);
    let runs = [], cur = [];
    for (const e of flow) { if (cur.length && e[1] !== cur[cur.length - 1][1] + 1) { runs.push(cur); cur = []; } cur.push(e); }
    runs.push(cur);
    for (const [code, r] of flow) { const a = code === '8.4' ? 0.2 : Math.floor(BASE[code] / 2); half.set(r, 1, a); half.set(r, 2, +(BASE[code] - a).toFixed(4)); }
    for (const run of runs) {
      const [c0, r0] = run[0];
      const m = a1(r0, 2);
      s.set(r0, 2, { f: `半年!B${r0 + 1}+半年!C${r0 + 1}`, shared: { ref: `${m}:${a1(run[run.length - 1][1], 2)}` } });
      for (const [, r] of run.slice(1)) s.set(r, 2, { shared: { master: m } });
    }
    await writeExcelJS(path.join(OUT, '17b_和顺镇_共享公式跨表.xlsx'), [s, half]);
    add('17b_和顺镇_共享公式跨表.xlsx', { unit: '和顺镇', year: 2018, sheet: '汇总', values: BASE, findings: [],
      what: 'single value column; every flow row is a shared formula =半年!Bn+半年!Cn (no cached values) over a sheet of half-year numbers' });
  }

  // 18 — circular total (=SUM over itself), without and with a cached value.
  {
    const mk = async (file, cached, writer) => {
      const s = new Sheet('Sheet1');
      s.set(0, 0, '安乐镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 2);
      const t = table(s, 2, { col: { label: 0, unit: 1, valCols: [2], vals: ['v'] },
        header: { 0: '统计指标', 1: '单位', 2: '统计数' }, values: { v: BASE }, headingMerge: true });
      const R = t.codeRow;
      const cell = { f: `SUM(C${R['3.1'] + 1}:C${R['3.1.4'] + 1})` };
      if (cached !== undefined) cell.v = cached;
      s.set(R['3.1'], 2, cell);
      if (writer === 'sheetjs') writeSheetJS(path.join(OUT, file), [s]); else await writeExcelJS(path.join(OUT, file), [s]);
    };
    await mk('18_安乐镇_循环引用无缓存.xlsx', undefined, 'exceljs');
    add('18_安乐镇_循环引用无缓存.xlsx', { unit: '安乐镇', year: 2018, sheet: 'Sheet1', values: withVals({ '3.1': null }),
      findings: [['formula-error', '3.1', 'error']],
      what: '3.1 =SUM(C25:C29) includes itself (circular reference), no cached value: Excel warns and shows 0; should be a clear finding, no crash or hang' });
    await mk('18b_安乐镇_循环引用有缓存.xlsx', 0, 'sheetjs');
    add('18b_安乐镇_循环引用有缓存.xlsx', { unit: '安乐镇', year: 2018, sheet: 'Sheet1', values: withVals({ '3.1': 0 }),
      findings: [['sum', '3.1', 'error'], ['consistency', '3.2', 'warning']], cross: ['duplicate-unit'],
      what: 'same circular =SUM with the cached 0 Excel saves (SheetJS); 3.1 reads 0: sum error (parts 9), 3.2=9 > 3.1=0 warning' });
  }

  // 19 — wording of other provinces' versions that should still match.
  {
    const variants = {
      '1.1': '（一）主动公开政府信息数（条）',
      '1.2.2': '2.政府门户网站公开政府信息数',
      '3.1.3': '3.网上申请数',
      '3.1.4': '4.信件申请数',
      '8.4': '（四）政府信息公开工作专项经费',
      '9.1': '（一）召开政府信息公开工作会议数',
    };
    const { s } = stdSheet('Sheet1', '建设镇2018年度政府信息公开情况统计表', BASE,
      { table: { labelOf: rw => variants[rw.c] || rw.l } });
    await writeExcelJS(path.join(OUT, '19_建设镇_外省措辞.xlsx'), [s]);
    add('19_建设镇_外省措辞.xlsx', { unit: '建设镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'labels: 政府门户网站公开政府信息数, 网上申请数, 信件申请数, 政府信息公开工作专项经费, 召开政府信息公开工作会议数' });
  }

  // 20 — shorter wording that a clerk would read without hesitation.
  {
    const variants = {
      '1.2.3': '3.政务微博公开信息数',
      '1.2.4': '4.政务微信公开信息数',
      '7': '七、依申请公开收取的费用',
      '9.2': '（二）举办培训班数',
      '9.3': '（三）接受培训人数',
      '4': '四、行政复议数',
    };
    const { s } = stdSheet('Sheet1', '光明乡2018年度政府信息公开情况统计表', BASE,
      { table: { labelOf: rw => variants[rw.c] || rw.l } });
    await writeExcelJS(path.join(OUT, '20_光明乡_简写标签.xlsx'), [s]);
    add('20_光明乡_简写标签.xlsx', { unit: '光明乡', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'labels: 政务微博公开信息数, 政务微信公开信息数, 依申请公开收取的费用, 举办培训班数, 接受培训人数, 四、行政复议数' });
  }

  // 21 — the table split into two halves side by side to fit a landscape page.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '新城街道2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 6);
    const left = ROWS.map(r => r.c).slice(0, ROWS.findIndex(r => r.c === '4'));
    const right = ROWS.map(r => r.c).slice(ROWS.findIndex(r => r.c === '4'));
    table(s, 2, { col: { label: 0, unit: 1, valCols: [2], vals: ['v'] }, header: { 0: '统计指标', 1: '单位', 2: '统计数' },
      values: { v: BASE }, order: left });
    table(s, 2, { col: { label: 4, unit: 5, valCols: [6], vals: ['v'] }, header: { 4: '统计指标', 5: '单位', 6: '统计数' },
      values: { v: BASE }, order: right });
    s.widths = { 0: 40, 1: 6, 2: 8, 3: 2, 4: 40, 5: 6, 6: 8 };
    await writeExcelJS(path.join(OUT, '21_新城街道_左右两栏.xlsx'), [s]);
    add('21_新城街道_左右两栏.xlsx', { unit: '新城街道', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'landscape layout: sections 一–三 in A:C, sections 四–九 in E:G, side by side from row 3' });
  }

  // 22 — 序号 column, value before unit, 备注 column.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '清水镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 4);
    const notes = { '3.2': '含上年结转1件', '8.4': '单位：万元', '1.1': '以网站发布为准' };
    table(s, 2, { col: { seq: 0, label: 1, unit: 3, valCols: [2], vals: ['v'], note: 4 },
      header: { 0: '序号', 1: '统计指标', 2: '统计数', 3: '单位', 4: '备注' }, values: { v: BASE }, headingMerge: true, width: 5,
      after: Object.fromEntries(Object.keys(notes).map(c => [c, (sh, r) => { sh.set(r - 1, 4, notes[c]); return r; }])) });
    await writeExcelJS(path.join(OUT, '22_清水镇_序号备注.xlsx'), [s]);
    add('22_清水镇_序号备注.xlsx', { unit: '清水镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'columns 序号 | 统计指标 | 统计数 | 单位 | 备注 (numbers 1..59 in 序号; text remarks)' });
  }

  // 23 — quarterly columns and a 全年合计 column, all typed.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '太平镇2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 6);
    const stock = ['8.1', '8.2', '8.3', '8.3.1', '8.3.2'];
    const q = [{}, {}, {}, {}];
    for (const c of L.VALUE_CODES) {
      const v = BASE[c];
      if (stock.includes(c)) { q.forEach(x => x[c] = v); continue; }
      if (c === '8.4') { q[0][c] = 0.1; q[1][c] = 0.1; q[2][c] = 0.1; q[3][c] = 0.2; continue; }
      const b = Math.floor(v / 4); q[0][c] = b; q[1][c] = b; q[2][c] = b; q[3][c] = v - 3 * b;
    }
    const sumsOf = { '3.1': ['3.1.1', '3.1.2', '3.1.3', '3.1.4'], '3.2': ['3.2.1', '3.2.2'],
      '3.3.4': ['3.3.4.1', '3.3.4.2', '3.3.4.3', '3.3.4.4', '3.3.4.5', '3.3.4.6'],
      '3.3': ['3.3.1', '3.3.2', '3.3.3', '3.3.4', '3.3.5', '3.3.6', '3.3.7', '3.3.8'], '4': ['4.1', '4.2', '4.3'], '5': ['5.1', '5.2', '5.3'] };
    for (const [t, ps] of Object.entries(sumsOf)) for (let i = 0; i < 3; i++) q[i][t] = ps.reduce((a, p) => a + q[i][p], 0);
    for (const t of Object.keys(sumsOf)) q[3][t] = BASE[t] - q[0][t] - q[1][t] - q[2][t];
    table(s, 2, { col: { label: 0, unit: 1, valCols: [2, 3, 4, 5, 6], vals: ['q1', 'q2', 'q3', 'q4', 'y'] },
      header: { 0: '统计指标', 1: '单位', 2: '一季度', 3: '二季度', 4: '三季度', 5: '四季度', 6: '全年合计' },
      values: { q1: q[0], q2: q[1], q3: q[2], q4: q[3], y: BASE }, headingMerge: true });
    await writeExcelJS(path.join(OUT, '23_太平镇_分季度.xlsx'), [s]);
    add('23_太平镇_分季度.xlsx', { unit: '太平镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'columns 一季度 | 二季度 | 三季度 | 四季度 | 全年合计, every cell typed; 全年合计 (G) is the report' });
  }

  // 24 — a hidden stale copy of a row above the visible one.
  {
    const { s, t } = stdSheet('Sheet1', '长乐镇2018年度政府信息公开情况统计表', BASE, {
      table: { after: { '3.1.2': (sh, r) => { sh.set(r, 0, '3.网络申请数'); sh.set(r, 1, '件'); sh.set(r, 2, 7); sh.hiddenRows.add(r); return r + 1; } } } });
    await writeExcelJS(path.join(OUT, '24_长乐镇_隐藏旧行.xlsx'), [s]);
    add('24_长乐镇_隐藏旧行.xlsx', { unit: '长乐镇', year: 2018, sheet: 'Sheet1', values: BASE,
      findings: [['extra-row', '3.1.3', 'warning']],
      what: 'a hidden row 3.网络申请数 = 7 (stale) right above the visible 3.网络申请数 = 3; the visible row is the figure (a note on the hidden duplicate is welcome)' });
  }

  // 25 — sections in another order, one row deleted.
  {
    const codes = ROWS.map(r => r.c);
    const seg = (a, b) => codes.slice(codes.indexOf(a), b ? codes.indexOf(b) : undefined);
    const order = [...seg('1', '3.1'), ...seg('3.1', '3.2'), ...seg('3.3', '4'), ...seg('3.2', '3.3'),
      ...seg('5', '6'), ...seg('4', '5'), '7', ...seg('9'), ...seg('8', '9')];
    const { s } = stdSheet('Sheet1', '兴隆镇2018年度政府信息公开情况统计表', BASE, { table: { order } });
    await writeExcelJS(path.join(OUT, '25_兴隆镇_行序不同缺行.xlsx'), [s]);
    add('25_兴隆镇_行序不同缺行.xlsx', { unit: '兴隆镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': null }),
      findings: [['missing-row', '6', 'error']],
      what: 'order: 一, 二, 三(一), 三(三), 三(二), 五, 四, 七, 九, 八; row 六、举报投诉数量 deleted' });
  }

  // 26 — statistical-report style: 行次 column, 甲/乙 code row, zeros blank.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '红旗乡2018年度政府信息公开情况统计表'); s.merge(0, 0, 0, 3);
    s.set(1, 0, '填报单位：红旗乡人民政府'); s.set(1, 3, '单位：件、条、次');
    s.set(2, 0, '指标名称'); s.set(2, 1, '行次'); s.set(2, 2, '计量单位'); s.set(2, 3, '本年实际');
    s.set(3, 0, '甲'); s.set(3, 1, '乙'); s.set(3, 2, '丙'); s.set(3, 3, 1);
    let n = 0;
    table(s, 4, { col: { label: 0, seq: 1, unit: 2, valCols: [3], vals: ['v'] }, header: false, values: { v: BASE },
      cellOf: (rw, k, v) => v === 0 ? undefined : v });
    await writeExcelJS(path.join(OUT, '26_红旗乡_行次列.xlsx'), [s]);
    add('26_红旗乡_行次列.xlsx', { unit: '红旗乡', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      blanks: L.VALUE_CODES.filter(c => BASE[c] === 0),
      what: 'columns 指标名称 | 行次 | 计量单位 | 本年实际, a 甲/乙/丙/1 code row; 行次 holds 1..59; zeros left blank in 本年实际 (D)' });
  }

  // 27 — numbers typed with units and marks.
  {
    const typed = { '1.1': '142条', '8.4': '0.5万', '9.3': '26人', '3.1.1': '4 件', '7': '0元', '2.2.4': '２７' };
    const { s } = stdSheet('Sheet1', '金山镇2018年度政府信息公开情况统计表', BASE, {
      table: { cellOf: (rw, k, v) => typed[rw.c] !== undefined ? typed[rw.c] : v } });
    await writeExcelJS(path.join(OUT, '27_金山镇_数字带单位.xlsx'), [s]);
    add('27_金山镇_数字带单位.xlsx', { unit: '金山镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [],
      what: 'values typed as text: 142条, 0.5万 (8.4, unit 万元), 26人 (9.3, unit 人次), 4 件, 0元 (7: zero is zero in any unit), ２７' });
  }

  // 29 — empty workbook (SheetJS): one sheet, no cells.
  {
    const s = new Sheet('Sheet1');
    writeSheetJS(path.join(OUT, '29_空白工作簿.xlsx'), [s]);
    add('29_空白工作簿.xlsx', { unit: null, year: null, values: null, findings: [['schema', '', 'error']],
      what: 'a workbook whose only sheet is empty: the message should say the sheet is empty / the table was not filled in' });
  }

  // 31 — Ctrl+End far away: a stray space at XFD1048576, a title merged over A1:IV1.
  {
    const { s } = stdSheet('Sheet1', '青山镇2018年度政府信息公开情况统计表', withVals({ '6': 6 }));
    s.merges = s.merges.filter(m => m[0] !== 0); s.merge(0, 0, 0, 255);
    s.set(1048575, 16383, ' ');
    s.set(3000, 700, '草稿');
    await writeExcelJS(path.join(OUT, '31_青山镇_远端单元格.xlsx'), [s]);
    add('31_青山镇_远端单元格.xlsx', { unit: '青山镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 6 }), findings: [],
      what: 'normal table; a stray space at XFD1048576 and 草稿 at ZY3001; title merged across A1:IV1 (timing)' });
  }

  // 35 — a neighbour's file used as template: a leftover sheet names the neighbour.
  {
    const { s } = stdSheet('统计表', '桥头镇2018年度政府信息公开情况统计表', withVals({ '6': 7 }));
    const left = new Sheet('Sheet2');
    left.set(0, 0, '填报单位：沙湾镇人民政府'); left.set(1, 0, '联系人：李明'); left.set(2, 0, '联系电话：0951-6012345');
    await writeExcelJS(path.join(OUT, '35_桥头镇_借用模板.xlsx'), [s, left]);
    add('35_桥头镇_借用模板.xlsx', { unit: '桥头镇', year: 2018, sheet: '统计表', values: withVals({ '6': 7 }), findings: [],
      what: 'sheet 统计表 titled 桥头镇2018年度…; a leftover Sheet2 from the neighbour\'s template says 填报单位：沙湾镇人民政府' });
  }

  // 36 — the year only in the sheet name (README: "the sheet name").
  {
    const { s } = stdSheet('2018年', '河口镇政府信息公开情况统计表', withVals({ '6': 8 }));
    await writeExcelJS(path.join(OUT, '36_河口镇.xlsx'), [s]);
    add('36_河口镇.xlsx', { unit: '河口镇', year: 2018, sheet: '2018年', values: withVals({ '6': 8 }), findings: [],
      what: 'title 河口镇政府信息公开情况统计表 (no year); the sheet is named 2018年' });
  }

  // 37 — zeros written once in merged value cells.
  {
    const vals = withVals({ '3.3.4': 0, '3.3.4.3': 0, '3.3.3': 2, '4': 0, '4.1': 0, '6': 9 });
    const { s, t } = stdSheet('Sheet1', '马场乡2018年度政府信息公开情况统计表', vals, {
      table: { cellOf: (rw, k, v) => (rw.c.startsWith('3.3.4.') || /^[45](\.|$)/.test(rw.c)) ? undefined : v } });
    const R = t.codeRow;
    s.set(R['3.3.4.1'], 2, 0); s.merge(R['3.3.4.1'], 2, R['3.3.4.6'], 2);
    s.set(R['4'], 2, '无'); s.merge(R['4'], 2, R['5.3'], 2);
    await writeExcelJS(path.join(OUT, '37_马场乡_合并零值.xlsx'), [s]);
    add('37_马场乡_合并零值.xlsx', { unit: '马场乡', year: 2018, sheet: 'Sheet1', values: vals, findings: [],
      what: 'one 0 merged down the six 3.3.4.x value cells; one 无 merged down the value cells of 四 and 五 (8 rows)' });
  }

  // 38 — title only in the page header; file named 附件1.
  {
    const { s } = stdSheet('Sheet1', null, withVals({ '6': 10 }), { sheet: { header: '&C&"宋体,加粗"&16桃源镇2018年度政府信息公开情况统计表' } });
    await writeExcelJS(path.join(OUT, '附件1.xlsx'), [s]);
    add('附件1.xlsx', { unit: '桃源镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 10 }), findings: [], minor: true,
      what: 'no title row: the title 桃源镇2018年度… is the printed page header only; file 附件1.xlsx' });
  }

  // 39 — SheetJS (inline t="str" strings), labels with NBSP, ideographic and
  // zero-width spaces, full-width digits, half-width brackets; ○ in the year.
  {
    const odd = {
      '1.1': '(一)主动公开政府信息数\u00a0(不同渠道和方式公开相同信息计1条)',
      '1.1.1': '其中:主动公开规范性文件数',
      '3.1.1': '１．当面申请数',
      '3.1.2': '2、传\u200b真申请数',
      '3.2': '（二）\u3000申请办结数',
      '3.3.4.5': '不是“条例”所指政府信息',
      '8.3.2': '２.兼职人员数 ',
      '9.3': '(三)接受培训人员数（人次）',
    };
    const { s } = stdSheet('Sheet1', '顺河镇二○一八年度政府信息公开情况统计表', withVals({ '6': 11 }),
      { table: { labelOf: rw => odd[rw.c] || rw.l } });
    writeSheetJS(path.join(OUT, '39_顺河镇_SheetJS怪字符.xlsx'), [s]);
    add('39_顺河镇_SheetJS怪字符.xlsx', { unit: '顺河镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 11 }), findings: [],
      what: 'SheetJS file (strings as t="str"); labels with NBSP, U+3000, zero-width space, full-width digits, 2、 numbering, “条例” quotes; title year 二○一八 with U+25CB' });
  }

  // 41 — "total" row in the clerk's own words: 合计 written under a block.
  //      (three requests received were typed as the formula ="3" text)
  {
    const { s } = stdSheet('Sheet1', '白沙镇2018年度政府信息公开情况统计表', withVals({ '6': 12 }), {
      table: { cellOf: (rw, k, v) => rw.c === '3.1.3' ? { f: '"3"', v: '3' } : rw.c === '2.2.3' ? { v: true } : v } });
    writeSheetJS(path.join(OUT, '41_白沙镇_文本公式布尔.xlsx'), [s]);
    add('41_白沙镇_文本公式布尔.xlsx', { unit: '白沙镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 12, '2.2.3': null }),
      findings: [['not-a-number', '2.2.3', 'error']],
      what: 'SheetJS: 3.1.3 is a formula ="3" with cached string 3 (reads 3); 2.2.3 holds the boolean TRUE (not a number)' });
  }

  // 42 — a 2018 table whose value column is filled by formulas pointing at a
  //      hidden worksheet of raw figures, cached values present (SheetJS).
  {
    const raw = new Sheet('底稿', { hidden: true });
    const { s, t } = stdSheet('统计表', '柏林镇2018年度政府信息公开情况统计表', withVals({ '6': 13 }));
    let i = 0;
    for (const [code, r] of Object.entries(t.codeRow)) {
      const v = withVals({ '6': 13 })[code];
      raw.set(i, 0, row(code).l.replace(/\n/g, '')); raw.set(i, 1, v);
      s.set(r, 2, { f: `底稿!B${i + 1}`, v });
      i++;
    }
    writeSheetJS(path.join(OUT, '42_柏林镇_引用隐藏底稿.xlsx'), [s, raw]);
    add('42_柏林镇_引用隐藏底稿.xlsx', { unit: '柏林镇', year: 2018, sheet: '统计表', values: withVals({ '6': 13 }), findings: [],
      what: 'every value is =底稿!Bn with its cached value; the raw sheet 底稿 is hidden and holds the labels in column A and numbers in B' });
  }


  // 44 — last year's table kept above this year's on the same sheet.
  {
    const s = new Sheet('Sheet1');
    s.set(0, 0, '大营镇2017年度政府信息公开情况统计表'); s.merge(0, 0, 0, 2);
    const t1 = table(s, 2, { col: { label: 0, unit: 1, valCols: [2], vals: ['v'] }, header: { 0: '统计指标', 1: '单位', 2: '统计数' },
      values: { v: PREV }, headingMerge: true });
    const r2 = t1.next + 2;
    s.set(r2, 0, '大营镇2018年度政府信息公开情况统计表'); s.merge(r2, 0, r2, 2);
    table(s, r2 + 2, { col: { label: 0, unit: 1, valCols: [2], vals: ['v'] }, header: { 0: '统计指标', 1: '单位', 2: '统计数' },
      values: { v: BASE }, headingMerge: true });
    await writeExcelJS(path.join(OUT, '44_大营镇_上下两年.xlsx'), [s]);
    add('44_大营镇_上下两年.xlsx', { unit: '大营镇', year: 2018, sheet: 'Sheet1', values: BASE, findings: [['schema', '', 'warning']],
      what: 'one sheet: the 2017 table (own title 大营镇2017年度…) on top, the 2018 table (own title) below it; the 2018 table is the report (a note about the second table is welcome)' });
  }

  // 45 — section 九 typed one column to the right (C empty, numbers in D).
  {
    const { s, t } = stdSheet('Sheet1', '沙河镇2018年度政府信息公开情况统计表', withVals({ '6': 16 }), {
      table: { cellOf: (rw, k, v) => rw.c.startsWith('9.') ? undefined : v } });
    for (const c of ['9.1', '9.2', '9.3']) s.set(t.codeRow[c], 3, BASE[c]);
    await writeExcelJS(path.join(OUT, '45_沙河镇_错列.xlsx'), [s]);
    add('45_沙河镇_错列.xlsx', { unit: '沙河镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 16, '9.1': 0, '9.2': 0, '9.3': 0 }),
      findings: [['extra-row', '9.1', 'warning']], blanks: ['9.1', '9.2', '9.3'],
      what: 'the three 九 values (3, 2, 26) typed into column D next to the empty value column C; the auditor sees numbers outside the table column and asks the clerk (tally: blank ×3 at least, better a warning about numbers in D)' });
  }

  // 47 — rich-text labels and values (mixed fonts), exceljs.
  {
    const rt = (t) => ({ richText: [{ text: t.slice(0, 3) }, { font: { bold: true, name: '宋体' }, text: t.slice(3) }] });
    const { s } = stdSheet('Sheet1', '丰收镇2018年度政府信息公开情况统计表', withVals({ '6': 17 }), {
      table: { labelOf: rw => rw.h ? rw.l : { v: rt(rw.l) }, cellOf: (rw, k, v) => rw.c === '1.1' ? { v: { richText: [{ text: '14' }, { font: { color: { argb: 'FFFF0000' } }, text: '2' }] } } : v } });
    await writeExcelJS(path.join(OUT, '47_丰收镇_富文本.xlsx'), [s]);
    add('47_丰收镇_富文本.xlsx', { unit: '丰收镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 17 }), findings: [],
      what: 'every label is rich text (two runs, second bold); 1.1 is the rich-text string 14|2 (last digit red) = 142' });
  }

  // 49 — a decimal hidden by the number format "0": 9.3 holds 25.6, shows 26.
  {
    const { s } = stdSheet('Sheet1', '高山镇2018年度政府信息公开情况统计表', withVals({ '6': 18 }), {
      table: { cellOf: (rw, k, v) => rw.c === '9.3' ? { v: 25.6, fmt: '0' } : v } });
    await writeExcelJS(path.join(OUT, '49_高山镇_隐藏小数.xlsx'), [s]);
    add('49_高山镇_隐藏小数.xlsx', { unit: '高山镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 18, '9.3': 25.6 }),
      findings: [['non-integer', '9.3', 'error']],
      what: '9.3 holds 25.6 formatted "0" (shows 26): a real non-integer; the message should say the cell shows 26 but holds 25.6' });
  }

  // 53 — 填报单位 with the district and the unit separated by a space.
  {
    const { s } = stdSheet('Sheet1', '2018年度政府信息公开情况统计表', withVals({ '6': 19 }),
      { lines: [['填报单位：银川市兴庆区 大新镇人民政府', null, null]] });
    await writeExcelJS(path.join(OUT, '53_填报单位带区名.xlsx'), [s]);
    add('53_填报单位带区名.xlsx', { unit: '大新镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 19 }), findings: [],
      what: '填报单位：银川市兴庆区 大新镇人民政府 (a space between district and unit); no other name anywhere' });
  }

  // 56 — the unit only in the sheet name (README: "the sheet name").
  {
    const { s } = stdSheet('镇北镇', '2018年度政府信息公开情况统计表', withVals({ '6': 20 }));
    await writeExcelJS(path.join(OUT, '附件3.xlsx'), [s]);
    add('附件3.xlsx', { unit: '镇北镇', year: 2018, sheet: '镇北镇', values: withVals({ '6': 20 }), findings: [],
      what: 'title 2018年度政府信息公开情况统计表; the sheet is named 镇北镇; file 附件3.xlsx' });
  }

  // 60 — one sheet per quarter and a 全年 sheet last.
  {
    const sheets = [];
    const q = ['一季度', '二季度', '三季度', '四季度'];
    for (const name of q) {
      const v = {}; for (const c of L.VALUE_CODES) v[c] = 0;
      v['8.1'] = 1; v['8.2'] = 2; v['8.3'] = 3; v['8.3.1'] = 1; v['8.3.2'] = 2;
      sheets.push(stdSheet(name, `前进镇2018年${name}政府信息公开情况统计表`, v).s);
    }
    sheets.push(stdSheet('全年', '前进镇2018年度政府信息公开情况统计表', withVals({ '6': 21 })).s);
    await writeExcelJS(path.join(OUT, '60_前进镇_分季度工作表.xlsx'), sheets);
    add('60_前进镇_分季度工作表.xlsx', { unit: '前进镇', year: 2018, sheet: '全年', values: withVals({ '6': 21 }), findings: [['schema', '', 'warning']],
      what: 'sheets 一季度, 二季度, 三季度, 四季度 (quarterly tables) and 全年 (the annual table, last); the 全年 sheet is the annual report' });
  }

  // 61 — the official 填表说明 under the table, naming indicators.
  {
    const { s, t } = stdSheet('Sheet1', '长青镇2018年度政府信息公开情况统计表', withVals({ '6': 22 }));
    const notes = ['填表说明：',
      '1.收到申请数=当面申请数+传真申请数+网络申请数+信函申请数。',
      '2.申请办结数=按时办结数+延期办结数。',
      '3.申请答复数应等于申请办结数。',
      '4.主动公开政府信息数中，不同渠道和方式公开相同信息计1条。'];
    notes.forEach((n, i) => { s.set(t.next + 1 + i, 0, n); s.merge(t.next + 1 + i, 0, t.next + 1 + i, 2); });
    await writeExcelJS(path.join(OUT, '61_长青镇_填表说明.xlsx'), [s]);
    add('61_长青镇_填表说明.xlsx', { unit: '长青镇', year: 2018, sheet: 'Sheet1', values: withVals({ '6': 22 }), findings: [],
      what: 'under the table: 填表说明： then four numbered notes that name indicators (1.收到申请数=当面申请数+…), each merged across A:C' });
  }

  fs.writeFileSync(path.join(__dirname, 'truth.json'), JSON.stringify(truth, null, 1));
  console.log('wrote', truth.length, 'cases');
}

main().catch(e => { console.error(e); process.exit(1); });
