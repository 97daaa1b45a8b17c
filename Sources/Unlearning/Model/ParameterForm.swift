//===--- ParameterForm.swift ----------------------------------------------===//
// Which exact form the linear weights are held in.
//===----------------------------------------------------------------------===//

/// How the linear setting holds w, w* and every vector after the step.
///
/// Both forms are exact and measure by definition (``Parameters``); they
/// differ in cost. Explicit vectors in ℚᵈ cost O(n·d) big-number operations
/// per vector, coefficients on the data rows O(n²). A trained or given start
/// is always explicit: its weights are a user's vector, not a combination of
/// the rows.
public enum ParameterForm: String, Sendable, Hashable, CaseIterable {
  /// Coefficients on the data rows when the start is the exact KKT point and
  /// d > n (where they are cheaper), explicit otherwise.
  case automatic = "auto"
  /// Explicit vectors in ℚᵈ.
  case explicit
  /// Coefficients on the data rows whenever the start is the exact KKT point.
  case span

  /// Whether an exact-KKT start of n points in ℝᵈ is held in the data span.
  public func usesSpan(points n: Int, dimension d: Int) -> Bool {
    switch self {
    case .automatic: return d > n
    case .explicit: return false
    case .span: return true
    }
  }
}
