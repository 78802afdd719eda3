#!/usr/bin/env zsh
# zsh-capture.zsh FPATH_DIR LINE: prints, one a line, the completion candidates that an interactive
# zsh (run in a pseudo-terminal with zsh/zpty, its completion system loaded from FPATH_DIR first)
# offers when LINE is typed followed by <TAB>. compadd is wrapped to print each candidate between
# \x01 and \x02; a widget bound to ^X prints \x03 and exits, which marks the end of the output.
zmodload zsh/zpty || exit 3
local setup=$(mktemp)
cat >$setup <<SETUP
PROMPT=; RPROMPT=; KEYTIMEOUT=1; unset zle_bracketed_paste; fpath=(${(q)1} \$fpath)
autoload -U compinit && compinit -u -D
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "\$@"; return \$?; fi
  typeset -a __hits
  builtin compadd -A __hits "\$@"
  local h; for h in \$__hits; do print -rn -- \$'\x01'"\$h"\$'\x02'; done
}
finish() { print -n \$'\x03'; exit }
zle -N finish; bindkey '^X' finish
SETUP
zpty z zsh -f -i
zpty -w z "source ${(q)setup}"
zpty -w -n z "$2"$'\t\x18'
local out
zpty -r -m z out '*'$'\x03' || exit 4
zpty -d z
rm -f $setup
local -a cands
cands=(${(ps:\x02:)out})
cands=(${(M)cands:#*$'\x01'*})
cands=(${cands##*$'\x01'})
print -rl -- ${(u)cands}
