#!/usr/bin/env bash
# Times `nos diff` on two versions of a generated standard with N items (default 2,000: 1,000
# performance criteria and 1,000 knowledge items in groups of 20). The later version rewords every
# 50th item, deletes every 97th (renumbering the rest), adds one item per group and moves a few items
# to another group, so every stage of the alignment has work to do.
#
#   bench/diff.sh [--items 2000] [--runs 5] [--nos build-test/nos]
#
# The built-in grammar reads item numbers of up to three digits, so the run uses a copy of it that reads
# four. Prints the fastest wall-clock time of RUNS runs and the summary line nos diff printed.
set -euo pipefail
items=2000 runs=5 nos=build-test/nos
while [ $# -gt 0 ]; do
  case "$1" in
    --items) items=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --nos) nos=$2; shift 2 ;;
    *) echo "bench/diff.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "work: $work"
python3 - "$items" "$work" <<'PY'
import random, sys
n, work = int(sys.argv[1]), sys.argv[2]
rng = random.Random(16)
words = ("check record report store label clean prepare serve customer team safety food stock order "
         "temperature equipment procedure supervisor shift record hazard control limit plan agreed "
         "organisation manager standard quality delivery time before after during each every").split()
def sentence():
    return " ".join(rng.choice(words) for _ in range(rng.randint(10, 22)))
half = n // 2
sections = {p: [sentence() for _ in range(half)] for p in "PK"}
def write(path, edit):
    out = ["BEN01", "Benchmark standard with many items", "Overview", "A generated standard for timing nos diff.",
           "Performance criteria", "You must be able to:"]
    for prefix, label in (("P", None), ("K", "Knowledge and understanding")):
        if label:
            out += [label, "You need to know and understand:"]
        number = 0
        for start in range(0, half, 20):
            out += ["", f"Group {prefix}{start // 20 + 1}", ""]
            for i in range(start, min(start + 20, half)):
                text = sections[prefix][i]
                if edit and i % 97 == 5:
                    continue
                if edit and i % 50 == 7:
                    text = text.replace(" ", " carefully ", 1)
                if edit and i % 200 == 11 and i + 20 < half:
                    continue  # moved: printed in the next group instead
                number += 1
                out.append(f"{prefix}{number} {text}")
                if edit and i % 200 == 31:
                    number += 1
                    out.append(f"{prefix}{number} {sections[prefix][i - 20]}")
            if edit:
                number += 1
                out.append(f"{prefix}{number} an item added to group {start // 20 + 1} of the later version")
    out += ["Version number", "2" if edit else "1", ""]
    open(path, "w").write("\n".join(out))
write(f"{work}/old.txt", False)
write(f"{work}/new.txt", True)
PY
repo=$(cd "$(dirname "$0")/.." && pwd)
sed 's/(\\d{1,3})/(\\d{1,4})/' "$repo/grammars/nos.yaml" > "$work/grammar.yaml"
best=""
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$nos" diff "$work/old.txt" "$work/new.txt" --grammar "$work/grammar.yaml" > "$work/out.txt" || [ $? = 1 ]
  t=$(echo "$(date +%s.%N) - $start" | bc)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
printf 'nos diff, two %s-item documents: %.3f s (fastest of %s)\n' "$items" "$best" "$runs"
tail -1 "$work/out.txt"
