#!/usr/bin/env bash
# Checks completions/_recert with zsh, when zsh is installed.
#
#   completion-zsh.sh RECERT_BINARY SOURCE_DIR
#
# 1. zsh -n: the file parses.
# 2. It names every command and every long option that the help output lists (discovered from
#    `recert --help` and `recert help COMMAND ...`, as the man page test does).
# 3. Real completions: an interactive zsh in a pseudo-terminal (zsh-capture.zsh) loads it through
#    compinit and is asked to complete a few command lines.
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
file=$src/completions/_recert
if ! command -v zsh >/dev/null 2>&1; then
    echo "note: zsh is not installed (Debian package zsh); the zsh completion is not checked"
    exit 0
fi
fail=0
err() { echo "FAIL: $*"; fail=1; }

zsh -n "$file" || err "zsh -n: $file does not parse"

# commands and options from the help output
options_in() { sed -n 's/^  \(-[A-Za-z0-9],\)\{0,1\}\(--[A-Za-z0-9][A-Za-z0-9-]*\).*/\2/p'; }
subcommands_in() { awk '/^Subcommands:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  [a-z]/ { print $1 }'; }
paths=("")
i=0
while [ $i -lt ${#paths[@]} ]; do
    path=${paths[$i]}
    i=$((i + 1))
    # shellcheck disable=SC2086
    if [ -z "$path" ]; then text=$("$bin" --help); else text=$("$bin" help $path); fi
    for opt in $(printf '%s\n' "$text" | options_in); do
        grep -qE -- "['\"](\([^)]*\))?(\*)?${opt}[=[]|\{[^}]*${opt}[,}]" "$file" ||
            err "the zsh completion does not offer the option $opt of \"recert ${path:-(global)}\""
    done
    for sub in $(printf '%s\n' "$text" | subcommands_in); do
        grep -qE -- "(^|[ '(])${sub}(\\\\)?:" "$file" ||
            err "the zsh completion does not offer the command \"${path:+$path }$sub\""
        paths+=("${path:+$path }$sub")
    done
done

# real completions
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/fpath" "$work/files/sub"
ln -s "$bin" "$work/bin/recert"
cp "$file" "$work/fpath/_recert"
touch "$work/files/claims.csv" "$work/files/certs.csv"
cat >"$work/l.json" <<'LEDGER'
{ "schema": "recert-ledger/1", "holder": "Ana",
  "certifications": [ { "id": "ccna", "earned": "2024-01-10" } ],
  "activities": [
    { "id": "course-a", "date": "2024-03-01", "kind": "ce", "credits": 8, "status": "unclaimed" },
    { "id": "course-b", "date": "2024-03-02", "kind": "ce", "credits": 8, "status": "pending" } ] }
LEDGER
complete_line() {
    (cd "$work/files" && env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work" TERM=dumb LC_ALL=C.UTF-8 \
        timeout 20 zsh -f "$src/tests/packaging/zsh-capture.zsh" "$work/fpath" "$1") | sort -u | tr '\n' ' '
}
expect() {
    local line=$1; shift; shift
    local got want
    got=$(complete_line "$line")
    want=$(printf '%s\n' "$@" | sort -u | tr '\n' ' ')
    [ "$got" = "$want" ] || err "zsh: '$line<TAB>' gave '$got', expected '$want'"
}
includes() {
    local line=$1; shift; shift
    local got w
    got=" $(complete_line "$line")"
    for w in "$@"; do
        case $got in *" $w "*) ;; *) err "zsh: '$line<TAB>' gave '$got', which lacks '$w'" ;; esac
    done
}
expect "recert st" -- status
expect "recert " -- status check explain plan activities init add claim approve reject rm edit import export rules config report help
expect "recert --ledger $work/l.json claim " -- course-a course-b
expect "recert --ledger $work/l.json approve course-b --o" -- --on
expect "recert --ledger $work/l.json rm " -- cert course-a course-b
includes "recert rm cert ccn" -- ccna ccnp-enterprise
expect "recert rm cert ccna --ea" -- --earned
expect "recert add " -- cert ce exam
expect "recert help add " -- cert ce exam
expect "recert status --for" -- --format
expect "recert status --format " -- text json csv
expect "recert status --so" -- --sort
expect "recert status --sort " -- holder expires days state
expect "recert status --state exp" -- expiring expired
expect "recert status --state pending,ex" -- expiring expired
expect "recert check --ex" -- --expired-within
expect "recert check --a" -- --all --activities --as-of
expect "recert rules show --format " -- text json
expect "recert --color=" -- auto always never
expect "recert --con" -- --config
expect "recert config --format " -- text
expect "recert report --format " -- text json md html
includes "recert report --" -- --require --limit --output
expect "recert add ce --date 2026-01-01 --s" -- --status --submitted
expect "recert add ce --status " -- approved pending rejected unclaimed
includes "recert add exam 350-401 --kind " -- core concentration
includes "recert explain cc" -- ccna ccnp-enterprise
expect "recert add exam 350-40" -- 350-401
expect "recert import " -- certs.csv claims.csv sub
[ $fail -eq 0 ] && echo "zsh completion: all checks pass"
exit $fail
