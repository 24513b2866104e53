// Shared model for the adversarial workbooks: the official 2018 rows (as the
// seed prints them), base figures, a tiny sheet model, and writers for
// exceljs and SheetJS.
'use strict';
const ExcelJS = require('exceljs');
const XLSX = require('xlsx');

// The rows of the official table, in the seed's order and wording.
// split: how the label breaks across two lines in the seed (Word).
const ROWS = [
  { c: '1', l: '一、主动公开情况', h: true },
  { c: '1.1', l: '（一）主动公开政府信息数', split: ['（一）主动公开政府信息数', '（不同渠道和方式公开相同信息计1条）'], u: '条' },
  { c: '1.1.1', l: '其中：主动公开规范性文件数', u: '条' },
  { c: '1.1.2', l: '制发规范性文件总数', u: '件' },
  { c: '1.2', l: '（二）通过不同渠道和方式公开政府信息的情况', h: true },
  { c: '1.2.1', l: '1.政府公报公开政府信息数', u: '条' },
  { c: '1.2.2', l: '2.政府网站公开政府信息数', u: '条' },
  { c: '1.2.3', l: '3.政务微博公开政府信息数', u: '条' },
  { c: '1.2.4', l: '4.政务微信公开政府信息数', u: '条' },
  { c: '1.2.5', l: '5.其他方式公开政府信息数', u: '条' },
  { c: '2', l: '二、回应解读情况', h: true },
  { c: '2.1', l: '（一）回应公众关注热点或重大舆情数', split: ['（一）回应公众关注热点或重大舆情数', '（不同方式回应同一热点或舆情计1次）'], u: '次' },
  { c: '2.2', l: '（二）通过不同渠道和方式回应解读的情况', h: true },
  { c: '2.2.1', l: '1.参加或举办新闻发布会总次数', u: '次' },
  { c: '2.2.1.1', l: '其中：主要负责同志参加新闻发布会次数', u: '次' },
  { c: '2.2.2', l: '2.政府网站在线访谈次数', u: '次' },
  { c: '2.2.2.1', l: '其中：主要负责同志参加政府网站在线访谈次数', split: ['其中：主要负责同志参加政府网站在线访', '谈次数'], u: '次' },
  { c: '2.2.3', l: '3.政策解读稿件发布数', u: '篇' },
  { c: '2.2.4', l: '4.微博微信回应事件数', u: '次' },
  { c: '2.2.5', l: '5.其他方式回应事件数', u: '次' },
  { c: '3', l: '三、依申请公开情况', h: true },
  { c: '3.1', l: '（一）收到申请数', u: '件' },
  { c: '3.1.1', l: '1.当面申请数', u: '件' },
  { c: '3.1.2', l: '2.传真申请数', u: '件' },
  { c: '3.1.3', l: '3.网络申请数', u: '件' },
  { c: '3.1.4', l: '4.信函申请数', u: '件' },
  { c: '3.2', l: '（二）申请办结数', u: '件' },
  { c: '3.2.1', l: '1.按时办结数', u: '件' },
  { c: '3.2.2', l: '2.延期办结数', u: '件' },
  { c: '3.3', l: '（三）申请答复数', u: '件' },
  { c: '3.3.1', l: '1.属于已主动公开范围数', u: '件' },
  { c: '3.3.2', l: '2.同意公开答复数', u: '件' },
  { c: '3.3.3', l: '3.同意部分公开答复数', u: '件' },
  { c: '3.3.4', l: '4.不同意公开答复数', u: '件' },
  { c: '3.3.4.1', l: '其中：涉及国家秘密', u: '件' },
  { c: '3.3.4.2', l: '涉及商业秘密', u: '件' },
  { c: '3.3.4.3', l: '涉及个人隐私', u: '件' },
  { c: '3.3.4.4', l: '危及国家安全、公共安全、经济安全和社会稳定', split: ['危及国家安全、公共安全、经济', '安全和社会稳定'], u: '件' },
  { c: '3.3.4.5', l: '不是《条例》所指政府信息', u: '件' },
  { c: '3.3.4.6', l: '法律法规规定的其他情形', u: '件' },
  { c: '3.3.5', l: '5.不属于本行政机关公开数', u: '件' },
  { c: '3.3.6', l: '6.申请信息不存在数', u: '件' },
  { c: '3.3.7', l: '7.告知作出更改补充数', u: '件' },
  { c: '3.3.8', l: '8.告知通过其他途径办理数', u: '件' },
  { c: '4', l: '四、行政复议数量', u: '件' },
  { c: '4.1', l: '（一）维持具体行政行为数', u: '件' },
  { c: '4.2', l: '（二）被依法纠错数', u: '件' },
  { c: '4.3', l: '（三）其他情形数', u: '件' },
  { c: '5', l: '五、行政诉讼数量', u: '件' },
  { c: '5.1', l: '（一）维持具体行政行为或者驳回原告诉讼请求数', split: ['（一）维持具体行政行为或者驳回原告诉讼请', '求数'], u: '件' },
  { c: '5.2', l: '（二）被依法纠错数', u: '件' },
  { c: '5.3', l: '（三）其他情形数', u: '件' },
  { c: '6', l: '六、举报投诉数量', u: '件' },
  { c: '7', l: '七、依申请公开信息收取的费用', u: '万元' },
  { c: '8', l: '八、机构建设和保障经费情况', h: true },
  { c: '8.1', l: '（一）政府信息公开工作专门机构数', u: '个' },
  { c: '8.2', l: '（二）设置政府信息公开查阅点数', u: '个' },
  { c: '8.3', l: '（三）从事政府信息公开工作人员数', u: '人' },
  { c: '8.3.1', l: '1.专职人员数（不包括政府公报及政府网站工作人员数）', split: ['1.专职人员数（不包括政府公报及政府', '网站工作人员数）'], u: '人' },
  { c: '8.3.2', l: '2.兼职人员数', u: '人' },
  { c: '8.4', l: '（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面经费）', split: ['（四）政府信息公开专项经费（不包括用于政府', '公报编辑管理及政府网站建设维护等方面经费）'], u: '万元' },
  { c: '9', l: '九、政府信息公开会议和培训情况', h: true },
  { c: '9.1', l: '（一）召开政府信息公开工作会议或专题会议数', u: '次' },
  { c: '9.2', l: '（二）举办各类培训班数', u: '次' },
  { c: '9.3', l: '（三）接受培训人员数', u: '人次' },
];
const VALUE_CODES = ROWS.filter(r => !r.h).map(r => r.c);

