//===--- FormatError.swift ------------------------------------------------===//
// Errors of the file formats, each one line naming the problem.
//===----------------------------------------------------------------------===//

/// A file or text that a format cannot read or write.
public enum FormatError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A file that cannot be read or written, or is malformed (path, reason).
  case file(String, String)
  /// Contents that are malformed or unsupported (reason).
  case malformed(String)
  /// An output that could not be written (path, the system's reason).
  case cannotWrite(String, String)

  public var description: String {
    switch self {
    case .file(let path, let reason): return "\(path): \(reason)"
    case .malformed(let reason): return reason
    case .cannotWrite(let path, let reason): return "\(path): cannot be written (\(reason))"
    }
  }
}
