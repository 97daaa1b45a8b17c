//===--- Comparison.swift -------------------------------------------------===//
// `compare` as a request: a user's float step against the exact one, judged.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats

/// A user's float unlearning step (starting weights and unlearned weights in
/// files) against the exact step from the same starting weights, in either
/// setting, with its verdict:
///
/// - within when the normwise relative error max_k|u_k − v_k| / max_k|v_k| is
///   at most the tolerance and, when a ulp limit is given, every entry is
///   within that many ulps of the correctly rounded exact value;
/// - outside when either fails; undecided when the normwise comparison is
///   not decided at the working precision.
///
/// Also the certified (ε, δ, τ) of the user's unlearned model on the
/// retained data, from ``ApproximateKKTPoint`` (``LinearComparison``,
/// ``TwoLayerComparison``).
public struct Comparison: Sendable {
  public enum Setting: Sendable, Hashable {
    case linear
    /// φ(z) = max(γz, z); the outer layer s_j/√m with the signs of `outerSigns`.
    case twoLayer(gamma: Rational, outerSigns: OuterSignLayout = .halves)
  }

  public enum Verdict: Sendable, Hashable {
    case within, outside, undecided
  }

  /// What the normwise error e looks like.
  ///
  /// A correct float64 step is off by a few units of 2⁻⁵³ times the
  /// conditioning of the computation that produced its multipliers; e ≤ 2⁻³⁶
  /// leaves a factor 2¹⁷ for that. A float32 pipeline rounds at 2⁻²⁴, and
  /// e ≤ 2⁻¹⁶ with every entry a float32 leaves 2⁸. Anything else is a
  /// different step: a wrong sign, scale, point, gradient or algorithm.
  public enum ErrorReading: String, Sendable, Hashable {
    case float64Rounding = "float64 rounding"
    case float32Rounding = "float32 rounding"
    case differentStep = "a different step"
  }

  public let setting: Setting
  public let errors: FloatErrors
  /// ε² of the user's starting weights (linear: their own NNLS decomposition).
  public let startResidual2: Rational?
  /// The user's result on the retained data at the user's scale and at margin 1, and the exact step's (when rational).
  public let result: ResultAtBothScales
  public let exactResult: ResultAtBothScales?
  /// β* at the user's scale and at margin 1 (one forgotten point).
  public let stepSizes: (user: Value, atMarginOne: Value)?
  /// ρ = min_i y_i N(x_i; θ) of the user's start (nil when it does not separate the data).
  public let rho: Value?
  /// The step the comparison took: c·β* or an explicit β.
  public let step: StepRule
  /// Whether no forgotten point is a support vector of the start (β* = 0).
  public let noSupportVectorForgotten: Bool
  /// Pairs (i ∉ F, j) whose activation differs from the exact step's (two layers).
  public let patternMismatches: Int?
  /// The data's d, to name an entry of a first layer.
  public let dimension: Int
  public let tolerance: Rational
  public let maximumUlps: UInt64?
  /// Whether the normwise error is within the tolerance; nil when undecided.
  public let withinNormwise: Bool?
  /// The user's entry and the exact one where the absolute error is largest.
  public let userAtLargest: Double
  public let exactAtLargest: Value
  /// The user's change against the exact change (nil when the exact step does not move).
  public let agreement: StepAgreement?
  /// Whether every entry of the user's result is a float32 value.
  public let resultIsFloat32: Bool
  /// How the labels were read, when that needs saying (0/1 labels read as ±1).
  public let labelNote: String?

