//! IEC 60909-0:2016 short-circuit calculation.

pub mod factors;
