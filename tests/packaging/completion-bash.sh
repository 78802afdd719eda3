#!/usr/bin/env bash
# Sources completions/recert.bash and checks what it completes, by setting COMP_WORDS and
# COMP_CWORD as bash does on <TAB> and calling the completion function.
#
#   completion-bash.sh RECERT_BINARY SOURCE_DIR
#
# It runs twice: once in a bare bash (no bash-completion helpers: the script must fall back on its
# own), and once after loading the bash-completion package when it is installed.
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/files/sub"
ln -s "$bin" "$work/bin/recert"
touch "$work/files/claims.csv" "$work/files/certs.csv" "$work/files/notes.txt"
# a ledger whose activity ids claim, approve, reject and rm offer
cat >"$work/l.json" <<'LEDGER'
{ "schema": "recert-ledger/1", "holder": "Ana",
  "certifications": [ { "id": "ccna", "earned": "2024-01-10" } ],
  "activities": [
    { "id": "course-a", "date": "2024-03-01", "kind": "ce", "credits": 8, "status": "unclaimed" },
    { "id": "course-b", "date": "2024-03-02", "kind": "ce", "credits": 8, "status": "pending" },
    { "id": "webinar", "date": "2024-03-03", "kind": "ce", "credits": 1 } ] }
LEDGER
# configuration files: one naming a program, one naming that ledger (relative to its folder)
printf 'program = "isc2"\n' >"$work/isc2.toml"
printf 'ledger = "l.json"\n' >"$work/l.toml"

