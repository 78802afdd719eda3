#!/usr/bin/env bash
# Installs the build into a temporary prefix and checks where the files land.
#
#   install-layout.sh BUILD_DIR SOURCE_DIR
set -u
build=$(readlink -f "$1")
src=$(readlink -f "$2")
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail=0
err() { echo "FAIL: $*"; fail=1; }

cmake --install "$build" --prefix "$prefix" >"$prefix.log" 2>&1 || { cat "$prefix.log"; rm -f "$prefix.log"; exit 1; }
rm -f "$prefix.log"

for f in bin/recert share/man/man1/recert.1 share/bash-completion/completions/recert \
         share/zsh/vendor-completions/_recert share/recert/programs/cisco.json \
         share/recert/examples/ledger.json share/doc/recert/copyright; do
    [ -f "$prefix/$f" ] || err "$f was not installed"
done
[ -x "$prefix/bin/recert" ] || err "bin/recert is not executable"
# every data file of the source tree is installed, and nothing else lands in share/recert
for dir in programs examples schema; do
    [ -d "$src/data/$dir" ] || continue
    diff <(cd "$src/data/$dir" && find . -type f | sort) <(cd "$prefix/share/recert/$dir" 2>/dev/null && find . -type f | sort) ||
        err "share/recert/$dir differs from data/$dir"
done
cmp -s "$src/docs/recert.1" "$prefix/share/man/man1/recert.1" || err "the installed man page differs from docs/recert.1"
cmp -s "$src/completions/recert.bash" "$prefix/share/bash-completion/completions/recert" ||
    err "the installed bash completion differs from completions/recert.bash"
# only the expected top-level directories
extra=$(cd "$prefix" && find . -mindepth 1 -maxdepth 2 | sort | grep -vxE '\./(bin|share)|\./bin/recert|\./share/(man|bash-completion|zsh|recert|doc)')
[ -z "$extra" ] || err "unexpected files installed: $extra"

# the installed binary runs, and man finds the page under the prefix
"$prefix/bin/recert" --version >/dev/null || err "the installed recert --version failed"
env -i PATH=/usr/bin:/bin HOME="$prefix" TZ=UTC "$prefix/bin/recert" --ledger "$prefix/share/recert/examples/ledger.json" \
    status --as-of 2026-11-30 >/dev/null || err "the installed recert status on the example ledger failed"
if command -v man >/dev/null 2>&1; then
    MANPATH="$prefix/share/man" MANWIDTH=80 man recert 2>/dev/null | grep -q '^NAME' ||
        err "man recert does not find the installed page (MANPATH=$prefix/share/man)"
fi
[ $fail -eq 0 ] && echo "install layout: all files in place under the prefix"
exit $fail
