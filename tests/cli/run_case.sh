#!/usr/bin/env bash
# Runs one golden command-line case and compares stdout, stderr and the exit code.
#
#   run_case.sh RECERT_BINARY CASE_DIR SOURCE_DIR
#
# A case directory holds:
#   cmd      a bash script run in a fresh temporary directory, with `recert` on PATH and
#            $DATA pointing at the project's data/ folder
#   stdin    optional standard input
#   files/   optional fixtures copied into the temporary directory first
#   stdout, stderr, code   the expected output and exit code
# RECERT_GOLDEN_UPDATE=1 rewrites the expected files from the actual run (review the diff!).
set -u
bin=$1 case=$(readlink -f "$2") src=$(readlink -f "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/bin"
ln -s "$(readlink -f "$bin")" "$work/bin/recert"
[ -d "$case/files" ] && cp -R "$case/files/." "$work/"
stdin=/dev/null
[ -f "$case/stdin" ] && stdin="$case/stdin"
(
  cd "$work" || exit 99
  env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home" TZ=UTC LC_ALL=C.UTF-8 TERM=xterm-256color \
      DATA="$src/data" bash "$case/cmd" <"$stdin" >"$work/.stdout" 2>"$work/.stderr"
  echo $? >"$work/.code"
)
if [ "${RECERT_GOLDEN_UPDATE:-}" = 1 ]; then
  cp "$work/.stdout" "$case/stdout"; cp "$work/.stderr" "$case/stderr"; cp "$work/.code" "$case/code"
  echo "updated $(basename "$case")"
  exit 0
fi
fail=0
for f in stdout stderr code; do
  if ! diff -u --label "expected $f" --label "actual $f" "$case/$f" "$work/.$f"; then fail=1; fi
done
exit $fail