// Base figures: every rule passes (warnings included).
const BASE = {
  '1.1': 142, '1.1.1': 6, '1.1.2': 8,
  '1.2.1': 0, '1.2.2': 142, '1.2.3': 57, '1.2.4': 96, '1.2.5': 31,
  '2.1': 4, '2.2.1': 2, '2.2.1.1': 1, '2.2.2': 1, '2.2.2.1': 0, '2.2.3': 5, '2.2.4': 27, '2.2.5': 9,
  '3.1': 9, '3.1.1': 4, '3.1.2': 0, '3.1.3': 3, '3.1.4': 2,
  '3.2': 9, '3.2.1': 8, '3.2.2': 1,
  '3.3': 9, '3.3.1': 2, '3.3.2': 3, '3.3.3': 1, '3.3.4': 1,
  '3.3.4.1': 0, '3.3.4.2': 0, '3.3.4.3': 1, '3.3.4.4': 0, '3.3.4.5': 0, '3.3.4.6': 0,
  '3.3.5': 1, '3.3.6': 1, '3.3.7': 0, '3.3.8': 0,
  '4': 1, '4.1': 1, '4.2': 0, '4.3': 0,
  '5': 0, '5.1': 0, '5.2': 0, '5.3': 0,
  '6': 2, '7': 0,
  '8.1': 1, '8.2': 2, '8.3': 3, '8.3.1': 1, '8.3.2': 2, '8.4': 0.5,
  '9.1': 3, '9.2': 2, '9.3': 26,
};
// Last year's figures (2017), also consistent.
const PREV = {
  '1.1': 118, '1.1.1': 3, '1.1.2': 5,
  '1.2.1': 0, '1.2.2': 118, '1.2.3': 40, '1.2.4': 66, '1.2.5': 22,
  '2.1': 2, '2.2.1': 1, '2.2.1.1': 1, '2.2.2': 0, '2.2.2.1': 0, '2.2.3': 3, '2.2.4': 15, '2.2.5': 6,
  '3.1': 5, '3.1.1': 3, '3.1.2': 0, '3.1.3': 1, '3.1.4': 1,
  '3.2': 5, '3.2.1': 5, '3.2.2': 0,
  '3.3': 5, '3.3.1': 1, '3.3.2': 2, '3.3.3': 1, '3.3.4': 0,
  '3.3.4.1': 0, '3.3.4.2': 0, '3.3.4.3': 0, '3.3.4.4': 0, '3.3.4.5': 0, '3.3.4.6': 0,
  '3.3.5': 1, '3.3.6': 0, '3.3.7': 0, '3.3.8': 0,
  '4': 0, '4.1': 0, '4.2': 0, '4.3': 0,
  '5': 0, '5.1': 0, '5.2': 0, '5.3': 0,
  '6': 1, '7': 0,
  '8.1': 1, '8.2': 1, '8.3': 2, '8.3.1': 0, '8.3.2': 2, '8.4': 0.3,
  '9.1': 2, '9.2': 1, '9.3': 18,
};

