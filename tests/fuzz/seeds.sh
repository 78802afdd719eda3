#!/usr/bin/env bash
# Assembles the seed corpora of the fuzz targets from data/, the golden cases' input files
# (tests/cli/cases/*/files) and the hand-picked seeds in tests/fuzz/corpus/<target>/.
# Usage: tests/fuzz/seeds.sh [OUT]   (default: build-fuzz/corpus). OUT/<target>/ is created;
# files are named by their SHA-1, so running it again adds nothing twice. Nothing here is committed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/build-fuzz/corpus}
targets=(fuzz_csv_reader fuzz_csv_mapping fuzz_rules fuzz_ledger fuzz_date fuzz_status)

add() { # add TARGET FILE...
    local t=$1
    shift
    mkdir -p "$out/$t"
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "$out/$t/$(sha1sum <"$f" | cut -c1-40)"
    done
}

mapfile -t csvs < <(find "$root/data" "$root/tests/cli/cases" -name '*.csv' -path '*' -type f \
    \( -path "$root/data/*" -o -path '*/files/*' \) | sort)
mapfile -t jsons < <(find "$root/data/programs" "$root/data/examples" "$root/tests/cli/cases" \
    -name '*.json' -type f \( -path "$root/data/*" -o -path '*/files/*' \) | sort)
ledgers=()
rules=()
for f in "${jsons[@]}"; do
    grep -q 'recert-ledger/' "$f" && ledgers+=("$f")
    grep -q 'recert-rules/' "$f" && rules+=("$f")
done

add fuzz_csv_reader "${csvs[@]}"
add fuzz_csv_mapping "${csvs[@]}"
add fuzz_rules "${rules[@]}" "${jsons[@]}"
add fuzz_ledger "${ledgers[@]}" "${jsons[@]}"
add fuzz_status "${ledgers[@]}"

# Dates: every ISO date found in the inputs, and a few edge cases.
mkdir -p "$out/fuzz_date"
{
    cat "${jsons[@]}" "${csvs[@]}" | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | sort -u | head -200
    printf '%s\n' 2024-02-29 2023-02-29 0000-01-01 0001-01-01 9999-12-31 2000-02-29 1900-02-29
} | while read -r d; do
    printf '%s' "$d" >"$out/fuzz_date/$(printf '%s' "$d" | sha1sum | cut -c1-40)"
done

# Hand-picked seeds.
for t in "${targets[@]}"; do
    [ -d "$root/tests/fuzz/corpus/$t" ] && add "$t" "$root/tests/fuzz/corpus/$t"/*
done
for t in "${targets[@]}"; do
    printf '%-18s %4d seeds\n' "$t" "$(find "$out/$t" -type f | wc -l)"
done
