#!/usr/bin/env bash
# What a user gets from `cmake --install`: a working bin/nos that names its version and commit, a man page
# for nos and each command that man renders without warnings, bash completion that completes commands,
# options and rule ids, the grammar and the schema; and the command line's usage errors, one line each.
#   tests/install/run.sh BUILD_DIR
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
nos=$prefix/bin/nos
[ -x "$nos" ] || fail "no bin/nos after cmake --install"

version=$("$nos" --version)
[[ $version =~ ^nos\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]{12}|unknown)\)$ ]] || fail "--version says '$version'"

# One man page per command that 'nos --help' lists, and nos.1; each renders with no warning.
commands=$("$nos" --help | sed -n '/^Subcommands:/,$p' | awk '/^  [a-z]/ {print $1}')
[ -n "$commands" ] || fail "nos --help lists no commands"
for c in $commands; do [ -f "$prefix/share/man/man1/nos-$c.1" ] || fail "no man page for nos $c"; done
for page in "$prefix"/share/man/man1/*.1; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null || true)
  [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
done
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$prefix/share/man/man1/nos-check.1" 2>/dev/null | grep -q "numbering-gap" ||
  fail "nos-check.1 does not list the rules"

# bash: complete "nos ch", "nos check --form", "nos explain numbering-g" as a user's TAB would.
completion=$prefix/share/bash-completion/completions/nos
complete_line() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _nos; echo "${COMPREPLY[*]}"' _ "$completion" "$@"
}
[ "$(complete_line nos ch)" = "check" ] || fail "bash completes 'nos ch' as '$(complete_line nos ch)'"
[ "$(complete_line nos check --form)" = "--format" ] || fail "bash does not complete 'nos check --form'"
[ "$(complete_line nos explain numbering-g)" = "numbering-gap" ] || fail "bash does not complete rule ids"
if command -v zsh >/dev/null; then zsh -n "$prefix/share/zsh/vendor-completions/_nos" || fail "zsh completion"; fi
if command -v fish >/dev/null; then fish -n "$prefix/share/fish/vendor_completions.d/nos.fish" || fail "fish completion"; fi
cmp -s "$prefix/share/nos/grammars/nos.yaml" "$src/grammars/nos.yaml" || fail "grammar not installed"
cmp -s "$prefix/share/nos/schemas/nos-model.schema.json" "$src/schemas/nos-model.schema.json" || fail "schema not installed"

# Usage errors: exactly one line on standard error, exit code 2.
expect_usage() {
  local expected=$1
  shift
  local err code=0
  err=$("$nos" "$@" 2>&1 >/dev/null) || code=$?
  [ "$code" = 2 ] || fail "nos $*: exit $code, not 2"
  [ "$err" = "$expected" ] || fail "nos $*: said '$err', not '$expected'"
}
expect_usage "nos: error: unknown command 'chek' (did you mean 'check'?); 'nos --help' lists them" chek x.txt
expect_usage "nos: error: no command given; 'nos --help' lists the commands"
expect_usage "nos: error: nos check: unknown option '--formt' (did you mean '--format'?); 'nos help check' lists them" \
  check --formt json x.txt
expect_usage "nos: error: unknown command 'lint'; 'nos --help' lists them" help lint
diff <("$nos" help) <("$nos" --help) >/dev/null || fail "nos help is not nos --help"
expect_usage "nos: error: nos check: --format: json5 not in {text,json,sarif,github,junit}; 'nos help check' shows its options" \
  check --format json5 x.txt
diff <("$nos" help check) <("$nos" check --help) >/dev/null || fail "nos help check is not nos check --help"

# Colour: FORCE_COLOR forces it through a pipe, NO_COLOR alone does not; never without either.
broken=$(mktemp --suffix=.txt -p "$prefix")
printf 'Performance criteria\nYou must be able to:\nP1 do one thing\nP3 do another\n' >"$broken"
checked() { "$@" check "$broken" || true; }
[[ $(checked env FORCE_COLOR=1 "$nos") == *$'\e['* ]] || fail "FORCE_COLOR=1 gives no colour"
[[ $(checked env FORCE_COLOR=0 "$nos") == *$'\e['* ]] && fail "FORCE_COLOR=0 gives colour"
[[ $(checked env NO_COLOR=1 FORCE_COLOR=1 "$nos") == *$'\e['* ]] || fail "FORCE_COLOR loses to NO_COLOR"
[[ $(checked "$nos") == *$'\e['* ]] && fail "colour through a pipe"
echo "install: ok"
