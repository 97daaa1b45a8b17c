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
  /// EX_CANTCREAT: an output file or directory cannot be created.
  static let cannotCreate: Int32 = 73
  /// EX_IOERR: writing an output failed (no space, an I/O error, a closed pipe).
  static let ioError: Int32 = 74
}

extension Evaluation {
  /// Ends a command that evaluated claims: 1 when a claim is REFUTED, 65
  /// (with the first error's line) when one is in ERROR, 2 when one is
  /// INCONCLUSIVE, and normally otherwise.
  func exitWithItsStatus() throws {
    switch failingVerdict {
    case .refuted?: throw ExitCode(ExitStatus.refuted)
    case .error?: throw firstError.map { failure($0, code: ExitStatus.dataError) } ?? ExitCode(ExitStatus.dataError)
    case .inconclusive?: throw ExitCode(ExitStatus.inconclusive)
    default: return
    }
  }
}

/// Writes an output through ``OutputFile`` (special files are written
/// through, never replaced); a failure is one line and exit 74.
func writeOutput(_ text: String, to path: String) throws {
  do {
    try OutputFile.write(text, to: path)
  } catch let error as FormatError {
    throw failure("\(error)", code: ExitStatus.ioError)
  }
}

/// Creates an output directory (and its parents); a failure is one line and exit 73.
func createOutputDirectory(_ path: String) throws {
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
    guard isDirectory.boolValue else { throw failure("\(path): exists and is not a directory", code: ExitStatus.cannotCreate) }
    return
  }
  do {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  } catch {
    throw failure("\(path): cannot be created", code: ExitStatus.cannotCreate)
  }
}

/// Writes text to standard error without trapping when it cannot be written
/// (a closed or full stream): the exit status still says what happened.
func writeStandardError(_ text: String) {
  try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
}

/// Flushes standard output; a report that cannot be written (no space, a
/// closed pipe, an I/O error) is a failure with exit 74, never a silent 0.
func flushStandardOutput() throws {
  // fflush(nil) flushes every output stream; standard output is the one the reports go to.
  if fflush(nil) != 0 {
    throw failure("standard output cannot be written (\(String(cString: strerror(errno))))", code: ExitStatus.ioError)
  }
}

/// Prints `unlearning-check: error: <message>` on one line of standard error
/// and returns the exit code to throw.
func failure(_ message: String, code: Int32) -> ExitCode {
  let line = "unlearning-check: error: " + message.replacingOccurrences(of: "\n", with: " ") + "\n"
  writeStandardError(line)
  return ExitCode(code)
}

/// A one-line warning on standard error (the run goes on).
func warn(_ message: String) {
  writeStandardError(("unlearning-check: warning: " + message.replacingOccurrences(of: "\n", with: " ") + "\n"))
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
  } catch EnclosureError.undecided(let reason) {
    // Undecided at the precision cap: INCONCLUSIVE, never a verdict.
    throw failure("undecided at the precision cap: \(reason)", code: ExitStatus.inconclusive)
  } catch let error as EnclosureError {
    throw failure("\(error)", code: ExitStatus.dataError)
  } catch let error as FormatError {
    if case .cannotWrite = error { throw failure("\(error)", code: ExitStatus.ioError) }
    throw failure("\(error)", code: ExitStatus.dataError)
  }
}

/// A precision flag's value must be in ``PrecisionPolicy/accepted`` (one range for every command).
func validatePrecision(_ bits: Int, flag: String) throws {
  guard PrecisionPolicy.accepted.contains(bits) else {
    throw ValidationError("\(flag) must be between \(PrecisionPolicy.accepted.lowerBound) and \(PrecisionPolicy.accepted.upperBound) bits")
  }
}

/// Output formats shared by commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
