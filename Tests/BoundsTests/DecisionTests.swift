import Bounds
import Exact
import Testing

@Suite struct DecisionTests {
  /// e and a 70-digit decimal just above it differ by ~1e-70: undecidable at
  /// 128 bits, decided once the driver reaches 256.
  static let closeToE = "exp(1) < 2.718281828459045235360287471352662497757247093699959574966967627725"

  @Test func theDriverRaisesPrecisionUntilDecided() throws {
    let relation = try Relation(parsing: Self.closeToE)
    #expect(try relation.holds(precision: 128, in: ValueTable()) == nil)
    let decision = relation.decide(PrecisionPolicy(initial: 128, cap: 4096), in: ValueTable())
    guard case .decided(true, let precision) = decision else {
      Issue.record("expected a decision, got \(decision)")
      return
    }
    #expect(precision == 256)
  }

  @Test func undecidedAtTheCapIsInconclusiveNeverProved() throws {
    let relation = try Relation(parsing: Self.closeToE)
    let decision = relation.decide(PrecisionPolicy(initial: 64, cap: 128), in: ValueTable())
    guard case .undecided(let cap, _) = decision else {
      Issue.record("expected undecided, got \(decision)")
      return
    }
    #expect(cap == 128)
    #expect(decision.decidedValue == nil && !decision.isFailure)
  }

  @Test func exactEqualityIsDecidedExactly() throws {
    // An attained bound: equality of exact quantities is proved, not undecided.
    let table = ValueTable(["shift": .exact(r("1/3")), "lambda_r": .exact(r("1/9")), "zeta_r": .exact(Rational(3))])
    let relation = try Relation(parsing: "shift <= lambda_r * zeta_r")
    #expect(relation.decide(in: table).decidedValue == true)
    #expect(try Relation(parsing: "shift == lambda_r * zeta_r").decide(in: table).decidedValue == true)
    #expect(try Relation(parsing: "shift < lambda_r * zeta_r").decide(in: table).decidedValue == false)
    // The same equality through an enclosure can never be proved equal.
    #expect(try Relation(parsing: "exp(log(3)) == 3").decide(PrecisionPolicy(initial: 64, cap: 256), in: table).decidedValue == nil)
  }

  @Test func relationsParseEveryOperator() throws {
    for (text, expected) in [("1 <= 1", true), ("1 < 1", false), ("2 >= 3", false), ("3 > 2", true), ("0.5 == 1/2", true),
                             ("sqrt(2) > 1.41421356", true), ("Phi(-40) > 0", true), ("erfc(30) <= 10^-392", true), ("erfc(30) <= 10^-393", false)] {
      #expect(try Relation(parsing: text).decide(in: ValueTable()).decidedValue == expected, "\(text)")
    }
    #expect(throws: ExpressionError.self) { try Relation(parsing: "1 + 2") }
    #expect(throws: ExpressionError.self) { try Relation(parsing: "1 < 2 < 3") }
  }

  @Test func errorsAreFinal() throws {
    let decision = try Relation(parsing: "log(-1) < 0").decide(in: ValueTable())
    #expect(decision.isFailure)
    let unknown = try Relation(parsing: "nope < 0").decide(in: ValueTable())
    #expect(unknown.isFailure)
  }

  @Test func precisionSchedules() {
    #expect(PrecisionPolicy(initial: 128, cap: 4096).schedule == [128, 256, 512, 1024, 2048, 4096])
    #expect(PrecisionPolicy(initial: 100, cap: 300).schedule == [100, 200, 300])
  }
}
