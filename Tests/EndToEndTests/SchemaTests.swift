import Foundation
import Testing

/// The JSON outputs against the schemas shipped in Schemas/: a validator for
/// the subset of JSON Schema they use ($ref into $defs, type, required,
/// properties, additionalProperties, items, anyOf, enum, const, pattern).
@Suite struct SchemaTests {
  static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Schemas")

  /// A JSON value with its type kept exactly (booleans are not numbers).
  indirect enum JSONValue: Decodable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() { self = .null }
      else if let b = try? c.decode(Bool.self) { self = .bool(b) }
      else if let i = try? c.decode(Int.self) { self = .integer(i) }
      else if let x = try? c.decode(Double.self) { self = .number(x) }
      else if let t = try? c.decode(String.self) { self = .string(t) }
      else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
      else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    static func parse(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
  }

  struct Validator {
    let root: JSONValue

    func member(_ value: JSONValue, _ key: String) -> JSONValue? {
      if case .object(let o) = value { return o[key] }
      return nil
    }

    /// The first violation, as a path and a reason; nil when valid.
    func violation(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> String? {
      if case .string(let ref)? = member(schema, "$ref") {
        guard let target = member(root, "$defs").flatMap({ member($0, String(ref.dropFirst("#/$defs/".count))) }) else { return "\(path): unknown \(ref)" }
        return violation(value, target, at: path)
      }
      if case .array(let options)? = member(schema, "anyOf") {
        return options.contains { violation(value, $0, at: path) == nil } ? nil : "\(path): matches none of anyOf"
      }
      if let constant = member(schema, "const") {
        switch (constant, value) {
        case (.integer(let a), .integer(let b)) where a == b: break
        case (.bool(let a), .bool(let b)) where a == b: break
        case (.string(let a), .string(let b)) where a == b: break
        default: return "\(path): not the constant"
        }
      }
      if case .array(let options)? = member(schema, "enum") {
        let found = options.contains { option in
          switch (option, value) {
          case (.string(let a), .string(let b)): return a == b
          case (.integer(let a), .integer(let b)): return a == b
          default: return false
          }
        }
        guard found else { return "\(path): not one of the enum" }
      }
      if let type = member(schema, "type") {
        var kinds: [String] = []
        if case .string(let t) = type { kinds = [t] }
        if case .array(let ts) = type { kinds = ts.compactMap { if case .string(let t) = $0 { return t } else { return nil } } }
        guard kinds.contains(where: { Self.isType(value, $0) }) else { return "\(path): not of type \(kinds)" }
      }
      if case .string(let pattern)? = member(schema, "pattern"), case .string(let text) = value,
         text.range(of: pattern, options: .regularExpression) == nil { return "\(path): '\(text.prefix(40))' does not match \(pattern)" }
      if case .object(let object) = value {
        if case .array(let required)? = member(schema, "required") {
          for case .string(let key) in required where object[key] == nil { return "\(path): missing '\(key)'" }
        }
        for (key, item) in object {
          if let sub = member(schema, "properties").flatMap({ member($0, key) }) {
            if let problem = violation(item, sub, at: "\(path).\(key)") { return problem }
          } else if let extra = member(schema, "additionalProperties") {
            if case .bool(false) = extra { return "\(path): unexpected '\(key)'" }
            if case .object = extra, let problem = violation(item, extra, at: "\(path).\(key)") { return problem }
          }
        }
      }
      if case .array(let array) = value, let items = member(schema, "items") {
        for (k, item) in array.enumerated() { if let problem = violation(item, items, at: "\(path)[\(k)]") { return problem } }
      }
      return nil
    }

    static func isType(_ value: JSONValue, _ kind: String) -> Bool {
      switch (kind, value) {
      case ("object", .object), ("array", .array), ("string", .string), ("null", .null), ("boolean", .bool), ("integer", .integer),
           ("number", .integer), ("number", .number): return true
      default: return false
      }
    }
  }

