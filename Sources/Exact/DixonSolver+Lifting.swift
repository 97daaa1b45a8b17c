//===--- DixonSolver+Lifting.swift ----------------------------------------===//
// The p-adic lifting loop: residuals in 128-bit words, digits in 32.
//===----------------------------------------------------------------------===//

import CGMP

extension DixonSolver {
  /// Lifts A y = b (A integer, n × n, row-major; b integer) p-adically until
  /// a reconstructed candidate passes the exact certificate A Y = s b;
  /// `nil` if none has by the Hadamard step count, after which a correct
  /// reconstruction is certain (so `nil` means a failed reconstruction,
  /// which the caller answers with another prime or the reference solver).
  ///
  /// Residuals r_{k+1} = (r_k − A x_k)/p obey |r_{k+1}| ≤ |r_k|/p + n·max|a|,
  /// so once below 2^100 they stay there and live in `Int128` (with
  /// |a| < 2^63, x < 2^29 and n < 2^24, |A x| < 2^116); larger ones are
  /// lifted in GMP until they shrink. The division by p is exact when the
  /// digit x_k is right; were it not (a bug), the truncated residuals could
  /// only produce candidates that fail the certificate.
  static func lift(a: LiftingMatrix, b: [BigInt], lu: ModularLU, expectedSteps: Int?) -> ScaledIntegerVector? {
    let p = lu.p, n = a.n
    let maximumSteps = hadamardSteps(a: a, b: b)
    var schedule = CheckSchedule(expected: expectedSteps.map { Swift.min($0, maximumSteps) }, maximum: maximumSteps)
    // Multi-word matrices keep GMP residuals throughout (|A x| exceeds 128 bits).
    var big: [BigInt]? = a.isWords && b.allSatisfy { $0.bitLength < 100 } ? nil : b
    var residual = big == nil ? b.map { Int128($0.exactInt128!) } : [Int128](repeating: 0, count: n)
    var digits: [UInt32] = []
    digits.reserveCapacity(n * Swift.min(maximumSteps + 1, 1 << 16))
    var rMod = [UInt32](repeating: 0, count: n), x = [UInt32](repeating: 0, count: n)
    let probe = Probe(n: n, p: p)
    let modulus = Int128(p)
    var step = 0
    while step < maximumSteps {
      if let r = big {
        for i in 0..<n { rMod[i] = UInt32(r[i].modulo(p)) }
      } else {
        for i in 0..<n {
          let m = residual[i] % modulus
          rMod[i] = UInt32(truncatingIfNeeded: m < 0 ? m + modulus : m)
        }
      }
      lu.solve(rMod, into: &x)
      digits.append(contentsOf: x)
      probe.add(x)
      // r ← (r − A x)/p, exactly.
      if a.isWords {
        a.chunks[0].withUnsafeBufferPointer { a in
          for i in 0..<n {
            let s = Self.dot(a.baseAddress! + i * n, x, count: n)
            if big != nil {
              big![i] -= BigInt(s)
              big![i] = big![i].exactlyDivided(by: BigInt(Int(p)))
            } else {
              residual[i] = (residual[i] &- s) / modulus
            }
          }
        }
      } else {
        for i in 0..<n {
          // (A x)_i = Σ_t 2^(60t) (A_t x)_i, each term a 128-bit dot product.
          for (t, chunk) in a.chunks.enumerated() {
            let s = chunk.withUnsafeBufferPointer { Self.dot($0.baseAddress! + i * n, x, count: n) }
            big![i] -= BigInt(s) << (t * LiftingMatrix.chunkBits)
          }
          big![i] = big![i].exactlyDivided(by: BigInt(Int(p)))
        }
      }
      if a.isWords, let r = big, r.allSatisfy({ $0.bitLength < 100 }) {
        residual = r.map { Int128($0.exactInt128!) }
        big = nil
      }
      step += 1
      if schedule.isCheckpoint(step) {
        if let y = attempt(digits: digits, steps: step, probe: probe, final: step == maximumSteps, a: a, b: b) { return y }
      }
    }
    return nil
  }

