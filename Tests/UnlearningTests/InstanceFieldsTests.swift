import Exact
import Foundation
import Testing
@testable import Claims
@testable import Unlearning

/// The one decoder from `name = value` fields to an instance, as flags, suite keys and sweep points use it.
@Suite struct InstanceFieldsTests {
  typealias Fields = [String: InstanceFields.Value]

  static func decode(_ values: Fields) throws -> [InstanceSpec] { try InstanceFields(values).specs() }

  /// The decoder's error on these fields, or nil when they decode; the failing input is printed on mismatch.
  static func problem(_ values: Fields, naming: @escaping @Sendable (String) -> String = { "'\($0)'" }) -> InstanceFields.Problem? {
    do {
      _ = try InstanceFields(values, naming: naming).specs()
      return nil
    } catch {
      return error as? InstanceFields.Problem
    }
  }

  static let generated: Fields = ["generator": .text("nearly-orthogonal"), "n": .integer(6), "d": .integer(50)]

  @Test func defaultsAreWrittenOnce() throws {
    let spec = try #require(try Self.decode(Self.generated).first)
    #expect(spec.name == "nearly-orthogonal-n6-d50-s0")
    #expect(spec.model == .linear && spec.forgetSet == [0] && spec.loss == .logistic && spec.step == .unit && spec.start == .kkt)
    #expect(spec.parameterForm == .automatic && spec.trainingSeed == 0)
    guard case .generator(.nearlyOrthogonal, let p) = spec.source else { Issue.record("source \(spec.source)"); return }
    #expect(p.n == 6 && p.d == 50 && p.seed == 0 && p.gridBits == 16 && p.muNorm.isZero && p.labelNoise.isZero && p.correlation.isZero)
  }

  /// `steps` and `learning_rate`: a run measured for claims, η defaulting to the explicit β only.
  @Test func ascentRunFields() throws {
    var fields = Self.generated
    fields.merge(["step": .text("0.001"), "steps": .integer(3)]) { $1 }
    let plan = try #require(try Self.decode(fields).first?.ascentPlan)
    let eta = try plan.learningRate(for: .explicit(r("0.001")))
    #expect(plan.steps == 3 && plan.learningRate == nil && eta == r("0.001"))
    let command = try #require(try Self.decode(fields).first).commandLine
    #expect(command.hasSuffix("--steps 3 --learning-rate 1/1000"), "\(command)")
    fields["step"] = nil
    #expect(Self.problem(fields)?.key == "learning_rate", "c·β* cannot stand in for η")
    fields["learning_rate"] = .text("1/4")
    let given = try Self.decode(fields).first?.ascentPlan
    #expect(given == AscentRun.Plan(steps: 3, learningRate: r("1/4")))
    for (key, value) in [("steps", InstanceFields.Value.integer(0)), ("learning_rate", .text("-1"))] {
      var bad = fields
      bad[key] = value
      #expect(Self.problem(bad)?.key == key, "\(key) = \(value)")
    }
    fields["steps"] = nil
    #expect(Self.problem(fields)?.key == "learning_rate", "a rate without steps")
  }

  /// `expect`: the margin problem's stated outcome, linear only, replayed by the command line.
  @Test func expectedSeparabilityField() throws {
    var fields = Self.generated
    #expect(try Self.decode(fields).first?.expectedSeparable == nil)
    fields["expect"] = .text("not-separable")
    let spec = try #require(try Self.decode(fields).first)
    #expect(spec.expectedSeparable == false && spec.settings.contains(.separability))
    #expect(spec.commandLine.contains("--expect not-separable"), "\(spec.commandLine)")
    fields["expect"] = .text("separable")
    #expect(try Self.decode(fields).first?.expectedSeparable == true)
    fields["expect"] = .text("maybe")
    #expect(Self.problem(fields)?.key == "expect")
    fields.merge(["expect": .text("separable"), "setting": .text("two-layer"), "width": .integer(4), "gamma": .text("1/2")]) { $1 }
    #expect(Self.problem(fields)?.key == "expect", "a network has no linear margin problem")
  }

  @Test func textAndTypedValuesDecodeAlike() throws {
    // Flags and sweep points hold text; suite files hold integers and lists.
    var typed = Self.generated
    typed.merge(["forget": .integers([1, 3]), "seed": .integer(4), "setting": .text("two-layer"), "width": .integer(4), "gamma": .text("1/2"),
                 "step_scale": .integer(2)]) { $1 }
    let text: Fields = typed.mapValues {
      switch $0 {
      case .integer(let k): return .text(String(k))
      case .integers(let list): return .text(list.map(String.init).joined(separator: ","))
      case .text: return $0
      }
    }
    let a = try #require(try Self.decode(typed).first), b = try #require(try Self.decode(text).first)
    #expect(a.commandLine == b.commandLine, "\(a.commandLine) vs \(b.commandLine)")
    #expect(a.forgetSet == [1, 3] && a.step == .scaled(Rational(2)) && a.model == .twoLayer(width: 4, gamma: try Rational(1, 2)))
  }