  /// Reads the data, labels and both weight files exactly (every float64 is
  /// a dyadic rational) and compares.
  ///
  /// - Throws: ``UnlearningError`` naming the file and the problem.
  public init(data: String, labels: String, weights: String, unlearned: String, setting: Setting, forgetSet: [Int], loss: Loss,
              step: StepRule, tolerance: Rational, maximumUlps: UInt64?) throws {
    let instance = try Instance(dataFile: data, labelFile: labels)
    labelNote = instance.labelEncoding
    self.setting = setting
    self.dimension = instance.dimension
    self.tolerance = tolerance
    self.maximumUlps = maximumUlps
    self.step = step
    switch setting {
    case .linear:
      let start = try Self.vector(weights), result = try Self.vector(unlearned)
      let c = try LinearComparison(instance: instance, weights: start.exact, unlearned: result.doubles, forgetSet: forgetSet, loss: loss, step: step)
      (errors, startResidual2, patternMismatches) = (c.errors, c.startResidual2, nil)
      (self.result, exactResult, stepSizes) = (c.readings.result, c.readings.exactResult, c.readings.stepSizes)
      noSupportVectorForgotten = c.readings.forgottenMultipliers.allSatisfy(\.isZero)
      rho = c.readings.startMargin.flatMap { $0.signum > 0 ? .exact($0) : nil }
      (userAtLargest, exactAtLargest) = (result.doubles[c.errors.largestIndex], c.expected[c.errors.largestIndex])
      agreement = StepAgreement(start: start.exact, user: result.doubles, exact: c.expected)
      resultIsFloat32 = Self.allFloat32(result.doubles)
    case .twoLayer(let gamma, let layout):
      let start = try Self.layer(weights), result = try Self.layer(unlearned)
      let c = try TwoLayerComparison(instance: instance, weights: start.exact, unlearned: result.doubles, forgetSet: forgetSet,
                                     gamma: gamma, loss: loss, step: step, outerSigns: layout)
      (errors, startResidual2, patternMismatches) = (c.errors, nil, c.patternMismatches)
      (self.result, exactResult, stepSizes) = (c.readings.result, c.readings.exactResult, c.readings.stepSizes)
      noSupportVectorForgotten = c.readings.forgottenMultipliers.allSatisfy(\.isZero)
      // ρ = min_i R_i / √m.
      rho = try c.readings.startMargin.flatMap { $0.signum > 0 ? try Value.squareRoot(.exact($0 * $0 / Rational(start.exact.count)), precision: Interval.defaultPrecision) : nil }
      let (user, begin) = (result.doubles.flatMap { $0 }, start.exact.flatMap { $0 })
      (userAtLargest, exactAtLargest) = (user[c.errors.largestIndex], c.expected[c.errors.largestIndex])
      agreement = StepAgreement(start: begin, user: user, exact: c.expected)
      resultIsFloat32 = Self.allFloat32(user)
    }
    withinNormwise = Relation.compare(errors.normwiseRelative ?? errors.maximumAbsolute, .lessOrEqual, .exact(tolerance),
                                      precision: Interval.defaultPrecision)
  }

  /// max_k|u_k − v_k| / max_k|v_k| (the absolute error when v = 0).
  public var normwise: Value { errors.normwiseRelative ?? errors.maximumAbsolute }
  /// Whether every entry is within the ulp limit (true without one).
  public var withinUlps: Bool { maximumUlps.map { errors.maximumUlps <= $0 } ?? true }

  /// The reading of the normwise error (``ErrorReading``), from its upper end.
  public var reading: ErrorReading { Self.reading(normwise: normwise, resultIsFloat32: resultIsFloat32) }

  public static func reading(normwise: Value, resultIsFloat32: Bool) -> ErrorReading {
    let e = normwise.bounds.hi
    if e <= Rational(1) / Rational(BigInt(1) << 36) { return .float64Rounding }
    if resultIsFloat32 && e <= Rational(1) / Rational(BigInt(1) << 16) { return .float32Rounding }
    return .differentStep
  }

  static func allFloat32(_ values: [Double]) -> Bool {
    values.allSatisfy { Double(Float($0)) == $0 }
  }

  public var verdict: Verdict {
    guard let normwise = withinNormwise else { return .undecided }
    return normwise && withinUlps ? .within : .outside
  }

