//===--- PrecisionDriver.swift --------------------------------------------===//
// Recompute at doubled precision until a question is decided or a cap is hit.
//===----------------------------------------------------------------------===//

/// The precisions an adaptive computation may use.
public struct PrecisionPolicy: Sendable, Hashable {
  /// The first working precision in bits (default 128).
  public var initial: Int
  /// The largest precision tried (default 4096); undecided there is final.
  public var cap: Int

  public init(initial: Int = Interval.defaultPrecision, cap: Int = 4096) {
    precondition(initial >= Interval.minimumPrecision, "PrecisionPolicy: initial precision too small")
    self.initial = initial
    self.cap = max(cap, initial)
  }

  /// initial, 2·initial, 4·initial, … up to and including the cap.
  public var schedule: [Int] {
    var result: [Int] = []
    var p = initial
    while p < cap {
      result.append(p)
      p *= 2
    }
    result.append(cap)
    return result
  }
}

/// The result of an adaptive decision.
public enum Decision<T: Sendable>: Sendable {
  /// Decided at this precision.
  case decided(T, precision: Int)
  /// Still undecided at the cap.
  case undecided(precision: Int, reason: String)
  /// A final error (domain, overflow, invalid input, unknown name, …).
  case failed(any Error)

  /// The decided value, or `nil`.
  public var decidedValue: T? {
    if case .decided(let value, _) = self { return value }
    return nil
  }

  /// Whether this is a final error.
  public var isFailure: Bool {
    if case .failed = self { return true }
    return false
  }
}

/// Runs `attempt` at each precision of the policy until it returns a value.
///
/// `attempt` returns `nil`, or throws ``EnclosureError/undecided(_:)``, when
/// the enclosures at that precision cannot decide; any other error is final.
/// The whole computation must be redone from exact inputs at each precision
/// (never from a rounded intermediate), which is why `attempt` takes it.
public func decideAdaptively<T: Sendable>(_ policy: PrecisionPolicy = PrecisionPolicy(), _ attempt: (Int) throws -> T?) -> Decision<T> {
  var reason = "the enclosures overlap"
  for precision in policy.schedule {
    do {
      if let value = try attempt(precision) { return .decided(value, precision: precision) }
    } catch let error as EnclosureError where error.mayResolveAtHigherPrecision {
      reason = error.description
    } catch {
      return .failed(error)
    }
  }
  return .undecided(precision: policy.cap, reason: reason)
}
