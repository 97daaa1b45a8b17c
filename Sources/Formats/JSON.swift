//===--- JSON.swift -------------------------------------------------------===//
// A small JSON value with ordered keys and exact number text.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// A JSON value whose objects keep their key order and whose numbers are
/// written from text, so exact values are never routed through a Double.
public indirect enum JSON: Sendable, Equatable {
  case null
  case bool(Bool)
  /// A number, already formatted as JSON number text.
  case number(String)
  case string(String)
  case array([JSON])
  case object([Member])

  /// One key and its value.
  public struct Member: Sendable, Equatable {
    public var key: String
    public var value: JSON
    public init(_ key: String, _ value: JSON) {
      self.key = key
      self.value = value
    }
  }

  /// An integer.
  public static func integer(_ value: Int) -> JSON { .number(String(value)) }

  /// A binary64 number, or `null` when it is not finite (JSON has no ∞/NaN).
  public static func double(_ value: Double) -> JSON {
    value.isFinite ? .number("\(value)") : .null
  }

  /// The enclosure contract of every command:
  /// `{"lo": "p/q", "hi": "p/q", "approx": <double>}` with exact rational
  /// endpoints in lowest terms (lo = hi for exact values).
  public static func enclosure(_ value: Value) -> JSON {
    let (lo, hi) = value.bounds
    if case .exact(let r) = value {
      // One decimal conversion for both ends (exact values can have 10⁴ digits).
      let text = JSON.string(r.description)
      return .object([Member("lo", text), Member("hi", text), Member("approx", .double(value.approximation))])
    }
    return .object([
      Member("lo", .string(lo.description)),
      Member("hi", .string(hi.description)),
      Member("approx", .double(value.approximation)),
    ])
  }

  /// The serialized text: compact, or indented by two spaces per level.
  /// Built as UTF-8 bytes (multi-megabyte documents of exact rationals are
  /// common), with strings that need no escaping copied whole.
  public func rendered(pretty: Bool = true) -> String {
    var out: [UInt8] = []
    write(to: &out, indent: pretty ? 0 : nil)
    return String(decoding: out, as: UTF8.self)
  }

  private func write(to out: inout [UInt8], indent: Int?) {
    func newline(_ level: Int) {
      out.append(UInt8(ascii: "\n"))
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let text): out.append(contentsOf: text.utf8)
    case .string(let s): JSON.writeString(s, to: &out)
    case .array(let items):
      if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
      out.append(UInt8(ascii: "["))
      for (k, item) in items.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        if let indent { newline(indent + 1) }
        item.write(to: &out, indent: indent.map { $0 + 1 })
      }
      if let indent { newline(indent) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
      out.append(UInt8(ascii: "{"))
      for (k, member) in members.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        if let indent { newline(indent + 1) }
        JSON.writeString(member.key, to: &out)
        out.append(contentsOf: (indent == nil ? ":" : ": ").utf8)
        member.value.write(to: &out, indent: indent.map { $0 + 1 })
      }
      if let indent { newline(indent) }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func writeString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    defer { out.append(UInt8(ascii: "\"")) }
    // Bytes ≥ 0x80 belong to multi-byte scalars and are copied as they are.
    guard s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
      out.append(contentsOf: s.utf8)
      return
    }
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
      case _ where byte < 0x20:
        let hex = String(byte, radix: 16)
        out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
      default: out.append(byte)
      }
    }
  }
}
