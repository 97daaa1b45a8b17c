import Bounds
import Exact
import Testing

/// Containment against an independent reference (mpmath, 80 digits): the
/// FLINT/Arb pattern. A disjoint enclosure is a soundness bug; a wide one a
/// tightness bug.
@Suite struct ReferenceTableTests {
  static let rows = (try? loadReferenceTable()) ?? []

  static func enclosure(_ row: ReferenceRow, bits: Int) throws -> Interval {
    let x = Interval(enclosing: r(row.argument), precision: bits)
    switch row.function {
    case "pi": return Interval.pi(bits: bits)
    case "ln2": return Interval.ln2(bits: bits)
    case "exp": return try Interval.exp(x)
    case "log": return try Interval.log(x)
    case "log1p": return try Interval.log1p(x)
    case "sqrt": return try Interval.sqrt(x)
    case "erf": return try Interval.erf(x)
    case "erfc": return try Interval.erfc(x)
    case "Phi": return try Interval.normalCDF(x)
    default: throw EnclosureError.invalidInput("unknown function \(row.function)")
    }
  }

  @Test func tableIsLargeAndCoversEveryFunction() {
    #expect(Self.rows.count >= 300)
    let functions = Set(Self.rows.map(\.function))
    #expect(functions == ["pi", "ln2", "exp", "log", "log1p", "sqrt", "erf", "erfc", "Phi"])
  }

  @Test(arguments: [64, 128, 256])
  func everyEnclosureContainsTheReference(bits: Int) throws {
    for row in Self.rows {
      let x: Interval
      do {
        x = try Self.enclosure(row, bits: bits)
      } catch let error as EnclosureError where error.mayResolveAtHigherPrecision && !r(row.argument).isDyadic {
        // The argument's own enclosure reaches a domain boundary at this
        // precision (e.g. log1p near −1): undecided is the right answer.
        continue
      }
      let reference = referenceInterval(row.value, digits: 80)
      #expect(consistent(x, with: reference), "\(row) at \(bits) bits: enclosure \(x.shortDescription)")
    }
  }

  /// With an exact (dyadic) argument, the width reflects only our own
  /// evaluation: a few units in the last place of `bits` bits.
  @Test(arguments: [64, 128, 256])
  func enclosuresOfExactArgumentsAreTight(bits: Int) throws {
    var checked = 0
    for row in Self.rows where r(row.argument).isDyadic {
      let x = try Self.enclosure(row, bits: bits)
      let value = r(row.value)
      guard !value.isZero else { continue }
      let relativeWidth = (x.upper - x.lower) / value.magnitude
      #expect(relativeWidth <= Rational(1).timesPowerOfTwo(-(bits - 4)), "\(row) at \(bits) bits: \(x.shortDescription)")
      checked += 1
    }
    #expect(checked >= 100)
  }

  /// The checker itself must reject an enclosure that misses the value
  /// (a test that cannot fail is a defect).
  @Test func theContainmentCheckCatchesAnInwardError() throws {
    let row = try #require(Self.rows.first { $0.function == "exp" && $0.argument == "1" })
    let x = try Self.enclosure(row, bits: 128)
    let shifted = try Interval(lo: x.hi.adding(.one, bits: 200, .up), hi: x.hi.adding(Dyadic(2), bits: 200, .up))
    #expect(!consistent(shifted, with: referenceInterval(row.value, digits: 80)))
    // Just above e = 2.71828182845904523536028747135266249775724709…
    let tooHigh = try Interval(lo: Dyadic(r("2.71828182845904523536028747135266249775725"), bits: 200, .up), hi: Dyadic(3))
    #expect(!consistent(tooHigh, with: referenceInterval(row.value, digits: 80)))
  }
}

