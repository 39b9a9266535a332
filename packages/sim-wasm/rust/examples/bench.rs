// SPDX-License-Identifier: LGPL-2.1-or-later
//! Native counterpart of `bench/bench.ts`: times analysis (AMD + symbolic), numeric
//! factorization and selected inversion (diag Z) on matrices the TS bench wrote, and
//! measures peak heap with a counting allocator. Dependency-free.
//!
//! Usage: cargo run --release --example bench -- FILE...
//! File format (little-endian): u32 n, u32 nnz, i32 colptr[n+1], i32 rowind[nnz],
//! f64 values[2·nnz] (interleaved re, im). Prints one JSON object per file.

use ampflux_sim::complex::Complex;
use ampflux_sim::csc::Pattern;
use ampflux_sim::solver::{Solver, DEFAULT_PIVOT_TOLERANCE};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// System allocator that tracks live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn read_u32s(bytes: &[u8]) -> Vec<usize> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect()
}

fn load(path: &str) -> (Pattern, Vec<Complex>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {}", path, e));
    let head = read_u32s(&bytes[..8]);
    let (n, nnz) = (head[0], head[1]);
    let colptr_end = 8 + 4 * (n + 1);
    let rowind_end = colptr_end + 4 * nnz;
    let colptr = read_u32s(&bytes[8..colptr_end]);
    let rowind = read_u32s(&bytes[colptr_end..rowind_end]);
    let values = bytes[rowind_end..]
        .chunks_exact(16)
        .map(|c| {
            let f = |b: &[u8]| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
            Complex::new(f(&c[..8]), f(&c[8..]))
        })
        .collect();
    (
        Pattern::new(n, colptr, rowind).expect("valid pattern"),
        values,
    )
}

/// Best of `repeats` runs of `f`, in milliseconds.
fn best_ms<T>(repeats: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..repeats {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        out = Some(r);
    }
    (best, out.expect("repeats ≥ 1"))
}

fn main() {
    for path in std::env::args().skip(1) {
        let (pattern, values) = load(&path);
        let n = pattern.n;
        let repeats = if n > 50_000 { 1 } else { 3 };
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
        let (analyze_ms, mut solver) = best_ms(repeats, || {
            Solver::analyze(pattern.clone()).expect("analysis")
        });
        let (factor_ms, ()) = best_ms(repeats, || {
            solver
                .factorize(&values, DEFAULT_PIVOT_TOLERANCE)
                .expect("factorization")
        });
        let mut diag = vec![Complex::ZERO; n];
        let (selinv_ms, ()) = best_ms(repeats, || {
            solver
                .selected_inverse(&mut diag, None)
                .expect("selected inversion")
        });
        let stats = solver.stats();
        println!(
            "{{\"file\":\"{}\",\"n\":{},\"nnzA\":{},\"nnzLU\":{},\"pivoted\":{},\"analyzeMs\":{:.3},\"factorMs\":{:.3},\"selinvMs\":{:.3},\"peakBytes\":{}}}",
            path, n, stats.nnz_a, stats.nnz_lu, stats.rejected_column.is_some(), analyze_ms, factor_ms, selinv_ms, PEAK.load(Ordering::Relaxed)
        );
    }
}
