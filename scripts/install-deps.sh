#!/usr/bin/env bash
# Installs the Debian packages recert needs to build and test, when any is missing.
set -euo pipefail
# Build: compiler, CMake, the four libraries. Tests: Node.js and npm (test-time npm packages such
# as csv-spectrum are installed into the build directory, never into the source tree).
# Packaging tests: man page rendering, bash and zsh completion, the .deb's dependencies.
# `make lint`: clang-tidy and cppcheck. `make fuzz-smoke` / `make fuzz`: clang with libFuzzer and
# the sanitizer runtimes. Tools the test scripts call that a bare Debian lacks: jq (golden cases
# that pick fields from JSON), file (CPack reads the binary's type for the .deb's dependencies),
# python3 (the robustness scripts make oversized inputs and read JSON back). The browser tests
# (tests/browser) and `make screenshot`: chromium, and a font, which chromium installed without its
# recommended packages lacks (the report page's text would be boxes).
packages=(g++ make cmake libcli11-dev nlohmann-json3-dev libhowardhinnant-date-dev catch2 nodejs
          groff-base man-db zsh bash-completion dpkg-dev jq file python3
          clang-tidy-14 cppcheck clang-14 libclang-rt-14-dev chromium fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Debian's own nodejs package comes without npm; other builds of nodejs include it.
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "recert: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
