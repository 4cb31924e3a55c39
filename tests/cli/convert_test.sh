#!/usr/bin/env bash
# End-to-end tests of `nos convert`: the tree it writes, failure isolation, -j independence,
# interruption (SIGINT and SIGKILL) and resumption, --incremental, collisions and output-directory safety.
#   tests/cli/convert_test.sh NOS_BINARY
# The corpus is built from samples/: copies in a tree, plus corrupt files.
set -uo pipefail
nos=$(realpath "$1")
cd "$(dirname "$0")/../.."
samples=$PWD/samples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() {  # expect DESCRIPTION CONDITION...
  local what="$1"; shift
  if "$@"; then ok; else fail "$what"; fi
}
count_files() { find "$1" -type f ! -name '.nos-manifest.json' | wc -l; }
temps_in() { find "$1" -name '.*.tmp-*' | wc -l; }

# --- a tree: N copies of every sample in sub-folders, and three corrupt inputs ---------------------
make_tree() {  # make_tree DIR COPIES
  local dir=$1 copies=$2 i
  for ((i = 0; i < copies; i++)); do
    mkdir -p "$dir/set$((i % 7))/batch$i"
    cp "$samples"/*.txt "$dir/set$((i % 7))/batch$i/"
    [ -d "$samples/docx" ] && for f in "$samples"/docx/*.docx; do cp "$f" "$dir/set$((i % 7))/batch$i/$(basename "$f" .docx)-w.docx"; done
  done
  mkdir -p "$dir/bad"
  printf 'PK\003\004 truncated' > "$dir/bad/truncated.docx"
  : > "$dir/bad/empty.txt"
  printf 'abc\000def' > "$dir/bad/binary.txt"
  printf 'not a standard' > "$dir/notes.md"   # not taken: not a document's extension
}
make_tree src 3
inputs=$(find src -name '*.txt' -o -name '*.docx' | wc -l)
good=$((inputs - 3))

# --- one model per good input, one line per bad one, the report --------------------------------------
"$nos" convert src --out-dir out1 -j 1 --report report.json 2> err1
rc=$?
expect "a run with bad inputs exits 1 (got $rc)" [ $rc = 1 ]
expect "one model per good input ($good)" [ "$(count_files out1)" = "$good" ]
expect "one error line per bad input" [ "$(grep -c '^nos: error: src/bad/' err1)" = 3 ]
expect "error lines name the file and the reason" grep -q '^nos: error: src/bad/empty.txt: .*empty' err1
expect "mirrored tree" [ -f out1/set0/batch0/hospitality-PPLHSL12.yaml ]
expect "source.path is relative to the SRC root" grep -q 'path: "set0/batch0/hospitality-PPLHSL12.txt"' out1/set0/batch0/hospitality-PPLHSL12.yaml
expect "summary line" grep -q "^nos convert: $good converted (.* with warnings), 3 failed, 0 skipped" err1
python3 - "$inputs" "$good" <<'EOF' || fail "report content"
import json, sys
r = json.load(open("report.json"))
inputs, good = int(sys.argv[1]), int(sys.argv[2])
t = r["totals"]
assert t["inputs"] == inputs and t["converted"] == good and t["failed"] == 3, t
assert len(r["inputs"]) == inputs
bad = [e for e in r["inputs"] if e["status"] == "failed"]
assert all(e["error"].startswith(e["path"] + ": ") for e in bad), bad
conv = [e for e in r["inputs"] if e["status"] == "converted"]
assert all(e["items"]["P"] > 0 and "unplaced" in e["diagnostics"] and e["ms"] >= 0 for e in conv)
EOF
[ $? = 0 ] && ok

# --- same bytes whatever -j, and whatever the working directory ---------------------------------------
"$nos" convert src --out-dir out2 -j 2 -q 2> /dev/null
expect "-j 1 and -j 2 give the same bytes" diff -r out1 out2
(cd src && "$nos" convert . --out-dir ../out3 -j 2 -q 2> /dev/null)
expect "the models do not depend on the working directory" diff -r out1 out3
expect "-q prints only errors" [ "$("$nos" convert src --out-dir out2 -q 2>&1 | grep -vc '^nos: error:')" = 0 ]

# --- a list on standard input -------------------------------------------------------------------------
(cd src && find . -name '*.txt' | sort | "$nos" convert - --out-dir ../out4 -q 2> /dev/null)
expect "paths from standard input are mirrored" cmp out4/set0/batch0/hospitality-PPLHSL12.yaml out1/set0/batch0/hospitality-PPLHSL12.yaml

# --- collisions: named before anything is written -----------------------------------------------------
mkdir -p coll/a && cp "$samples/hospitality-PPLHSL12.txt" coll/a/x.txt && cp "$samples/hospitality-PPLHSL12.txt" coll/a/x.docx
"$nos" convert coll --out-dir out-coll 2> err-coll
rc=$?
expect "a collision exits 2 (got $rc)" [ $rc = 2 ]
expect "a collision names the output and both inputs" grep -q 'out-coll/a/x.yaml: both coll/a/x.docx and coll/a/x.txt' err-coll
expect "nothing written on a collision" [ ! -e out-coll ]
"$nos" convert coll --out-dir out-coll --exclude '*.docx' -q 2> /dev/null
expect "--exclude resolves the collision" [ -f out-coll/a/x.yaml ]

# --- output-directory safety ------------------------------------------------------------------------
"$nos" convert src --out-dir src/models -q 2> err-in
expect "DIR inside a SRC tree is refused" [ $? = 2 ] && expect "... with a hint" grep -q "exclude 'models'" err-in
expect "... and nothing written" [ ! -e src/models ]
"$nos" convert src --out-dir src/models --exclude models -q 2> /dev/null
expect "DIR inside a SRC tree is allowed when excluded" [ "$(count_files src/models)" = "$good" ]
"$nos" convert src --out-dir src/models --exclude models -q 2> /dev/null
expect "a second run does not read its own outputs" [ "$(count_files src/models)" = "$good" ]
rm -rf src/models
"$nos" convert src --out-dir src -q 2> /dev/null
expect "DIR equal to SRC is refused" [ $? = 2 ]
mkdir -p outside escape && ln -s "$work/outside" escape/set0
"$nos" convert src --out-dir escape -q 2> err-esc
expect "a symlink in DIR leading outside is refused" [ $? = 2 ] && expect "... naming it" grep -q 'escape/set0: leads outside' err-esc
expect "... and nothing written outside" [ -z "$(ls outside)" ]
printf '../src/bad/empty.txt\n' | "$nos" convert - --out-dir out-dotdot -q 2> /dev/null
expect "a listed path with .. is refused" [ $? = 2 ]
printf '%s\n' "$work/src/set0/batch0/hospitality-PPLHSL12.txt" | "$nos" convert - --out-dir out-abs -q 2> /dev/null
expect "an absolute listed path is refused" [ $? = 2 ]
mkdir -p same && cp "$samples/hospitality-PPLHSL12.txt" same/x.yaml
"$nos" convert same/x.yaml --out-dir same -q 2> err-same
expect "an output that is an input is refused" [ $? = 2 ] && expect "... naming it" grep -q 'same/x.yaml: is an input' err-same
expect "... and the input is intact" cmp same/x.yaml "$samples/hospitality-PPLHSL12.txt"
"$nos" convert src/set0/batch0/hospitality-PPLHSL12.txt --out-dir out-rep --report src/set0/batch0/hospitality-PPLHSL12.txt -q 2> /dev/null
expect "a report over an input is refused" [ $? = 2 ]
mkdir -p loop/a && cp "$samples/hospitality-PPLHSL12.txt" loop/a/ && ln -s .. loop/a/up
timeout 20 "$nos" convert loop --out-dir out-loop 2> err-loop
expect "a symlink loop ends (rc $?)" [ -f out-loop/a/hospitality-PPLHSL12.yaml ]
expect "... with a warning" grep -q 'loop/a/up: skipped: a symlink loop' err-loop

# --- interruption: SIGINT lets running tasks finish, SIGKILL may leave a temp file ----------------
make_tree big 40
big_good=$(( $(find big -name '*.txt' -o -name '*.docx' | wc -l) - 3 ))
"$nos" convert big --out-dir ref -j 2 -q 2> /dev/null
interrupt() {  # interrupt SIGNAL DIR: starts a run and signals it once some models exist
  local sig=$1 dir=$2 pid n
  "$nos" convert big --out-dir "$dir" -j 2 --incremental -q 2> "$dir.err" &
  pid=$!
  for _ in $(seq 1 400); do
    n=$(find "$dir" -name '*.yaml' 2> /dev/null | wc -l)
    [ "$n" -ge 20 ] && break
    sleep 0.01
  done
  kill -s "$sig" $pid
  { wait $pid; } 2> /dev/null
}
complete_models() {  # every model present is byte-identical to the reference
  local dir=$1 f
  while IFS= read -r f; do cmp -s "$f" "ref/${f#"$dir"/}" || { echo "partial or wrong: $f"; return 1; }; done \
    < <(find "$dir" -name '*.yaml')
}
interrupt INT int
rc=$?
expect "SIGINT exits 130 (got $rc)" [ $rc = 130 ]
n=$(count_files int)
expect "SIGINT stopped the run midway ($n of $big_good)" [ "$n" -lt "$big_good" ]
expect "SIGINT leaves no temporary file" [ "$(temps_in int)" = 0 ]
expect "SIGINT leaves only complete models" complete_models int
expect "SIGINT saves the manifest" [ -f int/.nos-manifest.json ]
expect "SIGINT says how to finish" grep -q 'interrupted' int.err
"$nos" convert big --out-dir int -j 2 --incremental --report int-report.json -q 2> /dev/null
expect "a re-run after SIGINT finishes the job" diff -r -x .nos-manifest.json int ref
expect "... skipping what was done" python3 -c "import json,sys; sys.exit(json.load(open('int-report.json'))['totals']['skipped'] < 20)"

interrupt KILL kill
expect "SIGKILL stopped the run midway" [ "$(count_files kill)" -lt "$big_good" ]
expect "SIGKILL leaves only complete models" complete_models kill
: > "kill/set0/batch0/.hospitality-PPLHSL12.yaml.tmp-AbC123"   # what a kill can leave behind
"$nos" convert big --out-dir kill -j 2 --incremental -q 2> /dev/null
expect "a re-run after SIGKILL finishes the job" diff -r -x .nos-manifest.json kill ref
expect "... and removes stale temporary files" [ "$(temps_in kill)" = 0 ]

# --- --incremental converts only what changed ---------------------------------------------------------
"$nos" convert src --out-dir inc --incremental -q 2> /dev/null
"$nos" convert src --out-dir inc --incremental --report inc1.json -q 2> /dev/null
totals() { python3 -c "import json,sys; t=json.load(open('$1'))['totals']; print(t['converted'], t['skipped'], t['failed'])"; }
expect "an unchanged tree is all skipped ($(totals inc1.json))" [ "$(totals inc1.json)" = "0 $good 3" ]
echo "K99 an added line" >> src/set1/batch1/hospitality-PPLHSL12.txt
touch src/set2/batch2/water-EUSWWT05.txt                       # new mtime, same content
rm inc/set0/batch0/retail-INSRET014.yaml                          # a deleted output
echo "edited by hand" >> inc/set0/batch0/security-SFSSG07.yaml    # an edited output
"$nos" convert src --out-dir inc --incremental --report inc2.json -q 2> /dev/null
expect "only changed inputs and missing or edited outputs are converted ($(totals inc2.json))" [ "$(totals inc2.json)" = "3 $((good - 3)) 3" ]
expect "the changed input's model is new" grep -q 'K99' inc/set1/batch1/hospitality-PPLHSL12.yaml
expect "the edited output is restored" cmp inc/set0/batch0/security-SFSSG07.yaml out1/set0/batch0/security-SFSSG07.yaml
"$nos" convert src --out-dir inc --incremental --format json --report inc3.json -q 2> /dev/null
expect "another format is not skipped" [ "$(totals inc3.json)" = "$good 0 3" ]
# A grammar edit the models depend on, here only a cue pattern, re-converts everything.
"$nos" convert src --out-dir inc-g --grammar "$samples/../grammars/nos.yaml" --incremental -q 2> /dev/null
sed 's#(https?://|www\\.)#(https?://|web\\.)#' "$samples/../grammars/nos.yaml" > cue-edited.yaml
expect "the edited grammar differs only in a cue pattern" [ "$(diff "$samples/../grammars/nos.yaml" cue-edited.yaml | grep -c '^[<>]')" = 2 ]
"$nos" convert src --out-dir inc-g --grammar cue-edited.yaml --incremental --report inc4.json -q 2> /dev/null
expect "a changed cue pattern is not skipped ($(totals inc4.json))" [ "$(totals inc4.json)" = "$good 0 3" ]

# --- --fail-fast --------------------------------------------------------------------------------------
mkdir -p ff && cp "$samples/hospitality-PPLHSL12.txt" ff/b.txt && : > ff/a.txt && cp ff/b.txt ff/c.txt
"$nos" convert ff --out-dir out-ff -j 1 --fail-fast --report ff.json -q 2> err-ff
rc=$?
expect "--fail-fast exits 1 (got $rc)" [ $rc = 1 ]
expect "--fail-fast starts nothing after the first failure" [ "$(count_files out-ff)" = 0 ]
expect "--fail-fast reports the rest as pending" grep -q '"status": "pending"' ff.json

# --- the report counts items by the grammar's item ids, whatever the grammar calls their sections -----
sed -e 's/^  - key: performance_criteria$/  - key: criteria/' -e 's/^  - key: knowledge_and_understanding$/  - key: knowledge/' \
  "$samples/../grammars/nos.yaml" > renamed.yaml
mkdir -p one && cp "$samples/hospitality-PPLHSL12.txt" one/
"$nos" convert one --out-dir out-one --report one.json -q 2> /dev/null
"$nos" convert one --out-dir out-renamed --grammar renamed.yaml --report renamed.json -q 2> /dev/null
items() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["inputs"][0]["items"])' "$1"; }
expect "the sample has criteria and knowledge items ($(items one.json))" [ "$(items one.json)" != "{'P': 0, 'K': 0}" ]
expect "renamed sections count the same ($(items renamed.json))" [ "$(items renamed.json)" = "$(items one.json)" ]

echo "convert: $passed passed, $failed failed"
[ $failed = 0 ]
