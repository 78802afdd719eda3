#!/usr/bin/env bash
# Builds the libFuzzer targets (clang++-14) and runs them: first every saved crash reproducer in
# tests/fuzz/regressions/<target>/ (each must now run clean), then each target for SECONDS on its
# seed corpus, PARALLEL at a time. Fails when a reproducer still crashes or a run finds anything.
# Usage: tests/fuzz/run.sh [SECONDS] (default 30)
# Environment: FUZZ_BUILD (build-fuzz), FUZZ_CORPUS (FUZZ_BUILD/corpus), FUZZ_PARALLEL (2),
#              FUZZ_TARGETS (all), JOBS (build jobs).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seconds=${1:-30}
build=${FUZZ_BUILD:-build-fuzz}
corpus=${FUZZ_CORPUS:-$build/corpus}
parallel=${FUZZ_PARALLEL:-2}
targets=${FUZZ_TARGETS:-fuzz_csv_reader fuzz_csv_mapping fuzz_rules fuzz_ledger fuzz_date fuzz_status}

# Installs nothing itself; scripts/install-deps.sh is asked only when it lists clang-14.
if ! command -v clang++-14 >/dev/null 2>&1 && grep -q 'clang-14' scripts/install-deps.sh; then
    bash scripts/install-deps.sh
fi
if ! command -v clang++-14 >/dev/null 2>&1; then
    echo "fuzz: clang++-14 not found. Install the Debian packages clang-14 and libclang-rt-14-dev" >&2
    echo "      (apt-get install clang-14 libclang-rt-14-dev)." >&2
    exit 1
fi
if ! printf 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }\n' |
    clang++-14 -fsanitize=fuzzer -x c++ - -o /dev/null 2>/dev/null; then
    echo "fuzz: clang++-14 cannot link -fsanitize=fuzzer: install libclang-rt-14-dev." >&2
    exit 1
fi

cmake -S tests/fuzz -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build "$build" -j "${JOBS:-2}"
bash tests/fuzz/seeds.sh "$corpus" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

# Regressions: every saved reproducer, run once.
failed=0
for t in $targets; do
    dir=tests/fuzz/regressions/$t
    [ -d "$dir" ] || continue
    mapfile -t files < <(find "$dir" -type f ! -name '*.md' | sort)
    [ ${#files[@]} -gt 0 ] || continue
    for f in "${files[@]}"; do
        if ! "$build/$t" -runs=1 "$f" >"$build/regression.log" 2>&1; then
            echo "fuzz: regression $f still fails:" >&2
            grep -E 'ERROR|runtime error|what\(\)|violated|SUMMARY' "$build/regression.log" | head -5 >&2
            failed=1
        fi
    done
done
[ $failed -eq 0 ] || { echo "fuzz: saved reproducers still fail (tests/fuzz/regressions)" >&2; exit 1; }
echo "fuzz: regressions pass"

run_one() {
    local t=$1 dict=
    case $t in
    fuzz_csv_*) dict=-dict=tests/fuzz/csv.dict ;;
    fuzz_rules | fuzz_ledger | fuzz_status) dict=-dict=tests/fuzz/json.dict ;;
    esac
    mkdir -p "$build/artifacts/$t" "$corpus/$t"
    if "$build/$t" $dict -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$t/" "$corpus/$t" >"$build/$t.log" 2>&1; then
        printf 'fuzz: %-17s ok    %s\n' "$t" "$(grep -E '^#[0-9]+' "$build/$t.log" | tail -1)"
    else
        printf 'fuzz: %-17s FOUND something, see %s and %s\n' "$t" "$build/$t.log" "$build/artifacts/$t/" >&2
        grep -E 'ERROR|runtime error|what\(\)|violated|SUMMARY' "$build/$t.log" | head -5 >&2
        return 1
    fi
}
export -f run_one
export build corpus seconds
printf '%s\n' $targets | xargs -P "$parallel" -I{} bash -c 'run_one {}'
