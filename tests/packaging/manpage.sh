#!/usr/bin/env bash
# Checks docs/recert.1 against the binary's own help.
#
#   manpage.sh RECERT_BINARY SOURCE_DIR
#
# Commands are discovered from the help output (the "Subcommands:" section of `recert --help` and
# of `recert help COMMAND ...`, recursively), never from a list kept here, so a new command or
# option fails this test until the man page describes it. For every command path:
#   - `recert help PATH` and `recert PATH --help` list the same options and subcommands;
#   - the man page has a subsection (.SS) that starts with the command path;
#   - every long option in the help's option column appears in the man page as \-\-name or --name.
# Then the page must render without warnings (groff -ww, or man --warnings), and its .TH version
# must be the binary's version.
set -u
bin=$(readlink -f "$1")
page=$(readlink -f "$2")/docs/recert.1
fail=0
err() { echo "FAIL: $*"; fail=1; }

[ -f "$page" ] || { echo "FAIL: $page is missing"; exit 1; }

# the help text of a command path ("" = top level)
help_of() {
    if [ -z "$1" ]; then "$bin" --help; else
        # shellcheck disable=SC2086 # the path is words on purpose
        "$bin" help $1
    fi
}
# long options in the option column: lines "  --name ..." or "  -x,--name ..."
options_in() { sed -n 's/^  \(-[A-Za-z0-9],\)\{0,1\}\(--[A-Za-z0-9][A-Za-z0-9-]*\).*/\2/p'; }
# names listed under "Subcommands:"
subcommands_in() { awk '/^Subcommands:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  [a-z]/ { print $1 }'; }
# the man page with font escapes removed and \- turned into -
plain_page=$(sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(aq/'"'"'/g' "$page")
# .SS headings, plain, without quotes
headings=$(printf '%s\n' "$plain_page" | sed -n 's/^\.SS //p' | tr -d '"')

paths=("")
checked=0
i=0
while [ $i -lt ${#paths[@]} ]; do
    path=${paths[$i]}
    i=$((i + 1))
    text=$(help_of "$path") || { err "\`recert help $path\` failed"; continue; }
    [ -n "$text" ] || { err "\`recert help $path\` printed nothing"; continue; }
    if [ -n "$path" ]; then
        # shellcheck disable=SC2086
        other=$("$bin" $path --help) || err "\`recert $path --help\` failed"
        # the usage line names the command differently in the two forms; compare the rest
        if [ "$(printf '%s\n' "$text" | options_in; printf '%s\n' "$text" | subcommands_in)" != \
             "$(printf '%s\n' "$other" | options_in; printf '%s\n' "$other" | subcommands_in)" ]; then
            err "\`recert help $path\` and \`recert $path --help\` list different options or commands"
        fi
        if ! printf '%s\n' "$headings" | grep -qE "^${path}( |$)"; then
            err "the man page has no section (.SS) for the command \"$path\""
        fi
        checked=$((checked + 1))
    fi
    for opt in $(printf '%s\n' "$text" | options_in); do
        if ! printf '%s\n' "$plain_page" | grep -qE -- "(^|[^A-Za-z0-9-])${opt}([^A-Za-z0-9-]|$)"; then
            err "option $opt of \"recert ${path:-(global)}\" is not in the man page"
        fi
    done
    for sub in $(printf '%s\n' "$text" | subcommands_in); do
        paths+=("${path:+$path }$sub")
    done
done
[ $checked -ge 10 ] || err "found only $checked commands in the help output; is the parser out of date?"
echo "checked $checked commands and their options against the man page"

version=$("$bin" --version | awk '{ print $NF }')
th_version=$(sed -n 's/^\.TH .*"recert \([^"]*\)".*/\1/p' "$page")
[ "$version" = "$th_version" ] || err "the man page says version \"$th_version\", the binary $version"

# rendering: no warnings at all
if command -v groff >/dev/null 2>&1; then
    warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$warnings" ] || err "groff warns about the man page:"$'\n'"$warnings"
    echo "groff rendered the page"
elif command -v man >/dev/null 2>&1; then
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || err "man warns about the man page:"$'\n'"$warnings"
    echo "man rendered the page"
else
    echo "note: neither groff nor man is installed; the rendering check is skipped"
fi
exit $fail
