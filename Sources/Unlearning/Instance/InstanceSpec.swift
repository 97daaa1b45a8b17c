//===--- InstanceSpec.swift -----------------------------------------------===//
// How to build one instance: the one construction path of every command.
//===----------------------------------------------------------------------===//

import Exact

/// How to build one instance of a suite.
public struct InstanceSpec: Sendable {
  /// Where the data come from.
  public enum Source: Sendable {
    case generator(InstanceGenerator, InstanceGenerator.Parameters)
    case files(data: String, labels: String)
  }

  /// The model.
  public enum Model: Sendable, Hashable {
    case linear
    case twoLayer(width: Int, gamma: Rational)
  }

  /// A unique name within the suite.
  public var name: String
  public var source: Source
  public var model: Model = .linear
  /// The points forgotten in the one step: F, sorted (one index r in the paper's setting).
  public var forgetSet: [Int]
  /// The first forgotten index; setting it forgets that one point.
  public var forget: Int {
    get { forgetSet[0] }
    set { forgetSet = [newValue] }
  }
  public var loss: Loss
  public var step: StepRule
  /// Where the model starts: the exact KKT point, gradient descent, or a user's weights.
  public var start: StartingPoint = .kkt
  /// How the linear weights are held (coefficients on the data rows or
  /// explicit vectors): a matter of cost, never of the answer.
  public var parameterForm: ParameterForm = .automatic
  /// The seed of a trained start's initialization: the generator's seed, or
  /// the given one (0 by default) for data from files.
  public var trainingSeed: UInt64
  /// K ascent steps measured beside the one step (`steps`, `learning_rate`), if any.
  public var ascentPlan: AscentRun.Plan? = nil
  /// Whether the data are expected to be separable through the origin
  /// (`expect`; linear only): the analysis then measures the margin
  /// problem's outcome against it (``SeparabilityOutcome``) wherever the data
  /// are reported not separable, or found separable against the expectation.
  public var expectedSeparable: Bool? = nil

  public init(name: String, source: Source, model: Model = .linear, forget: Int, loss: Loss = .logistic, step: StepRule = .unit,
              trainingSeed: UInt64? = nil) {
    self.name = name
    self.source = source
    self.model = model
    self.forgetSet = [forget]
    self.loss = loss
    self.step = step
    if let trainingSeed {
      self.trainingSeed = trainingSeed
    } else if case .generator(_, let parameters) = source {
      self.trainingSeed = parameters.seed
    } else {
      self.trainingSeed = 0
    }
  }

  /// Checks every parameter that can be checked without the data: the
  /// generator's ranges, the forget index against n, the width and γ.
  ///
  /// - Throws: ``UnlearningError`` naming the parameter.
  public func validate() throws {
    if case .generator(let generator, let parameters) = source {
      try generator.validate(parameters)
      _ = try ForgetSet.validated(forgetSet, points: parameters.n)
    } else if let negative = forgetSet.first(where: { $0 < 0 }) {
      throw UnlearningError.forgetOutOfRange(negative, points: 0)
    } else {
      _ = try ForgetSet.validated(forgetSet, points: Int.max)
    }
    if expectedSeparable != nil, model != .linear {
      throw UnlearningError.badParameter("an expected separability is stated for the linear margin problem; the instance is two-layer")
    }
    if case .twoLayer(let width, let gamma) = model {
      try HomogeneousModel.validateWidth(width)
      _ = try LeakyReLU(gamma: gamma)
    }
  }

