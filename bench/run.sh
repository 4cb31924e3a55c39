#!/usr/bin/env bash
# Benchmark of `nos convert` against the floor, measured in the same run.
#
#   bench/run.sh [--n 10000] [--large-n 1000] [--pdf-n 200] [--runs 3] [--work /tmp/nos-bench] [--build DIR]
#
# Generates (once, cached in WORK) a typical corpus of N documents and a large one of LARGE_N documents
# ten times the usual size, each as text exports and DOCX twins (../shared/bench/make_corpus.py). Then,
# for each set, on 1 and on 2 threads, it times:
#   floor_text  one process reading every .txt and splitting it into lines;
#   floor_docx  one process inflating word/document.xml from every .docx (libzip) and parsing it
#               (pugixml), visiting every w:t;
#   floor+write the same, also writing one file per input (temporary file, then rename): the file
#               creation any converter pays, which the read-only floor leaves out;
#   nos convert the same files into a fresh output directory.
# Each figure is the fastest of RUNS runs (wall clock, whole process, warm page cache); peak memory is
# the largest max RSS seen (/usr/bin/time). Then cost per document at 100, 1,000 and N documents.
# Last, the other formats: the first PDF_N typical DOCX printed to PDF and saved as .doc, ODT, RTF and
# HTML by LibreOffice (soffice, cached in WORK). PDF is timed as `pdftotext` run once per file (what a
# user pays today before parsing the text) against `nos convert` on the same PDFs; each other format as
# `nos convert` against `nos convert` on the same DOCX files. Then `nos parse` and `pdftotext` on one
# PDF of more than 500 pages (580) that LibreOffice prints from a generated DOCX 123 times the usual
# size, with nos's peak memory.
# Prints a Markdown table with ratios; WORK/results.md keeps it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
n=10000 large_n=1000 pdf_n=200 runs=3 work=/tmp/nos-bench build=""
corpus_tool=${NOS_CORPUS_TOOL:-$repo/../shared/bench/make_corpus.py}
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=$2; shift 2 ;;
    --large-n) large_n=$2; shift 2 ;;
    --pdf-n) pdf_n=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "bench/run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
command -v soffice > /dev/null && command -v pdftotext > /dev/null ||
  { echo "bench/run.sh: the PDF rows need soffice and pdftotext (libreoffice-writer-nogui, poppler-utils)" >&2; exit 2; }
[ -f "$corpus_tool" ] || { echo "bench/run.sh: no corpus generator at $corpus_tool (set NOS_CORPUS_TOOL)" >&2; exit 2; }
# The script changes directory into the corpora, so every path it keeps must be absolute.
mkdir -p "$work" && work=$(cd "$work" && pwd)
if [ -n "$build" ]; then
  [ -d "$build" ] || { echo "bench/run.sh: no build directory $build" >&2; exit 2; }
  build=$(cd "$build" && pwd)
fi

# --- build: Release, with the floor programs ------------------------------------------------------------
if [ -z "$build" ]; then
  build=$work/build
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNOS_BUILD_BENCH=ON -DNOS_BUILD_TESTS=OFF > /dev/null
  cmake --build "$build" --target nos floor_text floor_docx > /dev/null
fi
nos=$build/nos floor_text=$build/bench/floor_text floor_docx=$build/bench/floor_docx

