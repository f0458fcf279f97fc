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

step "Rust: every test (unit, property, integration, end-to-end)"
cargo test --workspace
