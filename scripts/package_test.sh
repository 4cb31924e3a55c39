#!/usr/bin/env bash
# The Debian package as a user meets it: cpack, apt-get install, nos --version, man nos, completion of
# "nos ch<TAB>", then apt-get remove leaves none of its files. Needs root or sudo; changes the machine.
#   scripts/package_test.sh [BUILD_DIR]   (default: build/, as scripts/install.sh leaves it)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
fail() { echo "package_test: $*" >&2; exit 1; }

rm -f "$build"/nos_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(realpath "$build"/nos_*.deb)
dpkg-deb -f "$deb" Depends | grep -q "libpoppler-cpp" || fail "Depends were not computed: $(dpkg-deb -f "$deb" Depends)"

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
mapfile -t files < <(dpkg -L nos)
[[ $(nos --version) =~ ^nos\ [0-9.]+\ \(commit\ [0-9a-f]{12}\)$ ]] || fail "nos --version says '$(nos --version)'"
[ "$(command -v nos)" = /usr/bin/nos ] || fail "nos is not /usr/bin/nos"
MANWIDTH=80 man nos 2>/dev/null | grep -q "nos check" || fail "man nos does not show the commands"
MANWIDTH=80 man nos-check 2>/dev/null | grep -q "numbering-gap" || fail "man nos-check does not list the rules"
got=$(bash -c 'source /usr/share/bash-completion/completions/nos; COMP_WORDS=(nos ch); COMP_CWORD=1; _nos
  echo "${COMPREPLY[*]}"')
[ "$got" = check ] || fail "bash completes 'nos ch' as '$got'"
nos check samples/hospitality-PPLHSL12.txt >/dev/null || fail "the installed nos cannot check a sample"

DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq nos >/dev/null
hash -r
! command -v nos >/dev/null || fail "nos is still on the PATH after apt-get remove"
for f in "${files[@]}"; do
  [ -d "$f" ] || [ ! -e "$f" ] || fail "$f is left after apt-get remove"
done
[ ! -d /usr/share/nos ] || fail "/usr/share/nos is left after apt-get remove"
echo "package_test: ok ($(basename "$deb"))"
