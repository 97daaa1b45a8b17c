//===--- Expression.swift -------------------------------------------------===//
// The expression language of the claim catalog: syntax tree.
//===----------------------------------------------------------------------===//

import Exact

/// A parsed arithmetic expression over exact numbers and named quantities.
///
/// Grammar (usual precedence; `^` binds tighter than unary minus and is
/// right-associative, so `-2^2 = -4` and `10^-40` is 10 to the −40):
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary ("^" unary)?
///     primary    := number | name | name "(" expression ("," expression)* ")"
///                 | "(" expression ")"
///
/// Numbers are exact decimals (`0.1` is 1/10, `1e-3` is 1/1000); fractions
/// are written with `/`. Functions: sqrt, exp, log, log1p, erf, erfc, Phi,
/// abs, min, max (two or more arguments). The constant `pi` is built in
/// unless the environment defines a quantity of that name.
public indirect enum Expression: Sendable, Hashable {
  case number(Rational)
  case name(String, position: Int)
  case negate(Expression)
  case binary(BinaryOperator, Expression, Expression)
  case call(Function, [Expression], position: Int)

  /// The binary operators.
  public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
  }

  /// The functions callable by name.
  public enum Function: String, Sendable, Hashable, CaseIterable {
    case sqrt, exp, log, log1p, erf, erfc, phi = "Phi", abs, min, max

    /// The allowed argument counts.
    var arity: ClosedRange<Int> {
      switch self {
      case .min, .max: return 2...Int.max
      default: return 1...1
      }
    }
  }

  /// The names of the quantities the expression reads, in order of first use.
  public var names: [String] {
    var seen: [String] = []
    func visit(_ e: Expression) {
      switch e {
      case .number: break
      case .name(let n, _): if !seen.contains(n) { seen.append(n) }
      case .negate(let a): visit(a)
      case .binary(_, let a, let b): visit(a); visit(b)
      case .call(_, let args, _): args.forEach(visit)
      }
    }
    visit(self)
    return seen
  }
}

extension Expression: CustomStringConvertible {
  /// Binding strength, for printing with only the parentheses needed.
  private var precedence: Int {
    switch self {
    case .number(let r): return r.isInteger && r.signum >= 0 ? 5 : 2
    case .name, .call: return 5
    case .negate: return 3
    case .binary(let op, _, _):
      switch op {
      case .add, .subtract: return 1
      case .multiply, .divide: return 2
      case .power: return 4
      }
    }
  }

  private func wrapped(_ minimum: Int) -> String {
    precedence < minimum ? "(\(self))" : description
  }

  /// A rendering with the parentheses the grammar needs, which parses back
  /// to the same tree.
  public var description: String {
    switch self {
    case .number(let r): return r.description
    case .name(let n, _): return n
    case .negate(let a): return "-" + a.wrapped(4)
    case .binary(let op, let a, let b):
      switch op {
      case .add: return "\(a.wrapped(1)) + \(b.wrapped(2))"
      case .subtract: return "\(a.wrapped(1)) - \(b.wrapped(2))"
      case .multiply: return "\(a.wrapped(2)) * \(b.wrapped(3))"
      case .divide: return "\(a.wrapped(2)) / \(b.wrapped(3))"
      case .power: return "\(a.wrapped(5))^\(b.wrapped(3))"
      }
    case .call(let f, let args, _): return "\(f.rawValue)(\(args.map(\.description).joined(separator: ", ")))"
    }
  }
}
