#!/usr/bin/env bash
# Peak memory of `nos parse` and `nos check` against the size of the input, for the shapes that cost the
# most per byte: a text file of very short lines ("P1 x", the worst case), one of short criterion lines,
# one of long lines, and a large generated standard (../shared/bench/make_corpus.py, when present).
#
#   bench/memory.sh [--nos build/nos] [--mb 20] [--work /tmp/nos-memory]
#
# Each input is about MB megabytes (the generated standard: what make_corpus.py gives at that size).
# Peak memory is max RSS from `/usr/bin/time`; the ratio is max RSS over the input's size, the program's
# own 16 MiB or so included. Prints a Markdown table.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
nos=$repo/build/nos mb=20 work=/tmp/nos-memory
corpus_tool=${NOS_CORPUS_TOOL:-$repo/../shared/bench/make_corpus.py}
while [ $# -gt 0 ]; do
  case "$1" in
    --nos) nos=$2; shift 2 ;;
    --mb) mb=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "bench/memory.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "bench/memory.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -x "$nos" ] || { echo "bench/memory.sh: no nos binary at $nos (--nos PATH)" >&2; exit 2; }
mkdir -p "$work"
bytes=$((mb * 1000 * 1000))

# --- inputs (cached: same size, same bytes) -----------------------------------------------------------
python3 - "$work" "$bytes" <<'EOF'
import pathlib, random, sys
work, size = pathlib.Path(sys.argv[1]), int(sys.argv[2])
head = "ABC123\nTitle of the standard\nPerformance criteria\nYou must be able to:\n"
words = ("check the work area and equipment before use report any faults to the right person keep "
         "records of what was done agree the plan with the team").split()
rng = random.Random(1)
def write(name, line):
    path = work / name
    if path.exists() and path.stat().st_size >= size:
        return
    out, n, total = [head], 0, len(head)
    while total < size:
        n += 1
        s = line(n) + "\n"
        out.append(s)
        total += len(s)
    path.write_text("".join(out))
write("tiny-lines.txt", lambda n: "P1 x")
write("short-lines.txt", lambda n: f"P{n} " + " ".join(rng.choice(words) for _ in range(6)))
write("long-lines.txt", lambda n: f"P{n} " + " ".join(rng.choice(words) for _ in range(400)))
EOF
inputs=("$work/tiny-lines.txt" "$work/short-lines.txt" "$work/long-lines.txt")
if [ -f "$corpus_tool" ]; then
  # A typical generated standard is about 10 KB; the size factor scales its criteria, knowledge and scope.
  factor=$((mb * 130))
  if [ ! -f "$work/standard/.stamp" ] || [ "$(cat "$work/standard/.stamp")" != "$factor" ]; then
    rm -rf "$work/standard"
    python3 "$corpus_tool" --n 1 --size-factor "$factor" --formats txt --seed 3 --out "$work/standard" > /dev/null
    echo "$factor" > "$work/standard/.stamp"
  fi
  inputs+=("$(find "$work/standard/txt" -name '*.txt' | head -1)")
else
  echo "bench/memory.sh: no corpus generator at $corpus_tool (set NOS_CORPUS_TOOL): no generated standard" >&2
fi

# --- peak memory ----------------------------------------------------------------------------------------
peak_kb() {  # peak_kb CMD...: max RSS in KiB; exit 1 (findings) is a normal end for check
  /usr/bin/time -f "%M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || {
    local rc=$?
    [ $rc = 1 ] || { echo "bench/memory.sh: failed ($rc): $*" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  }
  tail -1 "$work/time.txt"
}
echo "| input | lines | MB | parse max RSS MiB | parse / input | check max RSS MiB | check / input |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for f in "${inputs[@]}"; do
  size=$(stat -c %s "$f")
  lines=$(wc -l < "$f")
  parse=$(peak_kb "$nos" parse "$f")
  check=$(peak_kb "$nos" check "$f")
  awk -v name="$(basename "$f")" -v lines="$lines" -v size="$size" -v parse="$parse" -v check="$check" 'BEGIN {
    printf "| %s | %d | %.1f | %.0f | %.1fx | %.0f | %.1fx |\n", name, lines, size / 1e6, parse / 1024,
      parse * 1024 / size, check / 1024, check * 1024 / size }'
done
