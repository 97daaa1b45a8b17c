//===--- InstanceFields+Parts.swift ---------------------------------------===//
// One phase per part of an instance: model, start, data, forget set, step.
//===----------------------------------------------------------------------===//

import Exact
import Formats

extension InstanceFields {
  /// The setting, with its width and γ.
  func model() throws -> InstanceSpec.Model {
    let twoLayer = try choice("setting", [("linear", false), ("two-layer", true)], default: false)
    guard twoLayer else {
      for key in ["width", "gamma"] where values[key] != nil {
        throw fail(key, "\(naming("width")) and \(naming("gamma")) apply to the two-layer setting")
      }
      return .linear
    }
    guard let width = try integer("width") ?? inferredWidth(), let gamma = try rational("gamma") else {
      throw fail(nil, "the two-layer setting needs \(naming("width")) and \(naming("gamma")) (e.g. 4 and 1/2; γ = 0 is ReLU)")
    }
    return .twoLayer(width: width, gamma: gamma)
  }

  /// The width m of a user's first layer (`weights`, m × d, one row per
  /// neuron) when no width is given; nil without weights.
  func inferredWidth() throws -> Int? {
    guard let weights = try text("weights") else { return nil }
    let path = resolve(weights)
    let shape: [Int]
    do {
      shape = try ArrayFile.shape(path)
    } catch {
      throw fail("weights", "\(naming("width")) is inferred from the first layer's rows, and \(path) cannot be read: \(error)")
    }
    guard shape.count == 2 else {
      throw fail("weights", "\(naming("width")) is inferred from the first layer's rows, but \(path) has shape \(shape), not m × d")
    }
    return shape[0]
  }

  /// `start` (kkt or trained), or a user's `weights`.
  func startingPoint() throws -> StartingPoint {
    let start = try choice("start", [("kkt", StartingPoint.kkt), ("trained", .trained)], default: .kkt)
    guard let weights = try text("weights") else { return start }
    guard start == .kkt else { throw fail("weights", "give \(naming("start")) trained or \(naming("weights")), not both") }
    return .weights(resolve(weights))
  }

  func parameterForm(linear: Bool) throws -> ParameterForm {
    let form = try choice("parameters", ParameterForm.allCases.map { ($0.rawValue, $0) }, default: .automatic)
    if !linear && values["parameters"] != nil { throw fail("parameters", "\(naming("parameters")) applies to the linear setting") }
    return form
  }

  /// The forget set: `forget` indices (distinct), point 0 by default.
  func forget() throws -> [Int] {
    guard let set = try indices("forget") else { return [0] }
    if values["forget_size"] != nil { throw fail("forget_size", "give \(naming("forget")) or \(naming("forget_size")), not both") }
    guard !set.isEmpty else { throw fail("forget", "\(naming("forget")) must name at least one point") }
    if let negative = set.first(where: { $0 < 0 }) { throw fail("forget", "\(naming("forget")): \(negative) is not a non-negative row index") }
    return set
  }

  /// The loss, and the step as `step_scale` c or an explicit `step` β.
  func lossAndStep() throws -> (Loss, StepRule) {
    let loss = try choice("loss", Loss.allCases.map { ($0.rawValue, $0) }, default: .logistic)
    let scale = try rational("step_scale"), explicit = try rational("step")
    if scale != nil && explicit != nil { throw fail("step", "give \(naming("step_scale")) or \(naming("step")), not both") }
    return (loss, explicit.map { .explicit($0) } ?? .scaled(scale ?? Rational(1)))
  }

  /// K ascent steps at a fixed η beside the one step, when `steps` is given;
  /// η defaults to the explicit β.
  func ascentPlan(step: StepRule) throws -> AscentRun.Plan? {
    let rate = try rational("learning_rate")
    guard let steps = try integer("steps") else {
      if rate != nil { throw fail("learning_rate", "\(naming("learning_rate")) needs \(naming("steps"))") }
      return nil
    }
    guard (1...100_000).contains(steps) else { throw fail("steps", "\(naming("steps")) must be in 1...100000, got \(steps)") }
    if let rate, rate.signum <= 0 { throw fail("learning_rate", "\(naming("learning_rate")) must be positive, got \(rate)") }
    let plan = AscentRun.Plan(steps: steps, learningRate: rate)
    do { _ = try plan.learningRate(for: step) } catch { throw fail("learning_rate", "\(naming("steps")) without \(naming("learning_rate")) takes the explicit \(naming("step")) as η; this instance's step is c·β*") }
    return plan
  }

