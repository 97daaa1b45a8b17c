//===--- Comparison+Scales.swift ------------------------------------------===//
// compare's reading of the result at the user's scale and at margin 1.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation

extension Comparison {
  /// What a user should not miss, one line each: a forgotten point that is
  /// no support vector (β* = 0, the exact step changes nothing), a start that
  /// does not separate the data, and a result that misclassifies retained points.
  public var warnings: [String] {
    var found: [String] = []
    if noSupportVectorForgotten {
      found.append("no forgotten point is a support vector of your start (λ_r = 0): β* = 0, and the exact step leaves the model unchanged")
    }
    if rho == nil {
      found.append("your start does not separate the data (min_i y_i N(x_i; θ) ≤ 0): there is no margin-1 reading")
    }
    if result.correct < result.retained {
      found.append("your unlearned model misclassifies \(result.retained - result.correct) of \(result.retained) retained points "
        + "(y_i N(x_i; θ') ≤ 0): it is harmed, not only unlearned")
    }
    return found
  }

  /// The effective β of the user's update: the fitted scale s of its change
  /// along the exact change, times the β the exact step took (nil for a
  /// forget set, or when either is undefined).
  public var effectiveBeta: Value? {
    guard let s = agreement?.scale, let beta = stepSizes?.user else { return nil }
    let taken: Value
    switch step {
    case .scaled(let c): taken = Value.multiply(.exact(c), beta, precision: Interval.defaultPrecision)
    case .explicit(let b): taken = .exact(b)
    }
    return Value.multiply(s, taken, precision: Interval.defaultPrecision)
  }

  /// The `scale` member of the JSON: ρ, β* at both scales, the effective β,
  /// and (ε, δ, τ) of the user's result and of the exact step at margin 1
  /// and at the user's scale.
  func scaleJSON() throws -> JSON {
    func residuals(_ r: ResultAtBothScales) throws -> JSON {
      var members: [JSON.Member] = [
        .init("epsilon", .enclosure(try Value.squareRoot(.exact(r.epsilon2), precision: Interval.defaultPrecision))),
        .init("delta", .enclosure(r.delta)), .init("tau", .enclosure(r.tau)),
      ]
      if let one = r.atMarginOne {
        members.append(.init("at_margin_one", .object([
          .init("epsilon", .enclosure(try Value.squareRoot(.exact(one.epsilon2), precision: Interval.defaultPrecision))),
          .init("delta", .enclosure(.exact(one.delta))), .init("tau", .enclosure(.exact(one.tau))),
        ])))
      } else {
        members.append(.init("at_margin_one", .null))
      }
      members.append(.init("retained_correct", .integer(r.correct)))
      return .object(members)
    }
    return .object([
      .init("rho", rho.map(JSON.enclosure) ?? .null),
      .init("beta_star_user", stepSizes.map { .enclosure($0.user) } ?? .null),
      .init("beta_star_margin_one", stepSizes.map { .enclosure($0.atMarginOne) } ?? .null),
      .init("effective_beta", effectiveBeta.map(JSON.enclosure) ?? .null),
      .init("yours", try residuals(result)),
      .init("exact_step", try exactResult.map(residuals) ?? .null),
    ])
  }

  /// The text lines on scale: ρ, β* at both scales, and a table of (ε, δ, τ)
  /// at margin 1 and at the user's scale, for the user's result and the exact
  /// step's, each an upper end rounded up (the JSON has the enclosures).
  func scaleLines() throws -> [String] {
    var lines: [String] = []
    if let rho {
      lines.append("your start     ρ = min_i y_i N(x_i; θ) = \(Self.upper(rho)): the theory's (ε, δ, τ) are those of θ'/ρ, at margin 1")
    }
    if let beta = stepSizes {
      let taken: String
      switch step {
      case .scaled(let c): taken = c == Rational(1) ? "the step compared" : "the step compared is \(c.brief) × β*"
      case .explicit(let b): taken = "the step compared is β = \(b.brief)"
      }
      lines.append("step size      β* = λ_r/|ℓ'(q_r)| = \(Self.brief(beta.user)) at your scale (\(taken)); β̂* = \(Self.brief(beta.atMarginOne)) at margin 1")
      if let effective = effectiveBeta {
        lines.append("               your update's effective β = \(Self.brief(effective))")
        // The usual scale bug: the margin-1 step applied to weights at their own scale ρ ≠ 1.
        let (e, one, user) = (effective.approximation, beta.atMarginOne.approximation, beta.user.approximation)
        if one > 0, abs(e / one - 1) < 1e-6, abs(user / one - 1) > 1e-3 {
          lines.append("               that is β̂*, the step for weights at margin 1; yours are at scale ρ, where the step is β*")
        }
      }
    }
    lines.append("retained data  certified (ε, δ, τ), best multipliers by exact NNLS; upper ends, rounded up")
    var columns: [(name: String, result: ResultAtBothScales)] = [("yours", result)]
    if let exactResult { columns.append(("exact step", exactResult)) }
    // Margin 1 first (the theory's scale), then the user's; yours beside the exact step's in each.
    typealias Reading = (epsilon2: Rational, delta: Value, tau: Value, correct: String)
    var cells: [(header: String, reading: Reading)] = []
    for atMarginOne in [true, false] {
      for (name, r) in columns {
        let count = "\(r.correct)/\(r.retained)"
        if !atMarginOne {
          cells.append(("\(name) @ your scale", (r.epsilon2, r.delta, r.tau, count)))
        } else if let one = r.atMarginOne {
          cells.append(("\(name) @ margin 1", (one.epsilon2, .exact(one.delta), .exact(one.tau), count)))
        }
      }
    }
    func row(_ name: String, _ text: [String]) -> String {
      ("  " + name.padding(toLength: 9, withPad: " ", startingAt: 0) + text.map(Self.cell).joined())
        .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    lines.append(row("", cells.map(\.header)))
    lines.append(row("epsilon", try cells.map { try Self.upperRoot($0.reading.epsilon2) }))
    lines.append(row("delta", cells.map { Self.upper($0.reading.delta) }))
    lines.append(row("tau", cells.map { Self.upper($0.reading.tau) }))
    lines.append(row("correct", cells.map(\.reading.correct)))
    return lines
  }

  static func cell(_ text: String) -> String { text.padding(toLength: max(24, text.count + 2), withPad: " ", startingAt: 0) }

  /// The upper end of an enclosure, rounded up to 6 significant digits.
  static func upper(_ x: Value) -> String { x.bounds.hi.decimalString(significantDigits: 6, rounding: .up) }

  static func upperRoot(_ x2: Rational) throws -> String {
    upper(try Value.squareRoot(.exact(x2), precision: Interval.defaultPrecision))
  }
}
