//===--- DixonSolver.swift ------------------------------------------------===//
// Fast exact solution of square systems by p-adic (Dixon) lifting.
//===----------------------------------------------------------------------===//

import CGMP

/// Solves A x = b exactly by Dixon's p-adic lifting (Dixon 1982), the method
/// of FLINT's `fmpq_mat_solve_dixon`:
///
/// 1. scale to integers: A = A_Z / s_A, b = b_Z / s_b (common denominators);
/// 2. invert A_Z modulo a prime p < 2^29 (Gaussian elimination in 𝔽_p);
/// 3. lift: with r₀ = b_Z, repeat xᵢ = A_Z⁻¹ rᵢ mod p, rᵢ₊₁ = (rᵢ − A_Z xᵢ)/p
///    (an exact division), so Σ xᵢ pⁱ ≡ A_Z⁻¹ b_Z (mod pᵏ);
/// 4. recover the rationals by rational reconstruction (extended Euclid,
///    stopped at √(pᵏ/2)), sharing one common denominator across entries;
/// 5. **certify**: the candidate is returned only if A x = b holds exactly;
///    otherwise lifting continues (doubling k), up to the Hadamard bound.
///
/// Each lifting step costs O(n²) word operations instead of Gaussian
/// elimination's O(n³) big-integer ones. A prime dividing det A_Z is
/// detected in step 2 and replaced; a singular A falls back to
/// ``FractionFreeSolver``, which reports it. Because of the certificate, a
/// wrong reconstruction can never be returned.
public struct DixonSolver: ExactLinearSolver {
  /// Primes below 2^29, tried in order: products of residues stay below
  /// 2^58, so 64 of them can be summed in a UInt64 before one reduction.
  static let primes: [UInt64] = [536_870_909, 536_870_879, 536_870_869, 536_870_849, 536_870_839]

  public init() {}

  public func solve(_ matrix: Matrix, _ rhs: Vector) throws -> Vector {
    try validate(matrix, rhs)
    let n = matrix.rows
    if n == 0 { return Vector([]) }
    // 1. Integer scaling with one common denominator for A and one for b.
    let aScale = Self.commonDenominator(matrix.entries)
    let bScale = Self.commonDenominator(rhs.entries)
    let a = matrix.entries.map { ($0.numerator * aScale).exactlyDivided(by: $0.denominator) }
    let b = rhs.entries.map { ($0.numerator * bScale).exactlyDivided(by: $0.denominator) }
    guard let small = Self.machineEntries(a) else {
      return try FractionFreeSolver().solve(matrix, rhs)  // entries beyond 63 bits: reference path
    }
    for p in Self.primes {
      guard let inverse = Self.inverseModulo(small, n: n, p: p) else { continue }  // p | det A
      if let y = Self.lift(a: small, b: b, n: n, inverse: inverse, p: p) {
        // A_Z y = b_Z  ⇒  A x = b with x = y · s_A / s_b.
        let factor = try Rational(aScale, bScale)
        let x = Vector(y.map { $0 * factor })
        return x
      }
    }
    return try FractionFreeSolver().solve(matrix, rhs)
  }

  /// The lcm of the denominators.
  static func commonDenominator(_ values: [Rational]) -> BigInt { Rational.commonDenominator(values) }

  /// The entries as `Int` when all fit in 63 bits.
  static func machineEntries(_ a: [BigInt]) -> [Int]? {
    var out: [Int] = []
    out.reserveCapacity(a.count)
    for v in a {
      guard let x = v.exactInt, x != Int.min else { return nil }
      out.append(x)
    }
    return out
  }

