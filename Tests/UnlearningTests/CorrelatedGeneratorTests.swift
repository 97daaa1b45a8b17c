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

  /// The two-block family: retained points on the first ⌈d/2⌉ coordinates, and each forget-block
  /// point a ρ-copy of its partner there (same label) plus fresh coordinates in the second block.
  @Test func theTwoBlockForgetPointsCopyTheirPartners() throws {
    for rho in ["0", "1/2", "9/10"] {
      let (n, d) = (8, 20000)
      let instance = try InstanceGenerator.twoBlock.generate(.init(n: n, d: d, seed: 4, correlation: r(rho)))
      let start = InstanceGenerator.forgetBlockStart(points: n), x = instance.data
      #expect(start == 6)
      func cosine(_ i: Int, _ j: Int) -> Double {
        Double(Rational(x.rowDotNumerator(i, j))) / (Double(Rational(x.rowDotNumerator(i, i))) * Double(Rational(x.rowDotNumerator(j, j)))).squareRoot()
      }
      for i in 0..<start { #expect(x[i, d - 1].isZero && x[i, d / 2].isZero, "retained point \(i) is on the first block") }
      for i in start..<n {
        let partner = (i - start) % start
        #expect(instance.labels[i] == instance.labels[partner])
        #expect(abs(cosine(i, partner) - Double(r(rho))) < 0.03, "ρ = \(rho): cos(x_\(i), x_\(partner)) = \(cosine(i, partner))")
      }
      // Retained points are nearly orthogonal among themselves whatever ρ.
      #expect(abs(cosine(0, 1)) < 0.05)
    }
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