  /// Σ_j a_j x_j in 128 bits (|a_j| < 2^63, x_j < 2^29, so with n < 2^24
  /// no partial sum overflows), over four independent accumulators so the
  /// add-with-carry chains run in parallel.
  @inline(__always)
  static func dot(_ a: UnsafePointer<Int>, _ x: [UInt32], count n: Int) -> Int128 {
    x.withUnsafeBufferPointer { x in
      var s0: Int128 = 0, s1: Int128 = 0, s2: Int128 = 0, s3: Int128 = 0
      var j = 0
      while j + 4 <= n {
        s0 &+= Int128(a[j]) &* Int128(Int(x[j]))
        s1 &+= Int128(a[j + 1]) &* Int128(Int(x[j + 1]))
        s2 &+= Int128(a[j + 2]) &* Int128(Int(x[j + 2]))
        s3 &+= Int128(a[j + 3]) &* Int128(Int(x[j + 3]))
        j += 4
      }
      while j < n {
        s0 &+= Int128(a[j]) &* Int128(Int(x[j]))
        j += 1
      }
      return (s0 &+ s1) &+ (s2 &+ s3)
    }
  }

  /// One reconstruction attempt after `k` steps. Before the last step it
  /// first reconstructs the probe Σ w_i y_i (one Euclid run) and goes on
  /// only if that succeeds, seeding the common denominator with the probe's.
  private static func attempt(digits: [UInt32], steps k: Int, probe: Probe, final: Bool, a: LiftingMatrix, b: [BigInt]) -> ScaledIntegerVector? {
    let n = a.n
    let modulus = BigInt(copying: probe.power)
    let bound = (modulus >> 1).squareRootFloor().root
    // A random residue reconstructs to some fraction of size about √M with
    // fair probability; demanding 2^12 of room makes a spurious success rare.
    var seed: BigInt?
    if let (u, v) = rationalReconstruction(BigInt(copying: probe.value[0]), modulus: modulus, bound: bound),
       u.bitLength + v.bitLength + 12 < modulus.bitLength {
      seed = v
    }
    if seed == nil && !final { return nil }
    let values = padicValues(digits: digits, steps: k, n: n, p: probe.p)
    guard let y = reconstruct(values: values, modulus: modulus, bound: bound, seed: seed ?? BigInt(1)) else { return nil }
    return satisfies(a: a, y: y, b: b) ? y : nil
  }

  /// Steps after which reconstruction is certain: with D = Π_i ‖row_i‖ ≥ |det A|
  /// (Hadamard) and N = Π_i (‖row_i‖ + |b_i|) bounding every Cramer
  /// numerator, pᵏ > 2·N·D suffices (p > 2^28.9).
  static func hadamardSteps(a: LiftingMatrix, b: [BigInt]) -> Int {
    let n = a.n
    var logD = 0.0, logN = 0.0
    for i in 0..<n {
      var s = 0.0
      for j in 0..<n { s += a.approximate(i * n + j) * a.approximate(i * n + j) }
      // Where the squares overflow binary64, bound in logarithms from bit
      // lengths instead: ‖row‖ ≤ √n · max_j |a_ij| < √n · 2^(max bit length).
      let row = s.isFinite ? 0.5 * log2Upper(s) : 0.5 * log2Upper(Double(n)) + Double(a.maximumBitLength(row: i))
      logD += row
      logN += Swift.max(row, Double(b[i].bitLength)) + 1
    }
    return Int((logN + logD + 64) / 28.9) + 4
  }

