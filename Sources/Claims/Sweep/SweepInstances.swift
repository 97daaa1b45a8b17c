//===--- SweepInstances.swift ---------------------------------------------===//
// From a sweep point to the instance it names.
//===----------------------------------------------------------------------===//

import Exact
import Unlearning

/// The instances of a sweep: what every point shares (the model, the
/// generator, the loss, the start) and, per point, the varied parameters.
public struct SweepInstances: Sendable {
  /// The values of the parameters a sweep neither varies nor sets.
  public static let defaults: [String: String] = [
    "n": "10", "d": "1000", "forget": "0", "forget_size": "0", "step_scale": "1", "grid_bits": "16", "mu_norm": "0",
    "label_noise": "0", "correlation": "0", "width": "4", "gamma": "1/2",
  ]

  public var twoLayer: Bool
  public var generator: InstanceGenerator
  public var loss: Loss
  public var start: StartingPoint

  public init(twoLayer: Bool, generator: InstanceGenerator, loss: Loss, start: StartingPoint) {
    (self.twoLayer, self.generator, self.loss, self.start) = (twoLayer, generator, loss, start)
  }

  /// The instance of a point, decoded by ``InstanceFields`` from the point's
  /// parameters and what every point shares: the generator at its n, d, seed
  /// and grid, the model at its width and γ, the step c·β*, and
  /// `forget_size` = k > 0 a random set of k points drawn from the
  /// instance's seed (0 keeps `forget`). A parameter at its default that
  /// does not apply (γ of a linear model, ‖μ‖ of another generator) is left
  /// out; set to anything else, it is an error.
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` naming the parameter.
  public func spec(_ point: SweepPoint) throws -> InstanceSpec {
    var values = point.parameters.mapValues { InstanceFields.Value.text($0) }
    var inapplicable: [String] = []
    if !twoLayer { inapplicable += ["width", "gamma"] }
    if !generator.isMixture { inapplicable += ["mu_norm", "label_noise"] }
    if generator != .correlated && generator != .twoBlock { inapplicable += ["correlation"] }
    if point.parameters["forget_size"] == "0" { inapplicable.append("forget_size") } else { values["forget"] = nil }
    for key in inapplicable where point.parameters[key] == Self.defaults[key] { values[key] = nil }
    values["name"] = .text(point.name)
    values["setting"] = .text(twoLayer ? "two-layer" : "linear")
    values["generator"] = .text(generator.rawValue)
    values["loss"] = .text(loss.rawValue)
    switch start {
    case .kkt, .trained: values["start"] = .text(start.name)
    case .weights(let path): values["weights"] = .text(path)
    }
    do {
      return try InstanceFields(values).spec()
    } catch let problem as InstanceFields.Problem {
      throw UnlearningError.badParameter(problem.message)
    }
  }

  /// Checks every point of a grid before the first instance runs.
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` naming the point.
  public func validate(_ points: [SweepPoint]) throws {
    for point in points {
      do {
        try spec(point).validate()
      } catch let error as UnlearningError {
        throw UnlearningError.badParameter("grid point \(point.name): \(error)")
      }
    }
  }
}
