#!/usr/bin/env bash
# Runs the crate's native unit tests with the same Debian toolchain the WASM build uses (MSRV 1.63).
set -euo pipefail
cd "$(dirname "$0")/../rust"
mkdir -p ../test-results
RUSTC=/usr/bin/rustc /usr/bin/cargo test --offline --release 2>&1 | tee ../test-results/cargo.txt
exit "${PIPESTATUS[0]}"
