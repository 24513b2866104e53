#!/usr/bin/python3
"""Open workbooks with openpyxl, as a Python user of tally's outputs does,
with every Python warning taken as an error. Prints, as JSON, each path's
sheet names or why openpyxl refused it:
  {"a.xlsx": {"sheets": ["汇总", "明细"]}, "b.xlsx": {"error": "ValueError: …"}}
"""
import json
import sys
import warnings

warnings.simplefilter("error")

import openpyxl  # noqa: E402  (after the warnings filter, which covers its import)


def main():
    out = {}
    for path in sys.argv[1:]:
        try:
            wb = openpyxl.load_workbook(path)
            out[path] = {"sheets": wb.sheetnames}
            wb.close()
        except Exception as e:  # any refusal is the answer
            out[path] = {"error": "%s: %s" % (type(e).__name__, e)}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
