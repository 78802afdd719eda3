#!/usr/bin/env bash
# bench/group_sum, the plain C++ group sum bench/run times for scale, computes what bench/run's awk
# program computes: the same sums per holder on a generated file (sorted, as neither has an
# order), on a few hand-made lines (CRLF, decimals, no number, an exam, no trailing newline), and
# on a header alone.
#   group_sum.sh GROUP_SUM_BINARY GEN_BINARY
set -euo pipefail
sum=$1 gen=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk_sum() { awk -F, 'NR>1 && $3=="ce" {s[$1]+=$4} END {for (h in s) print h "," s[h]}' "$1" | sort; }
"$gen" --holders 3000 --rows 40000 --seed 11 --out "$work"
printf 'holder,date,kind,credits\r\na,1,ce,2.5\r\nb,1,ce,x\r\na,2,ce,1\nc,1,exam,9\nd,1,ce,40' >"$work/small.csv"
head -n 1 "$work/activities.csv" >"$work/header.csv"
fail=0
for f in activities small header; do
  "$sum" "$work/$f.csv" | sort >"$work/$f.sum"
  awk_sum "$work/$f.csv" >"$work/$f.awk"
  if cmp -s "$work/$f.sum" "$work/$f.awk"; then
    echo "same   $f ($(wc -l <"$work/$f.sum") holders)"
  else
    echo "DIFFER $f"; diff "$work/$f.awk" "$work/$f.sum" | head -5; fail=1
  fi
done
[ "$(wc -l <"$work/activities.sum")" -gt 2000 ] || { echo "too few holders summed"; fail=1; }
exit "$fail"
