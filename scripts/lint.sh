#!/usr/bin/env bash
# Static analysis of recert's own sources (src/, include/): clang-tidy with the committed
# .clang-tidy, then cppcheck, both from BUILD/compile_commands.json. Any finding fails (exit 1).
# Tests, benchmarks, fuzz targets and generated files are not analysed.
# Usage: scripts/lint.sh [BUILD] (default build-lint; configured here when it has no compile
# database). BUILD must not be a unity build: its database lists the merged files, not src/.
# Environment: JOBS (parallel clang-tidy processes, default nproc).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${1:-build-lint}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
[ -n "$tidy" ] || { echo "lint: clang-tidy not found (Debian package clang-tidy-14)" >&2; exit 1; }
command -v cppcheck >/dev/null || { echo "lint: cppcheck not found (Debian package cppcheck)" >&2; exit 1; }

# The compile database (CMAKE_EXPORT_COMPILE_COMMANDS is on); configuring is enough, nothing needs
# to be built.
[ -f "$build/compile_commands.json" ] ||
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DRECERT_UNITY_BUILD=OFF -DRECERT_BUILD_TESTS=OFF >/dev/null
if grep -q '/Unity/unity_' "$build/compile_commands.json"; then
    echo "lint: $build is a unity build; configure it with -DRECERT_UNITY_BUILD=OFF" >&2
    exit 1
fi

# The project's own translation units, as the compile database lists them: src/ only (the headers
# in include/ and src/ are checked through them, see HeaderFilterRegex in .clang-tidy); not tests,
# bench or the generated builtin_rules.cpp.
# The command-line files first: they take longest (CLI11), so the parallel runs end together.
mapfile -t files < <(sed -n 's|^ *"file": "\(.*\)",\{0,1\}$|\1|p' "$build/compile_commands.json" |
    grep "^$root/src/" | sort -u | awk '/\/src\/cli\//{print; next} {rest[n++]=$0} END{for(i=0;i<n;i++) print rest[i]}')
[ ${#files[@]} -gt 0 ] || { echo "lint: no sources found" >&2; exit 1; }

status=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# clang-tidy, one process per file, $jobs at a time, each into its own log (no interleaving). The
# database holds g++'s flags: clang is told to ignore the warning options it does not know
# (-Wno-restrict), and its own compiler warnings are off (g++ -Werror covers those), so only the
# checks of .clang-tidy count; a file that does not compile is a finding too.
start=$(date +%s)
tidy_one() { # FILE
    local log
    log=$logs/$(printf '%s' "$1" | tr / _).log
    "$tidy" -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-everything \
        "$1" >"$log" 2>&1
}
export -f tidy_one
export tidy build logs
printf '%s\n' "${files[@]}" | xargs -P "$jobs" -I{} bash -c 'tidy_one {}' || status=1
# the findings with their context lines, without the "N warnings generated" chatter
cat "$logs"/*.log | grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' || true
echo "lint: clang-tidy on ${#files[@]} files in $(($(date +%s) - start)) s: $([ $status -eq 0 ] && echo clean || echo FINDINGS)"

# cppcheck: the same files with the database's include paths and definitions; library headers
# are not analysed (missingIncludeSystem). Suppressed as noise for this code base:
#   useStlAlgorithm  "consider std::transform/any_of instead of a raw loop" on every short loop;
#                    the loops are as clear as the algorithm calls would be.
#   shadowFunction   a local variable named like a function elsewhere (`lower`, `shown`) is
#                    ordinary naming, not a defect; shadowed variables are still reported.
start=$(date +%s)
cstatus=0
cppcheck --project="$build/compile_commands.json" --file-filter='src/*' \
    --enable=warning,style,performance,portability --std=c++20 --inline-suppr --quiet \
    --suppress=missingIncludeSystem --suppress=useStlAlgorithm --suppress=shadowFunction \
    -j "$jobs" --error-exitcode=1 \
    --template='{file}:{line}:{column}: {severity}: {message} [{id}]' || cstatus=1
echo "lint: cppcheck in $(($(date +%s) - start)) s: $([ $cstatus -eq 0 ] && echo clean || echo FINDINGS)"
[ $status -eq 0 ] && [ $cstatus -eq 0 ]
