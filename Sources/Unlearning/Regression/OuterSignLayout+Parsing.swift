//===--- OuterSignLayout+Parsing.swift ------------------------------------===//
// A user's outer-layer layout from its name, a list of signs or a file.
//===----------------------------------------------------------------------===//

import Exact
import Formats
import Foundation

extension OuterSignLayout {
  /// `halves`, `alternating`, a comma list of ±1 (`1,-1,-1,1`), or a file of
  /// m numbers (the outer weights themselves: each one's sign is taken; a
  /// zero is refused).
  ///
  /// - Throws: ``UnlearningError`` naming the problem.
  public init(parsing text: String) throws {
    switch text {
    case "halves": self = .halves
    case "alternating": self = .alternating
    case _ where text.contains(",") || Int(text) != nil:
      let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.allSatisfy({ $0 == 1 || $0 == -1 }) else {
        throw UnlearningError.badParameter("outer-layer signs '\(text.prefix(60))' must be halves, alternating, a comma list of ±1, or a .npy file")
      }
      self = .given(parts.map { $0! })
    default:
      let array = try ArrayFile.read(text)
      let values = try UnlearningError.naming(text) { try (0..<array.count).map { try array.exactElement($0) } }
      if let zero = values.firstIndex(where: \.isZero) {
        throw UnlearningError.badFile(text, "outer weight \(zero) is 0: each neuron's outer weight must be positive or negative")
      }
      self = .given(values.map(\.signum))
    }
  }
}
