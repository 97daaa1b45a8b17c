//===--- StartingPoint.swift ----------------------------------------------===//
// Where an instance starts: the exact KKT point, training, or a user's weights.
//===----------------------------------------------------------------------===//

/// Where an instance starts, in either setting.
public enum StartingPoint: Sendable, Hashable {
  /// The exact KKT point of S (for networks, the Frei-structured one, or
  /// the exact reason it is not a KKT point).
  case kkt
  /// Seeded full-batch gradient descent in binary64 (``LinearTrainedStart``,
  /// ``TrainedStart``), the seed being the instance's training seed.
  case trained
  /// A user's weights from a file (`.npy`, `.npz:NAME` or `.safetensors:NAME`):
  /// w (d values) for the linear model, the first layer W (m × d) for a network.
  case weights(String)

  /// `kkt`, `trained` or `weights`.
  public var name: String {
    switch self {
    case .kkt: return "kkt"
    case .trained: return "trained"
    case .weights: return "weights"
    }
  }

  /// Whether the start is trained or given: normalized to margin 1 and
  /// certified as an approximate KKT point (``ApproximateKKTPoint``).
  public var isApproximate: Bool { self != .kkt }
}
