// SPDX-License-Identifier: LGPL-2.1-or-later
//! Complex numbers in double precision: the scalar type of every phasor quantity.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// `repr(C)`: the FFI reinterprets interleaved (re, im) f64 buffers as `[Complex]` in place.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[repr(C)]
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    pub const ZERO: Complex = Complex { re: 0.0, im: 0.0 };
    pub const ONE: Complex = Complex { re: 1.0, im: 0.0 };

    pub const fn new(re: f64, im: f64) -> Complex {
        Complex { re, im }
    }

    /// |z| without overflow for large components (hypot).
    pub fn abs(self) -> f64 {
        self.re.hypot(self.im)
    }

    /// |z|²: for comparisons in inner loops, where hypot's care for overflow costs a libm call
    /// per entry (most of the numeric factorization's overhead in WASM).
    pub fn norm_sqr(self) -> f64 {
        self.re * self.re + self.im * self.im
    }

    pub fn conj(self) -> Complex {
        Complex::new(self.re, -self.im)
    }

    pub fn is_finite(self) -> bool {
        self.re.is_finite() && self.im.is_finite()
    }
}

impl Add for Complex {
    type Output = Complex;
    fn add(self, o: Complex) -> Complex {
        Complex::new(self.re + o.re, self.im + o.im)
    }
}

impl Sub for Complex {
    type Output = Complex;
    fn sub(self, o: Complex) -> Complex {
        Complex::new(self.re - o.re, self.im - o.im)
    }
}

impl Mul for Complex {
    type Output = Complex;
    fn mul(self, o: Complex) -> Complex {
        Complex::new(
            self.re * o.re - self.im * o.im,
            self.re * o.im + self.im * o.re,
        )
    }
}

impl Div for Complex {
    type Output = Complex;
    /// Smith's algorithm: avoids overflow/underflow of |o|² (Smith, CACM 1962).
    fn div(self, o: Complex) -> Complex {
        if o.re.abs() >= o.im.abs() {
            let r = o.im / o.re;
            let d = o.re + o.im * r;
            Complex::new((self.re + self.im * r) / d, (self.im - self.re * r) / d)
        } else {
            let r = o.re / o.im;
            let d = o.re * r + o.im;
            Complex::new((self.re * r + self.im) / d, (self.im * r - self.re) / d)
        }
    }
}

impl Neg for Complex {
    type Output = Complex;
    fn neg(self) -> Complex {
        Complex::new(-self.re, -self.im)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_inverts_multiplication() {
        let a = Complex::new(3.0, -4.0);
        let b = Complex::new(1e-3, 2e5);
        let q = (a * b) / b;
        assert!((q - a).abs() < 1e-12);
    }

    #[test]
    fn abs_is_hypot() {
        assert_eq!(Complex::new(3.0, 4.0).abs(), 5.0);
        assert!(Complex::new(1e300, 1e300).abs().is_finite());
    }
}
