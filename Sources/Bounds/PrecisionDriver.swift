//===--- PrecisionDriver.swift --------------------------------------------===//
// Recompute at doubled precision until a question is decided or a cap is hit.
//===----------------------------------------------------------------------===//

/// The precisions an adaptive computation may use.
public struct PrecisionPolicy: Sendable, Hashable {
  /// The first working precision in bits (default 128).
  public var initial: Int
  /// The largest precision tried (default ``defaultCap``); undecided there is final.
  public var cap: Int

  /// The cap when none is given: 4096 bits.
  public static let defaultCap = 4096
  /// The precisions a caller may ask for, as a first precision or as a cap.
  public static let accepted = Interval.minimumPrecision...(1 << 20)

  public init(initial: Int = Interval.defaultPrecision, cap: Int = PrecisionPolicy.defaultCap) {
    precondition(initial >= Interval.minimumPrecision, "PrecisionPolicy: initial precision too small")
    self.initial = initial
    self.cap = max(cap, initial)
  }

  /// From `initial` bits up to the default cap (or `initial`, when larger).
  public init(startingAt initial: Int) { self.init(initial: initial, cap: max(Self.defaultCap, initial)) }

  /// Up to `cap` bits, from the default first precision (or the cap, when smaller).
  public init(cappedAt cap: Int) { self.init(initial: min(Interval.defaultPrecision, cap), cap: cap) }

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

extension PrecisionPolicy {
  /// `attempt` at each precision of the schedule until it does not throw an
  /// error that a higher precision may resolve; at the cap that error is
  /// rethrown. Any other error is final at once.
  ///
  /// Like ``decideAdaptively(_:_:)``, `attempt` must recompute from exact
  /// inputs at each precision.
  public func firstDecided<T>(_ attempt: (Int) throws -> T) throws -> T {
    let precisions = schedule
    for precision in precisions.dropLast() {
      do {
        return try attempt(precision)
      } catch let error as EnclosureError where error.mayResolveAtHigherPrecision {
        continue
      }
    }
    return try attempt(precisions.last!)
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
