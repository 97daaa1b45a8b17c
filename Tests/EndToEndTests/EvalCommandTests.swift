import Foundation
import Testing
import Claims
import Formats

@Suite struct EvalCommandTests {
  @Test func jsonHasExactRationalEndpoints() throws {
    let result = try runTool(["eval", "1/3 + 1/6", "--format", "json"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == #"{"lo":"1/2","hi":"1/2","approx":0.5}"#)
  }

  @Test func jsonEnclosureOfATranscendental() throws {
    let result = try runTool(["eval", "exp(1)", "--format", "json", "--precision", "64"])
    #expect(result.status == 0, "\(result)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let lo = try #require(object?["lo"] as? String), hi = try #require(object?["hi"] as? String)
    #expect(object?["approx"] as? Double == 2.718281828459045)
    // lo < e < hi, checked with exact integer arithmetic on p/q strings:
    // e is between 2.71828182845904523536 and 2.71828182845904523537.
    func fraction(_ s: String) -> (Decimal, Decimal) {
      let parts = s.split(separator: "/")
      return (Decimal(string: String(parts[0]))!, Decimal(string: String(parts.count > 1 ? parts[1] : "1"))!)
    }
    let (ln, ld) = fraction(lo), (hn, hd) = fraction(hi)
    #expect(ln / ld < Decimal(string: "2.71828182845904523536")!)
    #expect(hn / hd > Decimal(string: "2.71828182845904523536")!)
    #expect(ld > 0 && hd > 0)
  }

  @Test func textShowsExactValuesAndEnclosures() throws {
    let exact = try runTool(["eval", "10^-3 * 2"])
    #expect(exact.status == 0 && exact.stdout.contains("= 1/500 (exact)"), "\(exact)")
    let enclosed = try runTool(["eval", "sqrt(2)"])
    #expect(enclosed.status == 0 && enclosed.stdout.contains("∈ [1.41421356237309504880"), "\(enclosed)")
  }

  @Test func syntaxErrorsExit64WithThePosition() throws {
    let result = try runTool(["eval", "1 + * 2"])
    #expect(result.status == 64, "\(result)")
    #expect(result.stderr.contains("position 5"), "\(result)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func unknownNamesAndBadFlagsAreUsageErrors() throws {
    #expect(try runTool(["eval", "lambda_r * 2"]).status == 64)
    #expect(try runTool(["eval", "1", "--precision", "3"]).status == 64)
    #expect(try runTool(["eval", "1", "--format", "xml"]).status == 64)
    #expect(try runTool(["eval", "x", "--set", "x"]).status == 64)
    let defined = try runTool(["eval", "x^2", "--set", "x=3/2"])
    #expect(defined.status == 0 && defined.stdout.contains("9/4"), "\(defined)")
  }

  @Test func domainErrorsExit65AndUndecidedExits2() throws {
    let domain = try runTool(["eval", "log(0)"])
    #expect(domain.status == 65, "\(domain)")
    #expect(domain.stderr.contains("domain error"))
    let undecided = try runTool(["eval", "log(exp(1) - exp(1))"])
    #expect(undecided.status == 2, "\(undecided)")
    #expect(undecided.stderr.contains("INCONCLUSIVE"))
    #expect(undecided.stderr.count < 300)
  }

  /// No short text buys unbounded work: an exact result beyond 2^24 bits is
  /// an error (the 559 characters below once ran for minutes), and a large
  /// exact value within the limit is counted, not printed.
  @Test func exactResultsAreBounded() throws {
    let product = Array(repeating: "(1e1000000+1)", count: 40).joined(separator: "*")
    let refused = try runTool(["eval", product])
    #expect(refused.status == 65 && refused.stderr.contains("beyond the limit of 2^24 bits"), "\(refused)")
    #expect(refused.stderr.split(separator: "\n").count == 1)
    let large = try runTool(["eval", "(1e1000000+1)*(1e1000000+1)"])
    #expect(large.status == 0 && large.stdout.contains("(exact, 2000001 characters as p/q)") && large.stdout.count < 200, "\(large.stdout.prefix(300))")
  }

  @Test func leadingMinusAfterDoubleDash() throws {
    let result = try runTool(["eval", "--", "-2^2"])
    #expect(result.status == 0 && result.stdout.contains("= -4 (exact)"), "\(result)")
  }
}
