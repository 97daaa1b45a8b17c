//===--- Parser.swift -----------------------------------------------------===//
// Recursive-descent parser for expressions and relations.
//===----------------------------------------------------------------------===//

import Exact

/// A recursive-descent parser over a token list (grammar: see ``Expression``).
struct Parser {
  var tokens: [Token]
  var index = 0

  init(_ text: String) throws { tokens = try tokenize(text) }

  var current: Token { tokens[index] }

  mutating func advance() { if index < tokens.count - 1 { index += 1 } }

  func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

  mutating func expect(_ s: String) throws {
    guard isSymbol(s) else { throw unexpected("expected '\(s)'") }
    advance()
  }

  func unexpected(_ message: String) -> ExpressionError {
    let found: String
    switch current.kind {
    case .end: found = "end of input"
    case .number(let r): found = "number \(r)"
    case .name(let n): found = "'\(n)'"
    case .symbol(let s): found = "'\(s)'"
    }
    return .syntax(position: current.position, message: "\(message), found \(found)")
  }

  mutating func expectEnd() throws {
    guard current.kind == .end else { throw unexpected("expected end of input") }
  }

  mutating func parseExpression() throws -> Expression {
    var lhs = try parseTerm()
    while isSymbol("+") || isSymbol("-") {
      let op: Expression.BinaryOperator = isSymbol("+") ? .add : .subtract
      advance()
      lhs = .binary(op, lhs, try parseTerm())
    }
    return lhs
  }

  mutating func parseTerm() throws -> Expression {
    var lhs = try parseUnary()
    while isSymbol("*") || isSymbol("/") {
      let op: Expression.BinaryOperator = isSymbol("*") ? .multiply : .divide
      advance()
      lhs = .binary(op, lhs, try parseUnary())
    }
    return lhs
  }

  mutating func parseUnary() throws -> Expression {
    if isSymbol("-") {
      advance()
      return .negate(try parseUnary())
    }
    if isSymbol("+") {
      advance()
      return try parseUnary()
    }
    return try parsePower()
  }

  mutating func parsePower() throws -> Expression {
    let base = try parsePrimary()
    if isSymbol("^") {
      advance()
      return .binary(.power, base, try parseUnary())
    }
    return base
  }

  mutating func parsePrimary() throws -> Expression {
    let token = current
    switch token.kind {
    case .number(let r):
      advance()
      return .number(r)
    case .name(let name):
      advance()
      guard isSymbol("(") else { return .name(name, position: token.position) }
      guard let function = Expression.Function(rawValue: name) else {
        throw ExpressionError.syntax(position: token.position, message: "unknown function '\(name)'")
      }
      advance()
      var arguments = [try parseExpression()]
      while isSymbol(",") {
        advance()
        arguments.append(try parseExpression())
      }
      try expect(")")
      guard function.arity.contains(arguments.count) else {
        throw ExpressionError.syntax(
          position: token.position,
          message: "\(name) takes \(function.arity.upperBound == Int.max ? "at least \(function.arity.lowerBound)" : "\(function.arity.lowerBound)") argument(s), got \(arguments.count)")
      }
      return .call(function, arguments, position: token.position)
    case .symbol("("):
      advance()
      let inner = try parseExpression()
      try expect(")")
      return inner
    default:
      throw unexpected("expected a number, a name or '('")
    }
  }
}

extension Expression {
  /// Parses an expression.
  ///
  /// - Throws: ``ExpressionError/syntax(position:message:)`` with a 1-based position.
  public init(parsing text: String) throws {
    var parser = try Parser(text)
    let expression = try parser.parseExpression()
    try parser.expectEnd()
    self = expression
  }
}
