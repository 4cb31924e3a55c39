#!/usr/bin/env bash
# Installs what nos needs from Debian's packages (only what is missing), then builds build/nos.
#   scripts/install.sh                    install what building nos needs, and build it
#   scripts/install.sh --deps-only        install those packages only
#   scripts/install.sh --dev [--deps-only]  also what the tests, fuzzers, benchmarks and packaging use
set -euo pipefail
cd "$(dirname "$0")/.."

dev=false deps_only=false
for arg in "$@"; do
  case $arg in
    --dev) dev=true ;;
    --deps-only) deps_only=true ;;
    *) echo "install.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

packages=(cmake ninja-build g++ pkg-config
  libcli11-dev libfmt-dev libyaml-cpp-dev libpugixml-dev libzip-dev libre2-dev libutf8proc-dev libpoppler-cpp-dev
  libgumbo-dev libgsf-1-dev  # the HTML reader (HTML5 parser) and the Word 97 .doc reader (OLE2 files)
  nlohmann-json3-dev libvalijson-dev
  libssl-dev)  # SHA-1 for the CASE export's UUIDs, from the libcrypto libzip already links
if $dev; then
  packages+=(python3 doctest-dev
    clang libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer and the sanitizer runtimes are only recommended by clang
    clang-format time         # .ci/run's format check; bench/run.sh's peak-memory figures (/usr/bin/time)
    poppler-utils             # bench/run.sh: the pdftotext baseline
    python3-yaml python3-docx pandoc  # tests: action.yml; DOCX written by python-docx and pandoc (docx_writers)
    dpkg-dev man-db bash-completion git pre-commit  # tests/install: the .deb, its man page and completion; the hook
    chromium)  # tests/export: the HTML report loaded in a headless browser
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "install.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
$deps_only && exit 0

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DNOS_BUILD_TESTS=OFF >/dev/null
cmake --build build
