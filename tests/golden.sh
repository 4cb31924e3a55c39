#!/usr/bin/env bash
# Golden files: the model of every sample, compared byte for byte with tests/golden/.
#   tests/golden.sh --nos build-test/nos            check
#   tests/golden.sh --nos build-test/nos --update   rewrite them; review `git diff tests/golden` before committing
set -uo pipefail
cd "$(dirname "$0")/.."
nos=build-test/nos
update=0
while [ $# -gt 0 ]; do
  case "$1" in
    --nos) nos="$2"; shift 2 ;;
    --update) update=1; shift ;;
    *) echo "golden.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

passed=0 failed=0
check() {  # check NAME COMMAND...: run the command and compare its standard output with tests/golden/NAME
  local name="$1"; shift
  local expected="tests/golden/$name" actual
  actual=$("$@" 2>&1; echo "exit=$?")
  if [ $update = 1 ]; then
    printf '%s\n' "$actual" > "$expected"
    passed=$((passed + 1))
  elif [ -f "$expected" ] && [ "$actual" = "$(cat "$expected")" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name differs from the golden file (run: $*)"
    diff <(printf '%s\n' "$actual") "$expected" 2>&1 | head -20
  fi
}

mkdir -p tests/golden
for sample in samples/*.txt samples/docx/*.docx samples/pdf/*.pdf; do
  [ -e "$sample" ] || continue
  base=$(basename "$sample")
  check "parse/$base.yaml" "$nos" parse "$sample"
done
# ---- nos check: the samples' findings in every format, and hand-written YAML models ----------------
for format in text json sarif github junit; do
  check "check/samples.$format" "$nos" check samples/*.txt samples/docx/*.docx --format "$format" --color never
done
check "check/pdf.text" "$nos" check samples/pdf/*.pdf --color never
check "check/models.text" "$nos" check tests/golden/check/models --color never
# ---- end of nos check ------------------------------------------------------------------------------
# ---- nos diff: a later version of a sample with one edit of each kind, in every format --------------
v5=tests/golden/diff/hospitality-PPLHSL12-v5.txt
for format in text json markdown; do
  check "diff/hospitality-PPLHSL12-v5.$format" "$nos" diff samples/hospitality-PPLHSL12.txt "$v5" --format "$format"
done
check "diff/hospitality-PPLHSL12-v5.color" "$nos" diff samples/hospitality-PPLHSL12.txt "$v5" --color always
check "diff/unchanged.text" "$nos" diff samples/hospitality-PPLHSL12.txt samples/docx/hospitality-PPLHSL12.docx
# ---- end of nos diff -------------------------------------------------------------------------------
# ---- nos fix: what it would change in the samples (it writes nothing with --diff or --dry-run) -------
check "fix/samples.diff" "$nos" fix samples/*.txt --unsafe --diff
check "fix/samples.dry-run" "$nos" fix samples/*.txt --dry-run
check "fix/docx.diff" "$nos" fix samples/docx/*.docx --unsafe --diff
# ---- end of nos fix --------------------------------------------------------------------------------
[ $update = 1 ] && echo "golden files rewritten: review them with git diff tests/golden"
echo "golden: $passed passed, $failed failed"
[ $failed = 0 ]
