#!/usr/bin/env bash
# Checks that every command and every option of the binary has at least one golden case.
#
#   coverage.sh RECERT_BINARY SOURCE_DIR
#
# The commands and options come from the binary's own help, never from a list kept here, so a new
# command or option fails this test until a case under tests/cli/cases runs it:
#   - commands: the "Subcommands:" section of `recert --help`, and of `recert PATH --help` for
#     each command, recursively (`add ce`, `rules show`, ...). Every command that has no
#     subcommands of its own must be run by at least one case.
#   - options: the option column of `recert --help` (global options) and of `recert PATH --help`.
#     An option is named by its long form (--name), or by its short form (-x) only if it has no
#     long one. An option that the top level lists too (CLI11 lists -h,--help for every command)
#     is the global option. A command's option must be used with that command; a global option
#     may be used anywhere, before or after the command. `--opt value`, `--opt=value` and, where
#     there is one, the short form all count.
# Only real `recert` invocations in a case's cmd count: the script is split into words as bash
# would (quotes, comments, here-documents, $(...), pipes, redirections, VAR=value prefixes), so
# an option in a comment, an echo, a here-document or a fixture does not count. A case counts
# only when it is complete (cmd, stdout, stderr and code).
# Exit 0 with one summary line when everything is covered; else exit 1, listing every uncovered
# "command" and "command --option" (global options as "--option").
set -u
if [ $# -ne 2 ]; then echo "usage: coverage.sh RECERT_BINARY SOURCE_DIR" >&2; exit 2; fi
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
[ -x "$bin" ] || { echo "coverage.sh: $bin is not an executable" >&2; exit 2; }
[ -d "$src/tests/cli/cases" ] || { echo "coverage.sh: no tests/cli/cases under $src" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "coverage.sh: needs python3" >&2; exit 2; }

exec python3 - "$bin" "$src/tests/cli/cases" <<'PY'
import os, re, subprocess, sys

binary, cases_dir = sys.argv[1], sys.argv[2]

# ---------------------------------------------------------------------------------------------
# The binary's commands and options, from CLI11's help format:
#
#   Options:
#     -h,--help                   Print this help message and exit
#     --ledger TEXT               the ledger file ...
#     --format TEXT:{text,json,csv,ics}
#                                 output format
#     --holder TEXT ...           only this holder (repeatable)
#     --earned TEXT REQUIRED      date earned
#     --dry-run                   validate and show ...
#   Subcommands:
#     status                      report each ...
#
# An option line starts with exactly two spaces and a dash; its first field holds the names
# (comma separated). A type (an upper-case word such as TEXT, INT, ENUM, possibly followed by
# ":..." and "...") right after the names, one space away, means the option takes a value; a
# flag's names are followed by the padding (two or more spaces), a line end, or only CLI11's
# REQUIRED / Needs: / Excludes: / Env: notes.
# ---------------------------------------------------------------------------------------------
def help_of(path):
    env = dict(os.environ, TERM="dumb", NO_COLOR="1")
    r = subprocess.run([binary] + path + ["--help"], capture_output=True, text=True, env=env)
    if r.returncode != 0 or not r.stdout.strip():
        sys.exit("coverage.sh: `recert %s --help` failed (exit %d)" % (" ".join(path), r.returncode))
    return r.stdout

OPTION_LINE = re.compile(r"^  (-[^\s]+)(.*)$")
TYPE_WORD = re.compile(r"^[A-Z][A-Z0-9_]*(:.*)?$")
NOT_A_TYPE = {"REQUIRED", "Needs:", "Excludes:", "Env:"}

def parse_help(text):
    options, subcommands, section = [], [], None
    for line in text.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":"):
            section = line.strip()[:-1].lower()
            continue
        m = OPTION_LINE.match(line)
        if m and section != "subcommands" and section != "positionals":
            names = [n for n in m.group(1).split(",") if n]
            rest = m.group(2)
            takes_value = False
            if rest.startswith(" ") and not rest.startswith("  "):
                first = rest.split()[0] if rest.split() else ""
                takes_value = bool(TYPE_WORD.match(first)) and first not in NOT_A_TYPE
            # "TEXT ..." (a vector): CLI11 reads several values until an option or a command
            multi = takes_value and bool(re.match(r"^ \S+ \.\.\.", rest))
            longs = [n for n in names if n.startswith("--")]
            shorts = [n for n in names if not n.startswith("--")]
            key = longs[0] if longs else shorts[0]
            options.append({"key": key, "names": longs + shorts, "value": takes_value, "multi": multi})
        elif section == "subcommands" and re.match(r"^  [A-Za-z0-9]", line):
            subcommands.append(line.split()[0])
    return options, subcommands