function row(code) { return ROWS.find(r => r.c === code); }
function withVals(over) { return Object.assign({}, BASE, over || {}); }

// ---- sheet model --------------------------------------------------------
// A sheet: name, hidden, cells keyed "r,c" (0-based) -> cell object:
//   {v}  value (number or string), {f} formula (no cached value unless v given),
//   {fmt} number format, {date: Date}, {shared: {ref} | {master: 'A1'}}
class Sheet {
  constructor(name, opt = {}) {
    this.name = name; this.hidden = !!opt.hidden; this.cells = new Map();
    this.merges = []; this.hiddenRows = new Set(); this.hiddenCols = new Set();
    this.widths = {}; this.header = opt.header || null;
  }
  set(r, c, v) { this.cells.set(r + ',' + c, (v !== null && typeof v === 'object' && !(v instanceof Date)) ? v : { v }); return this; }
  get(r, c) { return this.cells.get(r + ',' + c); }
  merge(r1, c1, r2, c2) { this.merges.push([r1, c1, r2, c2]); return this; }
}

function a1(r, c) {
  let s = ''; c += 1;
  while (c > 0) { const m = (c - 1) % 26; s = String.fromCharCode(65 + m) + s; c = Math.floor((c - 1) / 26); }
  return s + (r + 1);
}

// ---- writers ------------------------------------------------------------
async function writeExcelJS(path, sheets, opt = {}) {
  const wb = new ExcelJS.Workbook();
  wb.creator = opt.creator || 'Administrator';
  for (const s of sheets) {
    const o = { state: s.hidden ? 'hidden' : 'visible' };
    if (s.header) o.headerFooter = { oddHeader: s.header };
    const ws = wb.addWorksheet(s.name, o);
    for (const [k, cell] of s.cells) {
      const [r, c] = k.split(',').map(Number);
      const x = ws.getCell(a1(r, c));
      if (cell.f !== undefined) {
        const val = { formula: cell.f };
        if (cell.v !== undefined) val.result = cell.v;
        if (cell.shared && cell.shared.ref) { val.shareType = 'shared'; val.ref = cell.shared.ref; }
        x.value = val;
      } else if (cell.shared && cell.shared.master) {
        const val = { sharedFormula: cell.shared.master };
        if (cell.v !== undefined) val.result = cell.v;
        x.value = val;
      } else if (cell.date) {
        x.value = cell.date;
      } else {
        x.value = cell.v;
      }
      if (cell.fmt) x.numFmt = cell.fmt;
      if (cell.wrap) x.alignment = { wrapText: true, vertical: 'middle' };
    }
    for (const [r1, c1, r2, c2] of s.merges) ws.mergeCells(a1(r1, c1) + ':' + a1(r2, c2));
    for (const r of s.hiddenRows) ws.getRow(r + 1).hidden = true;
    for (const c of s.hiddenCols) ws.getColumn(c + 1).hidden = true;
    for (const c in s.widths) ws.getColumn(Number(c) + 1).width = s.widths[c];
  }
  await wb.xlsx.writeFile(path);
}

