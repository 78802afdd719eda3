#!/usr/bin/env bash
# 100 imports killed with SIGKILL at random moments: after each, the ledger parses and is byte for
# byte either the old or the new version, both of which load (and its .bak, when there is one, is the old version).
#
#   kill-during-import.sh RECERT_BINARY [RUNS]
set -u
bin=$(readlink -f "$1")
runs=${2:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 99
export TZ=UTC LC_ALL=C.UTF-8 TERM=dumb

# the old ledger: a few records; the import: 200 small CE rows (a ledger of about 40 KB)
"$bin" --ledger old.json init --holder "Ana Silva" 2>/dev/null || exit 1
"$bin" --ledger old.json add cert ccna --earned 2022-01-10 2>/dev/null || exit 1
"$bin" --ledger old.json add ce --date 2023-05-01 --credits 8 --title "first" 2>/dev/null || exit 1
rm -f old.json.bak
python3 -c "
print('date,kind,credits,title,category')
for i in range(200):
    print('2024-%02d-%02d,ce,%d.%02d,\"course %d, part %d\",training' % (i % 12 + 1, i % 28 + 1, i % 9, i % 100, i, i))
" >claims.csv
cp old.json ledger.json
start=$(date +%s%N)
"$bin" --ledger ledger.json import claims.csv >/dev/null || { echo "the uninterrupted import failed"; exit 1; }
elapsed_us=$((($(date +%s%N) - start) / 1000))
mv ledger.json new.json
rm -f ledger.json.bak
cmp -s old.json new.json && { echo "the import changed nothing"; exit 1; }
for v in old.json new.json; do # both versions load, so a ledger equal to one of them parses
  "$bin" --ledger $v status --as-of 2025-01-01 >/dev/null || { echo "$v does not load"; exit 1; }
  python3 -c "import json,sys; json.load(open(sys.argv[1]))" $v || { echo "$v is not JSON"; exit 1; }
done
echo "an uninterrupted import takes ${elapsed_us} us"
window=$((elapsed_us * 12 / 10 + 1)) # kill anywhere from the start to a little after the end

fail=0 old=0 new=0 killed=0 leftovers=0
for i in $(seq 1 "$runs"); do
  rm -f ledger.json* 2>/dev/null
  cp old.json ledger.json
  delay_us=$(((RANDOM * 32768 + RANDOM) % window))
  "$bin" --ledger ledger.json import claims.csv >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '0.%06d' "$delay_us")" 2>/dev/null || sleep "$((delay_us / 1000000))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [ $? -eq 137 ] && killed=$((killed + 1))
  if cmp -s ledger.json old.json; then
    old=$((old + 1))
  elif cmp -s ledger.json new.json; then
    new=$((new + 1))
  else
    echo "run $i (killed after ${delay_us} us): the ledger is neither the old nor the new version"
    ls -la
    fail=$((fail + 1))
    continue
  fi
  if [ -e ledger.json.bak ] && ! cmp -s ledger.json.bak old.json; then
    echo "run $i (killed after ${delay_us} us): ledger.json.bak is not the old version"
    fail=$((fail + 1))
  fi
  n=$(ls -A | grep -c '^ledger\.json\.tmp-')
  leftovers=$((leftovers + n))
done
echo "$runs runs: $killed killed while running, ledger old $old times, new $new times;" \
     "$leftovers temporary files left behind by killed writers (harmless: never read)"
[ "$fail" -eq 0 ] || { echo "$fail failures"; exit 1; }
