//===--- UnlearningCheck.swift --------------------------------------------===//
// The command-line tool: argument parsing, and errors and verdicts mapped to
// exit codes. Every decision and every report lives in the library modules.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Claims
import Formats
import Foundation

@main
struct UnlearningCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unlearning-check",
    abstract: "Checks the bounds of a machine-unlearning paper on concrete instances, exactly.",
    discussion: """
      Re-runs small instances of Melamed, Yehudai & Vardi, "Provable Unlearning with Gradient \
      Ascent on Two-Layer ReLU Neural Networks" (arXiv 2510.14844) in exact rational and \
      rigorously enclosed arithmetic, and reports claim by claim whether the bounds hold.

      Exit codes: 0 success; 1 a claim is REFUTED; 2 a result is INCONCLUSIVE; \
      64 usage error; 65 bad input data; 73 an output cannot be created; 74 an output cannot be written.
      """,
    version: ToolVersion.string,
    subcommands: [Run.self, InstanceCommand.self, ListCommand.self, Explain.self, Eval.self, FigureCommand.self, CompareCommand.self, CheckDataCommand.self, SweepCommand.self, MergeCommand.self, SearchCommand.self],
    defaultSubcommand: Run.self
  )

  /// Runs the tool. Replaces ArgumentParser's default entry point so that a
  /// usage error is one line on standard error (exit 64) rather than a
  /// message followed by the usage text.
  static func main() {
    // A closed pipe or a file-size limit must fail the write (exit 74), not kill the process with a signal.
    signal(SIGPIPE, SIG_IGN)
    signal(SIGXFSZ, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
      try flushStandardOutput()
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit((try? flushStandardOutput()) == nil ? ExitStatus.ioError : 0)
      }
      // A verdict's status (1, 2) whose report could not be written: the report is lost, 74.
      if [ExitStatus.refuted, ExitStatus.inconclusive].contains(code.rawValue), (try? flushStandardOutput()) == nil {
        Foundation.exit(ExitStatus.ioError)
      }
      let text = message(for: error).split(separator: "\n").first.map(String.init) ?? ""
      if !text.isEmpty {
        let line = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
        writeStandardError("unlearning-check: error: \(line) (see --help)\n")
      }
      Foundation.exit(code.rawValue)
    }
  }
}
