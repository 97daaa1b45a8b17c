import Exact
import Testing

/// A million operations must not leave a million GMP values alive. Tests run
/// in parallel, so other suites' live values add noise (up to a few tens of
/// thousands); a leak adds at least one per iteration, 250,000 in all.
@Suite struct LifetimeTests {
  @Test(.enabled(if: GMPLifetime.isTracking)) func aMillionOperationsDoNotLeak() throws {
    let before = try #require(GMPLifetime.liveValues)
    var a = Rational(1), b = BigInt(3)
    let step = r("1/3")
    for k in 0..<250_000 {
      a = a * step + Rational(k)   // temporaries on every step
      a /= step
      b = b * BigInt(k | 1) - b     // BigInt temporaries
      b >>= 1
    }
    let after = try #require(GMPLifetime.liveValues)
    #expect(after - before < 100_000, "live GMP values grew from \(before) to \(after)")
    #expect(a.signum != 0 || b.signum >= 0)  // keep the loop observable
  }
}

private func >>= (a: inout BigInt, k: Int) { a = a >> k }
