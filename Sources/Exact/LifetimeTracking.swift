//===--- LifetimeTracking.swift -------------------------------------------===//
// Counts live GMP values in debug builds, so tests can prove that no
// arithmetic loop leaks. Release builds compile the counter away.
//===----------------------------------------------------------------------===//

#if EXACT_LIFETIME_TRACKING
import Synchronization

@usableFromInline
internal let _liveGMPValues = Atomic<Int>(0)
#endif

/// Bookkeeping for GMP-backed storage, for leak tests.
public enum GMPLifetime {
  /// Whether this build counts live GMP values (debug builds do).
  public static var isTracking: Bool {
    #if EXACT_LIFETIME_TRACKING
    return true
    #else
    return false
    #endif
  }

  /// The number of GMP values (`mpz_t` or `mpq_t`) alive right now in this
  /// process, or `nil` when this build does not track them.
  public static var liveValues: Int? {
    #if EXACT_LIFETIME_TRACKING
    return _liveGMPValues.load(ordering: .relaxed)
    #else
    return nil
    #endif
  }

  @inlinable @inline(__always)
  static func didInitialize() {
    #if EXACT_LIFETIME_TRACKING
    _liveGMPValues.add(1, ordering: .relaxed)
    #endif
  }

  @inlinable @inline(__always)
  static func didClear() {
    #if EXACT_LIFETIME_TRACKING
    _liveGMPValues.subtract(1, ordering: .relaxed)
    #endif
  }
}
