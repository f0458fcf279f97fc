#!/usr/bin/env bash
#! Installs everything ReviewDesk needs on a fresh Debian 12 machine, idempotently.
#! Usage: scripts/setup.sh [run|test]   (run: app deps only; test: also the e2e/interop tools)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

pkgs=(libwebkit2gtk-4.1-dev build-essential pkg-config curl file libssl-dev librsvg2-dev libayatana-appindicator3-dev)
if [ "$mode" = "test" ]; then
  pkgs+=(xvfb xauth webkit2gtk-driver dbus-x11 gnome-keyring libsecret-tools poppler-utils age openssh-client)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust (rustup) first" >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing Node.js and npm from Debian"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi

if [ "$mode" = "test" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver 2.x"
  cargo install tauri-driver --version '^2' --locked
fi

# npm dependencies from the committed lockfile; skipped when already in place.
if [ -f ui/package-lock.json ]; then
  stamp=ui/node_modules/.reviewdesk-lock
  if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
    (cd ui && npm ci --no-audit --no-fund)
    cp ui/package-lock.json "$stamp"
  fi
fi
