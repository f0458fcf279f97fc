#!/usr/bin/env bash
# Peak memory of the readers of files that cross between people (issue 17, item 4:
# "peak memory under 64 MB for any input file"). Builds hostile files — sparse 2 GiB
# files under every name, an age file encrypted to the organizer whose plaintext
# starts like a bundle and is as long as a bundle may be, one a little longer, a
# sheet-sized one (also verified against the demo round's package), a 1 GiB file
# that starts like an archive — and runs `reviewdesk verify` / `inspect` /
# `export-signature` / `archive verify` on each under /usr/bin/time, printing the
# exit code and the maximum resident set size; then the demo round's own bundle,
# sheet and archive for comparison. Prints figures; asserts nothing (not in CI).
# A genuine round's files cost memory in proportion to the round: see
# `publication_figures` (5,000 applicants) for those.
# PROFILE=release for a release build (default: the debug build tests use).
# Needs `age` (scripts/setup.sh installs it for the tests) and about 1 GiB of
# free disk in the temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE="${PROFILE:-debug}"
if [ "$PROFILE" = release ]; then
  cargo build --quiet --release -p reviewdesk-cli
  cargo build --quiet --release -p reviewdesk-formats --example hostile_bundle
else
  cargo build --quiet -p reviewdesk-cli
  cargo build --quiet -p reviewdesk-formats --example hostile_bundle
fi
BIN="${CARGO_TARGET_DIR:-target}/$PROFILE/reviewdesk"
export REVIEWDESK_RESOURCES="$PWD/assets"
KEYS=assets/demo/keys
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ORG_RECIPIENT="$(age-keygen -y "$KEYS/ORG.age")"

MIB=1048576
MAX_BUNDLE=$((48 * MIB))
MAX_SHEET=$((16 * MIB))

# plaintext KIND BYTES: a format line, a 4-byte L of 256, then zeros up to BYTES
plaintext() {
  printf '%s\n\0\0\1\0' "$1"
  head -c "$(($2 - ${#1} - 5))" /dev/zero
}

for name in big.rdbundle big.rdsheet big.card big.rdpkg big.rdrecheck big.rdarchive; do
  truncate -s 2G "$WORK/$name"
done
# The demo round end to end: a real package, sheets, bundle and archive.
"$BIN" demo --out "$WORK/demo" > /dev/null
# An archive as large as one may be (1 GiB) that starts like one: its head, then zeros.
{ printf 'reviewdesk-archive/1\n\0\0\1\0'; head -c $((1024 * MIB - 25)) /dev/zero; } > "$WORK/max.rdarchive"
plaintext reviewdesk-bundle/1 "$MAX_BUNDLE" | age -r "$ORG_RECIPIENT" -o "$WORK/max.rdbundle"
plaintext reviewdesk-bundle/1 "$((MAX_BUNDLE + 4 * MIB))" | age -r "$ORG_RECIPIENT" -o "$WORK/over.rdbundle"
plaintext reviewdesk-sheet/1 "$MAX_SHEET" | age -r "$ORG_RECIPIENT" -o "$WORK/max.rdsheet"
# The costliest an outsider can make: a validly signed bundle manifest over a
# container as long as a bundle may be, no organizer's package inside.
"${CARGO_TARGET_DIR:-target}/$PROFILE/examples/hostile_bundle" "$ORG_RECIPIENT" "$WORK/signed.rdbundle" > /dev/null
ORG_FP="$("$BIN" --lang en verify "$KEYS/../cards/ORG.card" | grep -o 'SHA256:[A-Za-z0-9+/]\{43\}' | head -1)"

printf '%-38s %5s %9s\n' "command" "exit" "max RSS"
run() {
  local label="$1"; shift
  local rc=0
  /usr/bin/time -f '%M' -o "$WORK/time" "$@" > /dev/null 2>&1 || rc=$?
  printf '%-38s %5s %6s MB\n' "$label" "$rc" "$(( $(tail -1 "$WORK/time") / 1000 ))"
}
for name in big.rdbundle big.rdsheet big.card big.rdpkg big.rdrecheck; do
  run "verify $name (2 GiB, sparse)" "$BIN" verify "$WORK/$name" --identity "$KEYS/ORG.age"
done
for f in max.rdbundle over.rdbundle max.rdsheet; do
  size=$(( $(stat -c %s "$WORK/$f") / MIB ))
  run "verify $f ($size MiB)" "$BIN" verify "$WORK/$f" --identity "$KEYS/ORG.age"
  run "inspect $f ($size MiB)" "$BIN" inspect "$WORK/$f" --identity "$KEYS/ORG.age"
  run "export-signature $f ($size MiB)" "$BIN" export-signature "$WORK/$f" \
    --identity "$KEYS/ORG.age" -o "$WORK/out"
done
run "verify signed.rdbundle, organizer pinned" "$BIN" verify "$WORK/signed.rdbundle" \
  --organizer "$ORG_FP" --identity "$KEYS/ORG.age"
run "verify signed.rdbundle, no organizer" "$BIN" verify "$WORK/signed.rdbundle" \
  --identity "$KEYS/ORG.age"
run "verify max.rdsheet with its package" "$BIN" verify "$WORK/max.rdsheet" \
  --package "$WORK/demo/round.rdpkg" --identity "$KEYS/ORG.age"
run "archive verify big.rdarchive (2 GiB)" "$BIN" archive verify "$WORK/big.rdarchive"
run "archive verify max.rdarchive (1 GiB)" "$BIN" archive verify "$WORK/max.rdarchive"
echo "the demo round's own files (genuine):"
run "verify result.rdbundle" "$BIN" verify "$WORK/demo/result.rdbundle" --identity "$KEYS/ORG.age"
run "verify E01.rdsheet" "$BIN" verify "$WORK/demo/sheets/E01.rdsheet" \
  --package "$WORK/demo/round.rdpkg" --identity "$KEYS/ORG.age"
run "archive verify round.rdarchive" "$BIN" archive verify "$WORK/demo/round.rdarchive"
