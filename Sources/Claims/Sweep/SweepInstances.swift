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

  /// The instance of a point: the generator at its n, d, seed and grid, the
  /// model at its width and γ, the step c·β*, and `forget_size` = k > 0 a
  /// random set of k points drawn from the instance's seed (0 keeps `forget`).
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` naming the parameter.
  public func spec(_ point: SweepPoint) throws -> InstanceSpec {
    func int(_ key: String) throws -> Int {
      guard let text = point.parameters[key], let v = Int(text) else { throw UnlearningError.badParameter("\(key) must be an integer") }
      return v
    }
    func exact(_ key: String) throws -> Rational { try Rational(parsing: point.parameters[key] ?? "0") }
    let parameters = InstanceGenerator.Parameters(
      n: try int("n"), d: try int("d"), seed: UInt64(try int("seed")), gridBits: try int("grid_bits"),
      muNorm: try exact("mu_norm"), labelNoise: try exact("label_noise"), correlation: try exact("correlation"))
    let model: InstanceSpec.Model = twoLayer ? .twoLayer(width: try int("width"), gamma: try exact("gamma")) : .linear
    var spec = InstanceSpec(name: point.name, source: .generator(generator, parameters), model: model,
                            forget: try int("forget"), loss: loss, step: .scaled(try exact("step_scale")))
    let size = try int("forget_size")
    if size > 0 { spec.forgetSet = try ForgetSet.random(size: size, points: parameters.n, seed: parameters.seed) }
    spec.start = start
    return spec
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
