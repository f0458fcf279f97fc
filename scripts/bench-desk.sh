#!/usr/bin/env bash
# Expert desk figures: autosave latency over 1,000 edits on a real SQLite workspace.
# Prints the figures; it asserts nothing (targets are in docs, not in tests).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p reviewdesk-desk --example autosave

# In the real app: launch time, and a 50 MB PDF inside a 2 GB package to its first
# page drawn. Needs the app built (`cargo build --workspace --bins`, or set
# REVIEWDESK_APP to a release build), Xvfb, tauri-driver and gnome-keyring, as the
# end-to-end tests do; FILLERS=399 makes the package 2 GB.
if [ "${SKIP_APP:-}" != 1 ]; then
  cargo build --quiet --release -p reviewdesk-e2e --example desk_figures
  dbus-run-session -- bash -c '
    printf "bench\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    REVIEWDESK_APP="${REVIEWDESK_APP:-$PWD/target/debug/reviewdesk-desktop}" target/release/examples/desk_figures'
fi
