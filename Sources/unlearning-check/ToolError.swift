//===--- ToolError.swift --------------------------------------------------===//
// One-line error messages and sysexits-style exit codes.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Formats
import Foundation
import Unlearning

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

/// Runs library code, turning its errors into one-line messages and exit
/// codes: 64 for a bad parameter, 65 for bad data or a failed enclosure.
func withExitCodes<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as UnlearningError {
    switch error {
    case .badParameter: throw failure("\(error)", code: ExitStatus.usage)
    case .forgetOutOfRange: throw failure("--forget: \(error)", code: ExitStatus.usage)
    default: break
    }
    throw failure("\(error)", code: ExitStatus.dataError)
  } catch let error as EnclosureError {
    throw failure("\(error)", code: ExitStatus.dataError)
  } catch let error as FormatError {
    throw failure("\(error)", code: ExitStatus.dataError)
  }
}

/// Output formats shared by commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