  /// A⁻¹ mod p by Gauss–Jordan elimination in 𝔽_p (row-major), or nil when
  /// A is singular modulo p.
  static func inverseModulo(_ a: [Int], n: Int, p: UInt64) -> [UInt64]? {
    let pi = Int64(p)
    var m = a.map { UInt64((Int64($0) % pi + pi) % pi) }
    var inv = [UInt64](repeating: 0, count: n * n)
    for i in 0..<n { inv[i * n + i] = 1 }
    for c in 0..<n {
      guard let pivot = (c..<n).first(where: { m[$0 * n + c] != 0 }) else { return nil }
      if pivot != c {
        for j in 0..<n {
          m.swapAt(pivot * n + j, c * n + j)
          inv.swapAt(pivot * n + j, c * n + j)
        }
      }
      let scale = power(m[c * n + c], p - 2, p)
      for j in 0..<n {
        m[c * n + j] = m[c * n + j] * scale % p
        inv[c * n + j] = inv[c * n + j] * scale % p
      }
      for i in 0..<n where i != c {
        let f = m[i * n + c]
        if f == 0 { continue }
        let g = p - f
        for j in 0..<n {
          m[i * n + j] = (m[i * n + j] + g * m[c * n + j]) % p
          inv[i * n + j] = (inv[i * n + j] + g * inv[c * n + j]) % p
        }
      }
    }
    return inv
  }

