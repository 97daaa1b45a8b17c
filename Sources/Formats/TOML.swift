//===--- TOML.swift -------------------------------------------------------===//
// The subset of TOML the claim catalog and suite files use, with line numbers
// for error messages.
//===----------------------------------------------------------------------===//

/// A TOML value of the supported subset.
public indirect enum TOMLValue: Sendable, Equatable {
  case string(String)
  case integer(Int)
  case bool(Bool)
  case array([TOMLValue])
}

/// A TOML table: keys in order, each with its value and line.
public struct TOMLTable: Sendable {
  /// The line of the table's header (0 for the root table).
  public var line: Int
  public private(set) var keys: [String] = []
  private var values: [String: (value: TOMLValue, line: Int)] = [:]

  init(line: Int) { self.line = line }

  public subscript(key: String) -> TOMLValue? { values[key]?.value }

  /// The line where a key is set (or the table's header line).
  public func line(of key: String) -> Int { values[key]?.line ?? line }

  mutating func set(_ key: String, _ value: TOMLValue, line: Int) throws {
    guard values[key] == nil else { throw TOMLError(line: line, message: "duplicate key '\(key)'") }
    keys.append(key)
    values[key] = (value, line)
  }
}

/// A parse error at a 1-based line.
public struct TOMLError: Error, Equatable, CustomStringConvertible {
  public var line: Int
  public var message: String
  public var description: String { "line \(line): \(message)" }
}

/// A parsed TOML document: the root table, named tables, and arrays of tables.
///
/// Supported: comments; `key = value` with bare or quoted keys; basic and
/// literal strings; integers; booleans; arrays (across lines, trailing commas
/// allowed); `[table]` and `[[array-of-tables]]` headers with simple names.
public struct TOMLDocument: Sendable {
  public var root = TOMLTable(line: 0)
  public var tables: [String: TOMLTable] = [:]
  public var arrays: [String: [TOMLTable]] = [:]

  public init(parsing text: String) throws {
    var scanner = Scanner(Array(text.unicodeScalars))
    enum Target { case root, table(String), array(String) }
    var target = Target.root
    while true {
      scanner.skipBlankAndComments()
      guard let c = scanner.peek() else { break }
      let line = scanner.line
      if c == "[" {
        let isArray = scanner.peek(offset: 1) == "["
        scanner.advance(isArray ? 2 : 1)
        scanner.skipSpaces()
        let name = try scanner.parseKey()
        scanner.skipSpaces()
        try scanner.expect(isArray ? "]]" : "]")
        try scanner.endOfLine()
        if isArray {
          arrays[name, default: []].append(TOMLTable(line: line))
          target = .array(name)
        } else {
          guard tables[name] == nil else { throw TOMLError(line: line, message: "table [\(name)] defined twice") }
          tables[name] = TOMLTable(line: line)
          target = .table(name)
        }
        continue
      }
      let key = try scanner.parseKey()
      scanner.skipSpaces()
      try scanner.expect("=")
      scanner.skipSpaces()
      let value = try scanner.parseValue()
      try scanner.endOfLine()
      switch target {
      case .root: try root.set(key, value, line: line)
      case .table(let name): try tables[name]!.set(key, value, line: line)
      case .array(let name): try arrays[name]![arrays[name]!.count - 1].set(key, value, line: line)
      }
    }
  }

  struct Scanner {
    /// The deepest nesting of arrays accepted (the parser recurses once per level).
    static let maximumDepth = 64

    var s: [Unicode.Scalar]
    var i = 0
    var line = 1
    var depth = 0
    init(_ s: [Unicode.Scalar]) { self.s = s }

    func peek(offset: Int = 0) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }

    mutating func advance(_ k: Int = 1) {
      for _ in 0..<k where i < s.count {
        if s[i] == "\n" { line += 1 }
        i += 1
      }
    }

    mutating func skipSpaces() {
      while let c = peek(), c == " " || c == "\t" { advance() }
    }

    mutating func skipBlankAndComments() {
      while let c = peek() {
        if c == " " || c == "\t" || c == "\r" || c == "\n" {
          advance()
        } else if c == "#" {
          while let d = peek(), d != "\n" { advance() }
        } else {
          return
        }
      }
    }

