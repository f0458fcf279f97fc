#!/usr/bin/env bash
# Startup of the INSTALLED release build (`apt-get install ./ReviewDesk_….deb` from
# scripts/package.sh) to the interactive home screen: prints each cold launch and the
# median; asserts nothing (the target, < 1 s, is in docs/packaging.md, not a test).
# Needs Xvfb, tauri-driver and gnome-keyring as the end-to-end tests do.
# Env: REVIEWDESK_APP (default /usr/bin/reviewdesk-desktop), RUNS (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
export REVIEWDESK_APP="${REVIEWDESK_APP:-/usr/bin/reviewdesk-desktop}"
if [ ! -x "$REVIEWDESK_APP" ]; then
  echo "no $REVIEWDESK_APP: build and install the package first (scripts/package.sh, apt-get install ./…deb)" >&2
  exit 1
fi
cargo run --quiet -p reviewdesk-e2e --example startup_figures
