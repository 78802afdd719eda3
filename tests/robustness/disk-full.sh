#!/usr/bin/env bash
# A full disk: every write (import, add, init) exits 2 with a message saying the disk is full, the
# ledger and its backup are unchanged, and no temporary or partial file is left behind.
# Uses a 512 KiB tmpfs (needs root, or mount rights); without one, falls back to `ulimit -f`, where
# the kernel reports EFBIG ("too large") instead of ENOSPC.
#
#   disk-full.sh RECERT_BINARY
set -u
bin=$(readlink -f "$1")
top=$(mktemp -d)
mnt=$top/disk
mkdir -p "$mnt"
mounted=0
cleanup() { [ "$mounted" = 1 ] && umount "$mnt" 2>/dev/null; rm -rf "$top"; }
trap cleanup EXIT
export TZ=UTC LC_ALL=C.UTF-8 TERM=dumb
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

python3 -c "
print('date,kind,credits,title')
for i in range(2000):
    print('2024-%02d-%02d,ce,%d,\"a long enough course title to make this import about 150 KB, %d\"' % (i % 12 + 1, i % 28 + 1, i % 9 + 1, i))
" >"$top/claims.csv"

# check WRITE-COMMAND EXPECTED-MESSAGE: run it, then check exit code, message and that nothing changed
check() {
  local what=$1 expect=$2; shift 2
  local before after rc
  before=$(cd "$dir" && ls -A | sort | tr '\n' ' '; md5sum -- * 2>/dev/null | md5sum)
  "$@" >"$top/out" 2>"$top/err"
  rc=$?
  after=$(cd "$dir" && ls -A | sort | tr '\n' ' '; md5sum -- * 2>/dev/null | md5sum)
  [ "$rc" = 2 ] || bad "$what: exit code $rc, expected 2 ($(cat "$top/err"))"
  grep -qF -- "$expect" "$top/err" || bad "$what: stderr lacks \"$expect\": $(cat "$top/err")"
  grep -q '^recert: error:' "$top/err" || bad "$what: stderr does not start with recert: error:"
  [ "$before" = "$after" ] || bad "$what: files changed: before [$before] after [$after]; now: $(ls -A "$dir")"
  echo "$what: $(head -1 "$top/err")"
}

if [ -z "${RECERT_ROBUST_NO_MOUNT:-}" ] && mount -t tmpfs -o size=512k,mode=0755 tmpfs "$mnt" 2>/dev/null; then
  mounted=1
  dir=$mnt
  "$bin" --ledger "$dir/L.json" init --holder "Ana Silva" 2>/dev/null || exit 1
  "$bin" --ledger "$dir/L.json" add ce --date 2023-05-01 --credits 8 --title first 2>/dev/null || exit 1
  # 1. nearly full: the temporary file starts but cannot be completed (the new ledger is ~300 KB)
  head -c $((300 * 1024)) /dev/zero >"$dir/filler" || exit 1
  check "import, disk nearly full" "the disk is full" \
    "$bin" --ledger "$dir/L.json" import "$top/claims.csv"
  # 2. completely full: not even one block is free
  dd if=/dev/zero of="$dir/filler2" bs=4k 2>/dev/null
  check "import, disk full" "the disk is full" \
    "$bin" --ledger "$dir/L.json" import "$top/claims.csv"
  check "add ce, disk full" "the disk is full" \
    "$bin" --ledger "$dir/L.json" add ce --date 2024-01-01 --credits 8 --title "second"
  check "add cert, disk full" "the disk is full" \
    "$bin" --ledger "$dir/L.json" add cert ccna --earned 2022-01-10
  check "init, disk full" "the disk is full" \
    "$bin" --ledger "$dir/new.json" init --holder "Bo Chen"
  # after freeing space the same import succeeds and leaves the old version as .bak
  rm -f "$dir/filler" "$dir/filler2"
  cp "$dir/L.json" "$top/old.json"
  "$bin" --ledger "$dir/L.json" import "$top/claims.csv" >/dev/null || bad "import after freeing space failed"
  cmp -s "$dir/L.json.bak" "$top/old.json" || bad "the backup after the import is not the old version"
else
  echo "note: cannot mount a tmpfs here (not root?): using ulimit -f instead (EFBIG, not ENOSPC)"
  dir=$top/d
  mkdir -p "$dir"
  "$bin" --ledger "$dir/L.json" init --holder "Ana Silva" 2>/dev/null || exit 1
  # SIGXFSZ ignored, as a shell with a file size limit would leave it, so write() returns EFBIG
  limited() { (trap '' XFSZ; ulimit -f 64; exec "$@"); }
  check "import, file size limit" "too large" limited "$bin" --ledger "$dir/L.json" import "$top/claims.csv"
fi
[ "$fail" -eq 0 ] && echo "disk full: all checks passed"
[ "$fail" -eq 0 ]
