import Bounds
import Exact
import Foundation
import Testing
import Unlearning
@testable import Claims
@testable import Formats

@Suite struct JSONTests {
  @Test func enclosureContract() throws {
    let exact = JSON.enclosure(.exact(try Rational(parsing: "-6/8")))
    #expect(exact.rendered(pretty: false) == #"{"lo":"-3/4","hi":"-3/4","approx":-0.75}"#)
    let enclosed = JSON.enclosure(.enclosure(Interval(enclosing: try Rational(parsing: "1/3"), precision: 8)))
    #expect(enclosed.rendered(pretty: false) == #"{"lo":"85/256","hi":"171/512","approx":0.3330078125}"#)
  }

  @Test func nonFiniteApproximationsAreNull() throws {
    let huge = JSON.enclosure(.exact(try Rational(parsing: "1e400")))
    #expect(huge.rendered(pretty: false).hasSuffix(#""approx":null}"#))
  }

  @Test func stringsAreEscapedAndOutputParses() throws {
    let value = JSON.object([
      .init("text", .string("quote \" backslash \\ newline \n tab \t bell \u{07} é")),
      .init("list", .array([.integer(1), .bool(false), .null, .array([])])),
      .init("empty", .object([])),
    ])
    for pretty in [true, false] {
      let text = value.rendered(pretty: pretty)
      let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
      #expect(parsed?["text"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{07} é", "\(text)")
      #expect((parsed?["list"] as? [Any])?.count == 4)
    }
  }
}
