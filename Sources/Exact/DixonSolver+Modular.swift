//===--- DixonSolver+Modular.swift ----------------------------------------===//
// Arithmetic modulo a word prime: Barrett reduction and an LU factorization.
//===----------------------------------------------------------------------===//

/// Reduction modulo a prime p < 2^29 by Barrett's method: for x < 2^64,
/// q̂ = ⌊x·m / 2^64⌋ with m = ⌊(2^64 − 1)/p⌋ satisfies q − 2 ≤ q̂ ≤ q for
/// q = ⌊x/p⌋ (since 2^64 − m·p ≤ p), so x − q̂·p needs at most two
/// corrections. No hardware division in the inner loops.
struct BarrettReducer: Sendable {
  let p: UInt64
  let m: UInt64

  init(_ p: UInt64) {
    precondition(p > 1 && p < 1 << 29, "BarrettReducer: the prime must be below 2^29")
    self.p = p
    m = UInt64.max / p
  }

  @inline(__always) func reduce(_ x: UInt64) -> UInt64 {
    let q = x.multipliedFullWidth(by: m).high
    var r = x &- q &* p
    if r >= p { r &-= p }
    if r >= p { r &-= p }
    return r
  }

  /// b^e mod p.
  func power(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
    var result: UInt64 = 1, b = reduce(base), e = exponent
    while e > 0 {
      if e & 1 == 1 { result = reduce(result * b) }
      b = reduce(b * b)
      e >>= 1
    }
    return result
  }

  /// x⁻¹ mod p for x ≢ 0 (Fermat).
  func inverse(_ x: UInt64) -> UInt64 { power(x, p - 2) }

  /// Σ_j u[j]·v[j] mod p for residues below p < 2^29: each product is below
  /// 2^58, so 63 of them plus a residue fit in 64 bits before one reduction.
  @inline(__always)
  func dot(_ u: UnsafePointer<UInt32>, _ v: UnsafePointer<UInt32>, count: Int, adding initial: UInt64) -> UInt64 {
    var s = initial
    var j = 0
    while j < count {
      let end = Swift.min(count, j + 63)
      var block = s
      while j < end {
        block &+= UInt64(u[j]) &* UInt64(v[j])
        j += 1
      }
      s = reduce(block)
    }
    return s
  }
}

/// P A = L U modulo a word prime p, for the repeated solves of Dixon lifting.
///
/// Factorization costs n³/3 multiply-reduce operations (a third of
/// Gauss–Jordan inversion), and each solve two triangular sweeps of n²/2
/// multiply-adds with delayed reduction. Storage is packed row-major in
/// 32-bit words: below the diagonal −L_ij, above it −U_ij, on it U_ii⁻¹
/// (all mod p), so both sweeps are plain dot products.
struct ModularLU: Sendable {
  let n: Int
  let reducer: BarrettReducer
  private var packed: [UInt32]
  /// Row i of P A is row `permutation[i]` of A.
  private var permutation: [Int]

  var p: UInt64 { reducer.p }

  /// The factorization of an integer matrix (row-major n × n), or `nil`
  /// when it is singular modulo p (p divides det A, or A is singular).
  init?(_ a: [Int], n: Int, p: UInt64) {
    let pi = Int(p)
    self.init(residues: a.map { v -> UInt64 in
      let r = v % pi
      return UInt64(r < 0 ? r + pi : r)
    }, n: n, p: p)
  }

  /// The factorization from the entries' residues in [0, p).
  init?(residues: [UInt64], n: Int, p: UInt64) {
    self.n = n
    reducer = BarrettReducer(p)
    var w = residues
    var perm = Array(0..<n)
    let reducer = self.reducer
    let ok = w.withUnsafeMutableBufferPointer { w -> Bool in
      for k in 0..<n {
        guard let pivot = (k..<n).first(where: { w[$0 * n + k] != 0 }) else { return false }
        if pivot != k {
          for j in 0..<n { w.swapAt(pivot * n + j, k * n + j) }
          perm.swapAt(pivot, k)
        }
        let inverse = reducer.inverse(w[k * n + k])
        for i in (k + 1)..<n {
          let entry = w[i * n + k]
          if entry == 0 { continue }
          let l = reducer.reduce(entry * inverse)
          w[i * n + k] = l
          let minusL = p - l
          for j in (k + 1)..<n {
            w[i * n + j] = reducer.reduce(w[i * n + j] &+ minusL &* w[k * n + j])
          }
        }
      }
      return true
    }
    guard ok else { return nil }
    var packed = [UInt32](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n {
        let v = w[i * n + j]
        packed[i * n + j] = UInt32(i == j ? reducer.inverse(v) : (v == 0 ? 0 : p - v))
      }
    }
    self.packed = packed
    permutation = perm
  }

  /// y with A y ≡ r (mod p), for residues r_i < p.
  func solve(_ r: [UInt32], into y: inout [UInt32]) {
    let n = self.n, reducer = self.reducer
    packed.withUnsafeBufferPointer { lu in
      y.withUnsafeMutableBufferPointer { y in
        let lu = lu.baseAddress!, out = y.baseAddress!
        // L z = P r (unit lower): z_i = (P r)_i + Σ_{j<i} (−L_ij) z_j.
        for i in 0..<n {
          out[i] = UInt32(reducer.dot(lu + i * n, out, count: i, adding: UInt64(r[permutation[i]])))
        }
        // U y = z: y_i = U_ii⁻¹ (z_i + Σ_{j>i} (−U_ij) y_j).
        for i in stride(from: n - 1, through: 0, by: -1) {
          let s = reducer.dot(lu + i * n + i + 1, out + i + 1, count: n - i - 1, adding: UInt64(out[i]))
          out[i] = UInt32(reducer.reduce(s * UInt64(lu[i * n + i])))
        }
      }
    }
  }
}
