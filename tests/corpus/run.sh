#!/usr/bin/env bash
# Broad check on a generated corpus (../shared/bench/make_corpus.py): every text and DOCX document parses,
# and their models match the generator's manifest. Skipped when the generator is not beside the repo.
#   tests/corpus/run.sh NOS [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
nos="$1" n="${2:-200}"
generator=../shared/bench/make_corpus.py
if [ ! -f "$generator" ]; then
  echo "corpus: skipped ($generator not found)"
  exit 0
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$generator" --n "$n" --seed 11 --out "$dir" -j 2 >/dev/null
python3 tests/corpus/check_manifest.py --nos "$nos" --formats txt --min-exact 0.98 "$dir"
python3 tests/corpus/check_manifest.py --nos "$nos" --formats docx --min-exact 0.98 "$dir"
