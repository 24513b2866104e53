#!/usr/bin/env python3
"""What a clerk's script would do instead of tally: open every workbook in a
folder with openpyxl and add up the numbers of each sheet's third column.
It checks nothing; scripts/bench.sh times it against tally.

    python3 scripts/openpyxl_sum.py FOLDER [LIMIT]
"""
import glob
import os
import sys
import time

import openpyxl


def main():
    folder = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    paths = sorted(glob.glob(os.path.join(folder, "*.xls[xm]")))[:limit]
    start = time.perf_counter()
    total = 0.0
    for path in paths:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(min_col=3, max_col=3, values_only=True):
                v = row[0]
                if isinstance(v, (int, float)):
                    total += v
        wb.close()
    elapsed = time.perf_counter() - start
    print("openpyxl: %d workbooks, sum %.2f, %.3f s, %.3f ms per workbook"
          % (len(paths), total, elapsed, elapsed * 1000 / max(len(paths), 1)))
    print("median_s=%.4f per_workbook_ms=%.4f" % (elapsed, elapsed * 1000 / max(len(paths), 1)))


if __name__ == "__main__":
    main()
