//===--- RandomSource.swift -----------------------------------------------===//
// A seeded generator, so generated instances are the same run to run.
//===----------------------------------------------------------------------===//

import Foundation

/// xoshiro256** (Blackman & Vigna), seeded through SplitMix64: a small,
/// well-tested generator whose stream depends only on the seed.
public struct RandomSource: RandomNumberGenerator, Sendable {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  public mutating func next() -> UInt64 {
    let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = s.3 << 45 | s.3 >> 19
    return result
  }

  /// A uniform double in (0, 1): 53 random bits, never 0.
  public mutating func nextOpenUnit() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal sample (Box–Muller). The sample is only used after
  /// snapping to a dyadic grid, where it becomes an exact rational, so the
  /// generated data set is exact; its distribution is Gaussian up to the grid.
  public mutating func nextGaussian() -> Double {
    let u = nextOpenUnit(), v = nextOpenUnit()
    return Self.gaussian(u, v)
  }

  /// Box–Muller from two uniforms in (0, 1): what ``nextGaussian()`` returns
  /// after drawing u, then v. Split out so that a long run of samples can
  /// draw its uniforms in stream order and transform them on all cores.
  @inline(__always)
  public static func gaussian(_ u: Double, _ v: Double) -> Double {
    (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
  }
}