  @Test func seedsMakeOneInstanceEach() throws {
    var fields = Self.generated
    fields["seeds"] = .integers([1, 2])
    fields["forget_size"] = .integer(2)
    let specs = try Self.decode(fields)
    #expect(specs.map(\.name) == ["nearly-orthogonal-n6-d50-s1", "nearly-orthogonal-n6-d50-s2"])
    #expect(specs.allSatisfy { $0.forgetSet.count == 2 })
    #expect(throws: InstanceFields.Problem.self) { try InstanceFields(fields).spec() }
  }

  @Test func everyInconsistencyNamesItsFieldInTheSourcesWords() throws {
    let files: Fields = ["data": .text("X.npy"), "labels": .text("y.npy")]
    let cases: [(Fields, String?, String)] = [
      (files.merging(Self.generated) { $1 }, "generator", "not both"),
      (["data": .text("X.npy")], "data", "go together"),
      ([:], nil, "needs 'data' and 'labels', or 'generator'"),
      (["generator": .text("nearly-orthogonal"), "n": .integer(3)], nil, "needs 'n' and 'd'"),
      (Self.generated.merging(["setting": .text("two-layer")]) { $1 }, nil, "needs 'width' and 'gamma'"),
      (Self.generated.merging(["width": .integer(4)]) { $1 }, "width", "apply to the two-layer setting"),
      (Self.generated.merging(["setting": .text("cubic")]) { $1 }, "setting", "must be linear or two-layer, got 'cubic'"),
      (Self.generated.merging(["start": .text("trained"), "weights": .text("w.npy")]) { $1 }, "weights", "not both"),
      (Self.generated.merging(["step": .text("1"), "step_scale": .text("1")]) { $1 }, "step", "not both"),
      (Self.generated.merging(["step": .text("abc")]) { $1 }, "step", "'step'"),
      (Self.generated.merging(["forget": .integer(1), "forget_size": .integer(2)]) { $1 }, "forget_size", "not both"),
      (Self.generated.merging(["forget": .text("0,a")]) { $1 }, "forget", "not a non-negative row index"),
      (Self.generated.merging(["forget": .integers([])]) { $1 }, "forget", "at least one point"),
      (Self.generated.merging(["forget_size": .integer(0)]) { $1 }, "forget_size", "at least 1"),
      (Self.generated.merging(["correlation": .text("1/4")]) { $1 }, "correlation", "correlated and two-block"),
      (Self.generated.merging(["mu_norm": .text("3")]) { $1 }, "mu_norm", "gaussian-mixture"),
      (Self.generated.merging(["seed": .integer(-1)]) { $1 }, "seed", "non-negative integer"),
      (Self.generated.merging(["seed": .integer(1), "seeds": .integers([2])]) { $1 }, "seeds", "not both"),
      (Self.generated.merging(["n": .text("ten")]) { $1 }, "n", "must be an integer, got 'ten'"),
      (Self.generated.merging(["loss": .text("hinge")]) { $1 }, "loss", "must be logistic or exponential"),
      (Self.generated.merging(["parameters": .text("span"), "setting": .text("two-layer"), "width": .integer(4), "gamma": .text("0")]) { $1 },
       "parameters", "applies to the linear setting"),
      (files.merging(["n": .integer(3)]) { $1 }, "n", "applies to a generator"),
      (files.merging(["forget_size": .integer(1)]) { $1 }, "forget_size", "give 'forget' for data files"),
      (Self.generated.merging(["colour": .text("red")]) { $1 }, "colour", "unknown field 'colour'"),
    ]
    for (fields, key, message) in cases {
      let problem = Self.problem(fields)
      #expect(problem?.key == key && problem?.message.contains(message) == true, "\(fields): \(String(describing: problem))")
    }
    // A flag-named source reads its own words.
    let flags = Self.problem(Self.generated.merging(["step": .text("1"), "step_scale": .text("1")]) { $1 },
                             naming: { "--" + $0.replacingOccurrences(of: "_", with: "-") })
    #expect(flags?.message == "give --step-scale or --step, not both", "\(String(describing: flags))")
  }

  /// suites/NAME.toml is the built-in suite NAME: the binary's copy and the file agree byte for byte.
  @Test func builtInSuitesAreTheirFiles() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let directory = root.appendingPathComponent("suites")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }.sorted()
    #expect(files.map { String($0.dropLast(5)) } == Suite.builtInTexts.keys.sorted())
    for file in files {
      let name = String(file.dropLast(5))
      let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
      #expect(Suite.builtInTexts[name] == text.trimmingCharacters(in: .newlines), "suites/\(file) differs from the binary's copy: run Scripts/embed-suites")
      let fromFile = try Suite(file: directory.appendingPathComponent(file).path), builtIn = try #require(Suite.builtIn(name))
      #expect(fromFile.instances.map(\.commandLine) == builtIn.instances.map(\.commandLine))
    }
  }
}
