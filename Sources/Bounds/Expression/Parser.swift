//===--- Parser.swift -----------------------------------------------------===//
// Recursive-descent parser for expressions and relations.
//===----------------------------------------------------------------------===//

import Exact

/// A recursive-descent parser over a token list (grammar: see ``Expression``).
struct Parser {
  /// The deepest nesting of parentheses, calls, unary signs and powers
  /// accepted. Parsing and evaluation recurse once per level, so this bounds
  /// their stack; sums and products of any length stay shallow (balanced).
  static let maximumDepth = 200

  var tokens: [Token]
  var index = 0
  var depth = 0

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

  /// Enters one level of nesting, or fails with a syntax error at the limit.
  mutating func descend() throws {
    depth += 1
    guard depth <= Self.maximumDepth else {
      throw ExpressionError.syntax(position: current.position, message: "nested deeper than \(Self.maximumDepth) levels")
    }
  }

  /// Chains of up to this many operands keep the usual left-to-right tree
  /// (so claims print as written); longer ones are balanced.
  static let leftDeepChain = 16

  /// A sum a ± b ± c ± …, read in a loop. A long one is added as a balanced
  /// tree (a − b as a + (−b), exactly so for rationals and intervals alike),
  /// so a sum of thousands of terms is a tree of depth about log₂ of that.
  mutating func parseExpression() throws -> Expression {
    var terms: [(minus: Bool, term: Expression)] = [(false, try parseTerm())]
    while isSymbol("+") || isSymbol("-") {
      let minus = isSymbol("-")
      advance()
      terms.append((minus, try parseTerm()))
    }
    if terms.count <= Self.leftDeepChain {
      return terms.dropFirst().reduce(terms[0].term) { .binary($1.minus ? .subtract : .add, $0, $1.term) }
    }
    return Self.balanced(terms.map { $0.minus ? .negate($0.term) : $0.term }[...], .add)
  }

  /// A product of factors joined by * and /, left to right; a long run of
  /// multiplications is a balanced tree, and each division nests one level.
  mutating func parseTerm() throws -> Expression {
    var result: Expression? = nil, divisions = 0
    var run = [try parseUnary()]
    func product(_ run: [Expression]) -> Expression {
      run.count <= Self.leftDeepChain ? run.dropFirst().reduce(run[0]) { .binary(.multiply, $0, $1) } : Self.balanced(run[...], .multiply)
    }
    /// base · f₁ · f₂ ⋯ (left to right when short, base · (balanced product) when long).
    func times(_ base: Expression, _ run: [Expression]) -> Expression {
      if run.isEmpty { return base }
      return run.count <= Self.leftDeepChain ? run.reduce(base) { .binary(.multiply, $0, $1) } : .binary(.multiply, base, product(run))
    }
    while isSymbol("*") || isSymbol("/") {
      let divide = isSymbol("/")
      advance()
      let factor = try parseUnary()
      if divide {
        try descend()
        divisions += 1
        let left = result.map { times($0, run) } ?? product(run)
        result = .binary(.divide, left, factor)
        run = []
      } else {
        run.append(factor)
      }
    }
    depth -= divisions
    guard !run.isEmpty else { return result! }
    return result.map { times($0, run) } ?? product(run)
  }

  /// Terms joined by an associative operator as a balanced binary tree.
  static func balanced(_ items: ArraySlice<Expression>, _ op: Expression.BinaryOperator) -> Expression {
    if items.count == 1 { return items.first! }
    let middle = items.startIndex + items.count / 2
    return .binary(op, balanced(items[..<middle], op), balanced(items[middle...], op))
  }

  mutating func parseUnary() throws -> Expression {
    if isSymbol("-") || isSymbol("+") {
      let minus = isSymbol("-")
      advance()
      try descend()
      defer { depth -= 1 }
      let operand = try parseUnary()
      return minus ? .negate(operand) : operand
    }
    return try parsePower()
  }

  mutating func parsePower() throws -> Expression {
    let base = try parsePrimary()
    if isSymbol("^") {
      advance()
      try descend()
      defer { depth -= 1 }
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
      try descend()
      defer { depth -= 1 }
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
      try descend()
      defer { depth -= 1 }
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
