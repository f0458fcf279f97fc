#!/usr/bin/env bash
# Bit-flip sweep (issue 17): makes the demo round end to end (`reviewdesk demo
# --out`), then flips one bit at a time in every file type that crosses between
# people — key cards, a per-expert and the whole-round package, a score sheet, the
# result bundle, the archive, the signed notice and final list — and verifies each
# flipped file as `reviewdesk verify` does. Prints per file the flips, the flips
# accepted, the panics, the hangs and the refusals by code; exits 1 on any accepted
# flip, panic or hang. Not run in CI (minutes); see docs/fuzzing.md for settings
# (SWEEP_ALL_BITS, SWEEP_HEAD, SWEEP_TAIL, SWEEP_RANDOM, SWEEP_SEED, SWEEP_JOBS,
# SWEEP_TIMEOUT, SWEEP_ONLY). A second pass runs the real `reviewdesk verify`
# binary on SWEEP_CLI (default 300) random flips per file, to check that the
# command and the library agree.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release -p reviewdesk-cli --bin reviewdesk
cargo build --quiet --release -p reviewdesk-desk --example bitflip_sweep
rd=target/release/reviewdesk
# A release build finds the demo round only in its resources: the source tree's.
export REVIEWDESK_RESOURCES="$PWD/assets"
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
"$rd" demo --out "$demo/out" >/dev/null
out="$demo/out"
start=$(date +%s)
target/release/examples/bitflip_sweep "$out"
echo "library pass: $(( $(date +%s) - start )) s"

# The command itself: random single-bit flips through `reviewdesk verify`, exit
# code 1 expected (0 = accepted, 101 = panic, 124 = timeout).
org=$("$rd" verify "$out/round/cards/ORG.card" --lang en | grep -o 'SHA256:[A-Za-z0-9+/]\{43\}' | head -1)
n=${SWEEP_CLI:-300}
python3 - "$rd" "$out" "$org" "$n" <<'PY'
import os, random, subprocess, sys, tempfile
rd, out, org, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
k = lambda p: os.path.join(out, "keys", p + ".age")
files = [
    ("card E03", "round/cards/E03.card", []),
    ("package E03", "per-expert/E03.rdpkg", ["--organizer", org, "--identity", k("E03")]),
    ("package whole", "round.rdpkg", ["--organizer", org, "--identity", k("C01")]),
    ("sheet E03", "sheets/E03.rdsheet",
     ["--package", os.path.join(out, "per-expert/E03.rdpkg"), "--organizer", org, "--identity", k("C01")]),
    ("bundle", "result.rdbundle", ["--organizer", org, "--identity", k("C01")]),
]
rng = random.Random(int(os.environ.get("SWEEP_SEED", "20261202")))
bad = 0
print(f"{'file (reviewdesk verify)':<28} {'flips':>6} {'exit 1':>7} {'accepted':>8} {'panics':>6} {'hangs':>5}")
with tempfile.TemporaryDirectory() as d:
    for name, rel, args in files:
        src = open(os.path.join(out, rel), "rb").read()
        ext = os.path.splitext(rel)[1]
        path = os.path.join(d, "x" + ext)
        counts = {"refused": 0, "accepted": 0, "panic": 0, "hang": 0}
        for _ in range(n):
            bit = rng.randrange(len(src) * 8)
            b = bytearray(src)
            b[bit // 8] ^= 1 << (bit % 8)
            open(path, "wb").write(b)
            try:
                r = subprocess.run([rd, "verify", path, *args], capture_output=True, timeout=30)
                code = r.returncode
            except subprocess.TimeoutExpired:
                code = 124
            kind = {1: "refused", 0: "accepted", 124: "hang"}.get(code, "panic")
            counts[kind] += 1
            if kind != "refused":
                bad += 1
                print(f"    {kind.upper()}: {name} byte {bit // 8} bit {bit % 8} exit {code}")
        print(f"{name:<28} {n:>6} {counts['refused']:>7} {counts['accepted']:>8} {counts['panic']:>6} {counts['hang']:>5}")
sys.exit(1 if bad else 0)
PY
echo "total: $(( $(date +%s) - start )) s"