  /// An entry's position: "entry k" for a weight vector, "neuron j, coordinate k" for a first layer.
  public func position(_ index: Int) -> String {
    guard case .twoLayer = setting, dimension > 0 else { return "entry \(index)" }
    return "neuron \(index / dimension), coordinate \(index % dimension)"
  }

  /// A weight vector from a length-d or 1×d array, exactly and as doubles.
  static func vector(_ path: String) throws -> (exact: [Rational], doubles: [Double]) {
    let array = try ArrayFile.read(path)
    guard array.shape.count == 1 || (array.shape.count == 2 && array.shape[0] == 1) else {
      throw UnlearningError.badFile(path, "weights must be a length-d vector or a 1×d array, got shape \(array.shape)")
    }
    return (try UnlearningError.naming(path) { try (0..<array.count).map { try array.exactElement($0) } }, array.doubles)
  }

  /// An m×d first layer, exactly and as doubles.
  static func layer(_ path: String) throws -> (exact: [[Rational]], doubles: [[Double]]) {
    let array = try ArrayFile.read(path)
    guard array.shape.count == 2 else {
      throw UnlearningError.badFile(path, "two-layer weights must be an m×d array, got shape \(array.shape)")
    }
    let (m, d) = (array.shape[0], array.shape[1])
    let doubles = array.doubles
    let exact = try UnlearningError.naming(path) { try (0..<m).map { j in try (0..<d).map { try array.exactElement(j * d + $0) } } }
    return (exact, (0..<m).map { j in Array(doubles[(j * d)..<((j + 1) * d)]) })
  }
}

extension NumpyArray {
  /// The elements as doubles (integers converted).
  var doubles: [Double] {
    switch elements {
    case .floats(let values): return values
    case .integers(let values): return values.map(Double.init)
    }
  }
}

extension Comparison {
  /// The `compare --format json` document.
  public func json(toolVersion: String) throws -> JSON {
    let epsilon = try Value.squareRoot(.exact(result.epsilon2), precision: Interval.defaultPrecision)
    let within = withinNormwise
    return JSON.object([
      .init("schema_version", .integer(1)), .init("tool_version", .string(toolVersion)),
      .init("setting", .string(settingName)),
      .init("max_abs_error", .enclosure(errors.maximumAbsolute)),
      .init("max_rel_error", errors.maximumRelative.map(JSON.enclosure) ?? .null),
      .init("normwise_rel_error", .enclosure(normwise)),
      .init("max_ulps", .number(String(errors.maximumUlps))),
      .init("worst_index", .integer(errors.worstIndex)),
      .init("tolerance", .string(tolerance.description)),
      .init("max_ulps_allowed", maximumUlps.map { .number(String($0)) } ?? .null),
      .init("within_tolerance", within == nil ? .null : .bool(verdict == .within)),
      .init("within_normwise", within.map(JSON.bool) ?? .null),
      .init("within_ulps", maximumUlps == nil ? .null : .bool(withinUlps)),
      .init("error_reading", .string(reading.rawValue)), .init("result_is_float32", .bool(resultIsFloat32)),
      .init("worst_position", .string(position(errors.worstIndex))),
      .init("start_epsilon", try startResidual2.map { r in .enclosure(try Value.squareRoot(.exact(r), precision: 128)) } ?? .null),
      .init("epsilon", .enclosure(epsilon)),
      .init("delta", .enclosure(result.delta)),
      .init("tau", .enclosure(result.tau)),
      .init("scale", try scaleJSON()),
      .init("retained_correct", .integer(result.correct)), .init("retained_count", .integer(result.retained)),
      .init("warnings", .array(warnings.map(JSON.string))),
      .init("activation_mismatches", patternMismatches.map { .integer($0) } ?? .null),
      .init("largest_error", .object([
        .init("index", .integer(errors.largestIndex)), .init("position", .string(position(errors.largestIndex))),
        .init("yours", .double(userAtLargest)), .init("exact", .enclosure(exactAtLargest)),
      ])),
      .init("step_agreement", agreement.map { a in
        .object([.init("scale", .enclosure(a.scale)), .init("cosine", a.cosine.map(JSON.enclosure) ?? .null)])
      } ?? .null),
    ])
  }

