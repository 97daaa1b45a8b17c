//===--- Eval.swift -------------------------------------------------------===//
// `unlearning-check eval`: enclose an expression rigorously.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Exact
import Formats
import Unlearning

struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Evaluate an expression exactly, or enclose it rigorously.",
    discussion: """
      Numbers are exact decimals or fractions (0.1 is 1/10). Operators: + - * / ^ and \
      parentheses; integer powers may be negative (10^-40). Functions: sqrt exp log log1p erf \
      erfc Phi abs min max; the constant pi. Rational results are printed exactly; results \
      with a transcendental are enclosures [lo, hi] with exact dyadic endpoints.

      Exit codes: 0 evaluated; 2 undecided at the precision cap (e.g. log of a value that \
      cannot be separated from 0); 64 syntax error or unknown name; 65 domain error or overflow.
      An expression that starts with '-' goes after '--': unlearning-check eval -- "-2^2".
      """
  )

  @Argument(help: "The expression, e.g. \"exp(1) - 2.718\".")
  var expression: String

  @Option(help: "Working precision in bits (at least 8).")
  var precision: Int = Interval.defaultPrecision

  @Option(help: "Output format: text or json ({\"lo\", \"hi\", \"approx\"}).")
  var format: OutputFormat = .text

  @Option(name: .customLong("set"), help: "Define a name: --set x=1/3 (repeatable).")
  var definitions: [String] = []

  func validate() throws {
    try validatePrecision(precision, flag: "--precision")
  }

  func run() throws {
    var table: [String: Value] = [:]
    for definition in definitions {
      let parts = definition.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw failure("--set expects name=value, got '\(definition)'", code: ExitStatus.usage)
      }
      do {
        table[parts[0].trimmingWhitespace] = .exact(try Rational(parsing: parts[1].trimmingWhitespace))
      } catch {
        throw failure("--set \(parts[0]): \(error)", code: ExitStatus.usage)
      }
    }
    let parsed: Expression
    do {
      parsed = try Expression(parsing: expression)
    } catch {
      throw failure("\(error)", code: ExitStatus.usage)
    }
    let policy = PrecisionPolicy(startingAt: precision)
    switch parsed.evaluateAdaptively(policy, in: ValueTable(table)) {
    case .decided(let value, let usedPrecision):
      switch format {
      case .json: print(JSON.enclosure(value).rendered(pretty: false))
      case .text:
        print("value  \(value.exactValue == nil ? "∈" : "=") \(value.textRendering(precision: usedPrecision))")
        print("approx ≈ \(value.approximation)")
        if usedPrecision != precision { print("precision raised to \(usedPrecision) bits to decide") }
      }
    case .undecided(let cap, let reason):
      throw failure("INCONCLUSIVE at \(cap) bits: \(reason)", code: ExitStatus.inconclusive)
    case .failed(let error as ExpressionError):
      throw failure("\(error)", code: ExitStatus.usage)
    case .failed(let error):
      throw failure("\(error)", code: ExitStatus.dataError)
    }
  }
}

extension String {
  var trimmingWhitespace: String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