  /// Where the data come from, one source per seed: (name, source, training
  /// seed, size of a random forget set).
  func sources(index: Int) throws -> [(String, InstanceSpec.Source, UInt64, Int?)] {
    let name = try text("name")
    let forgetSize = try integer("forget_size")
    if let forgetSize, forgetSize < 1 { throw fail("forget_size", "\(naming("forget_size")) must be at least 1") }
    let seeds = try self.seeds()
    let fromFiles = values["data"] != nil || values["labels"] != nil
    if fromFiles {
      if values["generator"] != nil { throw fail("generator", "give \(naming("data"))/\(naming("labels")) or \(naming("generator")), not both") }
      guard let data = try text("data"), let labels = try text("labels") else {
        throw fail(values["data"] == nil ? "labels" : "data", "\(naming("data")) and \(naming("labels")) go together")
      }
      for key in ["n", "d", "grid_bits", "mu_norm", "label_noise", "correlation"] where values[key] != nil {
        throw fail(key, "\(naming(key)) applies to a generator, not to \(naming("data"))")
      }
      if forgetSize != nil { throw fail("forget_size", "\(naming("forget_size")) draws from a generator's seed; give \(naming("forget")) for data files") }
      guard seeds.count == 1 else { throw fail("seeds", "\(naming("seeds")) applies to a generator") }
      return [(name ?? "instance-\(index + 1)", .files(data: resolve(data), labels: resolve(labels)), seeds[0], nil)]
    }
    guard let generator = try choice("generator", InstanceGenerator.allCases.map { ($0.rawValue, Optional($0)) }, default: nil) else {
      throw fail(nil, "an instance needs \(naming("data")) and \(naming("labels")), or \(naming("generator")) with \(naming("n")) and \(naming("d"))")
    }
    guard let n = try integer("n"), let d = try integer("d") else { throw fail(nil, "\(naming("generator")) needs \(naming("n")) and \(naming("d"))") }
    if generator != .correlated && generator != .twoBlock && values["correlation"] != nil {
      throw fail("correlation", "\(naming("correlation")) applies to the correlated and two-block generators")
    }
    for key in ["mu_norm", "label_noise"] where !generator.isMixture && values[key] != nil {
      throw fail(key, "\(naming("mu_norm")) and \(naming("label_noise")) apply to the gaussian-mixture and two-clusters generators")
    }
    let gridBits = try integer("grid_bits") ?? 16
    let muNorm = try rational("mu_norm") ?? Rational(), labelNoise = try rational("label_noise") ?? Rational()
    let correlation = try rational("correlation") ?? Rational()
    let base = name ?? "\(generator.rawValue)-n\(n)-d\(d)"
    return seeds.map { seed in
      let parameters = InstanceGenerator.Parameters(n: n, d: d, seed: seed, gridBits: gridBits, muNorm: muNorm, labelNoise: labelNoise,
                                                    correlation: correlation)
      return (seeds.count > 1 || name == nil ? "\(base)-s\(seed)" : base, .generator(generator, parameters), seed, forgetSize)
    }
  }

  /// `seed` (0 by default) or a list `seeds`.
  func seeds() throws -> [UInt64] {
    func seed(_ text: String, _ key: String) throws -> UInt64 {
      guard let s = UInt64(text) else { throw fail(key, "\(naming(key)) must be a non-negative integer, got '\(text)'") }
      return s
    }
    if let list = try indices("seeds") {
      if values["seed"] != nil { throw fail("seeds", "give \(naming("seed")) or \(naming("seeds")), not both") }
      guard !list.isEmpty else { throw fail("seeds", "\(naming("seeds")) must list at least one seed") }
      return try list.map { try seed(String($0), "seeds") }
    }
    return [try seed(try text("seed") ?? "0", "seed")]
  }
}

extension InstanceSpec {
  /// n, when a generator fixes it before any data are read.
  var points: Int? {
    if case .generator(_, let parameters) = source { return parameters.n }
    return nil
  }
}