# --- corpora (cached: same arguments, same bytes) -----------------------------------------------------
corpus() {  # corpus DIR ARGS...
  local dir=$1; shift
  local stamp="$*"
  if [ ! -f "$dir/.stamp" ] || [ "$(cat "$dir/.stamp")" != "$stamp" ]; then
    rm -rf "$dir"
    python3 "$corpus_tool" "$@" --out "$dir" -j "$(nproc)" >&2
    echo "$stamp" > "$dir/.stamp"
  fi
}
corpus "$work/typical" --n "$n" --seed 1
corpus "$work/large" --n "$large_n" --size-factor 10 --seed 2
corpus "$work/long" --n 1 --size-factor 123 --formats docx --seed 3
twins=$work/typical-twins
twin_formats=(pdf doc odt rtf html)
if [ ! -f "$twins/.stamp" ] || [ "$(cat "$twins/.stamp")" != "$n $pdf_n" ]; then
  rm -rf "$twins"
  mkdir -p "$twins/docx"
  # sed reads the whole list: head would leave sort writing to a closed pipe (SIGPIPE, fatal under
  # pipefail once the list outgrows the pipe's buffer, at about 1,300 documents).
  find "$work/typical/docx" -name '*.docx' | sort | sed -n "1,${pdf_n}p" | xargs cp -t "$twins/docx"
  for fmt in "${twin_formats[@]}"; do
    soffice -env:UserInstallation=file://"$work/soffice-profile" --headless --convert-to "$fmt" \
      --outdir "$twins/$fmt" "$twins"/docx/*.docx > /dev/null
  done
  soffice -env:UserInstallation=file://"$work/soffice-profile" --headless --convert-to pdf \
    --outdir "$twins" "$work"/long/docx/*.docx > /dev/null
  mv "$twins"/*.pdf "$twins/long.pdf"
  echo "$n $pdf_n" > "$twins/.stamp"
fi

# --- timing -------------------------------------------------------------------------------------------
best_s="" best_cpu="" peak_kb=0
measure() {  # measure CMD...: sets best_s and best_cpu (of the fastest of $runs runs), raises peak_kb
  local i t0 t1 t kb user sys
  best_s=""
  for ((i = 0; i < runs; i++)); do
    rm -rf "$work/out"
    t0=$(date +%s%N)
    /usr/bin/time -f "%M %U %S" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || {
      local rc=$?
      [ $rc = 1 ] || { echo "bench: failed ($rc): $*" >&2; cat "$work/stderr.txt" >&2; exit 1; }
    }
    t1=$(date +%s%N)
    t=$(awk "BEGIN{printf \"%.3f\", ($t1 - $t0) / 1e9}")
    read -r kb user sys < <(tail -1 "$work/time.txt")
    if [ -z "$best_s" ] || awk "BEGIN{exit !($t < $best_s)}"; then
      best_s=$t
      best_cpu=$(awk "BEGIN{printf \"%.2f\", $user + $sys}")
    fi
    if [ "$kb" -gt "$peak_kb" ]; then peak_kb=$kb; fi
  done
}
ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.1f\", $1 / $2; else print \"-\" }"; }
rate() { awk "BEGIN{ if ($2 > 0) printf \"%.0f\", $1 / $2; else print \"-\" }"; }

results=$work/results.md
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Corpora: typical $n docs, large $large_n docs at 10x; fastest of $runs runs; nos $("$nos" --version | cut -d' ' -f2)"
  echo
  echo "| set | format | -j | floor s | floor+write s | nos s | nos docs/s | nos / floor | nos / floor+write | CPU s: nos / floor | nos max RSS MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} > "$results"
declare -A nos_s
for set in typical large; do
  count=$([ $set = typical ] && echo "$n" || echo "$large_n")
  for fmt in txt docx; do
    for j in 1 2; do
      floor_bin=$([ $fmt = txt ] && echo "$floor_text" || echo "$floor_docx")
      measure "$floor_bin" "$work/$set/$fmt" -j $j
      floor=$best_s floor_cpu=$best_cpu
      measure "$floor_bin" "$work/$set/$fmt" -j $j --write "$work/out"
      floor_write=$best_s
      peak_kb=0
      measure "$nos" convert "$work/$set/$fmt" --out-dir "$work/out" -j $j -q
      nos_s[$set.$fmt.$j]=$best_s
      echo "| $set | $fmt | $j | $floor | $floor_write | $best_s | $(rate "$count" "$best_s") | $(ratio "$best_s" "$floor")x | $(ratio "$best_s" "$floor_write")x | $best_cpu / $floor_cpu | $((peak_kb / 1024)) |" >> "$results"
    done
  done
done
{
  echo
  echo "Speed-up from 1 to 2 threads (nos convert): typical txt $(ratio "${nos_s[typical.txt.1]}" "${nos_s[typical.txt.2]}")x, typical docx $(ratio "${nos_s[typical.docx.1]}" "${nos_s[typical.docx.2]}")x, large txt $(ratio "${nos_s[large.txt.1]}" "${nos_s[large.txt.2]}")x, large docx $(ratio "${nos_s[large.docx.1]}" "${nos_s[large.docx.2]}")x"
  echo
  echo "| files (txt and docx twins, -j 2) | s | µs per file | max RSS MiB |"
  echo "| --- | --- | --- | --- |"
} >> "$results"

# --- cost per document as the run grows: lists on standard input, txt and docx twins mixed ----------
(cd "$work/typical" && find txt docx -type f | sort -t/ -k2 > "$work/all.list")
for k in 100 1000 "$n"; do
  [ "$k" -le "$n" ] || continue
  awk -F/ -v k="$k" '{ split($2, a, "_"); if (a[1] + 0 < k) print }' "$work/all.list" > "$work/subset.list"
  docs=$(wc -l < "$work/subset.list")
  peak_kb=0
  measure sh -c "cd '$work/typical' && '$nos' convert - --out-dir '$work/out' -j 2 -q < '$work/subset.list'"
  echo "| $docs | $best_s | $(awk "BEGIN{printf \"%.0f\", $best_s * 1e6 / $docs}") | $((peak_kb / 1024)) |" >> "$results"
done

# --- PDF: pdftotext once per file (the baseline) against nos convert, on the same PDFs ----------------
{
  echo
  echo "| PDF set | -j | pdftotext once per file s | nos convert s | nos / pdftotext | nos docs/s | nos max RSS MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} >> "$results"
for j in 1 2; do
  measure sh -c "find '$twins/pdf' -name '*.pdf' -print0 | xargs -0 -n 1 -P $j sh -c 'pdftotext -q \"\$0\" /dev/null'"
  baseline=$best_s
  peak_kb=0
  measure "$nos" convert "$twins/pdf" --out-dir "$work/out" -j $j -q
  echo "| $pdf_n typical | $j | $baseline | $best_s | $(ratio "$best_s" "$baseline")x | $(rate "$pdf_n" "$best_s") | $((peak_kb / 1024)) |" >> "$results"
done
pages=$(pdfinfo "$twins/long.pdf" | awk '/^Pages:/ { print $2 }')
measure pdftotext -q "$twins/long.pdf" /dev/null
baseline=$best_s
peak_kb=0
measure "$nos" parse "$twins/long.pdf" -o "$work/long.yaml"
echo "| one of $pages pages | 1 | $baseline | $best_s | $(ratio "$best_s" "$baseline")x | - | $((peak_kb / 1024)) |" >> "$results"

# --- .doc, ODT, RTF, HTML: nos convert on LibreOffice's twins against nos convert on the same DOCX ---
{
  echo
  echo "| format ($pdf_n typical) | -j | nos convert s | nos / DOCX | nos docs/s | CPU s | nos max RSS MiB |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} >> "$results"
for j in 1 2; do
  for fmt in docx doc odt rtf html; do
    peak_kb=0
    measure "$nos" convert "$twins/$fmt" --out-dir "$work/out" -j $j -q
    [ $fmt = docx ] && docx_s=$best_s
    echo "| $fmt | $j | $best_s | $(ratio "$best_s" "$docx_s")x | $(rate "$pdf_n" "$best_s") | $best_cpu | $((peak_kb / 1024)) |" >> "$results"
  done
done
echo >> "$results"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"
cat "$results"