  /// The `compare` text report.
  public func text() throws -> String {
    let e = errors
    var lines = [
      "max abs error  \(e.maximumAbsolute.textRendering(precision: 64))",
      "max rel error  \(e.maximumRelative?.textRendering(precision: 64) ?? "-")",
    ]
    let ulpVerdict = maximumUlps.map { withinUlps ? "; allowed \($0): within" : "; allowed \($0): OUTSIDE" } ?? ""
    lines.append("max error      \(e.maximumUlps) ulps (\(position(e.worstIndex)))\(ulpVerdict)")
    lines.append("               (ulps count against the correctly rounded exact value: an entry that nearly cancels")
    lines.append("               has a tiny ulp, so many ulps there can still be a tiny absolute error)")
    let within = withinNormwise
    let normVerdict = within == nil ? "undecided" : within! ? "within" : "OUTSIDE"
    lines.append("normwise error \(normwise.textRendering(precision: 64)); tolerance \(tolerance.decimalString(significantDigits: 6, rounding: .up)): \(normVerdict)")
    if let within {
      let failing = [within ? nil : "the normwise error", withinUlps ? nil : "the ulp check"].compactMap { $0 }.joined(separator: " and ")
      lines.append("verdict        \(verdict == .within ? "within tolerance" : "OUTSIDE: " + failing)")
    }
    lines.append("reading        \(readingSentence)")
    lines.append("largest error  at \(position(e.largestIndex)): yours \(userAtLargest), exact \(exactAtLargest.textRendering(precision: 64))")
    if let a = agreement {
      let cosine = a.cosine.map { ", cosine \(Self.brief($0))" } ?? ", no change at all"
      var hint = Self.diagnosis(a)
      if case .twoLayer = setting, let c = a.cosine?.approximation, abs(c) < 0.9 { hint += "; is the outer layer laid out otherwise? see --outer-signs" }
      lines.append("your change    \(Self.brief(a.scale)) × the exact step's along its direction\(cosine)\(hint)")
    }
    lines += try scaleLines()
    if let mismatches = patternMismatches {
      lines.append("activation patterns: \(mismatches == 0 ? "match the exact step" : "\(mismatches) pairs (i, j) differ from the exact step")")
    }
    lines += warnings.map { "warning: " + $0 }
    return lines.joined(separator: "\n")
  }

  /// The error reading as a sentence for the text report.
  var readingSentence: String {
    switch reading {
    case .float64Rounding: return "the error is float64 rounding (normwise ≤ 2^-36)"
    case .float32Rounding: return "the error is float32 rounding (every entry a float32, normwise ≤ 2^-16)"
    case .differentStep:
      return "a different step, not rounding (normwise > 2^-36\(resultIsFloat32 ? ", and > 2^-16 for float32 values" : ""))"
    }
  }

  /// About 6 significant digits of an enclosure's midpoint.
  static func brief(_ x: Value) -> String {
    let v = x.approximation
    return abs(v) >= 1e-4 && abs(v) < 1e6 ? String(format: "%.6g", v) : String(format: "%.4e", v)
  }

  /// A reading of the agreement that names a likely bug, or "".
  static func diagnosis(_ a: StepAgreement) -> String {
    guard let cosine = a.cosine?.approximation else { return "" }
    let s = a.scale.approximation
    if cosine < -0.99 { return " (a descent step? the exact one ascends)" }
    if cosine > 0.99 && abs(s - 1) > 1e-3 { return " (β scaled wrongly?)" }
    if abs(cosine) < 0.9 { return " (it moves in another direction)" }
    return ""
  }

  var settingName: String {
    switch setting {
    case .linear: return "linear"
    case .twoLayer: return "two-layer"
    }
  }
}
