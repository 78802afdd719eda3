#!/usr/bin/env bash
# Every reference to the project's own documentation resolves inside the repository:
#   - each section sign citation ("semantics §4", "docs/semantics.md §4", "§2, §5", "§3-§8",
#     "§3.2") names a heading "## §N ..." of docs/semantics.md;
#   - each formats citation (formats.md "Ledger file", docs/formats.md "Activities CSV",
#     "Certifications CSV"; single quotes too; the titles may start on the next comment line)
#     names a heading of docs/formats.md (its text, or its text before a " (...)" part);
#   - no file tracked by git names the design notes kept outside the repository.
# Citations are looked for in src/, include/, tests/, docs/*.md, README.md and ARCHITECTURE.md. A
# section sign that follows another document's name on its line (cli.md, RFC 4180) is not a
# citation of docs/semantics.md.
#   references.sh [SOURCE_DIR]     (default: the repository holding this script)
# Exit 0 with a one-line summary; exit 1 listing FILE:LINE and each missing reference.
# REFERENCES_VERBOSE=1 also lists every citation found.
# Only bash, grep, sed and awk (and git ls-files, when SOURCE_DIR is a git work tree).
set -uo pipefail
export LC_ALL=C

src=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
src=${src%/}
sem=docs/semantics.md
fmt=docs/formats.md
# where citations are looked for (relative to SOURCE_DIR; missing ones are skipped)
scan=(src include tests docs README.md ARCHITECTURE.md)
# the outside folder's name, written in two pieces so that this file does not name it
outside="shared""/spec"
self=tests/docs/references.sh

cd "$src" 2>/dev/null || { echo "references: no directory $src" >&2; exit 1; }
for f in "$sem" "$fmt"; do
    [ -f "$f" ] || { echo "references: $src/$f is missing" >&2; exit 1; }
done

present=()
for p in "${scan[@]}"; do [ -e "$p" ] && present+=("$p"); done
# the files that may cite anything (text files only), this script left out
mapfile -t files < <(grep -rIlE --exclude-dir=.git '§|formats\.md' "${present[@]}" 2>/dev/null |
                     grep -vxF "$self")