# commands: a tree keyed by path tuples; () is the top level
commands = {}
queue = [()]
while queue:
    path = queue.pop(0)
    opts, subs = parse_help(help_of(list(path)))
    commands[path] = {"options": opts, "subs": subs}
    queue += [path + (s,) for s in subs]

glob = commands[()]["options"]
glob_names = {n for o in glob for n in o["names"]}
if len(commands) < 3 or not glob:
    sys.exit("coverage.sh: found %d commands and %d global options in the help; is the parser out of date?"
             % (len(commands) - 1, len(glob)))
# an option the top level lists too is the global one
for path, c in commands.items():
    if path:
        c["options"] = [o for o in c["options"] if not (set(o["names"]) & glob_names)]

def lookup(path, name):
    """(owner path, option) for an option name used after command `path`."""
    for p in [path[:i] for i in range(len(path), 0, -1)] + [()]:
        for o in commands[p]["options"]:
            if name in o["names"]:
                return p, o
    return None, None

# ---------------------------------------------------------------------------------------------
# A small bash tokenizer: enough of bash's word splitting to find commands and their words.
# Returns ("word", text, NAME or None), ("op", text) and ("redir", text) items: "op" items
# separate commands (newline, ;, &, |, &&, ||, (, ), $(, backquote, { }); after a "redir" the next
# word is its target. NAME is set for a word that is an unquoted $NAME or ${NAME}.
# ---------------------------------------------------------------------------------------------
SEPARATORS = ("&&", "||", ";;", "|&", ";", "&", "|", "(", ")", "{", "}")
BARE_VAR = re.compile(r"^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$")
REDIR = re.compile(r"(\d*|&)(<<<|<<-|<<|<>|>>|>&|<&|>\||>|<)")

