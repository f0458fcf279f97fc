#!/usr/bin/env bash
# Publication figures (issue 14, rule 17): a synthetic round of 5,000 applicants
# merged into a bundle, then timed step by step — the notice (bundle verified and
# recomputed, list, PDF and CSV, signatures), two objections, the final list with
# the archive, and `archive verify` (signature, hashes, the bundle recomputed, every
# record recomputed). Targets: notice + final list + archive < 3 s, archive verify
# < 2 s. Prints the figures; asserts nothing (targets are in the issue, not in tests).
# Release build; set CARGO_TARGET_DIR to reuse an incremental release build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p reviewdesk-desk --example publication_figures
