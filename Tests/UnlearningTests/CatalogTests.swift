import Bounds
import Exact
import Testing
@testable import Unlearning

@Suite struct TOMLTests {
  @Test func parsesTheCatalogSubset() throws {
    let text = """
      # comment
      title = "x" # trailing comment
      [meta]
      version = 3
      [[claim]]
      id = 'literal'
      list = ["a", "b\\"c",
        "d", # inside an array
      ]
      flag = true
      [[claim]]
      id = "second"
      """
    let document = try TOMLDocument(parsing: text)
    #expect(document.root["title"] == .string("x"))
    #expect(document.tables["meta"]?["version"] == .integer(3))
    #expect(document.arrays["claim"]?.count == 2)
    #expect(document.arrays["claim"]?[0]["list"] == .array([.string("a"), .string("b\"c"), .string("d")]))
    #expect(document.arrays["claim"]?[0]["flag"] == .bool(true))
    #expect(document.arrays["claim"]?[1].line == 11)
    #expect(document.arrays["claim"]?[0].line(of: "flag") == 10)
  }

  @Test(arguments: [
    ("x = ", 1), ("a = 1\nb = \"open", 2), ("a = 1\na = 2", 2), ("[t]\n[t]", 2), ("x = 0.5", 1), ("x = [1, 2", 1),
    ("x = 1 y", 1), ("= 3", 1),
  ])
  func errorsCarryTheLine(text: String, line: Int) {
    do {
      _ = try TOMLDocument(parsing: text)
      Issue.record("'\(text)' must not parse")
    } catch let error as TOMLError {
      #expect(error.line == line, "\(text): \(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}

@Suite struct CatalogTests {
  static let valid = """
    [[claim]]
    id = "t.margin-shift-halved"
    title = "A deliberately false bound: half the true constant"
    setting = "linear"
    source = "reconstructed"
    reference = "test"
    assumes = ["forget_size == 1", "step_is_scaled", "c == 1"]
    claim = "max_margin_shift <= lambda_r * zeta_r / 2"
    """

  @Test func malformedCatalogsNameFileLineAndClaim() {
    let cases: [(String, Int, String)] = [
      (Self.valid.replacingOccurrences("max_margin_shift", "no_such_quantity"), 8, "unknown quantity 'no_such_quantity'"),
      (Self.valid.replacingOccurrences("source = \"reconstructed\"", "source = \"rumour\""), 5, "source must be"),
      (Self.valid.replacingOccurrences("claim = ", "clam = "), 8, "unknown key 'clam'"),
      (Self.valid.replacingOccurrences("<= lambda_r", "<= * lambda_r"), 8, "syntax error"),
      (Self.valid.replacingOccurrences("\"c == 1\"", "\"lambda\""), 7, "not a boolean"),
      (Self.valid.replacingOccurrences("setting = \"linear\"", "setting = \"quadratic\""), 4, "setting must be"),
      // A claim that reads a one-point quantity must assume one forgotten point, first.
      (Self.valid.replacingOccurrences("\"forget_size == 1\", ", ""), 7, "'lambda_r' is defined when one point is forgotten"),
      // A newline inside the echoed claim text stays an escape (found by the fuzz campaign).
      (Self.valid.replacingOccurrences("max_margin_shift <=", "max_margin\\n_shift <="), 8, "in 'max_margin\\n_shift"),
      (Self.valid.replacingOccurrences("reference = \"test\"", "reference = \"test\"\nkind = \"lemma\""), 7, "kind must be theorem or self-check"),
    ]
    for (text, line, message) in cases {
      do {
        _ = try Catalog.parse(text, file: "cat.toml")
        Issue.record("must not load: \(message)")
      } catch let error as CatalogError {
        #expect(error.line == line, "\(error)")
        #expect(error.description.contains(message), "\(error)")
        #expect(error.description.hasPrefix("cat.toml:\(line):"), "\(error)")
        #expect(!error.description.contains("\n"), "one line: \(error)")
      } catch {
        Issue.record("unexpected \(error)")
      }
    }
  }

  @Test func duplicateIdsAcrossFilesAreRejected() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Self.valid.write(to: directory.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
    try ("# another file\n" + Self.valid).write(to: directory.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
    #expect(throws: CatalogError.self) { _ = try Catalog(directory: directory.path) }
    do {
      _ = try Catalog(directory: directory.path)
    } catch let error as CatalogError {
      #expect(error.description.contains("b.toml:2: claim 't.margin-shift-halved': duplicate id (first at"), "\(error)")
    }
  }

  static func tinySuite() -> Suite {
    Suite(name: "tiny", instances: [
      InstanceSpec(name: "orth", source: .generator(.nearlyOrthogonal, .init(n: 6, d: 8000, seed: 1)), forget: 0),
      InstanceSpec(name: "small-d", source: .generator(.nearlyOrthogonal, .init(n: 8, d: 40, seed: 2)), forget: 3),
    ])
  }

  @Test func aFalseClaimIsRefutedWithItsWitness() throws {
    let catalog = Catalog(claims: try Catalog.parse(Self.valid, file: "t.toml"))
    let evaluation = Evaluator(catalog: catalog).evaluate(Self.tinySuite())
    let claim = try #require(evaluation.claims.first)
    #expect(claim.verdict == .refuted)
    let witness = try #require(claim.witness)
    // The true shift is attained: measured = λ_r ζ_r exactly, the bound half of it.
    let measured = try #require(witness.measured?.exactValue), bound = try #require(witness.bound?.exactValue)
    #expect(measured == bound * Rational(2))
    #expect(evaluation.failingVerdict == .refuted)
    #expect(evaluation.textReport.contains("witness: "))
  }

  /// A harness self-check is reported apart: its verdicts are not counted
  /// with the theorems' (summary), but a REFUTED one still fails the run.
  @Test func selfChecksAreReportedApartAndStillFail() throws {
    let check = Self.valid.replacingOccurrences("reference = \"test\"", "reference = \"test\"\nkind = \"self-check\"")
      .replacingOccurrences("t.margin-shift-halved", "t.check")
    let theorem = Self.valid.replacingOccurrences("/ 2", "").replacingOccurrences("t.margin-shift-halved", "t.theorem")
    let claims = try Catalog.parse(theorem, file: "t.toml") + Catalog.parse(check, file: "c.toml")
    #expect(claims.map(\.kind) == [.theorem, .selfCheck])
    let evaluation = Evaluator(catalog: Catalog(claims: claims)).evaluate(Self.tinySuite())
    #expect(evaluation.summary == ["PROVED": 1])
    #expect(evaluation.selfCheckSummary == ["REFUTED": 1])
    #expect(evaluation.failingVerdict == .refuted)
    let text = evaluation.textReport
    #expect(text.contains("summary: 1 PROVED; harness self-checks: 1 REFUTED"), "\(text)")
    let note = try #require(text.range(of: "Harness self-checks:")), row = try #require(text.range(of: "t.check "))
    #expect(note.upperBound < row.lowerBound && text.range(of: "t.theorem ")!.upperBound < note.lowerBound)
    let json = evaluation.jsonReport.rendered()
    #expect(json.contains("\"kind\":\"self-check\"") || json.contains("\"kind\": \"self-check\""), "\(json.prefix(400))")
    #expect(evaluation.junitReport.contains("classname=\"self-check.linear\""))
  }

  static let generalization = """
    [[claim]]
    id = "t.generalization"
    title = "A generalization bound with a named C0, a fitted C and a trivial value"
    setting = "gaussian-mixture"
    source = "reconstructed"
    reference = "test"
    constants = ["C"]
    given = ["C0 = 1"]
    assumes = ["test_error_exact", "mu_norm >= C0 * sqrt(log(n))"]
    claim = "test_error_original <= eta + exp(-n * mu_norm^4 / (C * d))"
    trivial = "1/2"
    """

  /// `given` names a constant the source leaves open; `trivial` marks the
  /// instances where the fitted bound says nothing (and only those).
  @Test func namedConstantsAndVacuousFits() throws {
    var parameters = InstanceGenerator.Parameters(n: 8, d: 200, seed: 1)
    (parameters.muNorm, parameters.labelNoise) = (Rational(3), try Rational(1, 10))
    let suite = Suite(name: "mix", instances: [InstanceSpec(name: "mix", source: .generator(.gaussianMixture, parameters), forget: 0)])
    for (trivial, vacuous) in [("1/2", [String]()), ("1/10", ["mix"])] {
      let text = Self.generalization.replacingOccurrences("trivial = \"1/2\"", "trivial = \"\(trivial)\"")
      let claims = try Catalog.parse(text, file: "g.toml")
      #expect(claims[0].given == ["C0": Rational(1)])
      let evaluation = Evaluator(catalog: Catalog(claims: claims)).evaluate(suite)
      let claim = try #require(evaluation.claims.first)
      #expect(claim.label == "FITTED" && claim.fitVacuous == vacuous, "\(trivial): \(claim.fitVacuous)")
      #expect(evaluation.textReport.contains("fit: vacuous on 1 of 1 instances (mix)") == !vacuous.isEmpty)
    }
    // A C0 too large for the instance makes it VACUOUS: the named constant is read.
    let strict = Self.generalization.replacingOccurrences("C0 = 1", "C0 = 1000")
    let evaluation = Evaluator(catalog: Catalog(claims: try Catalog.parse(strict, file: "g.toml"))).evaluate(suite)
    #expect(evaluation.claims.first?.verdict == .vacuous)
    for (bad, message) in [("given = [\"C0 = 1\"]", "given = [\"n = 1\"]"), ("given = [\"C0 = 1\"]", "given = [\"C0 = one\"]"),
                           ("constants = [\"C\"]\n", "")] {
      #expect(throws: CatalogError.self, "\(message)") { _ = try Catalog.parse(Self.generalization.replacingOccurrences(bad, message), file: "g.toml") }
    }
  }

  /// A fitted constant is bounded by the claim's own range: an instance where
  /// only a bound at or above the trivial value would hold (a step 20 times
  /// β* leaves a test error of 0.69, worse than chance) is REFUTED, at the
  /// largest constant where its bound is informative; on a good instance the
  /// fit reports that range.
  @Test func fittedConstantsStayInTheClaimsRange() throws {
    var parameters = InstanceGenerator.Parameters(n: 8, d: 200, seed: 1)
    (parameters.muNorm, parameters.labelNoise) = (Rational(3), try Rational(1, 10))
    let text = Self.generalization.replacingOccurrences("test_error_original <=", "test_error_unlearned <=")
    let claims = try Catalog.parse(text, file: "g.toml")
    for (scale, refuted) in [(Rational(1), false), (Rational(20), true)] {
      let spec = InstanceSpec(name: "mix-c\(scale)", source: .generator(.gaussianMixture, parameters), forget: 0, step: .scaled(scale))
      let evaluation = Evaluator(catalog: Catalog(claims: claims)).evaluate(Suite(name: "mix", instances: [spec]))
      let claim = try #require(evaluation.claims.first)
      let report = evaluation.textReport
      if refuted {
        #expect(claim.verdict == .refuted && claim.fit == nil, "\(report)")
        #expect(claim.fitFailure?.contains("below the trivial 1 / 2") == true && report.contains("REFUTED"), "\(report)")
        let witness = try #require(claim.results.first)
        #expect(witness.bound.map { $0.bounds.hi < (try! Rational(1, 2)) } == true, "the witness's bound is informative: \(report)")
      } else {
        let fit = try #require(claim.fit)
        let range = try #require(fit.informativeBelow)
        #expect(claim.label == "FITTED" && fit.upper < range, "\(report)")
        #expect(report.contains("the claim's range") && report.contains("and the fit is within it"), "\(report)")
        #expect(evaluation.jsonReport.rendered().contains("informative_below"))
      }
    }
  }

  /// A claim of a setting the suite lacks is not run (left out of the table
  /// and the counts, named on one line), and a free constant that no instance
  /// fitted is VACUOUS, not "C > 0, C ≤ 0".
  @Test func absentSettingsAndUnfittedConstantsReadAsSuch() throws {
    let network = Self.valid.replacingOccurrences("t.margin-shift-halved", "t.network").replacingOccurrences("setting = \"linear\"", "setting = \"two-layer\"")
    let unfitted = Self.generalization.replacingOccurrences("setting = \"gaussian-mixture\"", "setting = \"linear\"")
      .replacingOccurrences("\"test_error_exact\", ", "\"p_orthogonality >= 1000\", \"test_error_exact\", ")
      .replacingOccurrences("test_error_original <=", "max_margin_shift <=")
    let claims = try Catalog.parse(network, file: "n.toml") + Catalog.parse(unfitted, file: "u.toml")
    let evaluation = Evaluator(catalog: Catalog(claims: claims)).evaluate(Self.tinySuite())
    #expect(evaluation.claimsNotRun.map(\.claim.id) == ["t.network"])
    #expect(evaluation.summary == ["VACUOUS": 1])
    let unfittedClaim = try #require(evaluation.claims.last)
    #expect(unfittedClaim.fit == nil && unfittedClaim.label == "VACUOUS")
    let text = evaluation.textReport
    #expect(!text.contains("0/0/0/0/0") && !text.contains("C > 0") && !text.contains("t.network "), "\(text)")
    #expect(text.contains("Not run: 1 claims of settings the suite has no instance of (two-layer: 1)."), "\(text)")
    #expect(evaluation.jsonReport.rendered().contains("\"not_run\""))
  }

  @Test func aFailingHypothesisIsVacuousNotAPass() throws {
    let text = Self.valid.replacingOccurrences("\"c == 1\"", "\"p_orthogonality >= 1000\"").replacingOccurrences("/ 2", "")
    let evaluation = Evaluator(catalog: Catalog(claims: try Catalog.parse(text, file: "t.toml"))).evaluate(Self.tinySuite())
    let claim = try #require(evaluation.claims.first)
    #expect(claim.verdict == .vacuous)
    #expect(claim.counts[.vacuous] == 2)
    #expect(claim.results.allSatisfy { $0.reason?.contains("hypothesis fails") == true })
    #expect(evaluation.failingVerdict == nil)
  }

  @Test func anUndecidableComparisonAtALowCapIsInconclusive() throws {
    let text = """
      [[claim]]
      id = "t.close-to-e"
      title = "e is below a 70-digit decimal just above it"
      setting = "any"
      source = "reconstructed"
      reference = "test"
      claim = "exp(1) < 2.718281828459045235360287471352662497757247093699959574966967627725"
      """
    let catalog = Catalog(claims: try Catalog.parse(text, file: "t.toml"))
    let low = Evaluator(catalog: catalog, policy: PrecisionPolicy(initial: 64, cap: 128)).evaluate(Self.tinySuite())
    #expect(low.claims[0].verdict == .inconclusive)
    #expect(low.failingVerdict == .inconclusive)
    #expect(low.claims[0].results[0].reason?.contains("undecided at 128 bits") == true)
    let high = Evaluator(catalog: catalog, policy: PrecisionPolicy(initial: 64, cap: 1024)).evaluate(Self.tinySuite())
    #expect(high.claims[0].verdict == .proved)
  }

  @Test func aFreeConstantIsFitted() throws {
    // max_margin_shift <= C · λ_r ζ_r is attained at C = 1 exactly (theory §F.1(ii)).
    let text = Self.valid.replacingOccurrences("/ 2", "* C").replacingOccurrences("reference = \"test\"", "reference = \"test\"\nconstants = [\"C\"]")
    let evaluation = Evaluator(catalog: Catalog(claims: try Catalog.parse(text, file: "t.toml"))).evaluate(Self.tinySuite())
    let claim = try #require(evaluation.claims.first)
    let fit = try #require(claim.fit)
    #expect(fit.upper == Rational(1))
    #expect(fit.lower < Rational(1) && fit.lower >= Rational(1) - Rational(1).timesPowerOfTwo(-15))
    #expect(claim.label == "FITTED")
  }

  @Test func theShippedCatalogLoadsAndEveryClaimHasProvenance() throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("theorems").path
    let catalog = try Catalog(directory: directory)
    #expect(catalog.claims.count >= 20)
    #expect(Set(catalog.claims.map(\.id)).count == catalog.claims.count)
    // Every claim's derivation lives in DERIVATIONS.md under a heading that names its id.
    let derivations = try String(contentsOfFile: directory + "/DERIVATIONS.md", encoding: .utf8)
    let headed = Set(derivations.split(separator: "\n").filter { $0.hasPrefix("### ") }
      .flatMap { $0.dropFirst(4).split(separator: ",").map { String($0.filter { !$0.isWhitespace }) } })
    for claim in catalog.claims {
      #expect(headed.contains(claim.id), "\(claim.id): no '### \(claim.id)' heading in DERIVATIONS.md")
      #expect(claim.reference.contains("DERIVATIONS.md"), "\(claim.id): its reference does not cite DERIVATIONS.md")
    }
  }
}

private extension String {
  func replacingOccurrences(_ a: String, _ b: String) -> String {
    components(a).joined(separator: b)
  }

  func components(_ separator: String) -> [String] {
    var parts: [String] = []
    var rest = Substring(self)
    while let range = rest.range(of: separator) {
      parts.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    parts.append(String(rest))
    return parts
  }
}

import Foundation
@testable import Claims
@testable import Formats

@Suite struct QuantityNameTests {
  /// Every name a table can be written under has exactly one definition, and
  /// every definition is of such a name: the contract `explain` prints is the
  /// one the code writes.
  @Test func everyNameHasExactlyOneDefinition() {
    let defined = QuantityDefinitions.all.map(\.quantity)
    #expect(Set(defined).count == defined.count, "a name is defined twice")
    let missing = QuantityName.allCases.filter { !defined.contains($0) }
    #expect(missing.isEmpty, "undefined: \(missing)")
    #expect(QuantityDefinitions.singlePoint.allSatisfy { QuantityName(rawValue: $0) != nil })
  }
}
