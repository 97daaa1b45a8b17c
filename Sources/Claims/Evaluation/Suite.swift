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

  /// The built-in suite (suites/default.toml): nearly orthogonal data where
  /// Frei et al.'s hypotheses hold (p ≥ 3) and where they fail (small d),
  /// several step rules and both losses, Gaussian mixtures, and a data set
  /// with a point strictly inside the margin (so `all_active` fails somewhere).
  public static let standard = embedded("default")

  /// The theorems' own regime (suites/regime.toml, `run --suite regime`):
  /// instances where the hypotheses of every claim hold on at least three of
  /// them — near-orthogonal linear data with p ≥ 3 at n = 10, 20, 50 and 100
  /// (d up to 1.6·10⁶); leaky networks with p γ³ ≥ 3 for γ = 1/2 and 9/10;
  /// trained starts; and Gaussian mixtures with d ≥ max(n‖μ‖², n² log n) and
  /// ‖μ‖ ≥ √(log n); and linear starts from gradient descent.
  public static let regime = embedded("regime")

  /// A suite of suites/ as the binary carries it (``builtInTexts``), read as
  /// any suite file is; a test holds every one to its file.
  static func embedded(_ name: String) -> Suite {
    do {
      return try Suite(text: builtInTexts[name]!, file: "suites/\(name).toml", base: "", name: name)
    } catch {
      preconditionFailure("the built-in suite \(name) does not load: \(error)")
    }
  }

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
  ///     setting = "two-layer"            # with width = 4 and gamma = "1/2"; linear by default
  ///     parameters = "explicit"          # linear only: auto (default), explicit or span
  ///
  /// The keys are the fields of ``InstanceFields``, with its defaults and
  /// checks. Paths are relative to the suite file.
  ///
  /// - Throws: ``CatalogError`` naming file and line.
  public init(file path: String) throws {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CatalogError(file: path, line: 0, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
    }
    try self.init(text: text, file: path, base: (path as NSString).deletingLastPathComponent, name: (path as NSString).lastPathComponent)
  }

  /// Reads a suite from its text; `file` names it in errors and `base` is
  /// the directory its relative paths are resolved against.
  init(text: String, file path: String, base: String, name: String) throws {
    let document: TOMLDocument
    do {
      document = try TOMLDocument(parsing: text)
    } catch let error as TOMLError {
      throw CatalogError(file: path, line: error.line, message: error.message)
    }
    var specs: [InstanceSpec] = []
    for table in document.arrays["instance"] ?? [] {
      specs += try Self.specs(from: table, file: path, base: base, index: specs.count)
    }
    guard !specs.isEmpty else { throw CatalogError(file: path, line: 1, message: "no [[instance]] entries") }
    var names = Set<String>()
    for spec in specs where !names.insert(spec.name).inserted {
      throw CatalogError(file: path, line: 1, message: "duplicate instance name '\(spec.name)'")
    }
    self.init(name: name, instances: specs)
  }

  static func specs(from table: TOMLTable, file: String, base: String, index: Int) throws -> [InstanceSpec] {
    try SuiteEntry(table: table, file: file, base: base).specs(index: index)
  }
}
