#!/usr/bin/env bash
#! Fuzzes ReviewDesk's parsers of untrusted input with cargo-fuzz (libFuzzer); see
#! docs/fuzzing.md. Not part of CI.
#!
#!   scripts/fuzz.sh                    every target, 600 seconds each
#!   scripts/fuzz.sh TARGET [SECONDS]   one target (or `all`), SECONDS each
#!   scripts/fuzz.sh list               the target names
#!
#! Installs cargo-fuzz if it is missing, seeds fuzz/corpus/TARGET/ from the test
#! vectors, the demo round and the templates (and the seeds
#! fuzz/examples/make_corpus.rs builds), builds the targets, runs them under
#! `nice -n 19`, FUZZ_PARALLEL (default 2) at a time, and prints per target the
#! executions, exec/s, coverage, corpus size and the findings saved in
#! fuzz/artifacts/TARGET/. Logs go to fuzz/logs/TARGET.log. Exits 1 if a target
#! found a crash, timeout or OOM.
#!
#! Environment: FUZZ_SANITIZER (address, the default, or none), FUZZ_TIMEOUT
#! (seconds one input may take before it counts as a timeout, default 10),
#! FUZZ_RSS_MB (memory limit, default 2048), CARGO_TARGET_DIR, CARGO_BUILD_JOBS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

TARGETS=(
  keycard_read keycard_body signed_text
  package_open package_manifest package_index
  sheet_verify sheet_body recheck_verify recheck_body age_decrypt
  identity_secret identity_index
  round_toml template_toml template_values rules_compute
  bundle_open bundle_stream archive_open
  register_ledger register_checkpoint program_toml calendar_year
  audit_log
)

target=${1:-all}
secs=${2:-600}
sanitizer=${FUZZ_SANITIZER:-address}
parallel=${FUZZ_PARALLEL:-2}

if [ "$target" = list ]; then
  printf '%s\n' "${TARGETS[@]}"
  exit 0
fi
if [ "$target" = all ]; then
  selected=("${TARGETS[@]}")
else
  printf '%s\n' "${TARGETS[@]}" | grep -qx -- "$target" || {
    echo "unknown target '$target'; one of: ${TARGETS[*]}" >&2
    exit 2
  }
  selected=("$target")
fi
case $secs in '' | *[!0-9]*) echo "SECONDS must be a whole number" >&2; exit 2 ;; esac

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
# cargo-fuzz passes unstable flags (-Zsanitizer, -Cpasses=sancov-module, …); on the
# stable toolchain RUSTC_BOOTSTRAP=1 lets rustc and cargo accept them.
export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

corpus=$root/fuzz/corpus
mkdir -p "$corpus" "$root/fuzz/artifacts" "$root/fuzz/logs"

echo "==> seeding fuzz/corpus/"
seed() { # seed TARGET FILE…
  local dir=$corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] && cp -n "$f" "$dir/$(basename "$f")"
  done
  return 0
}
v=tests/vectors/formats
seed keycard_read $v/*.card assets/demo/cards/*.card
seed signed_text $v/*.card assets/demo/cards/*.card
seed package_open $v/*.rdpkg
seed bundle_open $v/*.rdpkg $v/bundle-*.bundle
seed bundle_stream $v/*.rdpkg
if [ ! -d "$corpus/archive_open" ]; then # the demo round's archive, made once
  demo_out=$(mktemp -d)
  (cd "$root" && nice -n 19 cargo run --quiet -p reviewdesk-cli -- demo --out "$demo_out/out" >/dev/null)
  seed archive_open "$demo_out/out/round.rdarchive"
  rm -rf "$demo_out"
fi
seed age_decrypt $v/*.rdsheet
seed round_toml assets/demo/round.toml
mkdir -p "$corpus/template_values" # starts empty: its input is bytes, not text
seed template_toml assets/templates/*.toml tests/vectors/rules/templates/*.toml
seed program_toml assets/programs/*.toml
seed calendar_year tests/vectors/calendar/*.toml
# The rest is built: bodies for the harnesses that sign, decrypted sheets, age
# files, secret texts, identity indexes, patched templates, rules vectors as JSON,
# register ledgers and checkpoints.
(cd fuzz && nice -n 19 cargo run --quiet --example make_corpus -- "$corpus")

echo "==> building (sanitizer: $sanitizer)"
if [ "${#selected[@]}" -eq 1 ]; then
  (cd fuzz && nice -n 19 cargo fuzz build --sanitizer "$sanitizer" "${selected[0]}")
else
  (cd fuzz && nice -n 19 cargo fuzz build --sanitizer "$sanitizer")
fi

run_one() {
  local t=$1 extra=()
  mkdir -p "$root/fuzz/artifacts/$t"
  # Decimals at the edges of rust_decimal's range, for the targets that read them.
  case $t in template_toml | rules_compute) extra+=(-dict="$root/fuzz/dict/decimal.dict") ;; esac
  # Event kinds and field names of a ledger line.
  case $t in register_ledger) extra+=(-dict="$root/fuzz/dict/register.dict") ;; esac
  (cd fuzz && nice -n 19 cargo fuzz run --sanitizer "$sanitizer" "$t" "$corpus/$t" -- \
    -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -print_final_stats=1 "${extra[@]}") \
    >"$root/fuzz/logs/$t.log" 2>&1 || true
  echo "    $t done"
}

echo "==> fuzzing ${#selected[@]} target(s), ${secs}s each, $parallel at a time"
running=0
for t in "${selected[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n
    running=$((running - 1))
  fi
  echo "    $t started $(date +%H:%M:%S)"
  run_one "$t" &
  running=$((running + 1))
done
wait
# identity_index writes each input to this file (one per process).
rm -f "${TMPDIR:-/tmp}"/reviewdesk-fuzz-identities-*
# register_checkpoint (and make_corpus) hold a workspace here (one per process).
rm -rf "${TMPDIR:-/tmp}"/reviewdesk-fuzz-register-*

echo
printf '%-17s %12s %8s %7s %7s %14s %s\n' target executions exec/s cov ft corpus findings
status=0
for t in "${selected[@]}"; do
  log=$root/fuzz/logs/$t.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | grep ' cov: ' | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")
  findings=$(find "$root/fuzz/artifacts/$t" -maxdepth 1 -type f \
    \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' -o -name 'slow-unit-*' \) |
    wc -l)
  [ "$findings" -gt 0 ] && status=1
  printf '%-17s %12s %8s %7s %7s %14s %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "${corp:-?}" "$findings"
done
if [ "$status" -ne 0 ]; then
  echo
  echo "findings (reproduce: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET FILE):"
  find "$root/fuzz/artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort
fi
exit "$status"
