// SPDX-License-Identifier: LGPL-2.1-or-later
//! The total clearing time of one protective device (contracts' switch `protection`): a fixed
//! clearing time; relay stages, whose operating time the breaker's opening time is added to
//! (IEEE 1584-2018 §6.9: the arc lasts until the breaker has interrupted it); or a total
//! clearing curve given as points. Where a device has several, the fastest one clears.

use super::points::curve_time_ms;
use super::stages::RelayStages;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Device<'a> {
    /// Fixed total clearing time (ms), NaN when not given.
    pub clearing_ms: f64,
    pub relay: RelayStages,
    /// Breaker opening time added to the relay's operating time (ms).
    pub opening_ms: f64,
    /// Total clearing curve: currents (kA, increasing) and times (ms); empty when not given.
    pub points_ka: &'a [f64],
    pub points_ms: &'a [f64],
}

impl Device<'_> {
    /// Total clearing time (ms) at `current_ka` through the device; +∞ when it does not trip.
    pub fn clearing_time_ms(&self, current_ka: f64) -> f64 {
        if current_ka.is_nan() || current_ka <= 0.0 {
            return f64::INFINITY;
        }
        let fixed = if self.clearing_ms > 0.0 {
            self.clearing_ms
        } else {
            f64::INFINITY
        };
        let relay = self.relay.operating_time_ms(current_ka) + self.opening_ms;
        let curve = curve_time_ms(self.points_ka, self.points_ms, current_ka);
        fixed.min(relay).min(curve)
    }
}

#[cfg(test)]
mod tests {
    use super::super::inverse::Curve;
    use super::super::stages::{DefiniteStage, InverseStage};
    use super::*;

    const NONE: Device = Device {
        clearing_ms: f64::NAN,
        relay: RelayStages {
            inverse: None,
            definite: None,
            instantaneous: None,
        },
        opening_ms: 0.0,
        points_ka: &[],
        points_ms: &[],
    };

    #[test]
    fn relay_time_plus_opening_time() {
        let d = Device {
            relay: RelayStages {
                inverse: Some(InverseStage {
                    curve: Curve::IeeeModeratelyInverse,
                    pickup_ka: 0.5,
                    tms: 2.0,
                }),
                instantaneous: Some(DefiniteStage {
                    pickup_ka: 8.0,
                    delay_ms: 0.0,
                }),
                definite: None,
            },
            opening_ms: 50.0,
            ..NONE
        };
        // 5 kA = 10·Is: 2 · 1.2067 s (GE M60 table: 1.207 s at TD 1) + 50 ms.
        let expected = 2000.0 * (0.0515 / (10f64.powf(0.02) - 1.0) + 0.114) + 50.0;
        assert!((d.clearing_time_ms(5.0) - expected).abs() < 1e-9);
        // 10 kA: the instantaneous stage, 0 ms, plus the breaker's 50 ms.
        assert_eq!(d.clearing_time_ms(10.0), 50.0);
        assert_eq!(d.clearing_time_ms(0.4), f64::INFINITY);
    }

    #[test]
    fn fixed_times_and_curves_include_the_interruption() {
        let fixed = Device {
            clearing_ms: 83.0,
            opening_ms: 50.0,
            ..NONE
        };
        assert_eq!(fixed.clearing_time_ms(0.01), 83.0);
        let fuse = Device {
            points_ka: &[1.0, 10.0],
            points_ms: &[1000.0, 10.0],
            opening_ms: 50.0,
            ..NONE
        };
        assert_eq!(fuse.clearing_time_ms(10.0), 10.0);
        assert_eq!(fuse.clearing_time_ms(0.5), f64::INFINITY);
        assert_eq!(NONE.clearing_time_ms(10.0), f64::INFINITY);
        assert_eq!(fixed.clearing_time_ms(0.0), f64::INFINITY);
    }
}
