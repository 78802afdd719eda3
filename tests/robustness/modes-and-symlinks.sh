#!/usr/bin/env bash
# The ledger and its backup are created 0600 (whatever the umask); a ledger path that is a symbolic
# link (relative, absolute, a chain, dangling for init) is written through to its target and stays
# a link, with the backup next to the target.
#
#   modes-and-symlinks.sh RECERT_BINARY
set -u
bin=$(readlink -f "$1")
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
cd "$top" || exit 99
export TZ=UTC LC_ALL=C.UTF-8 TERM=dumb
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
mode_is() { # FILE MODE
  local m
  m=$(stat -c %a "$1" 2>/dev/null) || { bad "$1 does not exist"; return; }
  [ "$m" = "$2" ] || bad "$1 has mode $m, expected $2"
}
link_to() { # LINK TARGET-AS-WRITTEN
  [ -L "$1" ] || { bad "$1 is no longer a symbolic link"; return; }
  [ "$(readlink "$1")" = "$2" ] || bad "$1 now points to $(readlink "$1"), expected $2"
}
printf 'date,kind,credits\n2024-02-01,ce,4\n' >claims.csv

for mask in 022 000 077; do
  d=umask$mask; mkdir "$d"
  (umask $mask
   "$bin" --ledger "$d/L.json" init --holder "Ana Silva" 2>/dev/null &&
   "$bin" --ledger "$d/L.json" add ce --date 2024-01-01 --credits 8 2>/dev/null &&
   "$bin" --ledger "$d/L.json" import claims.csv >/dev/null) || bad "umask $mask: a write failed"
  mode_is "$d/L.json" 600
  mode_is "$d/L.json.bak" 600
done

# a ledger made readable by others on purpose (0644) keeps its mode; its .bak (a hard link to the
# old file) is made 0600 all the same
mkdir wide && "$bin" --ledger wide/L.json init --holder A 2>/dev/null && chmod 644 wide/L.json
"$bin" --ledger wide/L.json add ce --date 2024-01-01 --credits 8 2>/dev/null || bad "wide: add failed"
mode_is wide/L.json 644
mode_is wide/L.json.bak 600

# relative link into another directory
mkdir -p real links
"$bin" --ledger real/L.json init --holder "Ana Silva" 2>/dev/null || bad "init real/L.json"
cp real/L.json first.json
ln -s ../real/L.json links/rel.json
"$bin" --ledger links/rel.json add ce --date 2024-01-01 --credits 8 2>/dev/null || bad "add through a relative link"
link_to links/rel.json ../real/L.json
grep -q '"credits": 8' real/L.json || bad "the target was not updated through the relative link"
cmp -s real/L.json.bak first.json || bad "the backup is not next to the target with the old version"
[ -e links/rel.json.bak ] && bad "a backup was made next to the link"
mode_is real/L.json 600

# absolute link, and a chain of two links
ln -s "$top/real/L.json" links/abs.json
ln -s abs.json links/chain.json
"$bin" --ledger links/abs.json add ce --date 2024-02-01 --credits 4 --title abs 2>/dev/null || bad "add through an absolute link"
"$bin" --ledger links/chain.json import claims.csv >/dev/null 2>&1 || bad "import through a chain of links"
link_to links/abs.json "$top/real/L.json"
link_to links/chain.json abs.json
grep -q '"title": "abs"' real/L.json || bad "the target was not updated through the absolute link"
grep -q '"credits": 4,' real/L.json || bad "the import did not reach the target through the chain"
ls links | grep -q tmp- && bad "a temporary file was left next to the links"
ls real | grep -q tmp- && bad "a temporary file was left next to the target"

# the ledger read back through the link is the target
"$bin" --ledger links/chain.json export >via-link.json 2>/dev/null &&
  "$bin" --ledger real/L.json export >direct.json 2>/dev/null && cmp -s via-link.json direct.json ||
  bad "reading through the link differs from reading the target"

# $RECERT_LEDGER naming a link
RECERT_LEDGER=links/rel.json "$bin" add ce --date 2024-03-01 --credits 2 --title env 2>/dev/null || bad "add through \$RECERT_LEDGER link"
link_to links/rel.json ../real/L.json
grep -q '"title": "env"' real/L.json || bad "the target was not updated through \$RECERT_LEDGER"

# init through a dangling link creates the target (0600), not a file in place of the link (K11)
ln -s ../real/new.json links/dangling.json
"$bin" --ledger links/dangling.json init --holder "Bo Chen" 2>init.err || bad "init through a dangling link: $(cat init.err)"
link_to links/dangling.json ../real/new.json
[ -f real/new.json ] || bad "init through a dangling link did not create the target"
[ -f real/new.json ] && mode_is real/new.json 600
grep -q '"holder": "Bo Chen"' real/new.json 2>/dev/null || bad "the target is not the new ledger"
"$bin" --ledger links/dangling.json add ce --date 2024-01-01 --credits 3 2>/dev/null || bad "add after init through a link"
grep -q '"credits": 3' real/new.json || bad "add after init through a link did not reach the target"
# ... and a second init through the link (or on the target) refuses, leaving the target as it was
cp real/new.json before.json 2>/dev/null
"$bin" --ledger links/dangling.json init 2>init.err && bad "a second init through the link succeeded"
grep -qF "links/dangling.json (a link to links/../real/new.json): already exists" init.err ||
  bad "second init through the link: $(cat init.err)"
cmp -s real/new.json before.json || bad "a refused init changed the target"

# a dangling link whose target's directory does not exist: exit 2 naming that directory
ln -s ../nowhere/new.json links/nowhere.json
"$bin" --ledger links/nowhere.json init 2>init.err
rc=$?
[ "$rc" = 2 ] || bad "init through a link into a missing directory: exit $rc, expected 2"
grep -qF "recert: error: links/nowhere.json (a link to links/../nowhere/new.json): cannot create: the directory links/../nowhere does not exist" init.err ||
  bad "init through a link into a missing directory: $(cat init.err)"
link_to links/nowhere.json ../nowhere/new.json
[ -e nowhere ] && bad "init through a link into a missing directory created it"

# a chain of links ending nowhere is written through to its end, too
ln -s chain-end.json links/chain-start.json
ln -s ../real/chained.json links/chain-end.json
"$bin" --ledger links/chain-start.json init 2>init.err || bad "init through a chain of links: $(cat init.err)"
link_to links/chain-start.json chain-end.json
link_to links/chain-end.json ../real/chained.json
[ -f real/chained.json ] && mode_is real/chained.json 600

# a loop of links is refused
ln -s loop-b.json links/loop-a.json
ln -s loop-a.json links/loop-b.json
"$bin" --ledger links/loop-a.json init 2>init.err && bad "init through a loop of links succeeded"
grep -qF "Too many levels of symbolic links" init.err || bad "init through a loop of links: $(cat init.err)"

[ "$fail" -eq 0 ] && echo "modes and symlinks: all checks passed"
[ "$fail" -eq 0 ]
