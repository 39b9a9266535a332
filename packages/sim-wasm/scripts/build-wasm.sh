#!/usr/bin/env bash
# Builds rust/ into wasm/ampflux_sim.wasm with Debian's Rust toolchain (rustc 1.63, whose
# wasm32 standard library comes from apt), installing that toolchain when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

toolchain_ready() {
  [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && command -v wasm-ld >/dev/null 2>&1 &&
    [ -d /usr/lib/rustlib/wasm32-unknown-unknown ]
}

toolchain_ready || ../../scripts/apt-install.sh rustc cargo libstd-rust-dev-wasm32 lld

export RUSTC=/usr/bin/rustc
# WebAssembly SIMD (128-bit vectors; Node ≥ 16.4, Chromium ≥ 91, Firefox ≥ 89, Safari ≥ 16.4): the
# blocked Z columns of the Ib transfer phase use it (rust/src/iec60909/column_lanes.rs).
export RUSTFLAGS="-C target-feature=+simd128"
/usr/bin/cargo build --quiet --offline --release --target wasm32-unknown-unknown --manifest-path rust/Cargo.toml
mkdir -p wasm
cp rust/target/wasm32-unknown-unknown/release/ampflux_sim.wasm wasm/ampflux_sim.wasm
echo "sim-wasm: wasm/ampflux_sim.wasm ($(stat -c %s wasm/ampflux_sim.wasm) bytes)"
