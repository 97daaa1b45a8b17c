//===--- UnlearningError.swift --------------------------------------------===//
// Errors about instances and settings, each one line naming the problem.
//===----------------------------------------------------------------------===//

import Exact
import Formats

/// An error in the input of an instance or in its analysis.
public enum UnlearningError: Error, Equatable, CustomStringConvertible {
  /// A malformed or unsupported file (path, reason).
  case badFile(String, String)
  /// Data that is well-formed but unusable (NaN, wrong labels, shapes).
  case badData(String)
  /// A parameter out of its range.
  case badParameter(String)
  /// The data admits no separator: the margin problem is infeasible. The
  /// obstruction, when the solver found one, is Farkas' μ ≥ 0 with
  /// Σ_i μ_i y_i x_i = 0 and 1ᵀμ = 1 (one weight per point).
  case notSeparable(String, obstruction: ScaledIntegerVector? = nil)
  /// A computation that should terminate did not (a bug, reported as ERROR).
  case internalFailure(String)
  /// The forget index is not one of the points (index, number of points).
  case forgetOutOfRange(Int, points: Int)

  public var description: String {
    switch self {
    case .badFile(let path, let reason): return "\(path): \(reason)"
    case .badData(let reason): return reason
    case .badParameter(let reason): return reason
    case .notSeparable(let reason, _): return "not separable: \(reason)"
    case .internalFailure(let reason): return "internal failure: \(reason)"
    case .forgetOutOfRange(let r, let n): return "forget index \(r) is out of range for \(n) points (0-based)"
    }
  }
}

extension UnlearningError {
  /// Runs `body`, which reads the values of the file at `path`, so that an
  /// error about a value (NaN, an infinity, a malformed element) names the
  /// file: the readers raise it as ``FormatError/malformed(_:)`` or
  /// ``UnlearningError/badData(_:)``, and either becomes ``badFile(_:_:)``.
  public static func naming<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let UnlearningError.badData(reason) {
      throw UnlearningError.badFile(path, reason)
    } catch let FormatError.malformed(reason) {
      throw UnlearningError.badFile(path, reason)
    }
  }
}
