//===--- PhaseTimer.swift -------------------------------------------------===//
// Wall-clock timings of the pipeline's phases, on request, for profiling.
//===----------------------------------------------------------------------===//

import Foundation

/// Prints `phase: seconds` lines on standard error when the environment
/// variable `UNLEARNING_CHECK_TIMINGS` is set (to anything); otherwise free.
/// The phase profile in BENCHMARKS.md is made with it.
public enum PhaseTimer {
  public static let enabled = ProcessInfo.processInfo.environment["UNLEARNING_CHECK_TIMINGS"] != nil

  /// Runs `body` and, when enabled, reports its wall time under `name`.
  @inlinable
  public static func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    guard enabled else { return try body() }
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    FileHandle.standardError.write(Data("timing: \(name): \(String(format: "%.4f", seconds)) s\n".utf8))
    return result
  }
}
