//===--- ToolError.swift --------------------------------------------------===//
// One-line error messages and sysexits-style exit codes.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation

/// The tool's exit codes.
enum ExitStatus {
  static let refuted: Int32 = 1
  static let inconclusive: Int32 = 2
  static let usage: Int32 = 64
  static let dataError: Int32 = 65
}

/// Prints `unlearning-check: error: <message>` on one line of standard error
/// and returns the exit code to throw.
func failure(_ message: String, code: Int32) -> ExitCode {
  let line = "unlearning-check: error: " + message.replacingOccurrences(of: "\n", with: " ") + "\n"
  FileHandle.standardError.write(Data(line.utf8))
  return ExitCode(code)
}

/// Output formats shared by commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
