#!/usr/bin/env bash
# One team's `recert report --format html` opened in headless Chromium and checked against
# `report --format json` of the same inputs (check.js: numbers, no console error, no request, no
# dialog, script on and off, contrast in light and dark, print; for the hostile team, nothing of
# the data runs). The page, the JSON and the screenshots stay in BUILD_DIR/browser/.
# Usage: report.sh RECERT GEN SOURCE_DIR BUILD_DIR CASE   (CASE: example, 2000, hostile; cases.sh)
set -u
recert=${1:?usage: report.sh RECERT GEN SOURCE_DIR BUILD_DIR CASE}
gen=${2:?} src=${3:?} build=${4:?} name=${5:?}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tools.sh"
. "$here/cases.sh"
browser_tools "$build"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$build/browser"
mkdir -p "$out"
report_case "$name" "$recert" "$gen" "$src" "$work" || exit 1
page="$out/report-$name.html"
start=$(date +%s%N)
"$recert" "${CASE_ARGS[@]}" --format html -o "$page" || { echo "recert report --format html failed"; exit 1; }
echo "     written in $((($(date +%s%N) - start) / 1000000)) ms"
"$recert" "${CASE_ARGS[@]}" --format json >"$out/report-$name.json" || { echo "recert report --format json failed"; exit 1; }
flags=()
[ "$name" = hostile ] && flags+=(--hostile)
node "$here/check.js" "$PUPPETEER_MODULES" "$page" "$out/report-$name.json" "$out/report-$name" "${flags[@]}"
