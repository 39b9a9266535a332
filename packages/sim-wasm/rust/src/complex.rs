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

/// x − a·b with exactly the operations of `Complex`'s `-` and `*`, in the same order. In
/// WebAssembly built with `simd128` (scripts/build-wasm.sh) the complex number is one f64x2
/// (re, im) and the product two vector multiplies and an add instead of four scalar multiplies
/// and two adds: lane 0 of splat(a.re)·(b.re, b.im) + (−a.im, a.im)·(b.im, b.re) is
/// a.re·b.re + (−a.im·b.im), which IEEE 754 rounds exactly as a.re·b.re − a.im·b.im (negation is
/// exact, x − y = x + (−y)); lane 1 is a.re·b.im + a.im·b.re as written. So the result is bit
/// for bit `x - a * b`.
#[inline(always)]
pub fn sub_product(x: Complex, a: Complex, b: Complex) -> Complex {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::*;
        // Complex is repr(C) (re, im): 16 bytes, the size of a v128; WebAssembly's v128 loads
        // and stores need no alignment.
        let bv = unsafe { v128_load(&b as *const Complex as *const v128) };
        let xv = unsafe { v128_load(&x as *const Complex as *const v128) };
        let swapped = i64x2_shuffle::<1, 0>(bv, bv);
        let product = f64x2_add(
            f64x2_mul(f64x2_splat(a.re), bv),
            f64x2_mul(f64x2(-a.im, a.im), swapped),
        );
        let mut out = Complex::ZERO;
        unsafe {
            v128_store(
                &mut out as *mut Complex as *mut v128,
                f64x2_sub(xv, product),
            )
        };
        out
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        x - a * b
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
