#!/usr/bin/python3
"""Drive LibreOffice through UNO for tally's tests: open a workbook, type
values into cells as a user would, recalculate, read cells back with their
protection, validation and conditional formats, and save as .xlsx.

Request (JSON on stdin):
  {"in": "t.xlsx", "out": "filled.xlsx", "sheet": "统计表",
   "set": {"C5": 135, "C6": "0"}, "read": ["D25", "A5", "C5"]}
Reply (JSON on stdout):
  {"protected": true, "cells": {"D25": {"text": "✓", "locked": true,
   "validation": "WHOLE", "conditional": 1}, ...}}

A second request opens many workbooks as a clerk's office does, and prints
each sheet of them to a PDF of its own, as the sheet's page setup says
(print area, scale, orientation, titles):
  {"check": [{"path": "a.xlsx", "pdf": "/tmp/out/a", "sheets": null}]}
Reply:
  {"files": [{"path": "a.xlsx", "loaded": true, "interactions": [],
    "sheets": [{"name": "汇总", "pdf": "/tmp/out/a-0.pdf", "landscape": false,
      "paper": [21000, 29700], "used": [3, 60], "colBreaks": [], "rowBreaks": [[49, false]],
      "titleRows": [3, 3], "titleCols": null, "csv": "/tmp/out/a-0.csv"}]}]}
"loaded" is false when the workbook does not load; "interactions" lists every
question LibreOffice asked while loading (a file it offers to repair asks
one). "sheets" lists the sheets named in the request ("sheets": null for
every sheet; "pdf": "" prints none); "used" is the last used column and row
(0-based), the breaks are the pages' first columns and rows within them (and
whether the file asked for the break), the titles the rows and columns
repeated on every page, and "csv" a CSV file of the sheet's cells as
LibreOffice shows them.

Run with Debian's /usr/bin/python3, which has the uno module (python3-uno).
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
import unohelper
from com.sun.star.beans import PropertyValue
from com.sun.star.task import XInteractionHandler


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Questions(unohelper.Base, XInteractionHandler):
    """Records every question LibreOffice asks, and answers no."""

    def __init__(self):
        self.asked = []

    def handle(self, request):
        r = request.getRequest()
        what = getattr(r, "typeName", None) or type(r).__name__
        msg = getattr(r, "Message", "")
        self.asked.append((what + ": " + msg) if msg else what)
        conts = request.getContinuations()
        for kind in ("Abort", "Disapprove"):
            for c in conts:
                if kind in c.typeName:
                    c.select()
                    return
        if conts:
            conts[0].select()


def sheet_facts(doc, sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    used = cursor.getRangeAddress()
    last_col, last_row = used.EndColumn, used.EndRow
    style = doc.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
    facts = {
        "name": sheet.Name,
        "landscape": bool(style.IsLandscape),
        "paper": [style.Width, style.Height],
        "scale": [style.PageScale, style.ScaleToPagesX, style.ScaleToPagesY],
        "used": [last_col, last_row],
        "colBreaks": [[b.Position, b.ManualBreak] for b in sheet.getColumnPageBreaks()
                      if 0 < b.Position <= last_col],
        "rowBreaks": [[b.Position, b.ManualBreak] for b in sheet.getRowPageBreaks()
                      if 0 < b.Position <= last_row],
        "titleRows": None,
        "titleCols": None,
    }
    if sheet.PrintTitleRows:
        facts["titleRows"] = [sheet.TitleRows.StartRow, sheet.TitleRows.EndRow]
    if sheet.PrintTitleColumns:
        facts["titleCols"] = [sheet.TitleColumns.StartColumn, sheet.TitleColumns.EndColumn]
    return facts


def check(desktop, item):
    """Opens one workbook, and prints the sheets asked for."""
    questions = Questions()
    out = {"path": item["path"], "loaded": False, "interactions": questions.asked, "sheets": []}
    url = uno.systemPathToFileUrl(os.path.abspath(item["path"]))
    try:
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (
            prop("Hidden", True), prop("InteractionHandler", questions)))
    except Exception as e:  # a file it cannot load at all
        out["error"] = str(e)
        return out
    if doc is None:
        return out
    try:
        out["loaded"] = True
        out["sheetNames"] = list(doc.Sheets.ElementNames)
        wanted = item.get("sheets")
        for i, name in enumerate(doc.Sheets.ElementNames):
            if wanted is not None and name not in wanted:
                continue
            sheet = doc.Sheets.getByName(name)
            pdf = ""
            if item.get("pdf"):
                pdf = "%s-%d.pdf" % (item["pdf"], i)
                data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("Selection", sheet), prop("ExportNotes", False)))
                doc.storeToURL(uno.systemPathToFileUrl(pdf), (
                    prop("FilterName", "calc_pdf_Export"), prop("FilterData", data)))
            facts = sheet_facts(doc, sheet)
            facts["pdf"] = pdf
            if item.get("pdf"):
                # The text of every cell as shown, in a CSV of its own
                # (LibreOffice names it after the sheet).
                base = "%s-%d" % (item["pdf"], i)
                doc.storeToURL(uno.systemPathToFileUrl(base + ".csv"), (
                    prop("FilterName", "Text - txt - csv (StarCalc)"),
                    prop("FilterOptions", "44,34,76,1,,0,false,true,true,false,false,%d" % (i + 1))))
                made = glob.glob(glob.escape(base) + "*.csv")
                facts["csv"] = made[0] if len(made) == 1 else ""
            out["sheets"].append(facts)
    finally:
        doc.close(True)
    return out


def main():
    req = json.load(sys.stdin)
    profile = tempfile.mkdtemp(prefix="tally-uno-")
    pipe = "tally-uno-%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(240):
            try:
                ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.25)
        if ctx is None:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        if "check" in req:
            print(json.dumps({"files": [check(desktop, item) for item in req["check"]]}, ensure_ascii=False))
            return
        url = uno.systemPathToFileUrl(os.path.abspath(req["in"]))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        sheet = doc.Sheets.getByName(req["sheet"])
        for ref, value in req.get("set", {}).items():
            cell = sheet.getCellRangeByName(ref)
            if isinstance(value, str):
                cell.setFormula(value)  # as typed: "12" becomes a number, "见附件" text
            else:
                cell.setValue(value)
        doc.calculateAll()
        reply = {"protected": sheet.isProtected(), "cells": {}}
        for ref in req.get("read", []):
            cell = sheet.getCellRangeByName(ref)
            reply["cells"][ref] = {
                "text": cell.getString(),
                "locked": cell.CellProtection.IsLocked,
                "validation": cell.Validation.Type.value,
                "conditional": cell.ConditionalFormat.getCount(),
            }
        if req.get("out"):
            out = uno.systemPathToFileUrl(os.path.abspath(req["out"]))
            doc.storeToURL(out, (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        print(json.dumps(reply, ensure_ascii=False))
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
