# Sourced by the tests that run an npm package (csv/spectrum.sh, ics/icaljs.sh, schema/validate.sh):
# installs pinned packages at test time into a prefix under the build directory (never the source
# tree), and reuses them once they are there with the right versions.
#
#   . tests/npm-tool.sh
#   npm_tool TAG PREFIX PACKAGE@VERSION...
#
# Each test uses a prefix of its own: npm prunes packages it did not install itself from a shared
# one. Exits the calling script with 1 and the install log when node or npm is missing or the
# install fails; TAG starts the message.
npm_tool() {
  local tag=$1 prefix=$2
  shift 2
  local tool spec name want have stale=0
  for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "$tag: $tool is not installed (apt-get install nodejs npm)"; exit 1; }
  done
  for spec in "$@"; do
    name=${spec%@*}
    want=${spec##*@}
    have=$(node -p "require('$prefix/node_modules/$name/package.json').version" 2>/dev/null || true)
    [ "$have" = "$want" ] || stale=1
  done
  [ $stale -eq 0 ] && return 0
  mkdir -p "$prefix"
  if ! npm install --no-save --no-audit --no-fund --prefix "$prefix" "$@" >"$prefix/install.log" 2>&1; then
    cat "$prefix/install.log"
    echo "$tag: could not install $* from the npm registry"
    exit 1
  fi
}
