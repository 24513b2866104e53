#!/usr/bin/env bash
# Times the whole consolidate job (read, validate, cross-check, write the
# workbook and the log) on N township workbooks made from the sample
# district, against a floor reader and, when it is installed, an openpyxl
# script that only reads and sums; checks the figures against the goals.
#
#   scripts/bench.sh [N]        N defaults to 10000; RUNS=3 runs each, medians
#
# Needs Go; openpyxl is optional (apt-get install python3-openpyxl).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-10000}
RUNS=${RUNS:-3}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/tally-bench}
mkdir -p "$WORK"

go build -o "$WORK/tally" .
go build -o "$WORK/bench" ./tools/bench
IN="$WORK/in-$N"
if [ ! -d "$IN" ]; then
  echo "making $N workbooks in $IN"
  "$WORK/bench" gen -n "$N" -out "$IN.tmp" && mv "$IN.tmp" "$IN"
fi
ONE=$(find "$IN" -name "*.xlsx" -print -quit)
CORES=$(getconf _NPROCESSORS_ONLN)

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

# The floor: inflate each workbook's sheets and shared strings, scan once,
# on every core; the median of RUNS runs.
floor_runs=()
for _ in $(seq "$RUNS"); do
  floor_runs+=("$("$WORK/bench" floor "$IN" | sed -n 's/.* \([0-9.]*\) s, .*/\1/p')")
done
FLOOR=$(printf '%s\n' "${floor_runs[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")

JOB=$("$WORK/bench" time -runs "$RUNS" "$WORK/tally" consolidate --name 兴庆区 \
  --out "$WORK/out.xlsx" --log "$WORK/差异.xlsx" --format csv "$IN" 2>/dev/null)
JOB_S=$(echo "$JOB" | field median_s)
JOB_RSS=$(echo "$JOB" | field max_rss_kib)

ONE_RUN=$("$WORK/bench" time -runs 21 "$WORK/tally" validate "$ONE")
ONE_S=$(echo "$ONE_RUN" | field median_s)

PY=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
PY_MS=""
if [ -n "$PY" ]; then
  LIMIT=$(( N < 1000 ? N : 1000 ))
  PY_MS=$("$PY" scripts/openpyxl_sum.py "$IN" "$LIMIT" | field per_workbook_ms)
fi

awk -v n="$N" -v cores="$CORES" -v floor="$FLOOR" -v job="$JOB_S" -v rss="$JOB_RSS" \
    -v one="$ONE_S" -v py="$PY_MS" 'BEGIN {
  per = job * 1000 / n
  budget = 30 * 1024 + 8 * n   # KiB
  printf "%d workbooks, %d cores, median of runs\n", n, cores
  printf "  floor reader        %8.3f s  %7.3f ms/workbook\n", floor, floor * 1000 / n
  printf "  tally consolidate   %8.3f s  %7.3f ms/workbook  %.1f x the floor   (goal: at most 5 x)\n", job, per, job / floor
  printf "  peak memory         %8.1f MiB   budget 30 MiB + 8 KiB x %d = %.1f MiB\n", rss / 1024, n, budget / 1024
  printf "  one-workbook run    %8.1f ms   (goal: within 20 ms)\n", one * 1000
  if (py != "") printf "  openpyxl read+sum   %8.3f ms/workbook  tally is %.1f x faster per workbook   (goal: at least 10 x)\n", py, py / per
  else print "  openpyxl            not installed (apt-get install python3-openpyxl), not compared"
}'
