#!/usr/bin/env bash
# Register figures (issue 15): 10,000 units with ten years of events each in a real
# SQLite workspace — status of every unit at one date (target < 1 s), proposals,
# what is due, the signed checkpoint (target < 2 s) and its verification.
# Prints the figures; asserts nothing (targets are in docs/rules.md, not in tests).
# PROFILE=debug runs the unoptimised build instead of the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${PROFILE:-release}" = debug ]; then
  cargo run --quiet -p reviewdesk-desk --example register_figures
else
  cargo run --quiet --release -p reviewdesk-desk --example register_figures
fi
