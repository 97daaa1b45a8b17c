// Runs the built `unlearning-check` binary and captures what it prints.

import Dispatch
import Foundation
import Synchronization
import Testing
import Claims
import Formats

/// The result of one run of the tool.
struct ToolResult: CustomStringConvertible {
  var status: Int32
  var stdout: String
  var stderr: String
  var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// The tool's binary, next to the test bundle in the build folder.
func toolURL() throws -> URL {
  let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
    let url = candidate.appendingPathComponent("unlearning-check")
    if FileManager.default.isExecutableFile(atPath: url.path) { return url }
  }
  throw ToolNotFound(searched: bundleDirectory.path)
}

struct ToolNotFound: Error, CustomStringConvertible {
  var searched: String
  var description: String { "unlearning-check binary not found near \(searched); build it first" }
}

/// Runs the tool with arguments and optional standard input.
func runTool(_ arguments: [String], stdin: String? = nil) throws -> ToolResult {
  try runProcess(toolURL(), arguments, stdin: stdin)
}

/// Runs any program, draining stdout and stderr at once (a child that fills
/// one pipe while we wait on the other would block both), with the Swift
/// backtracer off (a crash must end the child at once, not leave a helper
/// holding stderr open).
func runProcess(_ executable: URL, _ arguments: [String], stdin: String? = nil) throws -> ToolResult {
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  let out = Pipe(), err = Pipe(), input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = input
  var environment = ProcessInfo.processInfo.environment
  environment["SWIFT_BACKTRACE"] = "enable=no"
  process.environment = environment
  try process.run()
  let stderrData = Mutex(Data())
  let drained = DispatchGroup()
  drained.enter()
  DispatchQueue.global().async {
    let data = err.fileHandleForReading.readDataToEndOfFile()
    stderrData.withLock { $0 = data }
    drained.leave()
  }
  if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
  try input.fileHandleForWriting.close()
  let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
  drained.wait()
  process.waitUntilExit()
  return ToolResult(
    status: process.terminationStatus,
    stdout: String(decoding: stdoutData, as: UTF8.self),
    stderr: String(decoding: stderrData.withLock { $0 }, as: UTF8.self))
}

/// One run of the default suite, `run --format json --certificate DIR`,
/// shared by the end-to-end tests that only read its report or its
/// certificates (each run takes seconds in a debug build; five tests ran it
/// on their own). The certificates stay in a temporary folder for the
/// process's lifetime; a test that changes a certificate copies it first.
enum DefaultSuiteRun {
  private static let shared: Result<(result: ToolResult, certificates: String), any Error> = Result {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("default-suite-\(UUID().uuidString)").path
    return (try runTool(["run", "--format", "json", "--certificate", directory]), directory)
  }

  /// The run's result (its JSON report on stdout).
  static func result() throws -> ToolResult { try shared.get().result }

  /// The directory of its certificates.
  static func certificates() throws -> String { try shared.get().certificates }
}
