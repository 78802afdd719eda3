#!/usr/bin/env bash
# The broken-input corpus: every input recert must refuse, each with its expected message and exit
# code 2, under a memory cap.
#
#   broken-inputs.sh RECERT_BINARY [INDEX]     (INDEX: default broken/index.tsv next to this script)
#
# INDEX is tab-separated, one case a line, `#` starts a comment:
#   name <TAB> input <TAB> command <TAB> exit code <TAB> expected stderr (a fixed substring)
# `input` is a file under broken/ (copied into a fresh temporary directory) or `gen:KIND` for the huge
# inputs generated at test time (never committed): see gen() below; `-` for none. The command runs
# there with bash, `recert` on PATH and $IN naming the input; L.json (broken/base-ledger.json) and
# ok.csv (a valid activities CSV) are there too.
# Every case must also: finish within 60 s under `ulimit -v` (1 GiB), not die from a signal, print
# at most 64 KiB on stderr, leak no library exception text, and leave L.json, the input and the
# directory as they were (no temporary or backup file left behind).
# RECERT_ROBUST_SHOW=1 prints each case's actual stderr (to write or review the index).
set -u
bin=$(readlink -f "$1")
here=$(cd "$(dirname "$0")" && pwd)
index=${2:-$here/broken/index.tsv}
mem_kib=${RECERT_ROBUST_MEM_KIB:-1048576}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin"
ln -s "$bin" "$scratch/bin/recert"

gen() { # KIND FILE: the huge inputs
  case $1 in
    million-columns)   # a header of 1,000,000 columns, then one row
      python3 -c "import sys; w=sys.stdout.write; w(','.join('c%d' % i for i in range(1000000)) + '\n'); w(','*999999 + '\n')" >"$2" ;;
    million-fields)    # a good header, then a row of 1,000,003 fields
      python3 -c "import sys; w=sys.stdout.write; w('date,kind,credits\n2024-01-01,ce,8' + ','*1000000 + '\n')" >"$2" ;;
    100mb-credits)     # a 100 MB credits cell
      { printf 'date,kind,credits\n2024-01-01,ce,'; head -c 104857600 /dev/zero | tr '\0' 7; printf '\n'; } >"$2" ;;
    100mb-date)        # a 100 MB date cell
      { printf 'date,kind,credits\n'; head -c 104857600 /dev/zero | tr '\0' 2; printf ',ce,8\n'; } >"$2" ;;
    100mb-title)       # a 100 MB title: a field no one types, refused rather than stored
      { printf 'date,kind,credits,title\n2024-01-01,ce,8,'; head -c 104857600 /dev/zero | tr '\0' x; printf '\n'; } >"$2" ;;
    100mb-ledger-key)  # a ledger with a 100 MB unknown key
      { printf '{\n  "schema": "recert-ledger/1",\n  "holder": "Ana Silva",\n  "'; head -c 104857600 /dev/zero | tr '\0' k; printf '": 1\n}\n'; } >"$2" ;;
    100mb-ledger-holder) # a ledger whose holder is 100 MB long
      { printf '{\n  "schema": "recert-ledger/1",\n  "holder": "'; head -c 104857600 /dev/zero | tr '\0' h; printf '"\n}\n'; } >"$2" ;;
    deep-10000)        # an unknown key holding arrays nested 10,000 deep
      python3 -c "print('{\"schema\": \"recert-ledger/1\", \"holder\": \"A\", \"x\": ' + '['*10000 + ']'*10000 + '}')" >"$2" ;;
    deep-100000)       # the same, 100,000 deep
      python3 -c "print('{\"schema\": \"recert-ledger/1\", \"holder\": \"A\", \"x\": ' + '['*100000 + ']'*100000 + '}')" >"$2" ;;
    *) echo "unknown generator $1" >&2; return 1 ;;
  esac
}

pass=0 fail=0 n=0
while IFS=$'\t' read -r name input cmd code expect || [ -n "$name" ]; do
  case $name in ''|'#'*) continue ;; esac
  n=$((n + 1))
  work=$scratch/case
  rm -rf "$work"; mkdir -p "$work"
  cp "$here/broken/base-ledger.json" "$work/L.json"
  printf 'date,kind,credits,title\n2024-01-01,ce,8,Course\n' >"$work/ok.csv"
  IN=
  case $input in
    -) ;;
    gen:*) IN=${input#gen:}.input; gen "${input#gen:}" "$work/$IN" || { fail=$((fail + 1)); continue; } ;;
    *) IN=$input; cp "$here/broken/$input" "$work/$IN" ;;
  esac
  before=$(cd "$work" && ls -A | sort | tr '\n' ' ')
  sum_before=$(cd "$work" && md5sum L.json ${IN:+"$IN"} | md5sum)
  (
    cd "$work" || exit 99
    ulimit -v "$mem_kib"
    env -i PATH="$scratch/bin:/usr/bin:/bin" HOME="$work" TZ=UTC LC_ALL=C.UTF-8 TERM=dumb IN="$IN" \
      timeout -s KILL 60 bash -c "$cmd" >"$scratch/out" 2>"$scratch/err"
  )
  rc=$?
  problems=()
  [ "$rc" = "$code" ] || problems+=("exit code $rc, expected $code$([ "$rc" -gt 128 ] && echo " (killed by signal $((rc - 128)))")")
  errsize=$(stat -c %s "$scratch/err")
  if [ "$errsize" -gt 65536 ]; then
    problems+=("stderr is $errsize bytes (more than 64 KiB)")
  elif ! grep -qF -- "$expect" "$scratch/err"; then
    problems+=("stderr lacks: $expect")
  fi
  if grep -qE 'json\.exception|terminate called|what\(\)|Assertion|AddressSanitizer|runtime error|std::bad_alloc' "$scratch/err"; then
    problems+=("stderr shows an internal error")
  fi
  after=$(cd "$work" && ls -A | sort | tr '\n' ' ')
  [ "$before" = "$after" ] || problems+=("files changed: before [$before] after [$after]")
  sum_after=$(cd "$work" && md5sum L.json ${IN:+"$IN"} | md5sum)
  [ "$sum_before" = "$sum_after" ] || problems+=("the ledger or the input was modified")
  if [ "${RECERT_ROBUST_SHOW:-}" = 1 ]; then
    echo "== $name (exit $rc)"; head -c 600 "$scratch/err"; echo
  fi
  if [ ${#problems[@]} -eq 0 ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: $input: $cmd"
    for p in "${problems[@]}"; do echo "    $p"; done
    echo "    stderr (first 400 bytes): $(head -c 400 "$scratch/err")"
  fi
done <"$index"
echo "broken inputs: $n cases, $pass passed, $fail failed"
[ "$n" -gt 0 ] && [ "$fail" -eq 0 ]
