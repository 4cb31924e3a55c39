#!/usr/bin/env bash
# The hook in .pre-commit-hooks.yaml run by Debian's pre-commit on a scratch repository, configured word
# for word as the README shows (only the repository's address and rev point here): it passes on a
# repository that holds a clean standard beside other YAML and text files, and fails, naming the
# finding, once a broken draft is added. Skipped when pre-commit is not installed.
#   tests/install/pre_commit_test.sh NOS
set -euo pipefail
nos=$(realpath "$1")
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v pre-commit >/dev/null || { echo "pre-commit: skipped (pre-commit is not installed)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "pre-commit: $*" >&2; exit 1; }
export GIT_AUTHOR_NAME=nos GIT_AUTHOR_EMAIL=nos@localhost GIT_COMMITTER_NAME=nos GIT_COMMITTER_EMAIL=nos@localhost
export PRE_COMMIT_HOME=$work/cache PATH="$(dirname "$nos"):$PATH"
[ "$(command -v nos)" = "$nos" ] || { mkdir -p "$work/bin" && ln -s "$nos" "$work/bin/nos" && PATH=$work/bin:$PATH; }

# This repository's hook, committed in a scratch copy so that uncommitted edits are what is tested.
mkdir "$work/hooks"
cp "$src/.pre-commit-hooks.yaml" "$work/hooks/"
git -C "$work/hooks" init -q && git -C "$work/hooks" add . && git -C "$work/hooks" commit -qm hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

repo=$work/standards
mkdir -p "$repo/standards"
git -C "$repo" init -q
python3 - "$src/README.md" "$work/hooks" "$rev" >"$repo/.pre-commit-config.yaml" <<'PY'
import re, sys
readme, hooks, rev = sys.argv[1:]
block = next(b for b in re.findall(r"```yaml\n(.*?)```", open(readme).read(), re.S) if "id: nos-check" in b)
block = re.sub(r"repo: \S+", f"repo: {hooks}", block)
print(re.sub(r"rev: \S+", f"rev: {rev}", block), end="")
PY
cp "$src/samples/agriculture-LANHOR23.txt" "$repo/standards/"
printf 'pyyaml==6.0\n' >"$repo/requirements.txt"
printf 'name: build\non: [push]\n' >"$repo/workflow.yml"
printf '# Standards\n\nThe suite of standards.\n' >"$repo/notes.txt"
git -C "$repo" add -A && git -C "$repo" commit -qm clean

(cd "$repo" && pre-commit run --all-files) >"$work/log" 2>&1 || fail "a clean repository fails: $(cat "$work/log")"
grep -q "Passed" "$work/log" || fail "the hook did not run: $(cat "$work/log")"

printf 'Performance criteria\nYou must be able to:\nP1 do one thing\nP3 do another\n' >"$repo/standards/draft.txt"
git -C "$repo" add -A
if (cd "$repo" && pre-commit run --all-files) >"$work/log" 2>&1; then fail "a broken draft passes"; fi
grep -q "Failed" "$work/log" && grep -q "standards/draft.txt:4:1: error: .*\[numbering-gap\]" "$work/log" ||
  fail "the failure does not name the finding: $(cat "$work/log")"
echo "pre-commit: ok"
