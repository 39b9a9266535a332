// SPDX-License-Identifier: LGPL-2.1-or-later
//! A relay's stages and which one operates: a definite-time stage (I> with a delay) and an
//! instantaneous stage (I>> with a short or no delay) trip once the current exceeds their
//! pickup; the relay's operating time is that of the fastest stage that picks up (the stages
//! run in parallel and any of them trips the breaker).

use super::inverse::{inverse_time_ms, Curve};

/// A current-threshold stage: trips after `delay_ms` when the current exceeds `pickup_ka`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DefiniteStage {
    pub pickup_ka: f64,
    pub delay_ms: f64,
}

impl DefiniteStage {
    pub fn time_ms(&self, current_ka: f64) -> f64 {
        if current_ka > self.pickup_ka {
            self.delay_ms
        } else {
            f64::INFINITY
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InverseStage {
    pub curve: Curve,
    pub pickup_ka: f64,
    pub tms: f64,
}

/// The stages a relay has (each optional).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RelayStages {
    pub inverse: Option<InverseStage>,
    pub definite: Option<DefiniteStage>,
    pub instantaneous: Option<DefiniteStage>,
}

impl RelayStages {
    pub fn is_empty(&self) -> bool {
        self.inverse.is_none() && self.definite.is_none() && self.instantaneous.is_none()
    }

    /// Operating time (ms) of the fastest stage that picks up; +∞ when none does.
    pub fn operating_time_ms(&self, current_ka: f64) -> f64 {
        let inverse = self.inverse.map_or(f64::INFINITY, |s| {
            inverse_time_ms(s.curve, s.pickup_ka, s.tms, current_ka)
        });
        let definite = self
            .definite
            .map_or(f64::INFINITY, |s| s.time_ms(current_ka));
        let instantaneous = self
            .instantaneous
            .map_or(f64::INFINITY, |s| s.time_ms(current_ka));
        inverse.min(definite).min(instantaneous)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relay() -> RelayStages {
        RelayStages {
            inverse: Some(InverseStage {
                curve: Curve::IecStandardInverse,
                pickup_ka: 1.0,
                tms: 0.1,
            }),
            definite: Some(DefiniteStage {
                pickup_ka: 4.0,
                delay_ms: 400.0,
            }),
            instantaneous: Some(DefiniteStage {
                pickup_ka: 12.0,
                delay_ms: 20.0,
            }),
        }
    }

    #[test]
    fn the_fastest_stage_that_picks_up() {
        let r = relay();
        // 0.9 kA: below every pickup.
        assert_eq!(r.operating_time_ms(0.9), f64::INFINITY);
        // 2 kA: only the inverse stage, 0.1 · 10.029 s.
        assert!((r.operating_time_ms(2.0) - 1002.9).abs() < 0.05);
        // 4 kA exactly: the definite stage needs more than its pickup; SI 0.1 · 4.980 s.
        assert!((r.operating_time_ms(4.0) - 498.0).abs() < 0.05);
        // 5 kA: definite 400 ms beats SI 428 ms.
        assert_eq!(r.operating_time_ms(5.0), 400.0);
        // 10 kA: SI at 10·Is is 297.1 ms, faster than the definite stage.
        assert!((r.operating_time_ms(10.0) - 297.1).abs() < 0.05);
        // 15 kA: the instantaneous stage.
        assert_eq!(r.operating_time_ms(15.0), 20.0);
    }

    #[test]
    fn a_relay_without_stages_never_trips() {
        assert!(RelayStages::default().is_empty());
        assert_eq!(
            RelayStages::default().operating_time_ms(100.0),
            f64::INFINITY
        );
    }
}
