//===--- OuterSignLayout.swift --------------------------------------------===//
// Which neurons of a two-layer network carry +1/√m and which −1/√m.
//===----------------------------------------------------------------------===//

import Exact

/// The fixed outer layer a_j = s_j/√m of a user's two-layer network:
///
/// - `halves`: s_j = +1 for the first m/2 neurons and −1 for the rest (the
///   paper's layout, and the tool's own networks');
/// - `alternating`: s_j = +1 for even j and −1 for odd j;
/// - `given`: the user's own ±1 per neuron (read from the network's outer
///   layer, for instance `sign(model[2].weight)`).
///
/// N is 1-homogeneous in the first layer for every layout, so the step, its
/// measurement and both scales of ``ResultAtBothScales`` are unchanged; only
/// which neuron counts with which sign differs.
public enum OuterSignLayout: Sendable, Hashable {
  case halves
  case alternating
  case given([Int])

  /// s_1, …, s_m for a first layer of m neurons.
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` when given signs do not
  ///   number m, or are not all ±1.
  public func signs(width m: Int) throws -> [Int] {
    switch self {
    case .halves: return (0..<m).map { $0 < m / 2 ? 1 : -1 }
    case .alternating: return (0..<m).map { $0 % 2 == 0 ? 1 : -1 }
    case .given(let signs):
      guard signs.count == m else {
        throw UnlearningError.badParameter("the outer-layer signs number \(signs.count), but the first layer has \(m) neurons")
      }
      if let bad = signs.firstIndex(where: { $0 != 1 && $0 != -1 }) {
        throw UnlearningError.badParameter("outer-layer sign \(bad) is \(signs[bad]); each must be +1 or −1")
      }
      return signs
    }
  }
}

extension HomogeneousModel {
  /// ``twoLayerUnitOuterLayer(width:activation:)`` with the outer signs of `layout`.
  public static func twoLayerUnitOuterLayer(width m: Int, activation: LeakyReLU, layout: OuterSignLayout) throws -> HomogeneousModel {
    HomogeneousModel(signs: try layout.signs(width: m), blockWeight: Rational(1), slope: activation.gamma)
  }
}
