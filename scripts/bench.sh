#!/usr/bin/env bash
# Times the whole consolidate job (read, validate, cross-check, write the
# workbook and the log) on N township workbooks made from the sample
# district, against a floor reader and, when it is installed, an openpyxl
# script that only reads and sums; checks the figures against the goals.
#
#   scripts/bench.sh [N]        N defaults to 10000; RUNS=3 runs each: medians,
#                               and the highest peak memory of the runs
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

# The floor (inflate each workbook's sheets and shared strings, scan once, on
# every core) and the whole job run in turns, RUNS times each, so that the
# load of a shared machine weighs on both alike; the ratio is the median of
# the runs' ratios, the times are medians.
floor_runs=(); job_runs=(); ratios=(); JOB_RSS=0
median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
for _ in $(seq "$RUNS"); do
  f=$("$WORK/bench" floor "$IN" | sed -n 's/.* \([0-9.]*\) s, .*/\1/p')
  j=$("$WORK/bench" time -runs 1 "$WORK/tally" consolidate --name 兴庆区 \
    --out "$WORK/out.xlsx" --log "$WORK/差异.xlsx" --format csv "$IN" 2>/dev/null)
  js=$(echo "$j" | field median_s)
  rss=$(echo "$j" | field max_rss_kib)
  floor_runs+=("$f"); job_runs+=("$js")
  ratios+=("$(awk -v a="$js" -v b="$f" 'BEGIN { printf "%.3f", a / b }')")
  JOB_RSS=$(( rss > JOB_RSS ? rss : JOB_RSS ))
done
FLOOR=$(printf '%s\n' "${floor_runs[@]}" | median)
JOB_S=$(printf '%s\n' "${job_runs[@]}" | median)
RATIO=$(printf '%s\n' "${ratios[@]}" | median)

ONE_RUN=$("$WORK/bench" time -runs 21 "$WORK/tally" validate "$ONE")
ONE_S=$(echo "$ONE_RUN" | field median_s)

# Many findings: 5,000 workbooks (N/2 when N is smaller) whose every value is
# text, a finding each (58 a workbook): the findings are held packed and their
# rows made as each workbook is saved, straight into its file, so memory keeps
# to the same budget.
MF_N=$(( N < 10000 ? N / 2 : 5000 ))
MF="$WORK/text-$MF_N"
if [ ! -d "$MF" ]; then
  "$WORK/bench" gen -n "$MF_N" -text -out "$MF.tmp" && mv "$MF.tmp" "$MF"
fi
MF_RUN=$("$WORK/bench" time -runs 1 "$WORK/tally" consolidate --name 兴庆区 \
  --out "$WORK/out-text.xlsx" --log "$WORK/差异-text.xlsx" --format csv "$MF" 2>/dev/null)
MF_S=$(echo "$MF_RUN" | field median_s)
MF_RSS=$(echo "$MF_RUN" | field max_rss_kib)

PY=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
PY_MS=""
if [ -n "$PY" ]; then
  LIMIT=$(( N < 1000 ? N : 1000 ))
  PY_MS=$("$PY" scripts/openpyxl_sum.py "$IN" "$LIMIT" | field per_workbook_ms)
fi

awk -v n="$N" -v cores="$CORES" -v floor="$FLOOR" -v job="$JOB_S" -v ratio="$RATIO" -v rss="$JOB_RSS" \
    -v one="$ONE_S" -v py="$PY_MS" -v mfn="$MF_N" -v mfs="$MF_S" -v mfrss="$MF_RSS" 'BEGIN {
  per = job * 1000 / n
  budget = 30 * 1024 + 8 * n   # KiB
  printf "%d workbooks, %d cores, median of runs (memory: the highest)\n", n, cores
  printf "  floor reader        %8.3f s  %7.3f ms/workbook\n", floor, floor * 1000 / n
  printf "  tally consolidate   %8.3f s  %7.3f ms/workbook  %.1f x the floor   (goal: at most 5 x)\n", job, per, ratio
  printf "  peak memory         %8.1f MiB   budget 30 MiB + 8 KiB x %d = %.1f MiB\n", rss / 1024, n, budget / 1024
  printf "  one-workbook run    %8.1f ms   (goal: within 20 ms)\n", one * 1000
  printf "  many findings       %8.3f s  peak %.1f MiB: %d workbooks, every value text   budget %.1f MiB\n", mfs, mfrss / 1024, mfn, (30 * 1024 + 8 * mfn) / 1024
  if (py != "") printf "  openpyxl read+sum   %8.3f ms/workbook  tally is %.1f x faster per workbook   (goal: at least 10 x)\n", py, py / per
  else print "  openpyxl            not installed (apt-get install python3-openpyxl), not compared"
}'
