#!/usr/bin/env bash
# Chair desk figures: 100 sheet files for 500 applicants × 3 stages × 10 indicators,
# imported, verified, merged, computed and signed into a bundle; then the bundle
# verified with its full recomputation. Prints the figures; asserts nothing (the
# targets are in the issue and the closing notes, not in tests).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p reviewdesk-desk --example chair_figures
# The audit logs of those 100 sheets replayed alone (part of the merge above).
cargo run --quiet --release -p reviewdesk-core --example audit_figures
# 500 applicant opinion pages: seconds, bytes, bytes per page (targets: < 5 s, < 30 KB a page).
cargo run --quiet --release -p reviewdesk-results --example opinion_pages