  static func check(_ output: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let schema = try JSONValue.parse(try String(contentsOf: schemas.appendingPathComponent(name), encoding: .utf8))
    let problem = Validator(root: schema).violation(try JSONValue.parse(output), schema)
    #expect(problem == nil, "\(name): \(problem ?? "")", sourceLocation: sourceLocation)
  }

  @Test func outputsMatchTheirSchemas() throws {
    try Self.check(try DefaultSuiteRun.result().stdout, against: "run.schema.json")
    try Self.check(try runTool(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--generator", "gaussian-mixture",
                                "--n", "8", "--d", "200", "--mu-norm", "5", "--forget", "1", "--step", "0.001", "--format", "json"]).stdout,
                   against: "instance.schema.json")
    // A forget set with several steps (the "forget" list and the "steps" rows).
    try Self.check(try runTool(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--generator", "nearly-orthogonal",
                                "--n", "6", "--d", "4000", "--seed", "13", "--forget", "0,3", "--steps", "2", "--learning-rate", "0.001",
                                "--format", "json"]).stdout,
                   against: "instance.schema.json")
    // The margin problem's outcome on data stated not separable (no step: the Farkas weights).
    try Self.check(try runTool(["instance", "--setting", "linear", "--generator", "gaussian-mixture", "--n", "12", "--d", "3",
                                "--mu-norm", "2", "--label-noise", "2/5", "--forget", "0", "--expect", "not-separable",
                                "--format", "json"]).stdout,
                   against: "instance.schema.json")
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let saved = fixtures.path("saved")
    _ = try runTool(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "200", "--forget", "1", "--save", saved])
    try Self.check(try runTool(["compare", "--setting", "linear", "--data", saved + "/X.npy", "--labels", saved + "/y.npy",
                                "--weights", saved + "/w.npy", "--unlearned", saved + "/w_unlearned.npy", "--forget", "1", "--format", "json"]).stdout,
                   against: "compare.schema.json")
    try Self.check(try runTool(["search", "linear.unlearning-tau", "--n", "6", "--d", "40", "--budget", "8", "--output", fixtures.path("search"),
                                "--format", "json"]).stdout,
                   against: "search.schema.json")
  }

  /// Certificates of every shape: a linear KKT start, a trained network, a forget set, an explicit β,
  /// and a Gaussian mixture (the checker's tests validate the regime suite's against the same schema).
  @Test func certificatesMatchTheirSchema() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let cases: [[String]] = [
      ["--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "300", "--forget", "1"],
      ["--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--start", "trained", "--generator", "nearly-orthogonal", "--n", "6",
       "--d", "2000", "--forget", "0"],
      ["--setting", "linear", "--generator", "nearly-orthogonal", "--n", "8", "--d", "2000", "--forget", "0,3"],
      ["--setting", "two-layer", "--width", "4", "--gamma", "9/10", "--generator", "nearly-orthogonal", "--n", "6", "--d", "20000",
       "--forget", "2", "--step", "1/100", "--loss", "exponential"],
      ["--setting", "linear", "--generator", "gaussian-mixture", "--n", "8", "--d", "400", "--mu-norm", "20", "--forget", "2"],
    ]
    for (k, arguments) in cases.enumerated() {
      let directory = fixtures.path("certificate-\(k)")
      let made = try runTool(["instance"] + arguments + ["--certificate", directory])
      #expect(made.status == 0, "\(made)")
      let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
      #expect(files.count == 1)
      for file in files {
        try Self.check(try String(contentsOfFile: directory + "/" + file, encoding: .utf8), against: "certificate.schema.json")
      }
    }
  }

  @Test func aTamperedDocumentIsRejected() throws {
    let schema = try JSONValue.parse(try String(contentsOf: Self.schemas.appendingPathComponent("run.schema.json"), encoding: .utf8))
    let output = try DefaultSuiteRun.result().stdout
    guard case .object(var document) = try JSONValue.parse(output) else {
      Issue.record("the report is not a JSON object")
      return
    }
    #expect(Validator(root: schema).violation(.object(document), schema) == nil)
    document["catalog_sha256"] = .string("not a hash")
    #expect(Validator(root: schema).violation(.object(document), schema) != nil)
  }
}