  /// An estimate (not a bound) of the steps a reconstruction needs, from a
  /// floating-point LU of A: the solution's denominator is about |det A| and
  /// its numerators |det A|·|y_i|, and balanced reconstruction needs
  /// pᵏ > 2·max(num, den)². Used only to schedule the attempts (every answer
  /// is certified exactly); `nil` when the float elimination breaks down.
  static func estimatedSteps(a: LiftingMatrix, b: [BigInt], p: UInt64) -> Int? {
    let n = a.n
    let shift = Swift.max(0, (b.map(\.bitLength).max() ?? 0) - 60)
    let rhs = b.map { Double(($0 >> shift).exactInt ?? 0) }
    guard let (y, logDeterminant) = FloatingElimination.solve((0..<(n * n)).map(a.approximate), rhs) else { return nil }
    let largest = y.map(abs).max() ?? 0
    let logSolution = largest > 0 ? FloatingElimination.log2Magnitude(largest) + Double(shift) : 0
    // The probe Σ w_i y_i (w_i ≤ 2^8) has numerators up to 2^8·n times larger.
    let probeBits = 2 * (8 + log2Upper(Double(n)))
    let bits = 2 * Swift.max(logDeterminant, logDeterminant + logSolution) + probeBits + 16
    // Entries beyond binary64's range make the estimate meaningless; the Hadamard bound then schedules alone.
    guard bits.isFinite, bits < 1e15 else { return nil }
    return Swift.max(1, Int((bits / FloatingElimination.log2Magnitude(Double(p))).rounded(.up)))
  }

  /// An upper bound on log₂ x (x ≥ 0): log₂ y ≤ (y − 1) + 0.09 on [1, 2).
  static func log2Upper(_ x: Double) -> Double {
    if x <= 1 { return 0 }
    precondition(x.isFinite, "log2Upper of a non-finite estimate")
    return Double(x.exponent) + (x.significand - 1) + 0.09
  }
}

/// When to try a reconstruction. With an estimate e of the steps needed:
/// at 16, 32, 64, … below 3e/4 (cheap probes that catch solutions much
/// smaller than the determinant suggests), at e, then every e/32 steps.
/// Without one: at 8, then every 25% more. Always at the maximum.
struct CheckSchedule {
  let expected: Int?
  let maximum: Int
  private var next: Int

  init(expected: Int?, maximum: Int) {
    self.expected = expected
    self.maximum = maximum
    if let e = expected { next = 16 < e * 3 / 4 ? 16 : e } else { next = 8 }
  }

  mutating func isCheckpoint(_ k: Int) -> Bool {
    if k >= maximum { return true }
    guard k >= next else { return false }
    if let e = expected {
      if k < e {
        next = 2 * k < e * 3 / 4 ? 2 * k : e
      } else {
        next = k + Swift.max(2, e / 32)
      }
    } else {
      next = Swift.max(k + 8, k * 5 / 4)
    }
    return true
  }
}

/// The running p-adic value of Σ_i w_i y_i for fixed small weights w_i, with
/// the current modulus pᵏ: a single number whose reconstruction tells,
/// cheaply, whether the whole solution may be ready, and proposes its
/// common denominator.
final class Probe {
  let p: UInt64
  let weights: [UInt64]
  let value = MPZBuffer(count: 1)
  let powerStorage = MPZBuffer(count: 1)

  init(n: Int, p: UInt64) {
    self.p = p
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    weights = (0..<n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return 1 + (state >> 56)  // in [1, 256]
    }
    __gmpz_set_ui(powerStorage[0], 1)
  }

  var power: UnsafeMutablePointer<__mpz_struct> { powerStorage[0] }

  /// Adds the digit vector of the next step: value += (Σ w_i x_i)·pᵏ, pᵏ ← pᵏ⁺¹.
  /// Σ w_i x_i < n·2^8·2^29 fits in 64 bits for n < 2^27.
  func add(_ x: [UInt32]) {
    var z: UInt64 = 0
    for i in 0..<x.count { z &+= weights[i] &* UInt64(x[i]) }
    __gmpz_addmul_ui(value[0], power, UInt(z))
    __gmpz_mul_ui(power, power, UInt(p))
  }
}

extension BigInt {
  /// The value as `Int128` when it fits.
  var exactInt128: Int128? {
    guard bitLength < 127 else { return nil }
    let low = UInt64(truncatingIfNeeded: __gmpz_getlimbn(pointer, 0))
    let high = UInt64(truncatingIfNeeded: __gmpz_size(pointer) > 1 ? __gmpz_getlimbn(pointer, 1) : 0)
    let magnitude = Int128(high) << 64 | Int128(low)
    return signum < 0 ? -magnitude : magnitude
  }
}
