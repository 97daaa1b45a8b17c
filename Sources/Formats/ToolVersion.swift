//===--- ToolVersion.swift ------------------------------------------------===//
// The version every report records.
//===----------------------------------------------------------------------===//

/// The tool's version (`unlearning-check --version`), recorded in reports
/// with the catalog's content hash, so that a report names what produced it.
public enum ToolVersion {
  public static let string = "0.5.0"
}
