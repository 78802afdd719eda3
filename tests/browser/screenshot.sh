#!/usr/bin/env bash
# `make screenshot`: docs/report-example.png, the example team's report page (cases.sh, "example")
# at 1200 pixels wide, as the README shows it; the page itself is left in BUILD_DIR/browser/.
# Usage: screenshot.sh RECERT SOURCE_DIR BUILD_DIR OUT.png
set -eu
recert=${1:?usage: screenshot.sh RECERT SOURCE_DIR BUILD_DIR OUT.png}
src=${2:?} build=${3:?} png=${4:?}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tools.sh"
. "$here/cases.sh"
browser_tools "$build"
mkdir -p "$build/browser"
report_case example "$recert" "" "$src" "$build/browser"
page="$build/browser/report-example-screenshot.html"
"$recert" "${CASE_ARGS[@]}" --format html -o "$page"
node "$here/screenshot.js" "$PUPPETEER_MODULES" "$page" "$png"
echo "screenshot: $png"
