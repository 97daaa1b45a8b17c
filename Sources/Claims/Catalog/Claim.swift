//===--- Claim.swift ------------------------------------------------------===//
// A claim of the catalog: hypotheses, statement and provenance.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

/// How firmly a claim's statement is known (the provenance tags of theorems/).
public enum Provenance: String, Sendable, CaseIterable {
  /// Seen in a source, to the letter.
  case verbatim
  /// Seen in a source, reworded.
  case paraphrased
  /// Not seen: derived or inferred, with the derivation in theorems/DERIVATIONS.md under the claim's id.
  case reconstructed
}

/// What a verdict on a claim is evidence of.
public enum ClaimKind: String, Sendable, CaseIterable {
  /// A statement of the paper or its predecessor (or derived from one): its
  /// verdicts are evidence about the theory.
  case theorem
  /// True by the tool's own definitions or construction (τ against its
  /// definition, the Gram identity, a solver's certificate): PROVED says the
  /// harness computed what it defines, REFUTED is a bug in the tool. Reported
  /// apart and never counted as evidence about the paper.
  case selfCheck = "self-check"
}

/// A hypothesis or a statement: an inequality between expressions, or a
/// boolean quantity (optionally negated with `not`).
public enum Condition: Sendable, CustomStringConvertible {
  case relation(Relation)
  case flag(String, negated: Bool)

  /// Parses `lhs op rhs`, `name`, or `not name`.
  public init(parsing text: String) throws {
    let trimmed = text.trimmingCharacters(in: " ")
    let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
    if words.count == 1, Self.isName(trimmed) {
      self = .flag(trimmed, negated: false)
    } else if words.count == 2, words[0] == "not", Self.isName(String(words[1])) {
      self = .flag(String(words[1]), negated: true)
    } else {
      self = .relation(try Relation(parsing: trimmed))
    }
  }

  static func isName(_ s: String) -> Bool {
    guard let first = s.first, first.isLetter || first == "_" else { return false }
    return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
  }

  /// The quantity names it reads.
  public var names: [String] {
    switch self {
    case .relation(let r): return Array(Set(r.lhs.names + r.rhs.names)).sorted()
    case .flag(let name, _): return [name]
    }
  }

  public var description: String {
    switch self {
    case .relation(let r): return r.description
    case .flag(let name, let negated): return negated ? "not \(name)" : name
    }
  }

  /// Decides the condition on an instance, raising precision as needed.
  public func decide(_ policy: PrecisionPolicy, in environment: some ValueEnvironment) -> Decision<Bool> {
    switch self {
    case .relation(let r): return r.decide(policy, in: environment)
    case .flag(let name, let negated):
      do {
        guard let value = try environment.value(of: name, precision: policy.initial) else {
          return .failed(UnlearningError.badData("quantity '\(name)' is not defined on this instance"))
        }
        guard let exact = value.exactValue, exact == Rational(0) || exact == Rational(1) else {
          return .failed(UnlearningError.badData("quantity '\(name)' is not a boolean"))
        }
        return .decided((exact == Rational(1)) != negated, precision: policy.initial)
      } catch {
        return .failed(error)
      }
    }
  }
}

private extension String {
  func trimmingCharacters(in set: Character) -> String {
    String(drop(while: { $0 == set || $0 == "\t" }).reversed().drop(while: { $0 == set || $0 == "\t" }).reversed())
  }
}

/// One claim of the catalog.
public struct Claim: Sendable {
  /// Unique and stable, e.g. `linear.margin-shift`.
  public var id: String
  public var title: String
  public var setting: ClaimSetting
  public var source: Provenance
  /// Evidence about the theory, or a harness self-check (`kind`, default theorem).
  public var kind: ClaimKind = .theorem
  /// Where it comes from, including the paper's numbering when known.
  public var reference: String
  /// The hypotheses; when one fails on an instance, the verdict there is VACUOUS.
  public var assumes: [Condition]
  /// The statement.
  public var statement: Condition
  /// Free constants (e.g. an unspecified absolute constant C'): the report
  /// gives the smallest value consistent with the suite instead of a verdict.
  /// The statement must weaken as each constant grows.
  public var constants: [String]
  /// Named constants the source leaves unspecified and the catalog fixes
  /// (`given = ["C0 = 1"]`), so a reader sees and can replace them: each is
  /// an exact value wherever the claim's hypotheses or statement name it.
  public var given: [String: Rational] = [:]
  /// The value at or above which the statement's bound says nothing (for a
  /// test error, 1/2: chance). With a free constant, the report lists the
  /// instances where the fitted bound reaches it: there the fit is vacuous.
  public var trivial: Bounds.Expression? = nil
  /// An optional note.
  public var notes: String?
  /// The catalog file and line of the `[[claim]]` header.
  public var file: String
  public var line: Int
}
