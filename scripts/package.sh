#!/usr/bin/env bash
#! Builds ReviewDesk's Linux packages — .deb (Debian 12, UOS, Kylin) and .rpm — with
#! Tauri's bundler, and prints their paths and sizes. From a clean clone: the only
#! network steps are `npm ci` and `cargo fetch` (skipped when their caches are full);
#! the release build runs `--offline` and the deb/rpm bundlers download nothing
#! (AppImage would, so it is not built: docs/packaging.md).
#! Usage: scripts/package.sh            (after scripts/setup.sh run)
#!        scripts/package.sh --debug    the same packages from the debug build (what
#!                                      scripts/test.sh installs and tests: no second,
#!                                      release compile in CI)
#! Env:   REVIEWDESK_COMMIT=SHA         the About screen's commit when not in a git checkout
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
step() { printf '\n==> %s\n' "$*"; }
profile=release
if [ "${1:-}" = "--debug" ]; then profile=debug; fi

target_dir=$(cargo metadata --format-version 1 --no-deps --offline 2>/dev/null ||
  cargo metadata --format-version 1 --no-deps)
target_dir=$(node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))' <<<"$target_dir")

step "UI: dependencies from the lockfile, then the build (embedded in the app)"
if [ ! -x ui/node_modules/.bin/tauri ] || ! cmp -s ui/package-lock.json ui/node_modules/.reviewdesk-lock; then
  (cd ui && npm ci --no-audit --no-fund)
  cp ui/package-lock.json ui/node_modules/.reviewdesk-lock
fi
(cd ui && npm run build)

step "Rust: dependencies (cargo fetch; nothing to download when cached)"
cargo fetch --locked

step "Third-party licence notices (src-tauri/gen/licenses, resources of the app)"
node scripts/third-party-notices.mjs

step "Rust: $profile build of the app and the CLI, offline"
started=$(date +%s)
if [ "$profile" = release ]; then
  cargo build --release --locked --offline -p reviewdesk-desktop -p reviewdesk-cli
else
  # The same command as scripts/test.sh's build: features resolve alike, so the
  # binaries just tested are reused instead of rebuilt.
  cargo build --locked --offline --workspace --bins
fi
echo "$profile build: $(($(date +%s) - started)) s"

step "The CLI into the package (src-tauri/gen/bin/reviewdesk → /usr/bin/reviewdesk)"
mkdir -p src-tauri/gen/bin
cp "$target_dir/$profile/reviewdesk" src-tauri/gen/bin/reviewdesk

step "Bundle: .deb and .rpm"
if [ "$profile" = release ]; then
  (cd src-tauri && ../ui/node_modules/.bin/tauri bundle --ci --bundles deb,rpm)
else
  (cd src-tauri && ../ui/node_modules/.bin/tauri bundle --ci --debug --bundles deb,rpm)
fi

step "Packages"
bundle_dir="$target_dir/$profile/bundle"
for f in "$bundle_dir"/deb/*.deb "$bundle_dir"/rpm/*.rpm; do
  [ -f "$f" ] || continue
  printf '%s\t%s bytes (%s)\n' "$f" "$(stat -c %s "$f")" "$(du -h "$f" | cut -f1)"
done
