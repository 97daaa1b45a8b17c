// Runs the built `unlearning-check` binary and captures what it prints.

import Foundation
import Testing

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
  let process = Process()
  process.executableURL = try toolURL()
  process.arguments = arguments
  let out = Pipe(), err = Pipe(), input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = input
  try process.run()
  if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
  try input.fileHandleForWriting.close()
  // Read before waiting, so a large output cannot fill the pipe and block.
  let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
  let stderrData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return ToolResult(
    status: process.terminationStatus,
    stdout: String(decoding: stdoutData, as: UTF8.self),
    stderr: String(decoding: stderrData, as: UTF8.self))
}
