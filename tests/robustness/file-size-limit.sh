#!/usr/bin/env bash
# A file size limit (`ulimit -f`) smaller than the new ledger: the kernel would send SIGXFSZ and
# kill recert in the middle of the write. recert ignores the signal, so the write fails with EFBIG:
# exit 2, "file too large" naming the limit, the ledger and its backup byte-identical, and no
# temporary file left behind. The limit is set by a plain `bash -c` (SIGXFSZ not ignored there),
# as a user would.
#
#   file-size-limit.sh RECERT_BINARY
set -u
bin=$(readlink -f "$1")
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 TERM=dumb
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

dir=$top/d
mkdir -p "$dir"
L=$dir/L.json
"$bin" --ledger "$L" init --holder "Ana Silva" >/dev/null 2>&1 || { echo "FAIL: init"; exit 1; }
"$bin" --ledger "$L" add cert ccna --earned 2022-01-10 >/dev/null 2>&1 || { echo "FAIL: add cert"; exit 1; }
for i in $(seq 1 12); do
  "$bin" --ledger "$L" add ce --date 2023-05-$(printf %02d "$i") --credits 2 \
    --title "a course with a title long enough to grow the ledger, number $i" >/dev/null 2>&1 ||
    { echo "FAIL: add ce $i"; exit 1; }
done
"$bin" --ledger "$L" add ce --date 2024-03-01 --credits 4 --status unclaimed --title "to claim" \
  >/dev/null 2>&1 || { echo "FAIL: add ce unclaimed"; exit 1; }
unclaimed=$("$bin" --ledger "$L" activities --format csv | awk -F, '$7 == "unclaimed" { print $2 }')
[ -n "$unclaimed" ] || { echo "FAIL: no unclaimed activity listed"; exit 1; }
size=$(stat -c %s "$L")
# `ulimit -f 1` allows 1024 bytes; the ledger must already be larger than that
[ "$size" -gt 2048 ] || { echo "FAIL: the ledger is only $size bytes, expected more than 2048"; exit 1; }
cp "$L" "$top/ledger.before"
cp "$L.bak" "$top/bak.before"
listing_before=$(ls -A "$dir")

# limited WHAT COMMAND...: run the rest under `ulimit -f 1` in a fresh bash, check the outcome
limited() {
  local what=$1
  shift
  bash -c 'ulimit -f 1; exec "$@"' limited "$@" >"$top/out" 2>"$top/err"
  local rc=$?
  [ "$rc" = 2 ] || bad "$what: exit code $rc, expected 2 (153 would be SIGXFSZ): $(cat "$top/err")"
  grep -q '^recert: error: ' "$top/err" || bad "$what: stderr does not start with recert: error:"
  grep -qF "file too large (the file size limit, ulimit -f)" "$top/err" ||
    bad "$what: stderr lacks the file-too-large message: $(cat "$top/err")"
  grep -qF "$L" "$top/err" || bad "$what: the message does not name the ledger: $(cat "$top/err")"
  cmp -s "$L" "$top/ledger.before" || bad "$what: the ledger changed"
  cmp -s "$L.bak" "$top/bak.before" || bad "$what: the backup changed"
  [ "$(ls -A "$dir")" = "$listing_before" ] || bad "$what: files left behind: $(ls -A "$dir")"
  [ -s "$top/out" ] && bad "$what: printed on stdout: $(cat "$top/out")"
  echo "$what: $(head -1 "$top/err")"
}

limited "add ce" "$bin" --ledger "$L" add ce --date 2024-01-01 --credits 8 --title "one more"
limited "add cert" "$bin" --ledger "$L" add cert ccnp-enterprise --earned 2023-01-10
limited "claim" "$bin" --ledger "$L" claim "$unclaimed" --on 2024-03-02

# without the limit the same write succeeds
"$bin" --ledger "$L" add ce --date 2024-01-01 --credits 8 --title "one more" >/dev/null 2>&1 ||
  bad "add ce without a limit failed"
[ "$fail" -eq 0 ] && echo "file size limit: all checks passed"
[ "$fail" -eq 0 ]
