#!/usr/bin/env bash
# html-validate (npm, pinned in tools.sh) on the report pages of every team in cases.sh, with the
# rules of tests/browser/.htmlvalidate.json (the recommended and document presets). The pages stay
# in BUILD_DIR/browser/validate/.
# Usage: validate.sh RECERT GEN SOURCE_DIR BUILD_DIR
set -u
recert=${1:?usage: validate.sh RECERT GEN SOURCE_DIR BUILD_DIR}
gen=${2:?} src=${3:?} build=${4:?}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tools.sh"
. "$here/cases.sh"
browser_tools "$build"

out="$build/browser/validate"
rm -rf "$out"
mkdir -p "$out"
pages=()
for name in example plain 2000 hostile empty; do
  mkdir -p "$out/$name"
  report_case "$name" "$recert" "$gen" "$src" "$out/$name" || exit 1
  "$recert" "${CASE_ARGS[@]}" --format html -o "$out/report-$name.html" || { echo "recert report ($name) failed"; exit 1; }
  pages+=("$out/report-$name.html")
done
if node "$HTML_VALIDATE" --config "$here/.htmlvalidate.json" "${pages[@]}"; then
  echo "html-validate: ${#pages[@]} pages valid (${pages[*]##*/})"
else
  exit 1
fi
