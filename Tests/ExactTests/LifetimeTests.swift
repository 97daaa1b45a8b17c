import Exact
import Testing

/// A million operations must not leave a million GMP values alive. Tests run
/// in parallel, so other suites' live values add noise (tens of thousands, at
/// times over a hundred thousand, but transient); a leak adds at least one per
/// iteration, 250,000 per round, every round. So the check passes when one of
/// three rounds grows by less than 100,000.
@Suite struct LifetimeTests {
  @Test(.enabled(if: GMPLifetime.isTracking)) func aMillionOperationsDoNotLeak() throws {
    var growth: [Int] = []
    for _ in 0..<3 {
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
      #expect(a.signum != 0 || b.signum >= 0)  // keep the loop observable
      growth.append(after - before)
      if after - before < 100_000 { break }
    }
    #expect(growth.contains { $0 < 100_000 }, "live GMP values grew by \(growth) in each round")
  }
}

private func >>= (a: inout BigInt, k: Int) { a = a >> k }
