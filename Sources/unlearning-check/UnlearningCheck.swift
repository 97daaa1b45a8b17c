//===--- UnlearningCheck.swift --------------------------------------------===//
// The command-line tool: argument parsing and exit codes only. Every decision
// lives in the library modules.
//===----------------------------------------------------------------------===//

import ArgumentParser

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
      64 usage error; 65 bad input data.
      """,
    subcommands: [Run.self, Eval.self],
    defaultSubcommand: Run.self
  )
}
