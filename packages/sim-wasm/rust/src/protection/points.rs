// SPDX-License-Identifier: LGPL-2.1-or-later
//! A time–current curve given as points (a fuse's or trip unit's total clearing curve, as read
//! from the maker's log–log chart), interpolated linearly in lg I – lg t between points —
//! straight lines on the chart the points came from. Below the first point's current the
//! device does not trip; above the last point's current it takes the last point's time.

/// Clearing time (ms) at `current_ka` for points with increasing currents (kA) and
/// non-increasing times (ms); +∞ below the first current.
pub fn curve_time_ms(currents_ka: &[f64], times_ms: &[f64], current_ka: f64) -> f64 {
    let n = currents_ka.len().min(times_ms.len());
    if n == 0 || current_ka.is_nan() || current_ka < currents_ka[0] {
        return f64::INFINITY;
    }
    if current_ka >= currents_ka[n - 1] {
        return times_ms[n - 1];
    }
    // The segment [i, i + 1] holding the current: the first point above it, minus one.
    let i = currents_ka[..n].partition_point(|&c| c <= current_ka) - 1;
    let (i0, i1) = (currents_ka[i].log10(), currents_ka[i + 1].log10());
    let (t0, t1) = (times_ms[i].log10(), times_ms[i + 1].log10());
    10f64.powf(t0 + (t1 - t0) * (current_ka.log10() - i0) / (i1 - i0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const I: [f64; 3] = [1.0, 10.0, 100.0];
    const T: [f64; 3] = [10_000.0, 100.0, 10.0];

    #[test]
    fn straight_lines_in_log_log() {
        // Between 1 kA/10 s and 10 kA/100 ms the curve falls two decades per decade: at
        // √10 kA it is 1 s.
        assert!((curve_time_ms(&I, &T, 10f64.sqrt()) - 1000.0).abs() < 1e-9);
        // 30 kA: lg t = 2 − (lg 30 − 1) = 1.5229 → 33.33 ms (t ∝ 1/I on this segment).
        assert!((curve_time_ms(&I, &T, 30.0) - 1000.0 / 30.0).abs() < 1e-9);
        assert_eq!(curve_time_ms(&I, &T, 10.0), 100.0);
    }

    #[test]
    fn ends_of_the_curve() {
        assert_eq!(curve_time_ms(&I, &T, 0.99), f64::INFINITY);
        assert_eq!(curve_time_ms(&I, &T, 1.0), 10_000.0);
        assert_eq!(curve_time_ms(&I, &T, 100.0), 10.0);
        assert_eq!(curve_time_ms(&I, &T, 1e6), 10.0);
        assert_eq!(curve_time_ms(&I, &T, f64::NAN), f64::INFINITY);
        assert_eq!(curve_time_ms(&[], &[], 5.0), f64::INFINITY);
    }
}