  static func power(_ base: UInt64, _ exponent: UInt64, _ p: UInt64) -> UInt64 {
    var result: UInt64 = 1, b = base % p, e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result * b % p }
      b = b * b % p
      e >>= 1
    }
    return result
  }

  /// Lifts until the reconstructed rational vector y satisfies A y = b
  /// exactly; nil if the Hadamard bound is passed without a certified answer.
  static func lift(a: [Int], b: [BigInt], n: Int, inverse: [UInt64], p: UInt64) -> [Rational]? {
    // Hadamard: |det A| ≤ Π_i ‖row_i‖ =: D, and every Cramer numerator (A
    // with one column replaced by b) is ≤ Π_i (‖row_i‖ + |b_i|) =: N.
    // Reconstruction is certain once pᵏ > 2·N·D; we stop there at the latest.
    var logD = 0.0, logN = 0.0
    for i in 0..<n {
      var s = 0.0
      for j in 0..<n { s += Double(a[i * n + j]) * Double(a[i * n + j]) }
      let row = 0.5 * log2Upper(s)
      logD += row
      logN += max(row, Double(b[i].bitLength)) + 1
    }
    let maxSteps = Int((logN + logD + 64) / 28.9) + 4
    var residual = b
    var digits: [[UInt64]] = []  // digits[step][entry]
    let pBig = BigInt(Int(p))
    var nextCheck = 8
    var step = 0
    while step <= maxSteps {
      // x = A⁻¹ r mod p.
      let rMod = residual.map { $0.modulo(p) }
      var x = [UInt64](repeating: 0, count: n)
      inverse.withUnsafeBufferPointer { inv in
        for i in 0..<n {
          var s: UInt64 = 0
          var j = 0
          while j < n {
            // Delayed reduction: 63 products < 2^58 each, plus s < p, fit in 64 bits.
            let end = min(n, j + 63)
            var block: UInt64 = s
            while j < end {
              block &+= inv[i * n + j] &* rMod[j]
              j += 1
            }
            s = block % p
          }
          x[i] = s
        }
      }
      digits.append(x)
      // r ← (r − A x) / p, exactly; A x in 128-bit (|a| < 2^63, x < 2^29).
      for i in 0..<n {
        var s: Int128 = 0
        for j in 0..<n where x[j] != 0 { s += Int128(a[i * n + j]) * Int128(x[j]) }
        residual[i] -= BigInt(s)
        residual[i] = residual[i].exactlyDivided(by: pBig)
      }
      step += 1
      if step >= nextCheck || step > maxSteps {
        nextCheck = max(nextCheck + 8, nextCheck * 5 / 4)
        if let y = reconstruct(digits: digits, p: p, n: n), satisfies(a: a, y: y, b: b, n: n) { return y }
      }
    }
    return nil
  }

  /// Σ digits[i]·pⁱ for each entry, then rational reconstruction with a
  /// shared denominator.
  static func reconstruct(digits: [[UInt64]], p: UInt64, n: Int) -> [Rational]? {
    let k = digits.count
    let modulus = BigInt(Int(p)).power(k)
    var values = [BigInt](repeating: BigInt(), count: n)
    for e in 0..<n {
      var acc = BigInt()
      for i in stride(from: k - 1, through: 0, by: -1) {
        acc.multiply(byWord: p)
        acc.add(word: digits[i][e])
      }
      values[e] = acc
    }
    // Bound N = D = ⌊√(M/2)⌋.
    let bound = (modulus >> 1).squareRootFloor().root
    var common = BigInt(1)
    var result: [Rational] = []
    for v in values {
      // Try the common denominator first: the symmetric residue of d·v.
      var scaled = (v * common).floorModulo(modulus)
      if scaled > (modulus >> 1) { scaled -= modulus }
      if scaled.magnitude <= bound {
        guard let r = try? Rational(scaled, common) else { return nil }
        result.append(r)
        continue
      }
      guard let (num, den) = rationalReconstruction(v, modulus: modulus, bound: bound) else { return nil }
      guard let r = try? Rational(num, den) else { return nil }
      result.append(r)
      let g = BigInt.gcd(common, r.denominator)
      common = (common * r.denominator).exactlyDivided(by: g)
    }
    return result
  }

  /// n/d ≡ u (mod M) with |n| ≤ bound and 0 < d ≤ bound, by the extended
  /// Euclidean algorithm stopped at the first remainder ≤ bound (Wang).
  static func rationalReconstruction(_ u: BigInt, modulus: BigInt, bound: BigInt) -> (BigInt, BigInt)? {
    var r0 = modulus, r1 = u.floorModulo(modulus)
    var t0 = BigInt(), t1 = BigInt(1)
    while r1 > bound {
      let (q, r) = r0.quantityAndRemainderFloor(dividingBy: r1)
      (r0, r1) = (r1, r)
      let t = t0 - q * t1
      (t0, t1) = (t1, t)
    }
    guard !t1.isZero, t1.magnitude <= bound else { return nil }
    return t1.signum < 0 ? (-r1, -t1) : (r1, t1)
  }

  /// A y = b, checked exactly on integers: A·(numerators) = d·b.
  static func satisfies(a: [Int], y: [Rational], b: [BigInt], n: Int) -> Bool {
    let common = commonDenominator(y)
    let numerators = y.map { ($0.numerator * common).exactlyDivided(by: $0.denominator) }
    for i in 0..<n {
      var s = BigInt()
      for j in 0..<n where a[i * n + j] != 0 { s.addProduct(numerators[j], a[i * n + j]) }
      if s != b[i] * common { return false }
    }
    return true
  }

  /// An upper bound on log₂ x (x ≥ 0): log₂ y ≤ (y − 1) + 0.09 on [1, 2).
  static func log2Upper(_ x: Double) -> Double {
    if x <= 1 { return 0 }
    var e = 0.0, y = x
    while y >= 2 { y /= 2; e += 1 }
    return e + (y - 1) + 0.09
  }
}

extension BigInt {
  /// self mod p for a word p, in [0, p).
  func modulo(_ p: UInt64) -> UInt64 {
    UInt64(__gmpz_fdiv_ui(pointer, UInt(p)))
  }

  /// self ← self · w.
  mutating func multiply(byWord w: UInt64) {
    let ptr = mutablePointer
    __gmpz_mul_ui(ptr, ptr, UInt(w))
  }

  /// self ← self + w.
  mutating func add(word w: UInt64) {
    let ptr = mutablePointer
    __gmpz_add_ui(ptr, ptr, UInt(w))
  }

  /// The remainder of floor division, in [0, m).
  func floorModulo(_ m: BigInt) -> BigInt {
    let r = BigInt()
    __gmpz_fdiv_r(r.pointer, pointer, m.pointer)
    return r
  }

  /// Floor quotient and remainder (for non-negative operands, the usual ones).
  func quantityAndRemainderFloor(dividingBy d: BigInt) -> (BigInt, BigInt) {
    let q = BigInt(), r = BigInt()
    __gmpz_fdiv_qr(q.pointer, r.pointer, pointer, d.pointer)
    return (q, r)
  }
}
