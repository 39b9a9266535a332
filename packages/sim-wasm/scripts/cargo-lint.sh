#!/usr/bin/env bash
# Formatting and lints of the crate with Debian's Rust toolchain (1.63, the MSRV the WASM build
# uses): `cargo fmt --check` and `cargo clippy --all-targets -- -D warnings`. Installs Debian's
# rustfmt and rust-clippy when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x /usr/bin/rustfmt ] && [ -x /usr/bin/cargo-fmt ] && [ -x /usr/bin/cargo-clippy ] ||
  ../../scripts/apt-install.sh rustfmt rust-clippy

# cargo runs `cargo fmt` / `cargo clippy` as cargo-fmt / cargo-clippy found on PATH, so /usr/bin
# goes first: a rustup toolchain in ~/.cargo/bin must not answer instead of Debian's.
export PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTFMT=/usr/bin/rustfmt
cd rust
/usr/bin/cargo fmt --check
/usr/bin/cargo clippy --offline --quiet --all-targets -- -D warnings
echo "sim-wasm: cargo fmt and clippy clean"
