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
  exec target/debug/reviewdesk demo "$@"
fi
