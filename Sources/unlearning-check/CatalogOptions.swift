//===--- CatalogOptions.swift ---------------------------------------------===//
// Options shared by the commands that read the catalog and a suite.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Formats
import Foundation
import Unlearning

extension ReportFormat: ExpressibleByArgument {}

struct CatalogOptions: ParsableArguments {
  @Option(help: "Directory of the claim catalog (*.toml). Default: ./theorems, else the package's own.")
  var theorems: String?

  /// The catalog directory: the option, ./theorems, or the one beside this source file's package.
  func directory() -> String {
    if let theorems { return theorems }
    let local = FileManager.default.currentDirectoryPath + "/theorems"
    if FileManager.default.fileExists(atPath: local) { return local }
    let packaged = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("theorems").path
    return packaged
  }

  /// Loads the catalog, or exits 65 naming file, line and claim.
  func load() throws -> Catalog {
    do {
      return try Catalog(directory: directory())
    } catch {
      throw failure("\(error)", code: ExitStatus.dataError)
    }
  }
}

struct SuiteOptions: ParsableArguments {
  @Option(help: "Instance suite: 'default' (seconds), 'regime' (the theorems' hypotheses hold; minutes) or a suite file (TOML with [[instance]] entries).")
  var suite: String = "default"

  @Option(help: "Precision cap in bits for undecided comparisons.")
  var maxPrecision: Int = PrecisionPolicy.defaultCap

  func validate() throws {
    try validatePrecision(maxPrecision, flag: "--max-precision")
  }

  func load() throws -> Suite {
    if let builtIn = Suite.builtIn(suite) { return builtIn }
    do {
      return try Suite(file: suite)
    } catch {
      throw failure("\(error)", code: ExitStatus.dataError)
    }
  }

  var policy: PrecisionPolicy { PrecisionPolicy(cappedAt: maxPrecision) }
}

/// Progress on standard error, only when it is a terminal.
func progressReporter() -> (@Sendable (Int, Int, String) -> Void)? {
  guard isatty(2) != 0 else { return nil }
  return { done, total, name in
    let line = "\r\u{1B}[K[\(done)/\(total)] analysed \(name)" + (done == total ? "\n" : "")
    writeStandardError(line)
  }
}

/// A progress line for one long instance: from two seconds on, the running
/// phase (and its fraction, where known) and the elapsed time, redrawn on
/// standard error twice a second, only when it is a terminal.
final class PhaseProgress: @unchecked Sendable {
  private let timer: DispatchSourceTimer?
  private let start = Date()
  private var stopped = false

  init(delay: Double = 2) {
    guard isatty(2) != 0 else { timer = nil; return }
    let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
    self.timer = timer
    let start = self.start
    timer.schedule(deadline: .now() + delay, repeating: 0.5)
    timer.setEventHandler {
      guard let phase = PhaseTimer.current else { return }
      let fraction = phase.total > 0 ? " \(phase.done)/\(phase.total)" : ""
      let line = "\r\u{1B}[Kunlearning-check: \(phase.name)\(fraction) (\(Int(Date().timeIntervalSince(start))) s)"
      writeStandardError(line)
    }
    timer.resume()
  }

  /// Stops and clears the line.
  func stop() {
    guard let timer, !stopped else { return }
    stopped = true
    timer.cancel()
    if Date().timeIntervalSince(start) >= 2 { writeStandardError("\r\u{1B}[K") }
  }
}
