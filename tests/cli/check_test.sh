#!/usr/bin/env bash
# nos check end to end: exit codes, --fail-on, --max-warnings, unreadable inputs, --init, config lookup,
# ignores, the baseline and stale suppressions, -j.   tests/cli/check_test.sh path/to/nos
set -uo pipefail
nos=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
expect() {  # expect NAME WANTED_EXIT COMMAND...: run, compare the exit code
  local name="$1" want="$2"; shift 2
  "$@" >out.txt 2>err.txt
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: exit $got, wanted $want"; sed 's/^/  /' out.txt err.txt | head -20; failed=$((failed + 1))
  fi
}
contains() {  # contains NAME FILE TEXT
  grep -qF -- "$3" "$2" || { echo "FAIL: $1: '$3' not in $2"; sed 's/^/  /' "$2" | head -20; failed=$((failed + 1)); }
}

mkdir -p std/legacy
cp "$repo/samples/agriculture-LANHOR23.txt" std/clean.txt          # no findings
cp "$repo/samples/hospitality-PPLHSL12.txt" std/warn.txt           # warnings only
cp "$repo/samples/earlyyears-SCDCCLD0418.txt" std/legacy/errors.txt  # errors

expect "clean file" 0 "$nos" check std/clean.txt
contains "summary" out.txt "0 errors, 0 warnings, 0 info in 1 file"
expect "warnings pass by default" 0 "$nos" check std/warn.txt
expect "--fail-on warning" 1 "$nos" check --fail-on warning std/warn.txt
expect "--max-warnings 0" 1 "$nos" check --max-warnings 0 std/warn.txt
expect "--max-warnings 5" 0 "$nos" check --max-warnings 5 std/warn.txt
expect "errors fail" 1 "$nos" check std
expect "a missing file is exit 2, the others still checked" 2 "$nos" check nothing.txt std/legacy/errors.txt
contains "one-line error" err.txt "nos: error: nothing.txt"
contains "other file checked" out.txt "errors.txt:53:1: error"
contains "summary counts the unreadable file" out.txt "in 1 file; 1 could not be read"
# Every CI format names a broken DOCX among good files (was: only standard error did).
printf 'PK\003\004 truncated' > broken.docx
expect "github: broken file" 2 "$nos" check std/clean.txt broken.docx --format github
contains "github: an annotation for it" out.txt "::error file=broken.docx,title=unreadable::broken.docx: "
expect "junit: broken file" 2 "$nos" check std/clean.txt broken.docx --format junit
contains "junit: counted as an error" out.txt 'tests="2" failures="0" errors="1"'
contains "junit: its test case" out.txt '<error type="unreadable" message="broken.docx: '
expect "sarif: broken file" 2 "$nos" check std/clean.txt broken.docx --format sarif
python3 - out.txt <<'PY' || { echo "FAIL: sarif: no notification for the broken file"; failed=$((failed + 1)); }
import json, sys
inv = json.load(open(sys.argv[1]))["runs"][0]["invocations"][0]
note = inv["toolExecutionNotifications"][0]
assert inv["executionSuccessful"] is False
assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.docx"
PY
expect "json: broken file" 2 "$nos" check std/clean.txt broken.docx --format json
contains "json: an entry for it" out.txt '"rule": "unreadable"'
contains "json: naming it" out.txt '"path": "broken.docx"'
expect "bad option" 2 "$nos" check --format xml std
expect "NO_COLOR and a pipe: no colour" 0 env NO_COLOR=1 "$nos" check std/warn.txt --color auto
grep -q $'\033' out.txt && { echo "FAIL: colour in a pipe"; failed=$((failed + 1)); }
expect "--color always" 0 "$nos" check std/warn.txt --color always
grep -q $'\033' out.txt || { echo "FAIL: no colour with --color always"; failed=$((failed + 1)); }

