//===--- InstanceFields.swift ---------------------------------------------===//
// An instance written as name = value fields, and the one decoder of them.
//===----------------------------------------------------------------------===//

import Exact

/// An instance written as `name = value` fields: the one decoder from fields
/// to ``InstanceSpec``, behind `instance` flags, suite entries and sweep
/// points alike, with every default and every cross-field check in one place.
///
/// | field | value | default |
/// |---|---|---|
/// | `name` | text | `instance-K` for data files, `GENERATOR-nN-dD[-sSEED]` |
/// | `setting` | `linear` or `two-layer` | `linear` |
/// | `width`, `gamma` | m (even), γ ∈ [0, 1) | required for two layers only |
/// | `start` / `weights` | `kkt` or `trained` / a path | `kkt` |
/// | `data` + `labels` / `generator` + `n` + `d` | paths / a generator | one of the two |
/// | `seed` / `seeds` | one seed / a list (one instance each) | 0 |
/// | `grid_bits` | 1...40 | 16 |
/// | `mu_norm`, `label_noise` | exact (Gaussian mixture only) | 0 |
/// | `correlation` | exact (correlated, two-block only) | 0 |
/// | `forget` / `forget_size` | indices / a random set's size | point 0 |
/// | `loss` | `logistic` or `exponential` | `logistic` |
/// | `step_scale` / `step` | c (β = c·β*) / an explicit β | c = 1 |
/// | `parameters` | `auto`, `explicit` or `span` (linear only) | `auto` |
/// | `steps`, `learning_rate` | K ascent steps at a fixed η, measured for claims | none; η = the explicit β |
/// | `expect` | `separable` or `not-separable` (linear only): the margin problem's outcome is checked against it | none |
///
/// Exact numbers are text ("1/2", "0.001") or integers; index lists are
/// integer lists or text ("0,3,7"). The caller names a field in its own
/// words (a flag `--step-scale`, a key `'step_scale'`), so every message
/// reads as the user wrote the instance.
public struct InstanceFields: Sendable {
  /// One field's value as its source holds it.
  public enum Value: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case integers([Int])
  }

  /// A field that is missing, malformed or inconsistent with another.
  public struct Problem: Error, CustomStringConvertible, Sendable {
    /// The field the problem is on, when it is one field's.
    public let key: String?
    public let message: String
    public var description: String { message }
  }

  /// Every field the decoder reads.
  public static let keys: Set<String> = [
    "name", "setting", "width", "gamma", "start", "weights", "data", "labels", "generator", "n", "d", "seed", "seeds", "grid_bits",
    "mu_norm", "label_noise", "correlation", "forget", "forget_size", "loss", "step_scale", "step", "parameters",
    "steps", "learning_rate", "expect",
  ]

  public let values: [String: Value]
  /// How the source names a field in a message.
  let naming: @Sendable (String) -> String
  /// How a path field becomes a path (a suite resolves it against its own directory).
  let resolve: @Sendable (String) -> String

  public init(_ values: [String: Value], naming: @escaping @Sendable (String) -> String = { "'\($0)'" },
              resolve: @escaping @Sendable (String) -> String = { $0 }) {
    (self.values, self.naming, self.resolve) = (values, naming, resolve)
  }

  /// The instances the fields describe: one, or one per seed of `seeds`.
  ///
  /// - Parameter index: The position of the entry in its suite, for the
  ///   default name of an instance on data files.
  /// - Throws: ``Problem`` naming the field.
  public func specs(index: Int = 0) throws -> [InstanceSpec] {
    if let unknown = values.keys.sorted().first(where: { !Self.keys.contains($0) }) { throw fail(unknown, "unknown field \(naming(unknown))") }
    let model = try self.model(), start = try startingPoint(), form = try parameterForm(linear: model == .linear)
    let (loss, step) = try lossAndStep()
    let forgetSet = try forget()
    let plan = try ascentPlan(step: step)
    let expected = try choice("expect", [("separable", true as Bool?), ("not-separable", false)], default: nil)
    if expected != nil, model != .linear { throw fail("expect", "\(naming("expect")) is for the linear setting (its margin problem)") }
    return try sources(index: index).map { name, source, seed, forgetSize in
      var spec = InstanceSpec(name: name, source: source, model: model, forget: 0, loss: loss, step: step, trainingSeed: seed)
      spec.forgetSet = forgetSet
      if let forgetSize {
        do {
          spec.forgetSet = try ForgetSet.random(size: forgetSize, points: spec.points ?? 0, seed: seed)
        } catch {
          throw fail("forget_size", "\(naming("forget_size")): \(error)")
        }
      }
      spec.start = start
      spec.parameterForm = form
      spec.ascentPlan = plan
      spec.expectedSeparable = expected
      return spec
    }
  }

  /// The one instance the fields describe (refusing `seeds`).
  public func spec() throws -> InstanceSpec {
    if values["seeds"] != nil { throw fail("seeds", "\(naming("seeds")) describes several instances; give \(naming("seed"))") }
    return try specs()[0]
  }

  func fail(_ key: String?, _ message: String) -> Problem { Problem(key: key, message: message) }

  // MARK: Typed values

  func text(_ key: String) throws -> String? {
    switch values[key] {
    case nil: return nil
    case .text(let s)?: return s
    case .integer(let k)?: return String(k)
    case .integers?: throw fail(key, "\(naming(key)) must be one value, not a list")
    }
  }

  func integer(_ key: String) throws -> Int? {
    switch values[key] {
    case nil: return nil
    case .integer(let k)?: return k
    case .text(let s)?:
      guard let k = Int(s) else { throw fail(key, "\(naming(key)) must be an integer, got '\(s)'") }
      return k
    case .integers?: throw fail(key, "\(naming(key)) must be an integer, not a list")
    }
  }

  /// An exact number: text ("1/3", "0.1", "1e-3") or an integer.
  func rational(_ key: String) throws -> Rational? {
    guard let s = try text(key) else { return nil }
    do { return try Rational(parsing: s) } catch { throw fail(key, "\(naming(key)): \(error)") }
  }

  /// Indices: a list, one integer, or text "0,3,7".
  func indices(_ key: String) throws -> [Int]? {
    switch values[key] {
    case nil: return nil
    case .integers(let list)?: return list
    case .integer(let k)?: return [k]
    case .text(let s)?:
      do { return try ForgetSet.parse(s) } catch { throw fail(key, "\(naming(key)): \(error)") }
    }
  }

  /// A value from a fixed list of names.
  func choice<T>(_ key: String, _ options: [(String, T)], default value: T) throws -> T {
    guard let s = try text(key) else { return value }
    guard let match = options.first(where: { $0.0 == s }) else {
      throw fail(key, "\(naming(key)) must be \(options.map(\.0).joined(separator: ", ").replacingLast(", ", with: " or ")), got '\(s)'")
    }
    return match.1
  }
}

extension String {
  /// The string with its last occurrence of `target` replaced.
  func replacingLast(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target, options: .backwards) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
