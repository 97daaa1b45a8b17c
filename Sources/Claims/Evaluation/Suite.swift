//===--- Suite.swift ------------------------------------------------------===//
// Instance suites: the built-in default and suite files.
//===----------------------------------------------------------------------===//

import Exact
import Formats
import Foundation
import Unlearning

/// A named list of instances.
public struct Suite: Sendable {
  public var name: String
  public var instances: [InstanceSpec]

  public init(name: String, instances: [InstanceSpec]) {
    self.name = name
    self.instances = instances
  }

  /// The built-in suite: nearly orthogonal data where Frei et al.'s
  /// hypotheses hold (p ≥ 3) and where they fail (small d), several step
  /// rules and both losses, Gaussian mixtures, and a data set with a point
  /// strictly inside the margin (so `all_active` fails somewhere).
  public static let standard: Suite = {
    func generated(_ name: String, _ g: InstanceGenerator, n: Int, d: Int, seed: UInt64, mu: String = "0", eta: String = "0",
                   model: InstanceSpec.Model = .linear, forget: Int = 0, forgetSet: [Int]? = nil, loss: Loss = .logistic,
                   step: StepRule = .scaled(Rational(1)), start: StartingPoint = .kkt) -> InstanceSpec {
      let parameters = InstanceGenerator.Parameters(
        n: n, d: d, seed: seed, muNorm: try! Rational(parsing: mu), labelNoise: try! Rational(parsing: eta))
      var spec = InstanceSpec(name: name, source: .generator(g, parameters), model: model, forget: forget, loss: loss, step: step)
      if let forgetSet { spec.forgetSet = forgetSet }
      spec.start = start
      return spec
    }
    func leaky(_ gamma: String, m: Int = 4) -> InstanceSpec.Model {
      .twoLayer(width: m, gamma: try! Rational(parsing: gamma))
    }
    let half = try! Rational(1, 2), threeHalves = try! Rational(3, 2)
    return Suite(name: "default", instances: [
      generated("orth-n6-d8000-s1", .nearlyOrthogonal, n: 6, d: 8000, seed: 1),
      generated("orth-n8-d20000-s2", .nearlyOrthogonal, n: 8, d: 20000, seed: 2, forget: 3, loss: .exponential),
      generated("orth-n10-d20000-s3-c1/2", .nearlyOrthogonal, n: 10, d: 20000, seed: 3, forget: 9, step: .scaled(half)),
      generated("orth-n6-d8000-s4-c3/2", .nearlyOrthogonal, n: 6, d: 8000, seed: 4, forget: 2, loss: .exponential, step: .scaled(threeHalves)),
      generated("orth-n6-d8000-s5-beta", .nearlyOrthogonal, n: 6, d: 8000, seed: 5, forget: 1, step: .explicit(try! Rational(parsing: "0.0005"))),
      generated("orth-n12-d300-s6", .nearlyOrthogonal, n: 12, d: 300, seed: 6, forget: 5),
      generated("orth-n20-d1000-s7", .nearlyOrthogonal, n: 20, d: 1000, seed: 7, forget: 11),
      generated("mix-n10-d4000-mu20-s8", .gaussianMixture, n: 10, d: 4000, seed: 8, mu: "20", eta: "0"),
      generated("mix-n12-d2000-mu15-eta0.1-s9", .gaussianMixture, n: 12, d: 2000, seed: 9, mu: "15", eta: "0.1", forget: 4),
      generated("mix-n8-d6-mu6-s10", .gaussianMixture, n: 8, d: 6, seed: 10, mu: "6", eta: "0", forget: 1),
      generated("2l-g0.9-orth-n6-d20000-s11", .nearlyOrthogonal, n: 6, d: 20000, seed: 11, model: leaky("0.9"), forget: 2),
      generated("2l-g0.5-orth-n8-d20000-s12", .nearlyOrthogonal, n: 8, d: 20000, seed: 12, model: leaky("0.5", m: 6), forget: 5),
      generated("2l-g0.5-orth-n6-d8000-s13-c1/2", .nearlyOrthogonal, n: 6, d: 8000, seed: 13, model: leaky("0.5"), forget: 0, step: .scaled(half)),
      generated("2l-relu-orth-n8-d20000-s14", .nearlyOrthogonal, n: 8, d: 20000, seed: 14, model: leaky("0"), forget: 1),
      generated("2l-relu-mix-n8-d2000-mu30-s15", .gaussianMixture, n: 8, d: 2000, seed: 15, mu: "30", model: leaky("0"), forget: 3),
      generated("2l-g0.5-mix-n10-d4000-mu20-s16", .gaussianMixture, n: 10, d: 4000, seed: 16, mu: "20", eta: "0.05", model: leaky("0.5"), forget: 4),
      generated("2l-g0.5-trained-n6-d4000-s17", .nearlyOrthogonal, n: 6, d: 4000, seed: 17, model: leaky("0.5"), forget: 1, start: .trained),
      // A second instance for every claim: Frei et al.'s leaky regime (p γ³ ≥ 3) and a trained start.
      generated("2l-g0.9-orth-n6-d20000-s21", .nearlyOrthogonal, n: 6, d: 20000, seed: 21, model: leaky("0.9"), forget: 1),
      generated("2l-g0.5-trained-n6-d4000-s18", .nearlyOrthogonal, n: 6, d: 4000, seed: 18, model: leaky("0.5"), forget: 1, start: .trained),
      // Linear starts from gradient descent: (ε₁, δ₁)-approximate KKT points.
      generated("orth-n6-d8000-s19-trained", .nearlyOrthogonal, n: 6, d: 8000, seed: 19, forget: 2, start: .trained),
      generated("mix-n10-d4000-mu20-s20-trained", .gaussianMixture, n: 10, d: 4000, seed: 20, mu: "20", forget: 3, loss: .exponential,
                start: .trained),
      // Forget sets: one simultaneous step forgets F (the *.forget-set-* claims; the one-point claims are VACUOUS here).
      generated("orth-n10-d20000-s22-F3", .nearlyOrthogonal, n: 10, d: 20000, seed: 22, forgetSet: [0, 4, 7]),
      generated("orth-n8-d8000-s23-F2-trained", .nearlyOrthogonal, n: 8, d: 8000, seed: 23, forgetSet: [2, 5], start: .trained),
      generated("2l-g0.9-orth-n6-d20000-s24-F2", .nearlyOrthogonal, n: 6, d: 20000, seed: 24, model: leaky("0.9"), forgetSet: [1, 4]),
    ])
  }()