# Config: found by walking up from the file; overrides and fail_on; errors name the key.
expect "--init" 0 "$nos" check --init
contains "--init writes" .nos.yaml "fail_on: error"
expect "--init refuses to overwrite" 2 "$nos" check --init
printf 'rules:\n  unnumbered-item: warning\n  missing-section: off\n' > std/.nos.yaml
expect "config found above the file" 0 "$nos" check std/legacy/errors.txt
printf 'overrides:\n  - files: ["legacy/**"]\n    rules: {unnumbered-item: off, missing-section: off}\nfail_on: warning\n' > std/.nos.yaml
expect "override and fail_on" 1 "$nos" check std/legacy/errors.txt
contains "override turned the rule off" out.txt "missing-label"
printf 'rulez: {}\n' > std/.nos.yaml
expect "unknown key is exit 2" 2 "$nos" check std/clean.txt
contains "did you mean" err.txt "std/.nos.yaml:1:1: unknown key 'rulez' in the configuration (did you mean 'rules'?)"
printf 'ignore_findings:\n  PPLHSL12:\n    P1\377: [whitespace]\n' > std/.nos.yaml
expect "a byte that is not UTF-8 in the config is exit 2" 2 "$nos" check std/warn.txt --format json
contains "... refused at its line (was: json type_error.316)" err.txt "std/.nos.yaml:3:7: not valid UTF-8; save the file as UTF-8"
printf 'ignore: ["legacy/**"]\n' > std/.nos.yaml
expect "ignored path" 0 "$nos" check std
printf 'ignore_findings:\n  PPLHSL12:\n    "*": [duplicate-label, mixed-quotes]\n    P99: [numbering-gap]\n' > std/.nos.yaml
expect "per-URN ignores" 0 "$nos" check std/warn.txt --format json
contains "stale ignore reported" out.txt "ignore_findings entry PPLHSL12 P99 [numbering-gap] matches no finding"
contains "config path relative" out.txt "\"path\": \"std/.nos.yaml\""
rm std/.nos.yaml

# Standard input: named by --stdin-filename in the report and for the config's globs.
expect "stdin" 0 "$nos" check - < std/warn.txt
contains "stdin reported as <stdin>" out.txt "<stdin>:9:2: warning:"
printf 'overrides:\n  - files: ["legacy/**"]\n    rules: {duplicate-label: error}\n' > std/.nos.yaml
expect "--stdin-filename: reported and matched by the config" 1 "$nos" check - --stdin-filename std/legacy/w.txt < std/warn.txt
contains "stdin under its name" out.txt "std/legacy/w.txt:9:2: error:"
rm std/.nos.yaml
expect "stdin only once" 2 "$nos" check - - < std/warn.txt
contains "stdin once" err.txt "nos: error: standard input ('-') can be checked only once"

# Baseline: record today's findings, then only new ones fail; stale entries are reported.
expect "--write-baseline" 0 "$nos" check std --write-baseline base.json
contains "baseline counts" base.json '"rule": "unnumbered-item"'
expect "--baseline: nothing new" 0 "$nos" check std --baseline base.json
printf '\nP99 an extra criterion\n' >> std/legacy/errors.txt
sed -i 's/^K15 /K17 /' std/legacy/errors.txt
expect "--baseline: a new finding fails" 1 "$nos" check std --baseline base.json
contains "new finding" out.txt "numbering-gap"
sed -i 's/^theories/K99 theories/; s/^how a child/K15 how a child/' std/legacy/errors.txt
expect "stale baseline entry" 1 "$nos" check std --baseline base.json --fail-on info

# -j does not change the output.
"$nos" check "$repo/samples" -j 1 --format json > j1.json 2>/dev/null
"$nos" check "$repo/samples" -j 8 --format json > j8.json 2>/dev/null
cmp -s j1.json j8.json || { echo "FAIL: output differs with -j"; failed=$((failed + 1)); }

echo "check cli: $failed failed"
[ $failed = 0 ]