read -r -d '' program <<'AWK'
# the docs first: which sections and titles exist
FILENAME == HSEM {
    if (match($0, /^#+[ \t]+§[0-9]+[a-z]?/)) {
        id = substr($0, RSTART, RLENGTH); sub(/^#+[ \t]+§/, "", id); section[id] = 1
    }
    next
}
FILENAME == HFMT {
    if ($0 ~ /^#+[ \t]/) {
        t = $0; sub(/^#+[ \t]+/, "", t); sub(/[ \t#]+$/, "", t); gsub(/`/, "", t)
        title[tolower(t)] = 1
        if (match(t, / \(/)) title[tolower(substr(t, 1, RSTART - 1))] = 1
    }
    next
}
FNR == 1 { pending = 0 }
FILENAME == SEM && /^#+[ \t]+§/ { next }  # a heading of docs/semantics.md is no citation
{
    line = $0
    # the titles of a formats citation that ended the line before
    if (pending) {
        r = line; sub(/^[ \t]*(\/\/+|#+|\*+|--|;+)?[ \t]*/, "", r); titles(r)
    }
    pending = 0
    # formats citations
    s = line
    while (match(s, /formats\.md/)) {
        r = substr(s, RSTART + RLENGTH); s = r
        sub(/^[`]?[ \t]*[:,(]?[ \t]*/, "", r)
        if (r == "") pending = 1; else titles(r)
    }
    # section citations
    s = line; done_len = 0
    while (match(s, /§[0-9]+[a-z]?(\.[0-9]+)?/)) {
        tok = substr(s, RSTART, RLENGTH); at = done_len + RSTART
        rest = substr(s, RSTART + RLENGTH)
        done_len += RSTART + RLENGTH - 1; s = rest
        doc = lastdoc(substr(line, 1, at - 1))
        if (doc != "" && doc !~ /^semantics/) continue
        id = tok; sub(/^§/, "", id); sub(/\..*/, "", id)
        cite("S", id)
        # a range: §3-§8 or §3–8 (the sections between are cited too)
        if (match(rest, /^[ \t]*(-|–|—)[ \t]*(§)?[0-9]+/)) {
            m = substr(rest, 1, RLENGTH); last = m; gsub(/[^0-9]/, "", last)
            first = id; sub(/[a-z]$/, "", first)
            for (n = first + 1; n < last + 0; n++) cite("S", n "")
            if (m !~ /§/) cite("S", last)
        }
    }
}
# the last document named in s: "semantics", "x.md" or "RFC n" ("" when none)
function lastdoc(s,    d) {
    d = ""
    while (match(s, /semantics(\.md)?|[A-Za-z0-9_-]+\.md|RFC ?[0-9]+/)) {
        d = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
    }
    return d
}
# quoted titles at the start of r: "A", "B" and 'C'
function titles(r,    t) {
    while (match(r, /^\\?"[^"\\]+\\?"/) || match(r, /^'[^']+'/)) {
        t = substr(r, RSTART, RLENGTH); r = substr(r, RSTART + RLENGTH)
        gsub(/^\\?["']|\\?["']$/, "", t)
        cite("F", t)
        if (!match(r, /^[ \t]*(,|and|or)[ \t]*/)) break
        r = substr(r, RLENGTH + 1)
    }
}
function cite(kind, ref) {
    if (VERBOSE) printf "CITE %s:%d: %s\n", FILENAME, FNR, (kind == "S" ? "§" ref : "\"" ref "\"")
    if (kind == "S") {
        nsem++
        if (!(ref in section)) {
            bad++; printf "%s:%d: no section §%s in %s\n", FILENAME, FNR, ref, SEM
        }
    } else {
        nfmt++
        if (!(tolower(ref) in title)) {
            bad++; printf "%s:%d: no heading \"%s\" in %s\n", FILENAME, FNR, ref, FMT
        }
    }
    cited[FILENAME] = 1
}
END {
    nfiles = 0; for (f in cited) nfiles++
    printf "SUMMARY %d %d %d %d\n", nsem + 0, nfmt + 0, nfiles, bad + 0
}
AWK

# the docs are read for their headings as ./docs/..., and scanned for citations as docs/...
out=$(awk -v SEM="$sem" -v FMT="$fmt" -v HSEM="./$sem" -v HFMT="./$fmt" \
          -v VERBOSE="${REFERENCES_VERBOSE:-}" "$program" \
          "./$sem" "./$fmt" "${files[@]}") || {
    echo "references: awk failed" >&2; exit 1; }
summary=$(printf '%s\n' "$out" | grep '^SUMMARY ' | tail -n 1)
problems=$(printf '%s\n' "$out" | grep -v -e '^SUMMARY ' -e '^CITE ')
# REFERENCES_VERBOSE=1 lists every citation found
[ -n "${REFERENCES_VERBOSE:-}" ] && printf '%s\n' "$out" | sed -n 's/^CITE //p'
read -r _ nsem nfmt nfiles nbad <<<"$summary"

# files of the repository that name the outside folder
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -d '' tracked < <(git ls-files -z)
    existing=()
    for f in "${tracked[@]}"; do [ -f "$f" ] && existing+=("$f"); done
    outside_hits=$( ((${#existing[@]})) && grep -nIF -- "$outside" "${existing[@]}")
else
    outside_hits=$(grep -rnIF --exclude-dir=.git --exclude-dir='build*' -- "$outside" .)
fi
outside_hits=$(printf '%s\n' "$outside_hits" | sed -e '/^$/d' -e 's|^\./||' \
                   -e "s|^\([^:]*:[0-9]*\):.*|\1: names $outside, a folder outside the repository|")

# paths of the source tree named in the code, tests and docs exist (the history files name the
# paths of their day, and golden outputs are the program's own words)
missing_paths=""
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t named < <(git ls-files -- src include tests scripts bench cmake data/schema docs \
                             README.md ARCHITECTURE.md Makefile CMakeLists.txt \
                             ':!docs/perf-history.md' ':!bench/RESULTS.md' ':!tests/cli/cases' |
                         xargs grep -noIE '(^|[^A-Za-z0-9_./${}-])(src|include|tests|bench|scripts|docs)/[A-Za-z0-9_./-]*[A-Za-z0-9_]\.(cpp|hpp|sh|md|json|js)' 2>/dev/null)
    for hit in "${named[@]}"; do
        path=${hit#*:*:}; path=${path#[^a-z]}
        [ -e "$path" ] || missing_paths+="${hit%%:*}:$(cut -d: -f2 <<<"$hit"): names $path, which does not exist"$'\n'
    done
fi
missing_paths=${missing_paths%$'\n'}
if [ -n "$missing_paths" ]; then
    printf '%s\n' "$missing_paths"
    echo "references: FAILED: $(grep -c . <<<"$missing_paths") paths named in the tree do not exist"
    exit 1
fi

if [ -n "$problems" ] || [ -n "$outside_hits" ]; then
    [ -n "$problems" ] && printf '%s\n' "$problems"
    [ -n "$outside_hits" ] && printf '%s\n' "$outside_hits"
    n_out=0; [ -n "$outside_hits" ] && n_out=$(printf '%s\n' "$outside_hits" | grep -c .)
    echo "references: FAILED: $nbad citations do not resolve, $n_out lines name a path outside the repository"
    exit 1
fi
echo "references: $nsem section and $nfmt formats citations in $nfiles files resolve; nothing names a path outside the repository"