  /// The `unlearning-check instance` command that builds this instance (for
  /// reports: every instance they name can be re-run).
  public var commandLine: String {
    var words = ["unlearning-check", "instance"]
    switch model {
    case .linear: words += ["--setting", "linear"]
    case .twoLayer(let width, let gamma): words += ["--setting", "two-layer", "--width", "\(width)", "--gamma", gamma.description]
    }
    switch start {
    case .kkt, .trained:
      // The linear default is left implicit; networks always name their start.
      if start == .trained || model != .linear { words += ["--start", start.name] }
    case .weights(let path): words += ["--weights", path]
    }
    switch source {
    case .generator(let generator, let p):
      words += ["--generator", generator.rawValue, "--n", "\(p.n)", "--d", "\(p.d)", "--seed", "\(p.seed)", "--grid-bits", "\(p.gridBits)"]
      if generator.isMixture { words += ["--mu-norm", p.muNorm.description, "--label-noise", p.labelNoise.description] }
      if generator == .correlated || generator == .twoBlock { words += ["--correlation", p.correlation.description] }
    case .files(let data, let labels): words += ["--data", data, "--labels", labels]
    }
    words += ["--forget", ForgetSet.text(forgetSet), "--loss", loss.rawValue]
    switch step {
    case .scaled(let c): words += ["--step-scale", c.description]
    case .explicit(let b): words += ["--step", b.description]
    }
    if case .files = source, start == .trained { words += ["--seed", "\(trainingSeed)"] }
    if let expectedSeparable { words += ["--expect", expectedSeparable ? "separable" : "not-separable"] }
    if let plan = ascentPlan, let eta = try? plan.learningRate(for: step) {
      words += ["--steps", "\(plan.steps)", "--learning-rate", eta.description] + (plan.retainDescent ? ["--retain-descent"] : [])
    }
    return words.map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
  }

  /// The data and labels.
  public func loadInstance() throws -> Instance {
    switch source {
    case .generator(let generator, let parameters): return try generator.generate(parameters)
    case .files(let data, let labels): return try Instance(dataFile: data, labelFile: labels)
    }
  }

  /// Builds and analyses the instance: the one construction path of
  /// `instance`, suites, sweeps and figures.
  public func analyse() throws -> any InstanceAnalysis {
    try analyse(PhaseTimer.measure("reading the instance") { try loadInstance() })
  }

  /// Analyses given data as this spec's model, forget set, loss, step and
  /// start (a search's candidates: the data are the spec's only free part).
  public func analyse(_ instance: Instance) throws -> any InstanceAnalysis {
    guard let expectedSeparable, model == .linear else { return try analyseModel(instance) }
    do {
      let analysis = try analyseModel(instance)
      guard !expectedSeparable, let linear = analysis as? LinearUnlearning else { return analysis }
      return SeparabilityOutcome(instance: instance, expectedSeparable: false, separator: linear)
    } catch UnlearningError.notSeparable(let reason, let obstruction) {
      return SeparabilityOutcome(instance: instance, expectedSeparable: expectedSeparable, reason: reason, obstruction: obstruction)
    }
  }

  /// The model's analysis of the data, whatever is expected of them.
  func analyseModel(_ instance: Instance) throws -> any InstanceAnalysis {
    switch model {
    case .linear:
      var analysis = try LinearUnlearning(instance: instance, forgetSet: forgetSet, loss: loss, step: step, start: start, trainingSeed: trainingSeed,
                                          parameterForm: parameterForm)
      analysis.ascentPlan = ascentPlan
      return analysis
    case .twoLayer(let width, let gamma):
      var analysis = try TwoLayerUnlearning(instance: instance, forgetSet: forgetSet, width: width, gamma: gamma, start: start, loss: loss, step: step,
                                            trainingSeed: trainingSeed)
      analysis.ascentPlan = ascentPlan
      return analysis
    }
  }

  /// The claim settings of the instance, known before it is built.
  public var settings: Set<ClaimSetting> {
    var result: Set<ClaimSetting> = [.any]
    switch model {
    case .linear: result.insert(.linear)
    case .twoLayer: result.insert(.twoLayer)
    }
    if case .generator(let generator, _) = source, generator.isMixture { result.insert(.gaussianMixture) }
    if expectedSeparable != nil { result.insert(.separability) }
    return result
  }
}
