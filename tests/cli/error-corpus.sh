#!/usr/bin/env bash
# Checks the corpus of error messages: the golden cases named error-* pin, each to its exact text
# and exit code, at least MIN distinct error messages (lines with "error: " in their stderr), and
# each such case says what it shows in a comment at the top of its cmd.
#
#   error-corpus.sh SOURCE_DIR [MIN]
set -u
src=$1 min=${2:-30}
cases=("$src"/tests/cli/cases/error-*)
fail=0
for c in "${cases[@]}"; do
  for f in cmd stdout stderr code; do
    [ -f "$c/$f" ] || { echo "error-corpus: $(basename "$c") has no $f"; fail=1; }
  done
  [ -f "$c/cmd" ] && ! head -1 "$c/cmd" | grep -q '^#' && {
    echo "error-corpus: $(basename "$c")/cmd does not start with a comment saying what it shows"
    fail=1
  }
done
n=$(cat "${cases[@]/%//stderr}" 2>/dev/null | grep -F 'error: ' | sort -u | wc -l)
if [ "$n" -lt "$min" ]; then
  echo "error-corpus: $n distinct error messages in ${#cases[@]} cases, expected at least $min"
  fail=1
fi
[ $fail = 0 ] && echo "error-corpus: $n distinct error messages in ${#cases[@]} cases"
exit $fail
