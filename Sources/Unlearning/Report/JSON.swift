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
    return .object([
      Member("lo", .string(lo.description)),
      Member("hi", .string(hi.description)),
      Member("approx", .double(value.approximation)),
    ])
  }

  /// The serialized text: compact, or indented by two spaces per level.
  public func rendered(pretty: Bool = true) -> String {
    var out = ""
    write(to: &out, indent: pretty ? 0 : nil)
    return out
  }

  private func write(to out: inout String, indent: Int?) {
    let newline = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
    let inner = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let text): out += text
    case .string(let s): JSON.writeString(s, to: &out)
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      out += "["
      for (k, item) in items.enumerated() {
        out += (k == 0 ? "" : ",") + inner
        item.write(to: &out, indent: indent.map { $0 + 1 })
      }
      out += newline + "]"
    case .object(let members):
      if members.isEmpty { out += "{}"; return }
      out += "{"
      for (k, member) in members.enumerated() {
        out += (k == 0 ? "" : ",") + inner
        JSON.writeString(member.key, to: &out)
        out += indent == nil ? ":" : ": "
        member.value.write(to: &out, indent: indent.map { $0 + 1 })
      }
      out += newline + "}"
    }
  }

  private static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