def tokenize(s):
    out = []
    i, n = 0, len(s)
    word, in_word, word_start = [], False, 0
    stack = []          # contexts: each "sub" is a $( ... ) or ( ... ); "dq" a double quote to resume
    pending_heredocs = []

    def begin(at):
        nonlocal in_word, word_start
        if not in_word:
            in_word, word_start = True, at

    def flush():
        nonlocal word, in_word
        if in_word:
            # an unquoted $NAME or ${NAME} as a whole word: bash splits its value into words
            m = BARE_VAR.match(s[word_start:i])
            out.append(("word", "".join(word), m and (m.group(1) or m.group(2))))
        word, in_word = [], False

    def read_heredoc_bodies(pos):
        # at pos: the start of the line after the one with the << operators
        for delim, strip_tabs in pending_heredocs:
            while pos < n:
                end = s.find("\n", pos)
                end = n if end < 0 else end
                line = s[pos:end]
                pos = end + 1
                if (line.lstrip("\t") if strip_tabs else line) == delim:
                    break
        pending_heredocs.clear()
        return pos

    def double_quoted(i):
        """Reads a double-quoted string from s[i] (after the quote). Returns the index after the
        closing quote, or ("sub", index) when a $( starts inside it."""
        while i < n:
            c = s[i]
            if c == "\\" and i + 1 < n:
                if s[i + 1] in '"\\$`':
                    word.append(s[i + 1])
                elif s[i + 1] != "\n":
                    word.append(c); word.append(s[i + 1])
                i += 2
            elif c == '"':
                return i + 1
            elif s.startswith("$(", i) and not s.startswith("$((", i):
                return ("sub", i + 2)
            else:
                word.append(c); i += 1
        return n

    while i < n:
        c = s[i]
        if stack and stack[-1] == "dq":
            stack.pop()
            r = double_quoted(i)
            if isinstance(r, tuple):
                flush(); out.append(("op", "$(")); stack.append("dq"); stack.append("sub"); i = r[1]
            else:
                i = r
            continue
        if c == "\\" and i + 1 < n:
            if s[i + 1] != "\n":
                begin(i); word.append(s[i + 1])
            i += 2
        elif c == "'":
            j = s.find("'", i + 1)
            j = n if j < 0 else j
            begin(i); word.append(s[i + 1:j])
            i = j + 1
        elif c == '"':
            begin(i)
            r = double_quoted(i + 1)
            if isinstance(r, tuple):
                flush(); out.append(("op", "$(")); stack.append("dq"); stack.append("sub"); i = r[1]
            else:
                i = r
        elif c == "#" and not in_word:
            j = s.find("\n", i)
            i = n if j < 0 else j
        elif c == "\n":
            flush(); out.append(("op", "\n")); i += 1
            if pending_heredocs:
                i = read_heredoc_bodies(i)
        elif c in " \t\r":
            flush(); i += 1
        elif s.startswith("$((", i):
            # arithmetic: part of the word, up to the matching ))
            depth, j = 0, i + 1
            while j < n:
                if s[j] == "(":
                    depth += 1
                elif s[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            begin(i); word.append(s[i:j + 1]); i = j + 1
        elif s.startswith("$(", i):
            flush(); out.append(("op", "$(")); stack.append("sub"); i += 2
        elif c == "`":
            flush(); out.append(("op", "`")); i += 1
        elif c == "(":
            flush(); out.append(("op", "(")); stack.append("sub"); i += 1
        elif c == ")":
            flush(); out.append(("op", ")"))
            if stack and stack[-1] == "sub":
                stack.pop()
            i += 1
        else:
            # a redirection: >, 2>, 2>&1, &>, <, <<<, ...; inside a word (foo>x) only the operator
            m = REDIR.match(s, i)
            if m and (not in_word or m.group(1) == ""):
                flush()
                op = m.group(2)
                i = m.end()
                if op in ("<<", "<<-"):
                    # a here-document: its body (from the next line) is skipped
                    while i < n and s[i] in " \t":
                        i += 1
                    j = i
                    while j < n and s[j] not in " \t\n;&|<>()":
                        j += 1
                    delim = s[i:j].replace("'", "").replace('"', "").replace("\\", "")
                    pending_heredocs.append((delim, op == "<<-"))
                    i = j
                    out.append(("redir", op))
                    out.append(("word", delim, None))
                else:
                    out.append(("redir", m.group(0)))
                continue
            sep = next((t for t in SEPARATORS if s.startswith(t, i)), None)
            if sep in ("{", "}") and (in_word or (i + 1 < n and s[i + 1] not in " \t\n;")):
                sep = None  # { and } are reserved words only as words of their own
            if sep:
                flush(); out.append(("op", sep)); i += len(sep)
            else:
                begin(i); word.append(c); i += 1
    flush()
    return out

# words that may come before a command's name without being the command
PREFIX_WORDS = {"if", "then", "else", "elif", "do", "while", "until", "!", "time", "command",
                "exec", "nohup"}
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")

def simple_commands(tokens):
    """The words of each simple command (redirections and their targets left out)."""
    cmds, cur, skip_next = [], [], False
    for kind, text, *var in tokens:
        if kind == "op":
            if cur:
                cmds.append(cur)
            cur, skip_next = [], False
        elif kind == "redir":
            skip_next = True  # its target
        elif skip_next:
            skip_next = False
        else:
            cur.append((text, var[0]))
    if cur:
        cmds.append(cur)
    return cmds

def expand(cmds):
    """Each simple command's words, with unquoted $NAME replaced by the words of NAME's value
    when an earlier command of only assignments (NAME=value) set it, and by None (a word that
    cannot be known: never a command or an option) when not."""
    values = {}
    for cmd in cmds:
        if all(ASSIGNMENT.match(text) and var is None for text, var in cmd):
            for text, _ in cmd:
                name, value = text.split("=", 1)
                values[name] = value
            continue
        words = []
        for text, var in cmd:
            if var is None:
                words.append(text)
            elif var in values:
                words += values[var].split()
            else:
                words.append(None)
        yield words

def recert_words(words):
    """The arguments of recert when this simple command runs it, else None."""
    i = 0
    while i < len(words):
        w = words[i]
        if w is None:
            return None
        if w in PREFIX_WORDS or ASSIGNMENT.match(w):
            i += 1
        elif w == "env":
            i += 1
            while i < len(words) and words[i] and (words[i].startswith("-") or ASSIGNMENT.match(words[i])):
                i += 1
        else:
            break
    if i < len(words) and words[i] == "recert":
        return words[i + 1:]
    return None

def uses(args):
    """(command path, set of (owner path, option key)) for one recert invocation."""
    path, used, i = (), set(), 0
    positional_seen = False
    while i < len(args):
        a = args[i]
        if a is None:
            pass  # an unknown $VARIABLE: neither a command nor an option
        elif a == "--":
            break
        elif a.startswith("-") and a != "-":
            name = a.split("=", 1)[0] if a.startswith("--") else a
            owner, opt = lookup(path, name)
            if opt is not None:
                used.add((owner, opt["key"]))
                if opt["value"] and "=" not in a:
                    i += 1  # the value
                    if opt["multi"]:
                        while i + 1 < len(args) and args[i + 1] is not None \
                                and not args[i + 1].startswith("-") \
                                and args[i + 1] not in commands[path]["subs"]:
                            i += 1
        elif not positional_seen and a in commands[path]["subs"]:
            path += (a,)
        else:
            positional_seen = True
        i += 1
    return path, used

# ---------------------------------------------------------------------------------------------
covered_commands, covered_options = {}, {}
incomplete = []
for name in sorted(os.listdir(cases_dir)):
    d = os.path.join(cases_dir, name)
    if not os.path.isdir(d):
        continue
    if not all(os.path.isfile(os.path.join(d, f)) for f in ("cmd", "stdout", "stderr", "code")):
        incomplete.append(name)
        continue
    with open(os.path.join(d, "cmd"), encoding="utf-8", errors="replace") as f:
        script = f.read()
    for words in expand(simple_commands(tokenize(script))):
        args = recert_words(words)
        if args is None:
            continue
        path, used = uses(args)
        if path:
            covered_commands.setdefault(path, name)
        for owner, key in used:
            # a command's option counts only when used with that command (or a subcommand of it)
            if owner == () or path[:len(owner)] == owner:
                covered_options.setdefault((owner, key), name)

leaves = [p for p, c in commands.items() if p and not c["subs"]]
all_options = [(p, o["key"]) for p, c in commands.items() for o in c["options"]]
missing = []
for p in leaves:
    if p not in covered_commands:
        missing.append("uncovered command: %s" % " ".join(p))
for p, key in all_options:
    if (p, key) not in covered_options:
        missing.append("uncovered option: %s" % (" ".join(p) + " " + key if p else key + " (global)"))
for name in incomplete:
    print("note: %s is not a complete case (cmd, stdout, stderr, code); not counted" % name)
if missing:
    print("\n".join(missing))
    print("FAIL: %d of %d commands and %d of %d options have no golden case in %s"
          % (sum(1 for m in missing if m.startswith("uncovered command")), len(leaves),
             sum(1 for m in missing if m.startswith("uncovered option")), len(all_options), cases_dir))
    sys.exit(1)
print("%d commands, %d options, each has a golden case" % (len(leaves), len(all_options)))
PY
