import Bounds
import Exact
import Testing

@Suite struct ExpressionTests {
  func value(_ text: String, _ table: [String: Value] = [:], bits: Int = 128) throws -> Value {
    try Expression(parsing: text).evaluate(precision: bits, in: ValueTable(table))
  }

  @Test func rationalArithmeticStaysExact() throws {
    #expect(try value("1/3 + 1/6") == .exact(r("1/2")))
    #expect(try value("10^-40") == .exact(r("1e-40")))
    #expect(try value("2^-3 * 0.125e1") == .exact(r("5/32")))
    #expect(try value("-2^2") == .exact(Rational(-4)))
    #expect(try value("2^3^2") == .exact(Rational(512)))
    #expect(try value("(1 - 2) * 3 - 4 / 8") == .exact(r("-7/2")))
    #expect(try value("min(3, 1/2, 7) + max(-1, -2) + abs(-5/4)") == .exact(r("3/4")))
    #expect(try value("sqrt(49/4)") == .exact(r("7/2")))
    #expect(try value("exp(0) + log(1) + Phi(0) + erfc(0)") == .exact(r("5/2")))
    #expect(try value("x * y - 1", ["x": .exact(r("2/3")), "y": .exact(r("3/2"))]) == .exact(Rational()))
    #expect(try value("1 − 2 × 3 ÷ 4") == .exact(r("-1/2")))
  }

  @Test func transcendentalsGiveEnclosures() throws {
    let e = try value("exp(1)")
    guard case .enclosure(let x) = e else {
      Issue.record("exp(1) must be an enclosure")
      return
    }
    #expect(!x.isPoint)
    #expect(consistent(x, with: referenceInterval("2.718281828459045235360287471352662497757247093699959574966968", digits: 61)))
    #expect(try value("exp(1) - exp(1)").interval(precision: 128).contains(Rational()))
    #expect(try value("2^(1/2)").interval(precision: 128).intersection(try value("sqrt(2)").interval(precision: 128)) != nil)
    let pi = try value("pi").interval(precision: 64)
    #expect(consistent(pi, with: referenceInterval("3.141592653589793238462643383279502884197169399375105820974944592", digits: 64)))
    #expect(pi.upper - pi.lower <= r("1e-18"))
  }

  @Test(arguments: [
    ("2 +", 4), ("(1", 3), ("1 2", 3), ("exp(", 5), ("3 $ 4", 3), ("foo(1)", 1), ("min(1)", 1),
    ("exp(1, 2)", 1), ("1 +* 2", 4), ("", 1), ("1e", 2),
  ])
  func syntaxErrorsCarryThePosition(text: String, position: Int) {
    do {
      _ = try Expression(parsing: text)
      Issue.record("'\(text)' must not parse")
    } catch ExpressionError.syntax(let at, _) {
      #expect(at == position, "'\(text)'")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func unknownNamesAreErrorsWithPositions() throws {
    #expect(throws: ExpressionError.unknownName("lambda_r", position: 5)) { _ = try value("1 + lambda_r") }
    #expect(try Expression(parsing: "a * b + sqrt(a) - c").names == ["a", "b", "c"])
  }

  @Test func domainErrors() {
    #expect(throws: EnclosureError.domain("division by zero")) { try value("1 / (2 - 2)") }
    #expect(throws: EnclosureError.self) { try value("0^-1") }
    #expect(throws: EnclosureError.self) { try value("sqrt(-1/4)") }
    #expect(throws: EnclosureError.self) { try value("log(-1)") }
    #expect(throws: EnclosureError.self) { try value("(-2)^(1/2)") }
  }

  @Test func descriptionParsesBackToTheSameValue() throws {
    let table: [String: Value] = ["x": .exact(r("3/7")), "y": .exact(r("-5"))]
    for text in ["1 + 2 * x^-3 / (4 - y)", "-exp(-x) + max(1, 2, x)", "Phi(-1/2) * 10^-40", "-2^2 - -x"] {
      let e = try Expression(parsing: text)
      let again = try Expression(parsing: e.description)
      #expect(again.description == e.description, "\(text)")
      #expect(try again.evaluate(in: ValueTable(table)) == e.evaluate(in: ValueTable(table)), "\(text)")
    }
  }
}
