# bash completion for recert(1)                                     -*- shell-script -*-
#
# Installed as share/bash-completion/completions/recert and loaded on demand by bash-completion.
# It works without bash-completion's helpers too (`source recert.bash`): it uses _filedir when it
# exists and compgen -f otherwise.
#
# Certification ids, exam codes, categories and exam kinds come from the rules in force, asked of
# recert itself (`recert rules show`), with any --rules, --program or --config already on the
# command line; activity ids (claim, approve, reject, rm) from the ledger in force
# (`recert activities`).
# shellcheck disable=SC2207 # COMPREPLY=($(compgen ...)) is the usual idiom; the words have no spaces

# The recert being completed: the command word as typed when it names a file, else recert on PATH.
_recert_bin() {
    local cmd=${COMP_WORDS[0]}
    cmd=${cmd/#\~/$HOME}
    if [[ $cmd == */* && -x $cmd ]]; then
        printf '%s\n' "$cmd"
    else
        printf '%s\n' recert
    fi
}

# Fills _recert_opts with the options named (and their values) found on the command line.
_recert_collect_opts() {
    local i j w n
    _recert_opts=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        for n in "$@"; do
            if [[ $w == "$n" ]]; then
                j=$((i + 1))
                [[ ${COMP_WORDS[j]-} == = ]] && ((j++))
                # only a value that is complete, not the word being typed
                if ((j < COMP_CWORD)) && [[ -n ${COMP_WORDS[j]} ]]; then
                    _recert_opts+=("$w" "${COMP_WORDS[j]/#\~/$HOME}")
                fi
            elif [[ $w == "$n="* ]]; then
                _recert_opts+=("$n" "${w#*=}")
            fi
        done
    done
}

# Runs recert with the --rules/--program/--config options found on the command line.
_recert_rules() {
    local bin
    bin=$(_recert_bin)
    _recert_collect_opts --rules --program --config
    "$bin" "${_recert_opts[@]}" --color never "$@" 2>/dev/null
}

# Activity ids of the ledger in force (--ledger on the command line, else $RECERT_LEDGER, the
# configuration file's or the default), from `activities --format json` (each "id" at six spaces
# of indentation).
_recert_activity_ids() {
    local bin
    bin=$(_recert_bin)
    _recert_collect_opts --ledger --rules --program --config
    "$bin" "${_recert_opts[@]}" --color never activities --format json 2>/dev/null |
        sed -n 's/^      "id": "\(.*\)",\{0,1\}$/\1/p'
}

# Certification ids: `rules show` lists them as "  <id>  <name>" under each level.
_recert_cert_ids() {
    _recert_rules rules show | sed -n 's/^  \([a-z0-9][a-z0-9._-]*\)  .*/\1/p'
}

# Values of one array in `rules show --format json` (printed with two-space indentation):
# $1 the array ("exams", "categories", "exam_kinds"), $2 the key ("code", "id").
_recert_rules_values() {
    _recert_rules rules show --format json |
        awk -v section="$1" -v key="$2" '
            $0 ~ "^  \"" section "\": \\[" { on = 1; next }
            /^  []"}]/ { on = 0 }
            on && $0 ~ "^      \"" key "\": \"" { sub("^      \"" key "\": \"", ""); sub("\",?$", ""); print }'
}

_recert_files() {
    if declare -F _filedir >/dev/null; then
        _filedir "$@"
    else
        compopt -o filenames 2>/dev/null
        local IFS=$'\n'
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

_recert() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]-}
    # "--opt=value": bash splits at "=", so the words are --opt, =, value
    if [[ $cur == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        cur=
    elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    local global_opts_arg="--ledger --certs --activities --map --certs-map --rules --program --as-of --format --holder --color --config"
    local global_flags="-q --quiet -V --version -h --help"
    local commands="status check explain plan activities init add claim approve reject rm edit import export rules config report help"

    # the command, its subcommand and the positional arguments before the cursor
    local cmd="" sub="" i w
    local -a args=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
            --ledger | --certs | --activities | --rules | --program | --as-of | --format | --holder | \
                --color | --within | --expired-within | --by | --catalog | --currency | --since | --until | --map | --certs-map | \
                --state | --sort | \
                --earned | --expires | --date | --credits | --title | --status | --submitted | \
                --category | --kind | --on | --config)
                # skips the value, and the "=" bash splits off
                if [[ ${COMP_WORDS[i + 1]-} == = ]]; then ((i += 2)); else ((i++)); fi
                ;;
            -*) ;;
            =) ;;
            *)
                if [[ -z $cmd ]]; then
                    cmd=$w
                elif [[ -z $sub && ($cmd == add || $cmd == rules || ($cmd == rm && $w == cert)) ]]; then
                    sub=$w
                else
                    args+=("$w")
                fi
                ;;
        esac
    done

    # the value of an option
    case $prev in
        --ledger | --certs | --activities | --catalog | --config)
            _recert_files
            return
            ;;
        --rules)
            _recert_files '@(json)'
            return
            ;;
        --map | --certs-map)
            _recert_files '@(json)'
            return
            ;;
        --require)
            _recert_files '@(csv|json)'
            return
            ;;
        -o | --output)
            _recert_files
            return
            ;;
        --format)
            local formats
            case $cmd${sub:+ $sub} in
                status | check | activities) formats="text json csv" ;;
                explain | plan | import | "rules show") formats="text json" ;;
                config) formats="text" ;;
                report) formats="text json md html" ;;
                export) formats="text json csv ics" ;;
                *) formats="text json csv ics" ;;
            esac
            COMPREPLY=($(compgen -W "$formats" -- "$cur"))
            return
            ;;
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
            return
            ;;
        --program)
            COMPREPLY=($(compgen -W "cisco comptia isc2 pmi" -- "$cur"))
            return
            ;;
        --status)
            COMPREPLY=($(compgen -W "approved pending rejected unclaimed" -- "$cur"))
            return
            ;;
        --state)
            # a comma-separated list: the states after the last comma, the names before it kept
            local listed=""
            [[ $cur == *,* ]] && listed=${cur%,*},
            COMPREPLY=($(compgen -P "$listed" -W "active expiring grace pending expired lifetime" -- "${cur##*,}"))
            return
            ;;
        --sort)
            COMPREPLY=($(compgen -W "holder expires days state" -- "$cur"))
            return
            ;;
        --category)
            COMPREPLY=($(compgen -W "$(_recert_rules_values categories id)" -- "$cur"))
            return
            ;;
        --kind)
            COMPREPLY=($(compgen -W "$(_recert_rules_values exam_kinds id)" -- "$cur"))
            return
            ;;
        --as-of | --by | --since | --until | --earned | --expires | --date | --submitted | --on)
            COMPREPLY=($(compgen -W "$(date +%Y-%m-%d)" -- "$cur"))
            return
            ;;
        --holder | --within | --expired-within | --credits | --title | --limit)
            return
            ;;
    esac

    # options
    if [[ $cur == -* ]]; then
        local opts=
        case $cmd${sub:+ $sub} in
            status) opts="--state --sort" ;;
            check) opts="--within --expired-within --all" ;;
            plan) opts="--by --catalog --currency" ;;
            report) opts="--require --limit -o --output" ;;
            activities) opts="--since --until" ;;
            import) opts="--dry-run --update" ;;
            "add cert") opts="--earned --expires" ;;
            "add ce") opts="--date --credits --title --status --submitted --category" ;;
            "add exam") opts="--date --kind" ;;
            claim | approve | reject) opts="--on" ;;
            "rm cert") opts="--earned" ;;
        esac
        COMPREPLY=($(compgen -W "$opts $global_opts_arg $global_flags" -- "$cur"))
        return
    fi

    # commands, subcommands and positional arguments
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi
    case $cmd in
        add)
            if [[ -z $sub ]]; then
                COMPREPLY=($(compgen -W "cert ce exam" -- "$cur"))
            elif [[ $sub == cert && ${#args[@]} -eq 0 ]]; then
                COMPREPLY=($(compgen -W "$(_recert_cert_ids)" -- "$cur"))
            elif [[ $sub == exam && ${#args[@]} -eq 0 ]]; then
                COMPREPLY=($(compgen -W "$(_recert_rules_values exams code)" -- "$cur"))
            fi
            ;;
        rules)
            if [[ -z $sub ]]; then
                COMPREPLY=($(compgen -W "show check" -- "$cur"))
            elif [[ $sub == check && ${#args[@]} -eq 0 ]]; then
                _recert_files '@(json)'
            fi
            ;;
        status)
            COMPREPLY=($(compgen -W "$(_recert_cert_ids)" -- "$cur"))
            ;;
        explain | plan)
            [[ ${#args[@]} -eq 0 ]] && COMPREPLY=($(compgen -W "$(_recert_cert_ids)" -- "$cur"))
            ;;
        claim | approve | reject)
            COMPREPLY=($(compgen -W "$(_recert_activity_ids)" -- "$cur"))
            ;;
        rm)
            if [[ $sub == cert ]]; then
                [[ ${#args[@]} -eq 0 ]] && COMPREPLY=($(compgen -W "$(_recert_cert_ids)" -- "$cur"))
            elif [[ ${#args[@]} -eq 0 ]]; then
                COMPREPLY=($(compgen -W "cert $(_recert_activity_ids)" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_recert_activity_ids)" -- "$cur"))
            fi
            ;;
        import)
            _recert_files
            ;;
        help)
            case ${#args[@]}:${args[0]-} in
                0:) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
                1:add) COMPREPLY=($(compgen -W "cert ce exam" -- "$cur")) ;;
                1:rules) COMPREPLY=($(compgen -W "show check" -- "$cur")) ;;
                1:rm) COMPREPLY=($(compgen -W "cert" -- "$cur")) ;;
            esac
            ;;
    esac
} &&
    complete -F _recert recert

# ex: filetype=sh
