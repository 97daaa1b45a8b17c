//===--- DixonSolver+Reconstruction.swift ---------------------------------===//
// From p-adic digits to a certified rational solution.
//===----------------------------------------------------------------------===//

import CGMP

extension DixonSolver {
  /// Y_i = Σ_k digits[k][i]·pᵏ for every entry (0 ≤ Y_i < pᵏ), by Horner's
  /// rule on pairs of digits (d_{2j+1}·p + d_{2j} < p² < 2^58 is one word).
  static func padicValues(digits: [UInt32], steps k: Int, n: Int, p: UInt64) -> MPZBuffer {
    let values = MPZBuffer(count: n)
    let p2 = UInt(p * p)
    for i in 0..<n {
      let v = values[i]
      var s = k - 1
      if k % 2 == 1 {
        __gmpz_set_ui(v, UInt(digits[(k - 1) * n + i]))
        s = k - 2
      }
      while s > 0 {
        __gmpz_mul_ui(v, v, p2)
        __gmpz_add_ui(v, v, UInt(UInt64(digits[s * n + i]) * p + UInt64(digits[(s - 1) * n + i])))
        s -= 2
      }
    }
    return values
  }

  /// Rationals Y_i/s ≡ values_i (mod M), over one common denominator s.
  ///
  /// s starts at `seed`; an entry is taken as the symmetric residue of
  /// values_i·s when that is small (2|t|·s < M, so t/s is the unique fraction
  /// of that size), else reconstructed alone and s becomes lcm(s, its
  /// denominator). `nil` when some entry has no reconstruction. Every
  /// candidate still has to pass the exact certificate.
  static func reconstruct(values: MPZBuffer, modulus: BigInt, bound: BigInt, seed: BigInt) -> ScaledIntegerVector? {
    let n = values.count
    let numerators = MPZBuffer(count: n)
    var common = seed
    let half = modulus >> 1
    let modulusBits = modulus.bitLength
    let t = MPZBuffer(count: 1)
    // Raw pointers into `t` and `half` are used until the end.
    defer { withExtendedLifetime((t, half)) {} }
    for i in 0..<n {
      __gmpz_mul(t[0], values[i], common.pointer)
      __gmpz_fdiv_r(t[0], t[0], modulus.pointer)
      if __gmpz_cmp(t[0], half.pointer) > 0 { __gmpz_sub(t[0], t[0], modulus.pointer) }
      if rawBitLength(t[0]) + common.bitLength + 1 < modulusBits {
        __gmpz_swap(numerators[i], t[0])
        continue
      }
      guard let (u, v) = rationalReconstruction(BigInt(copying: values[i]), modulus: modulus, bound: bound) else { return nil }
      // s ← lcm(s, v): earlier numerators scale by v / gcd(s, v).
      let factor = v.exactlyDivided(by: BigInt.gcd(common, v))
      if factor != BigInt(1) {
        for j in 0..<i { __gmpz_mul(numerators[j], numerators[j], factor.pointer) }
        common *= factor
      }
      let multiplier = common.exactlyDivided(by: v)
      withExtendedLifetime((u, multiplier)) { __gmpz_mul(numerators[i], u.pointer, multiplier.pointer) }
    }
    return ScaledIntegerVector(unchecked: numerators.takeAll(), common)
  }

  /// n/d ≡ u (mod M) with |n| ≤ bound and 0 < d ≤ bound, by the extended
  /// Euclidean algorithm stopped at the first remainder ≤ bound (Wang);
  /// in place on scratch integers.
  static func rationalReconstruction(_ u: BigInt, modulus: BigInt, bound: BigInt) -> (BigInt, BigInt)? {
    let s = MPZBuffer(count: 5)
    defer { withExtendedLifetime(s) {} }
    var r0 = s[0], r1 = s[1], t0 = s[2], t1 = s[3]
    let q = s[4]
    __gmpz_set(r0, modulus.pointer)
    __gmpz_fdiv_r(r1, u.pointer, modulus.pointer)
    __gmpz_set_ui(t1, 1)
    while __gmpz_cmp(r1, bound.pointer) > 0 {
      __gmpz_fdiv_qr(q, r0, r0, r1)  // r0 ← r0 mod r1
      __gmpz_submul(t0, q, t1)  // t0 ← t0 − q·t1
      swap(&r0, &r1)
      swap(&t0, &t1)
    }
    guard cgmp_mpz_sgn(t1) != 0, __gmpz_cmpabs(t1, bound.pointer) <= 0 else { return nil }
    let numerator = BigInt(copying: r1), denominator = BigInt(copying: t1)
    return denominator.signum < 0 ? (-numerator, -denominator) : (numerator, denominator)
  }

  /// The certificate: A·Y = s·b exactly, row by row (the first failing row
  /// stops the check; a wrong candidate almost always fails at row 0).
  static func satisfies(a: LiftingMatrix, y: ScaledIntegerVector, b: [BigInt]) -> Bool {
    let n = a.n
    let scratch = MPZBuffer(count: 2)
    let sum = scratch[0], target = scratch[1]
    let ys = y.numerators.map(\.rawPointer)
    return withExtendedLifetime((y, scratch, a)) {
      for i in 0..<n {
        __gmpz_set_ui(sum, 0)
        for j in 0..<n {
          if let big = a.big {
            __gmpz_addmul(sum, ys[j], big[i * n + j].pointer)
            continue
          }
          let v = a.chunks[0][i * n + j]
          if v > 0 {
            __gmpz_addmul_ui(sum, ys[j], UInt(v))
          } else if v < 0 {
            __gmpz_submul_ui(sum, ys[j], v.magnitude)
          }
        }
        __gmpz_mul(target, b[i].pointer, y.denominator.pointer)
        if __gmpz_cmp(sum, target) != 0 { return false }
      }
      return true
    }
  }
}

/// The bit length of |z| (0 for zero).
@inline(__always) func rawBitLength(_ z: UnsafePointer<__mpz_struct>) -> Int {
  cgmp_mpz_sgn(z) == 0 ? 0 : Int(__gmpz_sizeinbase(z, 2))
}
