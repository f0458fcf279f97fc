#!/usr/bin/env bash
#! Package benchmark: seal, verify, decrypt-all and the expert desk's import of a
#! synthetic round, next to Debian's `age` encrypting and decrypting the same bytes
#! and `cat PACKAGE > /dev/null` in the same run (page cache dropped before cat and
#! import when this user may).
#! Usage: SIZE=200 scripts/bench-packages.sh   (SIZE in MB; the target scale is SIZE=1000,
#! 200 materials x 5 MB). MATERIAL_MB sets the size of one material (default 5); ONE_MB
#! the size of the first material, the one read out alone (the issue's case: ONE_MB=50
#! in a SIZE=2000 package).
#! Needs about 4 x SIZE of free disk in the temporary folder (materials, package, the
#! import's copy, age's files).
#! Prints wall times, ratios to age, and peak memory (max RSS) of each step, then the
#! seal against `age -r` on the same bytes: bytes, seconds of each, the ratio (the
#! issue's target: at most 1.00). The seal's time includes syncing the package to disk
#! before it is renamed into place; `age -r`'s does not (the `sync` after it is shown
#! apart). Each material is sealed to the organizer and its readers (the assigned,
#! unrecused experts), age to all seven recipients: the symmetric work is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${SIZE:-200}"
MATERIAL_MB="${MATERIAL_MB:-5}"
ONE_MB="${ONE_MB:-$MATERIAL_MB}"
COUNT=$(( SIZE / MATERIAL_MB ))
(( COUNT >= 1 )) || { echo "SIZE must be at least MATERIAL_MB" >&2; exit 2; }
TARGET="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p reviewdesk-cli
cargo build --release -q -p reviewdesk-desk --example import_figures
BIN="$TARGET/release/reviewdesk"
IMPORT="$TARGET/release/examples/import_figures"
for tool in age age-keygen /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install age time)" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROUND="$WORK/round"
mkdir -p "$ROUND/materials" "$ROUND/cards"
cp assets/demo/cards/*.card "$ROUND/cards/"
# The demo round without its materials, then COUNT synthetic ones spread over A01-A08.
awk '/^\[\[material\]\]/{exit} {print}' assets/demo/round.toml > "$ROUND/round.toml"
for i in $(seq 1 "$COUNT"); do
  id=$(printf 'M%04d' "$i")
  applicant=$(printf 'A%02d' $(( (i - 1) % 8 + 1 )))
  printf '\n[[material]]\nid = "%s"\napplicant = "%s"\nkind = "other"\ntitle = "synthetic %s"\nfile = "%s.bin"\n' \
    "$id" "$applicant" "$id" "$id" >> "$ROUND/round.toml"
  mb=$MATERIAL_MB; (( i == 1 )) && mb=$ONE_MB
  head -c $(( mb * 1024 * 1024 )) /dev/urandom > "$ROUND/materials/$id.bin"
done
sync

# run NAME CMD...: wall seconds into T_NAME, max RSS (MiB) into M_NAME
run() {
  local name="$1"; shift
  /usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" > /dev/null
  read -r secs kib < "$WORK/$name.time"
  printf -v "T_$name" '%s' "$secs"
  printf -v "M_$name" '%s' "$(( kib / 1024 ))"
}

PKG="$WORK/round.rdpkg"
run seal "$BIN" seal "$ROUND" --signing-key assets/demo/keys/ORG.key -o "$PKG"
run verify "$BIN" verify "$PKG"
run decrypt "$BIN" verify "$PKG" --identity assets/demo/keys/E01.age
run one "$BIN" export-encrypted "$PKG" M0001 -o "$WORK/one.age"
# Cold reads where allowed: the same start for cat and the import.
drop_caches() { sync; { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null && COLD="cold" || COLD="warm"; }
drop_caches
run cat cat "$PKG"
drop_caches
run import "$IMPORT" "$PKG" assets/demo/keys

# age on the same bytes: every material to the same seven recipients, then back.
RECIPIENTS=()
for c in assets/demo/cards/*.card; do
  RECIPIENTS+=(-r "$(sed -n 's/^age-recipient: //p' "$c")")
done
mkdir -p "$WORK/age"
export ROUND WORK
export RECIPIENTS_STR="${RECIPIENTS[*]}"
run age_enc bash -c 'RECIPIENTS=($RECIPIENTS_STR); for f in "$ROUND"/materials/*.bin; do age "${RECIPIENTS[@]}" -o "$WORK/age/$(basename "$f").age" "$f"; done'
run age_sync sync
run age_dec bash -c 'for f in "$WORK"/age/*.age; do age -d -i assets/demo/keys/E01.age "$f" > /dev/null; done'

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
PKG_MB=$(( $(stat -c %s "$PKG") / 1024 / 1024 ))
echo "reviewdesk package benchmark: $COUNT materials x ${MATERIAL_MB} MB = ${SIZE} MB, package ${PKG_MB} MB, 7 recipients, $(nproc) cores"
printf '%-34s %9s %9s %12s\n' step seconds "vs age" "peak MB"
printf '%-34s %9s %9s %12s\n' "seal (sign + encrypt all)" "$T_seal" "$(ratio "$T_seal" "$T_age_enc")" "$M_seal"
printf '%-34s %9s %9s %12s\n' "age -r x7, every material" "$T_age_enc" "1.00" "$M_age_enc"
printf '%-34s %9s %9s %12s\n' "verify (signature + all hashes)" "$T_verify" "$(ratio "$T_verify" "$T_age_dec")" "$M_verify"
printf '%-34s %9s %9s %12s\n' "verify + decrypt all (--identity)" "$T_decrypt" "$(ratio "$T_decrypt" "$T_age_dec")" "$M_decrypt"
printf '%-34s %9s %9s %12s\n' "age -d, every material" "$T_age_dec" "1.00" "$M_age_dec"
printf '%-34s %9s %9s %12s\n' "one ${ONE_MB} MB material out" "$T_one" "" "$M_one"
printf '%-34s %9s %9s %12s\n' "cat package > /dev/null ($COLD)" "$T_cat" "1.00" "$M_cat"
printf '%-34s %9s %9s %12s\n' "import (copy, verify copy, keep)" "$T_import" "$(ratio "$T_import" "$T_cat")" "$M_import"
echo "(the import's 'vs age' column is its ratio to cat; the target is under 3)"
BYTES=$(du -cb "$ROUND"/materials/*.bin | tail -1 | cut -f1)
echo
echo "seal against age -r on the same bytes"
printf '%-34s %s\n' "bytes" "$BYTES"
printf '%-34s %s\n' "seal seconds (synced)" "$T_seal"
printf '%-34s %s (then sync: %s)\n' "age -r seconds" "$T_age_enc" "$T_age_sync"
printf '%-34s %s\n' "ratio seal / age -r" "$(ratio "$T_seal" "$T_age_enc")"
