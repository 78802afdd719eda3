#!/usr/bin/env bash
# Places recert cannot write: a read-only directory, a ledger that is a directory, a missing parent
# directory, a ledger owned by someone else, an immutable ledger. Each is exit 2, a clear message
# naming the path, and nothing changed.
# Root ignores file modes, so as root this uses what still fails for root: a read-only bind mount,
# `chattr +i`, and the binary run as `nobody` (setpriv) for modes and ownership. A check that this
# machine cannot set up is skipped with a printed note.
#
#   permissions.sh RECERT_BINARY
set -u
bin=$(readlink -f "$1")
top=$(mktemp -d)
chmod 755 "$top"
binds=()
cleanup() {
  for m in "${binds[@]}"; do umount "$m" 2>/dev/null; done
  chattr -R -i "$top" 2>/dev/null
  rm -rf "$top"
}
trap cleanup EXIT
export TZ=UTC LC_ALL=C.UTF-8 TERM=dumb
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
note() { echo "note: $*"; }
# snapshot DIR: names, modes, sizes and contents (only $only when set)
only=
snapshot() { [ -n "$only" ] && { md5sum "$only" 2>/dev/null; return; }; (cd "$1" && ls -lA --time-style=+ | sed 1d; cat -- * 2>/dev/null | md5sum) 2>/dev/null; }

# expect WHAT DIR MESSAGE COMMAND...: exit 2, MESSAGE on stderr, DIR unchanged
expect() {
  local what=$1 d=$2 msg=$3; shift 3
  local before after rc
  before=$(snapshot "$d")
  "$@" >"$top/.out" 2>"$top/.err"
  rc=$?
  after=$(snapshot "$d")
  [ "$rc" = 2 ] || bad "$what: exit code $rc, expected 2: $(cat "$top/.err")"
  grep -qF -- "$msg" "$top/.err" || bad "$what: stderr lacks \"$msg\": $(cat "$top/.err")"
  grep -q '^recert: error:' "$top/.err" || bad "$what: stderr does not start with recert: error:"
  [ "$before" = "$after" ] || bad "$what: $d changed"
  echo "$what: $(head -1 "$top/.err")"
}
new_ledger() { "$bin" --ledger "$1" init --holder "Ana Silva" 2>/dev/null || { bad "init $1"; return 1; }; }
add() { "$bin" --ledger "$1" add ce --date 2024-01-01 --credits 8 --title "t"; }

cd "$top" || exit 99
printf 'date,kind,credits\n2024-02-01,ce,4\n' >claims.csv

# a ledger that is a directory
mkdir -p isdir/L.json
expect "ledger is a directory: status" isdir "L.json: is a directory, expected a file" \
  "$bin" --ledger isdir/L.json status
expect "ledger is a directory: add" isdir "L.json: is a directory, expected a file" add isdir/L.json
expect "ledger is a directory: import" isdir "L.json: is a directory, expected a file" \
  "$bin" --ledger isdir/L.json import claims.csv
expect "ledger is a directory: init" isdir "isdir/L.json: is a directory, expected a file" \
  "$bin" --ledger isdir/L.json init

# a missing parent directory
mkdir -p parent
expect "missing parent: init" parent "parent/nodir/L.json: cannot create: the directory parent/nodir does not exist" \
  "$bin" --ledger parent/nodir/L.json init
expect "missing parent: add" parent "parent/nodir/L.json: no ledger here" add parent/nodir/L.json
expect "missing parent: import" parent "parent/nodir/L.json: no ledger here" \
  "$bin" --ledger parent/nodir/L.json import claims.csv

# a read-only directory: a read-only bind mount fails for root too (EROFS)
mkdir -p ro && new_ledger ro/L.json
if mount --bind ro ro 2>/dev/null; then
  binds+=("$top/ro")
  if mount -o remount,ro,bind ro 2>/dev/null; then
    expect "read-only directory: add" ro "ro/L.json: cannot create a temporary file in ro: Read-only file system" add ro/L.json
    expect "read-only directory: import" ro "ro/L.json: cannot create a temporary file in ro: Read-only file system" \
      "$bin" --ledger ro/L.json import claims.csv
    expect "read-only directory: init" ro "ro/other.json: cannot create: Read-only file system" \
      "$bin" --ledger ro/other.json init
  else
    note "cannot remount read-only: read-only bind mount checks skipped"
  fi
else
  note "cannot bind-mount (not root?): read-only bind mount checks skipped"
fi

# an immutable directory and an immutable ledger (chattr +i stops root too)
mkdir -p imm && new_ledger imm/L.json && new_ledger L-imm.json && mkdir -p immfile && mv L-imm.json immfile/L.json
if chattr +i imm 2>/dev/null && chattr +i immfile/L.json 2>/dev/null; then
  expect "immutable directory: add" imm "imm/L.json: cannot create a temporary file in imm: Operation not permitted" add imm/L.json
  # a failed replace leaves the whole directory unchanged, the old backup included (K9)
  echo "an older backup" >immfile/L.json.bak
  expect "immutable ledger: add" immfile "immfile/L.json: cannot replace: Operation not permitted" add immfile/L.json
  expect "immutable ledger: import" immfile "immfile/L.json: cannot replace: Operation not permitted" \
    "$bin" --ledger immfile/L.json import claims.csv
  only=
  chattr -i imm immfile/L.json
else
  note "chattr +i is not supported here: immutable checks skipped"
fi

# modes and ownership: as root, run the binary as nobody; as another user, use the modes directly
as_other=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
    as_other=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  elif command -v runuser >/dev/null && runuser -u nobody -- true 2>/dev/null; then
    as_other=(runuser -u nobody --)
  else
    note "cannot run as nobody: ownership checks skipped"
  fi
fi
if [ "$(id -u)" != 0 ] || [ ${#as_other[@]} -gt 0 ]; then
  # a directory the user cannot write (mode 0555, the user's own when not root)
  mkdir -p ro2 && new_ledger ro2/L.json
  [ "$(id -u)" = 0 ] && chown -R nobody ro2
  chmod 644 ro2/L.json; chmod 555 ro2
  expect "directory without write permission: add" ro2 "ro2/L.json: cannot create a temporary file in ro2: Permission denied" \
    "${as_other[@]}" "$bin" --ledger ro2/L.json add ce --date 2024-01-01 --credits 8
  chmod 755 ro2
  if [ "$(id -u)" = 0 ]; then
    # a ledger owned by root, mode 0600, in a directory nobody may write: nobody can neither read
    # nor replace it
    mkdir -p owned && new_ledger owned/L.json && chmod 777 owned
    expect "ledger owned by someone else: status" owned "owned/L.json: cannot open: Permission denied" \
      "${as_other[@]}" "$bin" --ledger owned/L.json status
    expect "ledger owned by someone else: add" owned "owned/L.json: cannot open: Permission denied" \
      "${as_other[@]}" "$bin" --ledger owned/L.json add ce --date 2024-01-01 --credits 8
    expect "ledger owned by someone else: import" owned "owned/L.json: cannot open: Permission denied" \
      "${as_other[@]}" "$bin" --ledger owned/L.json import "$top/claims.csv"
  fi
fi
[ "$fail" -eq 0 ] && echo "permissions: all checks passed"
[ "$fail" -eq 0 ]
