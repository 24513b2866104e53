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

Run with Debian's /usr/bin/python3, which has the uno module (python3-uno).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


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