  /// The theorems' own regime (`run --suite regime`): instances where the
  /// hypotheses of every claim hold on at least three of them —
  /// near-orthogonal linear data with p ≥ 3 at n = 10, 20, 50 and 100 (d up
  /// to 1.6·10⁶); leaky networks with p γ³ ≥ 3 for γ = 1/2 and 9/10; trained
  /// starts; and Gaussian mixtures with d ≥ max(n‖μ‖², n² log n) and
  /// ‖μ‖ ≥ √(log n); and linear starts from gradient descent.
  public static let regime: Suite = {
    func generated(_ name: String, _ g: InstanceGenerator, n: Int, d: Int, seed: UInt64, mu: String = "0", eta: String = "0",
                   model: InstanceSpec.Model = .linear, forget: Int = 0, loss: Loss = .logistic, start: StartingPoint = .kkt) -> InstanceSpec {
      let parameters = InstanceGenerator.Parameters(
        n: n, d: d, seed: seed, muNorm: try! Rational(parsing: mu), labelNoise: try! Rational(parsing: eta))
      var spec = InstanceSpec(name: name, source: .generator(g, parameters), model: model, forget: forget, loss: loss, step: .scaled(Rational(1)))
      spec.start = start
      return spec
    }
    func leaky(_ gamma: String, m: Int = 4) -> InstanceSpec.Model {
      .twoLayer(width: m, gamma: try! Rational(parsing: gamma))
    }
    return Suite(name: "regime", instances: [
      generated("orth-n10-d40000-s1", .nearlyOrthogonal, n: 10, d: 40000, seed: 1),
      generated("orth-n20-d150000-s2", .nearlyOrthogonal, n: 20, d: 150_000, seed: 2, forget: 3, loss: .exponential),
      generated("orth-n50-d400000-s3", .nearlyOrthogonal, n: 50, d: 400_000, seed: 3, forget: 7),
      generated("orth-n100-d1600000-s4", .nearlyOrthogonal, n: 100, d: 1_600_000, seed: 4, forget: 11),
      generated("mix-n10-d8000-mu20-s5", .gaussianMixture, n: 10, d: 8000, seed: 5, mu: "20", forget: 2),
      generated("mix-n20-d20000-mu15-s6", .gaussianMixture, n: 20, d: 20000, seed: 6, mu: "15", forget: 5),
      generated("mix-n12-d10000-mu10-eta0.1-s7", .gaussianMixture, n: 12, d: 10000, seed: 7, mu: "10", eta: "0.1", forget: 1),
      generated("2l-g0.5-orth-n6-d200000-s8", .nearlyOrthogonal, n: 6, d: 200_000, seed: 8, model: leaky("0.5"), forget: 1),
      generated("2l-g0.5-orth-n8-d300000-s9", .nearlyOrthogonal, n: 8, d: 300_000, seed: 9, model: leaky("0.5"), forget: 2),
      generated("2l-g0.5-orth-n6-d250000-s10", .nearlyOrthogonal, n: 6, d: 250_000, seed: 10, model: leaky("0.5", m: 6), forget: 4),
      generated("2l-g0.9-orth-n6-d20000-s11", .nearlyOrthogonal, n: 6, d: 20000, seed: 11, model: leaky("0.9"), forget: 0),
      generated("2l-g0.9-orth-n10-d60000-s12", .nearlyOrthogonal, n: 10, d: 60000, seed: 12, model: leaky("0.9"), forget: 6),
      generated("2l-g0.5-trained-n6-d4000-s13", .nearlyOrthogonal, n: 6, d: 4000, seed: 13, model: leaky("0.5"), forget: 1, start: .trained),
      generated("2l-g0.5-trained-n6-d4000-s14", .nearlyOrthogonal, n: 6, d: 4000, seed: 14, model: leaky("0.5"), forget: 2, start: .trained),
      generated("2l-g0.9-trained-n6-d4000-s15", .nearlyOrthogonal, n: 6, d: 4000, seed: 15, model: leaky("0.9"), forget: 3, start: .trained),
      generated("2l-g0.5-mix-n10-d8000-mu20-s16", .gaussianMixture, n: 10, d: 8000, seed: 16, mu: "20", model: leaky("0.5"), forget: 4),
      generated("orth-n10-d4000-s17-trained", .nearlyOrthogonal, n: 10, d: 4000, seed: 17, forget: 4, start: .trained),
      generated("orth-n20-d8000-s18-trained", .nearlyOrthogonal, n: 20, d: 8000, seed: 18, forget: 9, loss: .exponential, start: .trained),
      generated("mix-n10-d8000-mu20-s19-trained", .gaussianMixture, n: 10, d: 8000, seed: 19, mu: "20", forget: 0, start: .trained),
    ])
  }()

