//===--- Progress.swift ---------------------------------------------------===//
// Progress on standard error: redrawn on a terminal, plain lines in a log.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation
import Unlearning

/// `--progress auto|always|never`.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
  /// On a terminal only.
  case auto
  /// Also when standard error is a file or a pipe (a cluster job's log): plain lines.
  case always
  /// Never.
  case never
}

struct ProgressOptions: ParsableArguments {
  @Option(help: "Progress on standard error: auto (on a terminal), always (also into a file or pipe, as plain lines at most every 10 s, and the last) or never.")
  var progress: ProgressMode = .auto

  /// Where the progress goes, or nil for none.
  func line() -> ProgressLine? { ProgressLine(mode: progress) }
}

/// One progress line. On a terminal it is redrawn in place; elsewhere each
/// update is a plain line, at most one every `interval` seconds (the first
/// and the final one always), so a log of a long job stays short.
final class ProgressLine: @unchecked Sendable {
  let terminal: Bool
  private let interval: Double
  private let lock = NSLock()
  private var lastPlain: Date? = nil

  init?(mode: ProgressMode, interval: Double = 10) {
    terminal = isatty(2) != 0
    guard mode == .always || (mode == .auto && terminal) else { return nil }
    self.interval = interval
  }

  /// Shows `text`; `final` ends the line on a terminal and is always written elsewhere.
  func show(_ text: String, final: Bool = false) {
    lock.lock()
    defer { lock.unlock() }
    if terminal {
      writeStandardError("\r\u{1B}[K" + text + (final ? "\n" : ""))
      return
    }
    let now = Date()
    if final || lastPlain.map({ now.timeIntervalSince($0) >= interval }) ?? true {
      lastPlain = now
      writeStandardError(text + "\n")
    }
  }

  /// Clears a redrawn line (nothing to clear in a log).
  func clear() {
    if terminal { writeStandardError("\r\u{1B}[K") }
  }
}

/// `[k/N] analysed NAME`, for suites.
func progressReporter(_ line: ProgressLine?) -> (@Sendable (Int, Int, String) -> Void)? {
  guard let line else { return nil }
  return { done, total, name in line.show("[\(done)/\(total)] analysed \(name)", final: done == total) }
}

/// A progress line for one long instance: from two seconds on, the running
/// phase (and its fraction, where known) and the elapsed time, on `line`
/// twice a second (a log gets it at the line's own interval).
final class PhaseProgress: @unchecked Sendable {
  private let timer: DispatchSourceTimer?
  private let line: ProgressLine?
  private let start = Date()
  private var stopped = false

  init(_ line: ProgressLine?, delay: Double = 2) {
    self.line = line
    guard let line else { timer = nil; return }
    let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
    self.timer = timer
    let start = self.start
    timer.schedule(deadline: .now() + delay, repeating: 0.5)
    timer.setEventHandler {
      guard let phase = PhaseTimer.current else { return }
      let fraction = phase.total > 0 ? " \(phase.done)/\(phase.total)" : ""
      line.show("unlearning-check: \(phase.name)\(fraction) (\(Int(Date().timeIntervalSince(start))) s)")
    }
    timer.resume()
  }

  /// Stops and clears the line.
  func stop() {
    guard let timer, !stopped else { return }
    stopped = true
    timer.cancel()
    if Date().timeIntervalSince(start) >= 2 { line?.clear() }
  }
}
