// Exact numbers from text, for test inputs.

import Exact

/// A rational from text that must parse ("3/4", "0.1", "1e-40").
public func r(_ text: String) -> Rational { try! Rational(parsing: text) }
