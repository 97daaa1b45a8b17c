//===--- Lexer.swift ------------------------------------------------------===//
// Tokens of the expression language.
//===----------------------------------------------------------------------===//

import Exact

/// A token with its 1-based character position.
struct Token: Equatable {
  enum Kind: Equatable {
    case number(Rational)
    case name(String)
    case symbol(String)  // + - * / ^ ( ) , and the relation operators
    case end
  }
  var kind: Kind
  var position: Int
}

/// Splits an expression into tokens. Accepts the Unicode spellings
/// − × · ÷ ≤ ≥ for - * * / <= >=.
func tokenize(_ text: String) throws -> [Token] {
  let chars = Array(text)
  var tokens: [Token] = []
  var i = 0
  func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
  while i < chars.count {
    let c = chars[i]
    let position = i + 1
    if c.isWhitespace {
      i += 1
      continue
    }
    if isDigit(c) || (c == "." && i + 1 < chars.count && isDigit(chars[i + 1])) {
      var j = i
      while j < chars.count && isDigit(chars[j]) { j += 1 }
      if j < chars.count && chars[j] == "." {
        j += 1
        while j < chars.count && isDigit(chars[j]) { j += 1 }
      }
      // An exponent only when e/E is followed by digits (optionally signed).
      if j < chars.count && (chars[j] == "e" || chars[j] == "E") {
        var k = j + 1
        if k < chars.count && (chars[k] == "+" || chars[k] == "-") { k += 1 }
        if k < chars.count && isDigit(chars[k]) {
          while k < chars.count && isDigit(chars[k]) { k += 1 }
          j = k
        }
      }
      let literal = String(chars[i..<j])
      do {
        tokens.append(Token(kind: .number(try Rational(parsing: literal)), position: position))
      } catch {
        throw ExpressionError.syntax(position: position, message: "bad number '\(literal)': \(error)")
      }
      i = j
      continue
    }
    if c.isLetter || c == "_" {
      var j = i
      while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
      tokens.append(Token(kind: .name(String(chars[i..<j])), position: position))
      i = j
      continue
    }
    let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
    if ["<=", ">=", "=="].contains(two) {
      tokens.append(Token(kind: .symbol(two), position: position))
      i += 2
      continue
    }
    let single: [Character: String] = [
      "+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "·": "*", "/": "/", "÷": "/", "^": "^",
      "(": "(", ")": ")", ",": ",", "<": "<", ">": ">", "≤": "<=", "≥": ">=",
    ]
    guard let symbol = single[c] else {
      throw ExpressionError.syntax(position: position, message: "unexpected character '\(c)'")
    }
    tokens.append(Token(kind: .symbol(symbol), position: position))
    i += 1
  }
  tokens.append(Token(kind: .end, position: chars.count + 1))
  return tokens
}
