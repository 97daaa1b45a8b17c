//===--- Value+Arithmetic.swift -------------------------------------------===//
// Arithmetic and elementary functions on exact-or-enclosed values.
//===----------------------------------------------------------------------===//

import Exact

extension Value {
  /// Exact results of integer powers are formed only up to this many bits;
  /// beyond it the power is enclosed instead of exhausting memory.
  public static let exactPowerBitLimit = 1 << 20

  /// The largest exact value an expression may form, in bits of numerator
  /// and denominator together (about five million decimal digits). A short
  /// text can otherwise multiply its way to any size (forty factors of
  /// 10^1000000 + 1 are 133 million bits): every exact result is checked.
  public static let exactResultBitLimit = 1 << 24

  /// `value` unchanged when it is an enclosure or an exact value within
  /// ``exactResultBitLimit``.
  ///
  /// - Throws: ``EnclosureError/overflow(_:)`` naming the size.
  public static func withinExactLimit(_ value: Value) throws -> Value {
    if case .exact(let r) = value {
      let bits = r.numerator.bitLength + r.denominator.bitLength
      guard bits <= exactResultBitLimit else {
        throw EnclosureError.overflow("an exact result of \(bits) bits is beyond the limit of 2^24 bits (about 5 million digits)")
      }
    }
    return value
  }

  /// Applies an exact rational operation, or its interval counterpart.
  private static func combine(
    _ a: Value, _ b: Value, precision: Int,
    exact: (Rational, Rational) throws -> Rational,
    enclosed: (Interval, Interval) throws -> Interval
  ) rethrows -> Value {
    if case .exact(let x) = a, case .exact(let y) = b { return .exact(try exact(x, y)) }
    return .enclosure(try enclosed(a.interval(precision: precision), b.interval(precision: precision)))
  }

  public static func add(_ a: Value, _ b: Value, precision: Int) -> Value {
    combine(a, b, precision: precision, exact: +, enclosed: +)
  }

  public static func subtract(_ a: Value, _ b: Value, precision: Int) -> Value {
    combine(a, b, precision: precision, exact: -, enclosed: -)
  }

  /// a · b; an exact zero factor gives an exact zero (0 · x = 0 for every
  /// real x, so nothing is lost by not enclosing the other factor).
  public static func multiply(_ a: Value, _ b: Value, precision: Int) -> Value {
    if a.exactValue?.isZero == true || b.exactValue?.isZero == true { return .exact(Rational()) }
    return combine(a, b, precision: precision, exact: *, enclosed: *)
  }

  /// a / b.
  ///
  /// - Throws: ``EnclosureError/domain(_:)`` for an exact zero divisor,
  ///   ``EnclosureError/undecided(_:)`` for an enclosure containing 0.
  public static func divide(_ a: Value, _ b: Value, precision: Int) throws -> Value {
    if b.exactValue?.isZero == true { throw EnclosureError.domain("division by zero") }
    return try combine(a, b, precision: precision, exact: /, enclosed: { try $0.divided(by: $1) })
  }

  public static func negate(_ a: Value) -> Value {
    switch a {
    case .exact(let r): return .exact(-r)
    case .enclosure(let x): return .enclosure(-x)
    }
  }

  public static func absoluteValue(_ a: Value) -> Value {
    switch a {
    case .exact(let r): return .exact(r.magnitude)
    case .enclosure(let x): return .enclosure(x.absoluteValue)
    }
  }

  public static func minimum(_ a: Value, _ b: Value, precision: Int) -> Value {
    combine(a, b, precision: precision, exact: Rational.minimum, enclosed: Interval.minimum)
  }

  public static func maximum(_ a: Value, _ b: Value, precision: Int) -> Value {
    combine(a, b, precision: precision, exact: Rational.maximum, enclosed: Interval.maximum)
  }

  /// base^exponent. An exact integer exponent gives an exact power of an
  /// exact base (up to ``exactPowerBitLimit`` bits) or an interval power;
  /// any other exponent needs base > 0 and is enclosed as exp(y·ln x).
  ///
  /// - Throws: ``EnclosureError`` for 0 to a negative power, or a
  ///   non-integer power of a base that is not certainly positive.
  public static func power(_ base: Value, _ exponent: Value, precision: Int) throws -> Value {
    if let e = exponent.exactValue, e.isInteger {
      guard let k = e.numerator.exactInt, k.magnitude <= UInt(exactPowerBitLimit) else {
        throw EnclosureError.overflow("exponent \(e) is too large")
      }
      if case .exact(let b) = base {
        if b.isZero && k < 0 { throw EnclosureError.domain("zero to a negative power") }
        let bits = b.numerator.bitLength + b.denominator.bitLength
        let (size, overflow) = bits.multipliedReportingOverflow(by: Int(k.magnitude))
        if !overflow && size <= exactPowerBitLimit {
          return .exact(try b.power(k))
        }
      }
      return .enclosure(try base.interval(precision: precision).power(k))
    }
    if case .exact(let b) = base, b.isZero, let e = exponent.exactValue, e.signum > 0 { return .exact(Rational()) }
    let x = base.interval(precision: precision)
    if x.hi.signum <= 0 { throw EnclosureError.domain("non-integer power of a non-positive base") }
    if x.lo.signum <= 0 { throw EnclosureError.undecided("non-integer power of a base enclosure \(x.shortDescription) reaching 0") }
    return .enclosure(try Interval.exp(exponent.interval(precision: precision) * Interval.log(x)))
  }

  /// √a: exact for squares of rationals, else enclosed.
  public static func squareRoot(_ a: Value, precision: Int) throws -> Value {
    if case .exact(let r) = a {
      if r.signum < 0 { throw EnclosureError.domain("square root of a negative number") }
      if let root = r.exactSquareRoot { return .exact(root) }
    }
    return .enclosure(try Interval.sqrt(a.interval(precision: precision)))
  }

  /// An elementary function, exact at the one point where it is rational
  /// (e.g. exp 0 = 1), else enclosed.
  public static func apply(_ function: ElementaryFunction, _ a: Value, precision: Int) throws -> Value {
    if let r = a.exactValue, let exact = function.exactValue(at: r) { return .exact(exact) }
    return .enclosure(try function.enclosure(a.interval(precision: precision)))
  }
}

/// The transcendental functions of the expression language.
public enum ElementaryFunction: String, Sendable, CaseIterable {
  case exp, log, log1p, erf, erfc
  /// The standard normal CDF Φ.
  case phi = "Phi"

  /// The exact value where the function is rational, else `nil`.
  func exactValue(at x: Rational) -> Rational? {
    switch self {
    case .exp: return x.isZero ? Rational(1) : nil
    case .log: return x == Rational(1) ? Rational() : nil
    case .log1p, .erf: return x.isZero ? Rational() : nil
    case .erfc: return x.isZero ? Rational(1) : nil
    case .phi: return x.isZero ? try! Rational(1, 2) : nil
    }
  }

  /// The interval enclosure.
  public func enclosure(_ x: Interval) throws -> Interval {
    switch self {
    case .exp: return try Interval.exp(x)
    case .log: return try Interval.log(x)
    case .log1p: return try Interval.log1p(x)
    case .erf: return try Interval.erf(x)
    case .erfc: return try Interval.erfc(x)
    case .phi: return try Interval.normalCDF(x)
    }
  }
}
