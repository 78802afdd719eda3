#!/usr/bin/env bash
# `recert export --format ics` of a small two-holder ledger, parsed by ical.js (the npm package of
# Mozilla's iCalendar parser) and checked by check.js: events, summaries, all-day dates, reminders,
# stable UIDs, CRLF and 75-octet lines. ical.js is installed at test time into the build directory
# (never the source tree), pinned, and reused once there.
# Usage: icaljs.sh RECERT BUILD_DIR
set -u
recert=${1:?usage: icaljs.sh RECERT BUILD_DIR}
build=${2:?usage: icaljs.sh RECERT BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
version=2.2.1
prefix="$build/npm-icaljs"
pkg="$prefix/node_modules/ical.js"

. "$here/../npm-tool.sh"
npm_tool icaljs "$prefix" "ical.js@$version"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Ana Silva: CCNP Enterprise and CCNA ahead (two reminders each), DevNet Associate expired (no
# event), CCST Networking lifetime (no event), one unclaimed activity whose claim window is open
# (one event, though noticed under CCNA and CCNP) and one whose window closed (no event).
# Bo Chen: CCNA expiring within 90 days, so only the 30-day reminder is still ahead.
cat >"$work/ledger.json" <<'JSON'
{
  "schema": "recert-ledger/1",
  "holder": "Ana Silva",
  "certifications": [
    { "id": "ccnp-enterprise", "earned": "2024-03-10" },
    { "id": "ccna", "earned": "2025-06-01" },
    { "id": "devnet-associate", "earned": "2020-01-01" },
    { "id": "ccst-networking", "earned": "2020-01-01" },
    { "id": "ccna", "holder": "Bo Chen", "earned": "2024-01-15" }
  ],
  "activities": [
    { "id": "ce-webinar", "date": "2026-01-10", "kind": "ce", "credits": 8, "status": "unclaimed",
      "title": "Automation; webinar, part 1 \u2014 \u00dcn\u00efc\u00f6d\u00e9 na\u00efve fa\u00e7ade r\u00e9sum\u00e9, long enough to fold" },
    { "id": "ce-old", "date": "2025-06-10", "kind": "ce", "credits": 2, "status": "unclaimed" },
    { "id": "ce-course", "date": "2025-09-01", "kind": "ce", "credits": 16, "title": "Course" }
  ]
}
JSON
run() {
  TZ=UTC "$recert" --ledger "$work/ledger.json" export --format ics --as-of "$1" >"$work/$2" 2>"$work/$2.err"
  local rc=$?
  if [ $rc -ne 0 ]; then echo "icaljs: recert export --as-of $1 exited $rc: $(cat "$work/$2.err")"; exit 1; fi
}
run 2026-11-01 first.ics
run 2026-11-01 second.ics
run 2026-12-15 later.ics
echo "(ical.js $version from the npm registry)"
node "$here/check.js" "$pkg" "$work/first.ics" "$work/second.ics" "$work/later.ics"