function writeSheetJS(path, sheets, opt = {}) {
  const wb = XLSX.utils.book_new();
  wb.Workbook = { Sheets: [] };
  for (const s of sheets) {
    const ws = {};
    let maxR = 0, maxC = 0;
    for (const [k, cell] of s.cells) {
      const [r, c] = k.split(',').map(Number);
      maxR = Math.max(maxR, r); maxC = Math.max(maxC, c);
      const x = {};
      if (cell.f !== undefined) { x.f = cell.f; x.t = 'n'; if (cell.v !== undefined) { x.v = cell.v; x.t = typeof cell.v === 'number' ? 'n' : 's'; } }
      else if (cell.date) { x.t = 'n'; x.v = excelSerial(cell.date); x.z = cell.fmt || 'yyyy/m/d'; }
      else if (typeof cell.v === 'number') { x.t = 'n'; x.v = cell.v; }
      else if (typeof cell.v === 'boolean') { x.t = 'b'; x.v = cell.v; }
      else if (cell.v === undefined || cell.v === null) { x.t = 'z'; }
      else { x.t = 's'; x.v = String(cell.v); }
      if (cell.fmt) x.z = cell.fmt;
      ws[a1(r, c)] = x;
    }
    ws['!ref'] = 'A1:' + a1(maxR, maxC);
    ws['!merges'] = s.merges.map(([r1, c1, r2, c2]) => ({ s: { r: r1, c: c1 }, e: { r: r2, c: c2 } }));
    if (s.hiddenRows.size) { ws['!rows'] = []; for (const r of s.hiddenRows) ws['!rows'][r] = { hidden: true }; }
    if (s.hiddenCols.size || Object.keys(s.widths).length) {
      ws['!cols'] = [];
      for (const c in s.widths) ws['!cols'][c] = { wch: s.widths[c] };
      for (const c of s.hiddenCols) ws['!cols'][c] = Object.assign(ws['!cols'][c] || {}, { hidden: true });
    }
    XLSX.utils.book_append_sheet(wb, ws, s.name);
    wb.Workbook.Sheets.push({ name: s.name, Hidden: s.hidden ? 1 : 0 });
  }
  XLSX.writeFile(wb, path, { bookSST: !!opt.sst, cellDates: false });
}

function excelSerial(d) { return (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(1899, 11, 30)) / 86400000; }

// ---- table builder ------------------------------------------------------
// Writes the official table into sheet s starting at row r0. Options:
//   col: {seq, label, unit, vals:[...keys], note} column indexes (-1 = absent)
//   values: {key: dataset}, where key names a value column in col.vals
//   labelOf(row) -> text, unitOf(row) -> text
//   cellOf(row, key, value) -> cell object or raw value
//   order: list of codes to write (default all)
//   headingMerge: merge heading rows across the table width
//   header: array of header texts per column index, or false
// Returns {codeRow: {code: r}, next: r}
function table(s, r0, o) {
  const col = o.col || { label: 0, unit: 1, vals: [2] };
  const width = o.width || Math.max(col.label, col.unit ?? -1, ...col.valCols, col.note ?? -1, col.seq ?? -1) + 1;
  let r = r0;
  if (o.header !== false) {
    const hdr = o.header || {};
    for (const c in hdr) s.set(r, Number(c), hdr[c]);
    r++;
  }
  const codeRow = {};
  const order = o.order || ROWS.map(x => x.c);
  let seq = 0;
  for (const code of order) {
    const rw = row(code);
    if (o.skip && o.skip.includes(code)) continue;
    const label = o.labelOf ? o.labelOf(rw) : (rw.split ? rw.split.join('\n') : rw.l);
    if (rw.h) {
      s.set(r, col.label, label);
      if (o.headingMerge) s.merge(r, Math.min(col.label, col.seq ?? 99), r, width - 1);
      r++; continue;
    }
    if (col.seq !== undefined && col.seq >= 0) s.set(r, col.seq, ++seq);
    s.set(r, col.label, label);
    if (col.unit >= 0) s.set(r, col.unit, o.unitOf ? o.unitOf(rw) : rw.u);
    col.valCols.forEach((vc, i) => {
      const key = col.vals[i];
      const v = o.values[key][code];
      const cell = o.cellOf ? o.cellOf(rw, key, v, r, vc) : v;
      if (cell !== undefined) s.set(r, vc, cell);
    });
    codeRow[code] = r;
    r++;
    if (o.after && o.after[code]) r = o.after[code](s, r);
  }
  return { codeRow, next: r };
}

module.exports = { ROWS, VALUE_CODES, BASE, PREV, row, withVals, Sheet, a1, writeExcelJS, writeSheetJS, table, excelSerial };
