//===--- PhaseTimer.swift -------------------------------------------------===//
// The pipeline's phases: wall-clock timings on request, and the current
// phase for a progress line.
//===----------------------------------------------------------------------===//

import Foundation
import Synchronization

/// Prints `phase: seconds` lines on standard error when the environment
/// variable `UNLEARNING_CHECK_TIMINGS` is set (to anything); the phase
/// profile in BENCHMARKS.md is made with it. It also keeps the innermost
/// running phase, with a done/total fraction where a loop reports one, so
/// the command line can show progress on long instances.
public enum PhaseTimer {
  public static let enabled = ProcessInfo.processInfo.environment["UNLEARNING_CHECK_TIMINGS"] != nil

  /// The running phases, innermost last, each with its fraction (0/0: none).
  static let running = Mutex<[(name: String, done: Int, total: Int)]>([])

  /// The innermost running phase and its fraction, if any phase runs.
  public static var current: (name: String, done: Int, total: Int)? { running.withLock { $0.last } }

  /// Runs `body` as the phase `name` and, when enabled, reports its wall time.
  public static func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    running.withLock { $0.append((name, 0, 0)) }
    defer { running.withLock { _ = $0.popLast() } }
    guard enabled else { return try body() }
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    try? FileHandle.standardError.write(contentsOf: Data("timing: \(name): \(String(format: "%.4f", seconds)) s\n".utf8))
    return result
  }

  /// Reports how far the innermost phase has come (for example rows done).
  public static func advance(_ done: Int, of total: Int) {
    running.withLock { phases in
      guard !phases.isEmpty else { return }
      phases[phases.count - 1].done = done
      phases[phases.count - 1].total = total
    }
  }
}