  /// A built-in suite by name.
  public static func builtIn(_ name: String) -> Suite? {
    switch name {
    case "default": return .standard
    case "regime": return .regime
    default: return nil
    }
  }

  /// Reads a suite file: TOML with one `[[instance]]` per instance.
  ///
  ///     [[instance]]
  ///     name = "small"                   # optional, unique
  ///     generator = "nearly-orthogonal"  # or data = "X.npy", labels = "y.npy"
  ///     n = 10
  ///     d = 2000
  ///     seeds = [1, 2, 3]                # or seed = 1; one instance per seed
  ///     forget = 0                       # or forget = [0, 3, 7]: a set in one step
  ///     forget_size = 3                  # or a random set of 3 (seeded by the instance's seed)
  ///     loss = "logistic"                # or "exponential"
  ///     step_scale = "1"                 # or step = "0.001" (exact strings)
  ///     mu_norm = "20"                   # gaussian-mixture only
  ///     label_noise = "0.1"
  ///     correlation = "1/4"              # correlated and two-block only
  ///     grid_bits = 16
  ///     start = "trained"                # or weights = "w.npy" (d values, or the m × d first layer); kkt by default
  ///
  /// Paths are relative to the suite file.
  ///
  /// - Throws: ``CatalogError`` naming file and line.
  public init(file path: String) throws {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CatalogError(file: path, line: 0, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
    }
    let document: TOMLDocument
    do {
      document = try TOMLDocument(parsing: text)
    } catch let error as TOMLError {
      throw CatalogError(file: path, line: error.line, message: error.message)
    }
    let base = (path as NSString).deletingLastPathComponent
    var specs: [InstanceSpec] = []
    for table in document.arrays["instance"] ?? [] {
      specs += try Self.specs(from: table, file: path, base: base, index: specs.count)
    }
    guard !specs.isEmpty else { throw CatalogError(file: path, line: 1, message: "no [[instance]] entries") }
    var names = Set<String>()
    for spec in specs where !names.insert(spec.name).inserted {
      throw CatalogError(file: path, line: 1, message: "duplicate instance name '\(spec.name)'")
    }
    self.init(name: (path as NSString).lastPathComponent, instances: specs)
  }

  static let knownKeys: Set<String> = [
    "name", "generator", "data", "labels", "n", "d", "seed", "seeds", "forget", "forget_size", "loss", "step_scale", "step",
    "mu_norm", "label_noise", "correlation", "grid_bits", "setting", "width", "gamma", "start", "weights",
  ]

  static func specs(from table: TOMLTable, file: String, base: String, index: Int) throws -> [InstanceSpec] {
    try SuiteEntry(table: table, file: file, base: base).specs(index: index)
  }
}
