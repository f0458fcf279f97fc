#!/usr/bin/env bash
#! Sets everything up and runs the main job: the desktop app on the bundled demo
#! round, or — when there is no display — the same round through the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  (cd ui && npm run build)
  cargo build --workspace --bins
  exec target/debug/reviewdesk-desktop "$@"
else
  echo "run: no display (DISPLAY/WAYLAND_DISPLAY unset): running the demo round through the CLI"
  cargo build -p reviewdesk-cli
  # The whole round, end to end, into a fresh folder that is kept, so the commands
  # printed at the end can be run on its files.
  out=$(mktemp -d "${TMPDIR:-/tmp}/reviewdesk-demo.XXXXXX")
  echo "run: writing the demo round's files to $out"
  exec "${CARGO_TARGET_DIR:-$PWD/target}/debug/reviewdesk" demo --out "$out" "$@"
fi
