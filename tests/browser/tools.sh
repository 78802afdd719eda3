#!/usr/bin/env bash
# The browser tests' tools: puppeteer-core (drives the system's Chromium; it downloads no browser)
# and html-validate, both npm packages pinned here and installed at test time into prefixes of their
# own under the build directory (tests/npm-tool.sh). Both versions support Node 18 (Debian 12's) and
# later; puppeteer-core 24 drives Chromium 156.
#
#   . tests/browser/tools.sh; browser_tools BUILD_DIR   sets PUPPETEER_MODULES and HTML_VALIDATE
#   bash tests/browser/tools.sh BUILD_DIR               installs both (the ctest fixture browser.tools)
#
# Chromium is /usr/bin/chromium (Debian's package, scripts/install-deps.sh), or $CHROMIUM.
puppeteer_version=24.43.1
html_validate_version=9.7.1

browser_tools() {
  local build=$1
  . "$(dirname "${BASH_SOURCE[0]}")/../npm-tool.sh"
  npm_tool browser "$build/npm-puppeteer" "puppeteer-core@$puppeteer_version"
  npm_tool browser "$build/npm-html-validate" "html-validate@$html_validate_version"
  PUPPETEER_MODULES="$build/npm-puppeteer/node_modules"
  HTML_VALIDATE="$build/npm-html-validate/node_modules/html-validate/bin/html-validate.mjs"
  CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
  export CHROMIUM
  [ -x "$CHROMIUM" ] || { echo "browser: $CHROMIUM is not installed (apt-get install chromium)"; exit 1; }
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -u
  browser_tools "${1:?usage: tools.sh BUILD_DIR}"
  echo "puppeteer-core $puppeteer_version, html-validate $html_validate_version, $("$CHROMIUM" --version 2>/dev/null)"
fi
