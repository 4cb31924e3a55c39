#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for a while on seeds made from the repo.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    default 60 seconds, every target
# Environment: NOS_FUZZ_DIR (build dir, default build-fuzz), NOS_FUZZ_JOBS (targets run at once, default 1),
# NOS_FUZZ_MAX_LEN (longest input in bytes for every target, e.g. 1048576; default per target, below;
# when set, inputs may reach it at once, not after libFuzzer's slow growth of the length),
# NOS_FUZZ_TIMEOUT (seconds one input may take before it is reported, default 10; on a machine shared
# with other work a niced fuzzer is starved past 10 s on inputs that take 0.1 s alone).
# The corpus each run grows is kept in $NOS_FUZZ_DIR/corpus/TARGET, so later runs start where this one
# stopped. Exits non-zero on any crash, leak, timeout or out-of-memory, printing the reproducer's path.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
dir="${NOS_FUZZ_DIR:-build-fuzz}"
jobs="${NOS_FUZZ_JOBS:-1}"
timeout="${NOS_FUZZ_TIMEOUT:-10}"
all=(fuzz_parse fuzz_docx fuzz_docx_xml fuzz_pdf fuzz_grammar fuzz_model fuzz_config
  fuzz_odt fuzz_rtf fuzz_html fuzz_doc)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNOS_BUILD_FUZZERS=ON -DNOS_BUILD_TESTS=OFF -DNOS_SANITIZE=OFF >/dev/null
cmake --build "$dir" --target "${targets[@]}"
rm -rf "$dir/seeds"
python3 fuzz/make_seeds.py "$dir/seeds"

# Inputs a target reads whole: longer ones only slow it down, but only long ones reach size-dependent
# faults (deep recursion, quadratic time), hence NOS_FUZZ_MAX_LEN.
max_len() {
  if [ -n "${NOS_FUZZ_MAX_LEN:-}" ]; then
    echo "$NOS_FUZZ_MAX_LEN"
    return
  fi
  case "$1" in
    fuzz_docx_xml) echo 131072 ;;
    fuzz_grammar | fuzz_config) echo 16384 ;;
    *) echo 65536 ;;
  esac
}
dict() {
  case "$1" in
    fuzz_docx_xml) echo "-dict=fuzz/docx_xml.dict" ;;
    fuzz_odt) echo "-dict=fuzz/odt_xml.dict" ;;
    fuzz_grammar | fuzz_model | fuzz_config) echo "-dict=fuzz/yaml.dict" ;;
  esac
}

export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

run() {
  local t="$1" corpus="$dir/corpus/$1" artifacts="$dir/artifacts/$1/" log="$dir/logs/$1.log"
  mkdir -p "$corpus" "$artifacts" "$dir/logs"
  mkdir -p "$dir/seeds/$t"
  local status=0
  # shellcheck disable=SC2046
  "$dir/fuzz/$t" -max_total_time="$seconds" -max_len="$(max_len "$t")" ${NOS_FUZZ_MAX_LEN:+-len_control=0} -timeout="$timeout" -rss_limit_mb=2048 \
    -malloc_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts" $(dict "$t") \
    "$corpus" "$dir/seeds/$t" >"$log" 2>&1 || status=$?
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if ((status != 0)); then
    local found
    found=$(ls -t "$artifacts" 2>/dev/null | head -1)
    echo "fuzz: $t FAILED (exit $status) after ${execs:-?} runs; log $log"
    grep -m1 -E "ERROR: |runtime error|==ERROR|deadly signal|timeout|out-of-memory" "$log" || true
    [ -n "$found" ] && echo "fuzz: reproduce with: $dir/fuzz/$t $artifacts$found"
    return 1
  fi
  echo "fuzz: $t ok: ${execs:-?} runs in ${seconds}s, corpus $(ls "$corpus" | wc -l) files"
}

failed=0
pids=()
for t in "${targets[@]}"; do
  run "$t" &
  pids+=($!)
  if ((${#pids[@]} >= jobs)); then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
exit "$failed"
