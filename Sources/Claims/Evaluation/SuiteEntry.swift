//===--- SuiteEntry.swift -------------------------------------------------===//
// One [[instance]] table of a suite file, read into instance specs.
//===----------------------------------------------------------------------===//

import Exact
import Formats
import Foundation
import Unlearning

/// One `[[instance]]` table of a suite file: typed fields, each error naming
/// the file and the key's line, and one phase per part of the spec (model,
/// forget set, step, source).
struct SuiteEntry {
  let table: TOMLTable
  let file: String
  /// The directory relative paths are resolved against.
  let base: String

  var fields: TOMLFields { TOMLFields(table, file: file) }
  func fail(_ key: String?, _ message: String) -> CatalogError { fields.fail(key, message) }
  func integer(_ key: String) throws -> Int? { try fields.integer(key) }
  func string(_ key: String) throws -> String? { try fields.string(key) }
  func rational(_ key: String) throws -> Rational? { try fields.rational(key) }

  func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path) }

  /// The specs of this entry: one for data files, one per seed for a generator.
  func specs(index: Int) throws -> [InstanceSpec] {
    try fields.checkKeys(Suite.knownKeys)
    let model = try self.model(), start = try startingPoint()
    let (forgetSet, forgetSize) = try forget()
    let (loss, step) = try lossAndStep()
    let name = try string("name")
    if let data = try string("data") {
      guard let labels = try string("labels") else { throw fail("data", "'data' needs 'labels'") }
      let source = InstanceSpec.Source.files(data: resolve(data), labels: resolve(labels))
      guard (try integer("seed") ?? 0) >= 0 else { throw fail("seed", "'seed' must be a non-negative integer") }
      let seed = UInt64(try integer("seed") ?? 0)
      if forgetSize != nil { throw fail("forget_size", "'forget_size' draws from a generator's seed; give 'forget' for data files") }
      var spec = InstanceSpec(name: name ?? "instance-\(index + 1)", source: source, model: model, forget: 0, loss: loss, step: step,
                              trainingSeed: seed)
      spec.forgetSet = forgetSet
      spec.start = start
      return [spec]
    }
    return try generated(name: name, model: model, start: start, forgetSet: forgetSet, forgetSize: forgetSize, loss: loss, step: step)
  }

  /// The setting, with its width and γ.
  func model() throws -> InstanceSpec.Model {
    switch try string("setting") ?? "linear" {
    case "linear":
      for key in ["width", "gamma"] where table[key] != nil { throw fail(key, "'\(key)' applies to the two-layer setting") }
      return .linear
    case "two-layer":
      guard let width = try integer("width") else { throw fail(nil, "a two-layer instance needs 'width'") }
      guard let gamma = try rational("gamma") else { throw fail(nil, "a two-layer instance needs 'gamma' (e.g. \"1/2\", or \"0\" for ReLU)") }
      return .twoLayer(width: width, gamma: gamma)
    default:
      throw fail("setting", "setting must be linear or two-layer")
    }
  }

  /// `start` (kkt or trained) or `weights` (a user's weights, in either setting).
  func startingPoint() throws -> StartingPoint {
    var start = StartingPoint.kkt
    switch try string("start") ?? "kkt" {
    case "kkt": break
    case "trained": start = .trained
    default: throw fail("start", "start must be kkt or trained")
    }
    if let weights = try string("weights") {
      guard start == .kkt || table["start"] == nil else { throw fail("weights", "give 'start' or 'weights', not both") }
      start = .weights(resolve(weights))
    }
    return start
  }

  /// `forget` (an index or an array of them) or `forget_size` (a random set).
  func forget() throws -> (set: [Int], size: Int?) {
    var forgetSet = [0]
    if case .array(let items)? = table["forget"] {
      forgetSet = try items.map {
        guard case .integer(let k) = $0, k >= 0 else { throw fail("forget", "'forget' must be a row index or an array of row indices") }
        return k
      }
      guard !forgetSet.isEmpty, Set(forgetSet).count == forgetSet.count else { throw fail("forget", "'forget' must name distinct points") }
    } else if let k = try integer("forget") {
      guard k >= 0 else { throw fail("forget", "'forget' must be a non-negative row index") }
      forgetSet = [k]
    }
    let forgetSize = try integer("forget_size")
    if forgetSize != nil && table["forget"] != nil { throw fail("forget_size", "give 'forget' or 'forget_size', not both") }
    if let forgetSize, forgetSize < 1 { throw fail("forget_size", "'forget_size' must be at least 1") }
    return (forgetSet, forgetSize)
  }

  /// The loss, and the step as `step_scale` c or an explicit `step` β.
  func lossAndStep() throws -> (Loss, StepRule) {
    let loss: Loss
    if let name = try string("loss") {
      guard let l = Loss(rawValue: name) else { throw fail("loss", "loss must be logistic or exponential") }
      loss = l
    } else {
      loss = .logistic
    }
    let scale = try rational("step_scale"), explicit = try rational("step")
    if scale != nil && explicit != nil { throw fail("step", "give step_scale or step, not both") }
    return (loss, explicit.map { .explicit($0) } ?? .scaled(scale ?? Rational(1)))
  }

  /// One spec per seed of a generator.
  func generated(name: String?, model: InstanceSpec.Model, start: StartingPoint, forgetSet: [Int], forgetSize: Int?, loss: Loss,
                 step: StepRule) throws -> [InstanceSpec] {
    guard let generatorName = try string("generator") else { throw fail(nil, "an instance needs 'generator' or 'data' and 'labels'") }
    guard let generator = InstanceGenerator(rawValue: generatorName) else {
      throw fail("generator", "generator must be nearly-orthogonal, gaussian-mixture, correlated or two-block")
    }
    guard let n = try integer("n"), let d = try integer("d") else { throw fail(nil, "a generated instance needs 'n' and 'd'") }
    var seeds: [Int] = []
    if case .array(let items)? = table["seeds"] {
      seeds = try items.map {
        guard case .integer(let s) = $0, s >= 0 else { throw fail("seeds", "'seeds' must be non-negative integers") }
        return s
      }
    } else {
      let seed = try integer("seed") ?? 0
      guard seed >= 0 else { throw fail("seed", "'seed' must be a non-negative integer") }
      seeds = [seed]
    }
    let gridBits = try integer("grid_bits") ?? 16
    let muNorm = try rational("mu_norm") ?? Rational(), labelNoise = try rational("label_noise") ?? Rational()
    let correlation = try rational("correlation") ?? Rational()
    return try seeds.map { seed in
      let parameters = InstanceGenerator.Parameters(
        n: n, d: d, seed: UInt64(seed), gridBits: gridBits, muNorm: muNorm, labelNoise: labelNoise, correlation: correlation)
      let base = name ?? "\(generator.rawValue)-n\(n)-d\(d)"
      var spec = InstanceSpec(name: seeds.count > 1 || name == nil ? "\(base)-s\(seed)" : base,
                              source: .generator(generator, parameters), model: model, forget: 0, loss: loss, step: step)
      do {
        spec.forgetSet = try forgetSize.map { try ForgetSet.random(size: $0, points: n, seed: UInt64(seed)) } ?? forgetSet
      } catch {
        throw fail("forget_size", "\(error)")
      }
      spec.start = start
      return spec
    }
  }
}
