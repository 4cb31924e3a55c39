#!/usr/bin/env bash
# The GitHub Action run locally as a runner would: action.yml's steps call scripts/action.sh with the
# inputs in the environment; a clean folder gives exit-code 0 and a SARIF report, a broken file gives
# annotations, exit-code 1 and the failing last step. The README's example names only real inputs.
#   tests/install/action_test.sh NOS
set -euo pipefail
nos=$(realpath "$1")
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "action: $*" >&2; exit 1; }
mkdir -p "$work/bin" "$work/clean" "$work/broken"
ln -s "$nos" "$work/bin/nos"
cp "$src/samples/agriculture-LANHOR23.txt" "$work/clean/"
printf 'Performance criteria\nYou must be able to:\nP1 do one thing\nP3 do another\n' >"$work/broken/draft.txt"

# Runs one step of action.yml as bash on a runner does: its env, then its run line; the arguments after
# the step's name set inputs (paths=DIR), as a workflow's `with:` does.
step() {
  python3 - "$src/action.yml" "$@" <<'PY' >"$work/step.sh"
import re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
step = next(s for s in action["runs"]["steps"] if s["name"] == sys.argv[2])
inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
inputs.update(arg.split("=", 1) for arg in sys.argv[3:])
def expand(text):
    return re.sub(r"\$\{\{ inputs\.([a-z-]+) \}\}", lambda m: inputs[m.group(1)], text)
for key, value in step.get("env", {}).items():
    print(f"export {key}='{expand(value)}'")
print(step["run"])
PY
  (cd "$work" && env GITHUB_ACTION_PATH="$src" GITHUB_OUTPUT="$work/output" GITHUB_PATH="$work/path" \
    PATH="$work/bin:$PATH" bash -e "$work/step.sh")
}

step "Install nos" >/dev/null || fail "the install step failed with nos on the PATH"
: >"$work/output"
step "Check" paths=clean >"$work/log"
grep -qx "exit-code=0" "$work/output" || fail "clean folder: $(cat "$work/output")"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["runs"][0]["results"] == []' "$work/nos.sarif" ||
  fail "clean folder: SARIF report"

: >"$work/output"
rm -f "$work/nos.sarif"
step "Check" paths="clean broken" >"$work/log"
grep -qx "exit-code=1" "$work/output" || fail "broken file: $(cat "$work/output")"
grep -q "^::error file=broken/draft.txt,line=4" "$work/log" || fail "broken file: no annotation in $(cat "$work/log")"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["runs"][0]["results"]' "$work/nos.sarif" ||
  fail "broken file: SARIF report has no result"

# The README's example, word for word: its inputs are ones action.yml declares, and with them the check
# step fails the job on a warning in standards/.
readme_inputs=$(python3 - "$src/README.md" "$src/action.yml" <<'PY'
import re, sys, yaml
readme = open(sys.argv[1]).read()
declared = yaml.safe_load(open(sys.argv[2]))["inputs"]
block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "uses: OWNER/nos@" in b)
steps = yaml.safe_load(block)["jobs"]["check"]["steps"]
used = next(s for s in steps if s.get("uses", "").startswith("OWNER/nos@"))
unknown = set(used.get("with", {})) - set(declared)
assert not unknown, f"inputs not in action.yml: {unknown}"
print(" ".join(f"{k}={v}" for k, v in used.get("with", {}).items()))
PY
) || fail "README example"
mkdir -p "$work/standards"
cp "$src/samples/hospitality-PPLHSL12.txt" "$work/standards/"  # warnings only: fails with fail-on: warning
: >"$work/output"
# shellcheck disable=SC2086
step "Check" $readme_inputs >"$work/log"
grep -qx "exit-code=1" "$work/output" || fail "the README's example ($readme_inputs): $(cat "$work/output")"
echo "action: ok"
