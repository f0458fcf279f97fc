#!/usr/bin/env bash
#! Sets everything up and runs every test: the UI's type check and unit tests, then
#! every Rust test in the workspace — unit, property, CLI, and the end-to-end tests
#! that drive the real app under Xvfb. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$*"; }

step "UI: type check, unit tests, build (ui/dist is embedded in the app)"
(cd ui && npm run check && npm test && npm run build)

step "Rust: formatting"
cargo fmt --all -- --check

step "Rust: build every crate and binary (the end-to-end tests drive target/debug/reviewdesk-desktop)"
cargo build --workspace --bins

step "Rust: every test (unit, property, integration, end-to-end), in a D-Bus session with a throwaway unlocked keyring"
# The identity tests use the real Secret Service: a private D-Bus session bus, and
# gnome-keyring-daemon on it with a fresh keyring (in a temporary directory, so the
# user's own keyrings are never touched) unlocked by a throwaway password on stdin.
dbus-run-session -- bash -c '
  set -euo pipefail
  keyring_dir=$(mktemp -d)
  trap "rm -rf \"$keyring_dir\"" EXIT
  daemon_env=$(printf "throwaway-test-keyring\n" |
    XDG_DATA_HOME="$keyring_dir" gnome-keyring-daemon --unlock --components=secrets)
  while IFS= read -r line; do [ -n "$line" ] && export "$line"; done <<<"$daemon_env"
  cargo test --workspace
'

step "Package: .deb and .rpm from the debug build just tested (scripts/package.sh --debug; the release packages: scripts/package.sh)"
package_started=$(date +%s)
bash scripts/package.sh --debug
echo "packaging took $(($(date +%s) - package_started)) s"

step "The installed package: apt-get install the .deb, smoke-test /usr/bin/reviewdesk-desktop, remove it"
target_dir=$(cargo metadata --format-version 1 --no-deps --offline |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
debs=("$target_dir"/debug/bundle/deb/*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "expected one .deb, found: ${debs[*]}" >&2; exit 1; }
deb=${debs[0]}
deb_name=$(dpkg-deb -f "$deb" Package)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
remove_package() { DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$deb_name" >/dev/null || true; }
trap remove_package EXIT
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$deb"
REVIEWDESK_DEB="$deb" REVIEWDESK_APP=/usr/bin/reviewdesk-desktop REVIEWDESK_CLI=/usr/bin/reviewdesk \
  cargo test -p reviewdesk-e2e --test installed
remove_package
trap - EXIT
if [ -e /usr/bin/reviewdesk-desktop ]; then echo "the package was not removed" >&2; exit 1; fi
