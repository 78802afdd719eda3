#!/usr/bin/env bash
# The team report does not depend on the order of the input rows nor on the number of threads:
# generate a data set, shuffle its activity rows (header kept), and compare the status CSV and
# JSON byte for byte across orders and RECERT_THREADS=1/2/4. The activities file is over 4 MB, so
# with more than one thread it is read in two halves at once (src/input/csv_input.cpp).
#   shuffle.sh RECERT_BINARY GEN_BINARY
set -euo pipefail
recert=$1 gen=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" --holders 5000 --rows 60000 --seed 7 --out "$work"
[ "$(stat -c %s "$work/activities.csv")" -ge $((4 << 20)) ] ||
  { echo "shuffle: activities.csv is under 4 MB: the two-halves reading would not be exercised"; exit 1; }
{ head -n 1 "$work/activities.csv"; tail -n +2 "$work/activities.csv" | shuf --random-source=<(yes 7); } >"$work/shuffled.csv"
{ head -n 1 "$work/certs.csv"; tail -n +2 "$work/certs.csv" | shuf --random-source=<(yes 3); } >"$work/certs-shuffled.csv"
cmp -s "$work/activities.csv" "$work/shuffled.csv" && { echo "shuffle: the shuffle changed nothing"; exit 1; }
fail=0
for fmt in csv json; do
  RECERT_THREADS=1 "$recert" status --certs "$work/certs.csv" --activities "$work/activities.csv" \
    --format "$fmt" --as-of 2026-06-30 >"$work/base.$fmt"
  for threads in 1 2 4; do
    for acts in activities shuffled; do
      certs=certs; [ "$acts" = shuffled ] && certs=certs-shuffled
      RECERT_THREADS=$threads "$recert" status --certs "$work/$certs.csv" --activities "$work/$acts.csv" \
        --format "$fmt" --as-of 2026-06-30 >"$work/out.$fmt"
      if cmp -s "$work/base.$fmt" "$work/out.$fmt"; then
        echo "same   $fmt threads=$threads rows=$acts"
      else
        echo "DIFFER $fmt threads=$threads rows=$acts"; fail=1
      fi
    done
  done
done
lines=$(wc -l <"$work/base.csv")
echo "shuffle: $((lines - 1)) report rows compared"
[ "$lines" -gt 1000 ] || { echo "shuffle: too few report rows to mean anything"; exit 1; }
exit $fail
