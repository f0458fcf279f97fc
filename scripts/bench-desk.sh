#!/usr/bin/env bash
# Expert desk figures: autosave latency over 1,000 edits on a real SQLite workspace.
# Prints the figures; it asserts nothing (targets are in docs, not in tests).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p reviewdesk-desk --example autosave