    mutating func expect(_ text: String) throws {
      for c in text.unicodeScalars {
        guard peek() == c else { throw TOMLError(line: line, message: "expected '\(text)'") }
        advance()
      }
    }

    /// Only spaces and a comment may follow a value on its line.
    mutating func endOfLine() throws {
      skipSpaces()
      if peek() == "#" { while let d = peek(), d != "\n" { advance() } }
      if peek() == "\r" { advance() }
      guard peek() == nil || peek() == "\n" else {
        throw TOMLError(line: line, message: "unexpected text after the value")
      }
    }

    mutating func parseKey() throws -> String {
      if peek() == "\"" { return try parseBasicString() }
      if peek() == "'" { return try parseLiteralString() }
      var key = String.UnicodeScalarView()
      while let c = peek(), c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" {
        key.append(c)
        advance()
      }
      guard !key.isEmpty else { throw TOMLError(line: line, message: "expected a key") }
      return String(key)
    }

    mutating func parseValue() throws -> TOMLValue {
      guard let c = peek() else { throw TOMLError(line: line, message: "expected a value") }
      switch c {
      case "\"":
        if peek(offset: 1) == "\"" && peek(offset: 2) == "\"" {
          throw TOMLError(line: line, message: "multi-line strings are not supported; use one line")
        }
        return .string(try parseBasicString())
      case "'": return .string(try parseLiteralString())
      case "[": return try parseArray()
      case "t", "f":
        for (word, value) in [("true", true), ("false", false)] where matches(word) {
          advance(word.unicodeScalars.count)
          return .bool(value)
        }
        throw TOMLError(line: line, message: "expected a value")
      default:
        var text = String.UnicodeScalarView()
        while let d = peek(), d == "+" || d == "-" || d == "_" || ("0"..."9").contains(d) {
          if d != "_" { text.append(d) }
          advance()
        }
        if let d = peek(), d == "." || d == "e" || d == "E" {
          throw TOMLError(line: line, message: "floating-point values are not accepted (they would be rounded); write the number as a string, e.g. \"0.1\"")
        }
        guard let value = Int(String(text)) else { throw TOMLError(line: line, message: "expected a value") }
        return .integer(value)
      }
    }

    func matches(_ word: String) -> Bool {
      let w = Array(word.unicodeScalars)
      return i + w.count <= s.count && Array(s[i..<(i + w.count)]) == w
    }

    mutating func parseArray() throws -> TOMLValue {
      let start = line
      depth += 1
      defer { depth -= 1 }
      guard depth <= Self.maximumDepth else { throw TOMLError(line: line, message: "arrays nested deeper than \(Self.maximumDepth) levels") }
      advance()  // [
      var items: [TOMLValue] = []
      while true {
        skipBlankAndComments()
        guard let c = peek() else { throw TOMLError(line: start, message: "unterminated array") }
        if c == "]" {
          advance()
          return .array(items)
        }
        items.append(try parseValue())
        skipBlankAndComments()
        if peek() == "," {
          advance()
        } else if peek() != "]" {
          throw TOMLError(line: line, message: "expected ',' or ']' in array")
        }
      }
    }

    mutating func parseBasicString() throws -> String {
      let start = line
      advance()  // "
      var out = String.UnicodeScalarView()
      while let c = peek() {
        if c == "\n" { break }
        advance()
        if c == "\"" { return String(out) }
        if c == "\\" {
          guard let e = peek() else { break }
          advance()
          switch e {
          case "\"": out.append("\"")
          case "\\": out.append("\\")
          case "n": out.append("\n")
          case "t": out.append("\t")
          case "u":
            var hex = ""
            for _ in 0..<4 {
              guard let h = peek() else { break }
              hex.unicodeScalars.append(h)
              advance()
            }
            guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
              throw TOMLError(line: line, message: "bad \\u escape")
            }
            out.append(scalar)
          default: throw TOMLError(line: line, message: "unsupported escape '\\\(e)'")
          }
        } else {
          out.append(c)
        }
      }
      throw TOMLError(line: start, message: "unterminated string")
    }

    mutating func parseLiteralString() throws -> String {
      let start = line
      advance()  // '
      var out = String.UnicodeScalarView()
      while let c = peek(), c != "\n" {
        advance()
        if c == "'" { return String(out) }
        out.append(c)
      }
      throw TOMLError(line: start, message: "unterminated string")
    }
  }
}
