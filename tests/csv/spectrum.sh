#!/usr/bin/env bash
# csv-spectrum (the npm package of CSV acid-test files with their expected JSON) against recert's
# CSV reader, through tests/tools/csv_dump. The package is installed at test time into the build
# directory (never the source tree) and reused once there.
# Usage: spectrum.sh CSV_DUMP BUILD_DIR
set -u
dump=${1:?usage: spectrum.sh CSV_DUMP BUILD_DIR}
build=${2:?usage: spectrum.sh CSV_DUMP BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
version=2.0.0
prefix="$build/npm"
pkg="$prefix/node_modules/csv-spectrum"

. "$here/../npm-tool.sh"
npm_tool spectrum "$prefix" "csv-spectrum@$version"

# Cases where csv-spectrum accepts input that RFC 4180 forbids. recert's reader is strict on
# purpose (docs/formats.md: RFC 4180; tests/unit/input/test_csv.cpp): for these csv_dump must fail with the
# given message, and the data it still recovers must equal the expected JSON.
declare -A strict
strict[location_coordinates]='a quote inside an unquoted field'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
shopt -s nullglob
csvs=("$pkg"/csvs/*.csv)
if [ ${#csvs[@]} -eq 0 ]; then
  echo "spectrum: no cases in $pkg/csvs"
  exit 1
fi
for json in "$pkg"/json/*.json; do
  [ -f "$pkg/csvs/$(basename "$json" .json).csv" ] || { echo "FAIL $(basename "$json" .json): expected JSON without a CSV"; fail=$((fail + 1)); }
done
for csv in "${csvs[@]}"; do
  name=$(basename "$csv" .csv)
  expected="$pkg/json/$name.json"
  if [ ! -f "$expected" ]; then
    echo "FAIL $name: no json/$name.json"
    fail=$((fail + 1))
    continue
  fi
  problems=""
  notes=""
  # the same file read from a regular file and from a pipe
  for how in file pipe; do
    if [ $how = file ]; then
      "$dump" "$csv" >"$work/$name.$how.json" 2>"$work/$name.$how.err"
    else
      cat "$csv" | "$dump" - >"$work/$name.$how.json" 2>"$work/$name.$how.err"
    fi
    rc=$?
    if [ -n "${strict[$name]:-}" ]; then
      if [ $rc -ne 1 ] || ! grep -q "${strict[$name]}" "$work/$name.$how.err"; then
        problems+="    ($how) expected csv_dump to report \"${strict[$name]}\" (exit 1), got exit $rc: $(cat "$work/$name.$how.err")"$'\n'
      fi
    elif [ $rc -ne 0 ]; then
      problems+="    ($how) csv_dump exited $rc: $(cat "$work/$name.$how.err")"$'\n'
    fi
    if ! diff_out=$(node "$here/compare.js" "$name" "$expected" "$work/$name.$how.json" 2>&1); then
      problems+="    ($how) records differ:"$'\n'"$diff_out"$'\n'
    elif [ -n "$diff_out" ] && [ $how = file ]; then
      notes+="$diff_out"$'\n'
    fi
  done
  if [ -z "$problems" ]; then
    if [ -n "${strict[$name]:-}" ]; then
      echo "ok   $name (rejected as RFC 4180 requires: ${strict[$name]}; the recovered data matches)"
    else
      echo "ok   $name"
    fi
    printf '%s' "$notes"
    pass=$((pass + 1))
  else
    echo "FAIL $name"
    printf '%s' "$problems"
    fail=$((fail + 1))
  fi
done
echo "(csv-spectrum $version from the npm registry)"
echo "csv-spectrum: $pass passed, $fail failed"
[ $fail -eq 0 ]
