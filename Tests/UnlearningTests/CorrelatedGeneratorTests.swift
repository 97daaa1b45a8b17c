import Exact
import Testing
@testable import Unlearning

/// The correlated generator: classes share a component of weight ρ.
@Suite struct CorrelatedGeneratorTests {
  /// The mean within-class entry product of normalized rows (≈ ρ), and across classes (≈ 0).
  static func correlations(_ instance: Instance) -> (within: Double, across: Double) {
    let n = instance.count
    var within = [Double](), across = [Double]()
    for i in 0..<n {
      for j in (i + 1)..<n {
        let x = instance.data
        let cosine = Double(Rational(x.rowDotNumerator(i, j)))
          / (Double(Rational(x.rowDotNumerator(i, i))) * Double(Rational(x.rowDotNumerator(j, j)))).squareRoot()
        (instance.labels[i] == instance.labels[j] ? { within.append(cosine) } : { across.append(cosine) })()
      }
    }
    return (within.reduce(0, +) / Double(max(within.count, 1)), across.reduce(0, +) / Double(max(across.count, 1)))
  }

  @Test func classesShareAComponentOfWeightRho() throws {
    for rho in ["0", "1/4", "3/5"] {
      let parameters = InstanceGenerator.Parameters(n: 12, d: 20000, seed: 3, correlation: r(rho))
      let instance = try InstanceGenerator.correlated.generate(parameters)
      let (within, across) = Self.correlations(instance)
      #expect(abs(within - Double(r(rho))) < 0.03, "ρ = \(rho): within-class cosine \(within)")
      #expect(abs(across) < 0.03, "ρ = \(rho): across-class cosine \(across)")
      // Deterministic for a seed.
      #expect(try InstanceGenerator.correlated.generate(parameters).data == instance.data)
    }
    // ρ = 0 draws the class components too, so it is not the nearly-orthogonal stream, but the same law.
    #expect(throws: UnlearningError.self) { try InstanceGenerator.correlated.generate(.init(n: 4, d: 10, seed: 1, correlation: r("1"))) }
    #expect(throws: UnlearningError.self) { try InstanceGenerator.correlated.generate(.init(n: 4, d: 10, seed: 1, correlation: r("-1/2"))) }
  }
}