# The checks, run in a fresh bash. `expect LINE -- WORD...` completes LINE (a trailing space
# means a new, empty word) and requires exactly these candidates, in any order; `includes` requires
# at least these; `all_match LINE PATTERN` requires candidates, each matching PATTERN.
cat >"$work/checks.sh" <<'EOF'
fail=0
complete_line() {
    local line=$1
    # bash splits words at the characters of COMP_WORDBREAKS, "=" among them: --a=b is --a = b
    read -ra COMP_WORDS <<<"${line//=/ = }"
    [[ $line == *' ' ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _recert recert "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
    printf '%s\n' "${COMPREPLY[@]}" | sed 's:/$::' | sort -u | grep -v '^$'
}
expect() {
    local line=$1; shift; shift
    local got want
    got=$(complete_line "$line" | tr '\n' ' ')
    want=$( (($#)) && printf '%s\n' "$@" | sort -u | tr '\n' ' ')
    if [[ $got != "$want" ]]; then echo "FAIL [$MODE]: '$line<TAB>' gave '$got', expected '$want'"; fail=1; fi
}
includes() {
    local line=$1; shift; shift
    local got w
    got=$(complete_line "$line")
    for w in "$@"; do
        if ! grep -qxF -- "$w" <<<"$got"; then
            echo "FAIL [$MODE]: '$line<TAB>' gave '$(tr '\n' ' ' <<<"$got")', which lacks '$w'"; fail=1
        fi
    done
}
all_match() {
    local line=$1 pattern=$2
    local got
    got=$(complete_line "$line")
    if [[ -z $got ]]; then echo "FAIL [$MODE]: '$line<TAB>' gave nothing"; fail=1; return; fi
    if grep -qvE -- "$pattern" <<<"$got"; then
        echo "FAIL [$MODE]: '$line<TAB>' gave '$(tr '\n' ' ' <<<"$got")', not all matching $pattern"; fail=1
    fi
}

type _recert >/dev/null 2>&1 || { echo "FAIL [$MODE]: sourcing did not define _recert"; exit 1; }
complete -p recert >/dev/null 2>&1 || { echo "FAIL [$MODE]: recert has no completion registered"; exit 1; }

# commands and subcommands
expect "recert st" -- status
expect "recert " -- status check explain plan activities init add claim approve reject rm edit import export rules config report help
expect "recert add " -- cert ce exam
expect "recert rules " -- show check
expect "recert help a" -- activities add approve
expect "recert help add " -- cert ce exam
expect "recert --ledger x.json --as-of 2026-01-01 e" -- edit explain export
# options, global and per command
expect "recert status --for" -- --format
expect "recert import --d" -- --dry-run
expect "recert add ce --c" -- --credits --category --certs --certs-map --color --config
expect "recert add exam --k" -- --kind
expect "recert check --wi" -- --within
expect "recert check --ex" -- --expired-within
includes "recert check --" -- --within --expired-within --all
includes "recert plan --" -- --by --catalog --ledger --help --version
# option values
expect "recert status --format " -- text json csv
includes "recert status --" -- --state --sort
expect "recert status --sort " -- holder expires days state
expect "recert status --state exp" -- expiring expired
expect "recert status --state pending,ex" -- pending,expiring pending,expired
expect "recert status --state expired ccn" -- $(complete_line "recert status ccn")
expect "recert explain --format " -- text json
expect "recert export --format " -- text json csv ics
expect "recert --format=" -- text json csv ics
expect "recert --color a" -- auto always
expect "recert config --format " -- text
expect "recert report --format " -- text json md html
includes "recert report --" -- --require --limit --output
expect "recert --con" -- --config
expect "recert add ce --date 2026-01-01 --credits 8 --status " -- approved pending rejected unclaimed
includes "recert add ce --category " -- training event
includes "recert add exam 350-401 --date 2026-01-01 --kind " -- core concentration expert_lab
# certification ids and exam codes, from `recert rules show`
all_match "recert explain cc" '^cc[a-z0-9._-]*$'
includes "recert explain cc" -- ccna ccnp-enterprise
includes "recert status ccnp-enterprise cc" -- ccna
includes "recert plan ccn" -- ccna
includes "recert add cert " -- ccna ccst-networking
includes "recert --program cisco explain ccie-" -- ccie-enterprise-infrastructure
includes "recert --program " -- cisco comptia isc2 pmi
includes "recert --program isc2 explain c" -- cissp ccsp cc
expect "recert explain ccna --" -- $(complete_line "recert explain --")
expect "recert explain ccna " --
includes "recert add exam 350-" -- 350-401
# activity ids from the ledger named on the command line
expect "recert --ledger $HOME/l.json claim " -- course-a course-b webinar
expect "recert --ledger=$HOME/l.json approve course-" -- course-a course-b
expect "recert reject --ledger $HOME/l.json w" -- webinar
expect "recert --ledger $HOME/l.json rm " -- cert course-a course-b webinar
expect "recert --ledger $HOME/l.json rm course-a " -- course-b webinar course-a
includes "recert rm cert cc" -- ccna ccnp-enterprise
expect "recert --config $HOME/l.toml claim " -- course-a course-b webinar
includes "recert --config=$HOME/isc2.toml explain c" -- cissp ccsp cc
expect "recert claim x --o" -- --on
expect "recert rm cert ccna --e" -- --earned
expect "recert help rm " -- cert
# files
cd "$FILES" || exit 1
expect "recert import " -- certs.csv claims.csv notes.txt sub
expect "recert import claims.csv c" -- certs.csv claims.csv
expect "recert --ledger c" -- certs.csv claims.csv
expect "recert --activities=cl" -- claims.csv
expect "recert plan ccna --catalog n" -- notes.txt
expect "recert --config n" -- notes.txt
expect "recert --config notes.txt c" -- check claim config
exit $fail
EOF

status=0
# 1: without bash-completion's helpers
env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work" FILES="$work/files" MODE=bare LC_ALL=C \
    bash --norc --noprofile -c 'source "$1"; source "$2"' _ "$src/completions/recert.bash" "$work/checks.sh" ||
    status=1
# 2: with the bash-completion package, when installed
bc=/usr/share/bash-completion/bash_completion
if [ -r "$bc" ]; then
    env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work" FILES="$work/files" MODE=bash-completion LC_ALL=C \
        bash --norc --noprofile -c 'source "$1"; source "$2"; source "$3"' _ "$bc" \
        "$src/completions/recert.bash" "$work/checks.sh" || status=1
    echo "checked with and without the bash-completion package"
else
    echo "note: bash-completion is not installed; checked with bash alone"
fi
[ $status -eq 0 ] && echo "bash completion: all cases pass"
exit $status
