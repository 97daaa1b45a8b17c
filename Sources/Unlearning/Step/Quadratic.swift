//===--- Quadratic.swift --------------------------------------------------===//
// Polynomials in the update coefficient, evaluated exactly or enclosed.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// a + b t + c t² at an exact or enclosed t (t² as an even power, so an
/// enclosure of t around 0 gives a non-negative t²).
func polynomial(_ a: Rational, _ b: Rational, _ c: Rational, at t: Value, precision p: Int) -> Value {
  let square = try! Value.power(t, .exact(Rational(2)), precision: p)
  let linear = Value.multiply(.exact(b), t, precision: p)
  return Value.add(Value.add(.exact(a), linear, precision: p), Value.multiply(.exact(c), square, precision: p), precision: p)
}

/// √x for a quantity known to be a squared norm (≥ 0): an enclosure whose
/// lower end dips below 0 only by rounding is clipped at 0, which is sound
/// because the true value is non-negative.
func squareRootOfSquaredNorm(_ x: Value, precision: Int) throws -> Value {
  if case .enclosure(let i) = x, i.lo.signum < 0 {
    guard i.hi.signum >= 0 else { throw UnlearningError.internalFailure("a squared norm was enclosed below 0") }
    let clipped = try Interval(lo: .zero, hi: i.hi, precision: i.precision)
    return try Value.squareRoot(.enclosure(clipped), precision: precision)
  }
  return try Value.squareRoot(x, precision: precision)
}

/// A squared norm ‖u + t v‖² = c₀ + 2t c₁ + t² c₂ (c₂ = ‖v‖² ≥ 0) and its
/// square root at t. Completing the square, c₂ (t − t₀)² + ρ with
/// t₀ = −c₁/c₂ and ρ = c₀ − c₁²/c₂ ≥ 0 keeps an enclosure tight near the
/// minimum, where the expanded form would cancel; when ρ = 0 the root is
/// |t − t₀| √c₂ without a square root of an enclosure.
func squaredNorm(_ c0: Rational, _ c1: Rational, _ c2: Rational, at t: Value, precision p: Int) throws -> (squared: Value, root: Value) {
  if c2.isZero { return (.exact(c0), try Value.squareRoot(.exact(c0), precision: p)) }
  let t0 = -(c1 / c2), rest = c0 - c1 * c1 / c2
  let offset = Value.subtract(t, .exact(t0), precision: p)
  let squared = Value.add(Value.multiply(.exact(c2), try Value.power(offset, .exact(Rational(2)), precision: p), precision: p),
                          .exact(rest), precision: p)
  if rest.isZero {
    return (squared, Value.multiply(Value.absoluteValue(offset), try Value.squareRoot(.exact(c2), precision: p), precision: p))
  }
  return (squared, try squareRootOfSquaredNorm(squared, precision: p))
}
