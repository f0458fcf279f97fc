#!/usr/bin/env bash
#! The expert desk's crash test with more kills than the CI's 20: the real app is
#! SIGKILLed N times while an expert scores (default 100), relaunched on the same
#! workspace and keyring, and every value the screen showed as saved is checked on
#! screen and in the workspace, with the audit chain.
#!   scripts/crash-test.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-100}"
bash scripts/setup.sh test
(cd ui && npm run build)
cargo build --workspace --bins
dbus-run-session -- bash -c '
  set -euo pipefail
  keyring_dir=$(mktemp -d)
  trap "rm -rf \"$keyring_dir\"" EXIT
  daemon_env=$(printf "throwaway-test-keyring\n" |
    XDG_DATA_HOME="$keyring_dir" gnome-keyring-daemon --unlock --components=secrets)
  while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<<"$daemon_env"
  REVIEWDESK_CRASH_KILLS='"$kills"' cargo test -p reviewdesk-e2e --test e2e crash:: -- --nocapture
'
