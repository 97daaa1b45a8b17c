import Bounds
import Foundation
import Testing
import Unlearning
import Claims
import Formats

/// `instance`, suites, sweeps and figures build their instances through one
/// path (``InstanceSpec/analyse()``): the same parameters give the same
/// quantities whichever way they arrive.
@Suite struct ConstructionPathTests {
  /// The quantities of a JSON document, as rendered (key order included).
  static func quantities(_ text: String) throws -> [(String, String)] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let quantities = try #require(object["quantities"] as? [String: Any], "no quantities in \(text.prefix(200))")
    return quantities.keys.sorted().map { key in
      let value = try! JSONSerialization.data(withJSONObject: quantities[key]!, options: [.sortedKeys, .fragmentsAllowed])
      return (key, String(decoding: value, as: UTF8.self))
    }
  }

  /// A trained two-layer start with a non-zero seed, through `instance` and through a one-instance suite.
  @Test func instanceCommandAndSuiteAgreeOnATrainedStart() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let suite = try fixtures.text("one.toml", """
      [[instance]]
      name = "trained"
      setting = "two-layer"
      width = 4
      gamma = "1/2"
      start = "trained"
      generator = "nearly-orthogonal"
      n = 6
      d = 400
      seed = 5
      forget = 1
      """)
    let result = try runTool([
      "instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--start", "trained", "--generator", "nearly-orthogonal",
      "--n", "6", "--d", "400", "--seed", "5", "--forget", "1", "--format", "json",
    ])
    #expect(result.status == 0, "\(result)")
    let spec = try #require(try Suite(file: suite).instances.first)
    #expect(spec.trainingSeed == 5)
    let table = try spec.analyse().quantities(precision: Interval.defaultPrecision)
    let document = "{\"quantities\": \(table.json.rendered(pretty: false))}"
    let fromCommand = try Self.quantities(result.stdout), fromSuite = try Self.quantities(document)
    #expect(fromCommand.map(\.0) == fromSuite.map(\.0))
    for ((name, a), (_, b)) in zip(fromCommand, fromSuite) { #expect(a == b, "\(name): \(a.prefix(120)) vs \(b.prefix(120))") }
    // The seed matters, so the comparison above can fail: another seed trains another network.
    var other = spec
    other.trainingSeed = 0
    let otherTable = try other.analyse().quantities(precision: Interval.defaultPrecision)
    let reseeded = try Self.quantities("{\"quantities\": \(otherTable.json.rendered(pretty: false))}")
    #expect(reseeded.first { $0.0 == "epsilon_start2" }?.1 != fromSuite.first { $0.0 == "epsilon_start2" }?.1)
  }

  /// A width-4 leaky network's exact KKT point on n = 6 nearly orthogonal points in d dimensions,
  /// saved (`instance --save`) as X.npy, y.npy and W.npy in the fixtures' `saved`.
  static func savedNetwork(in fixtures: Fixtures, d: Int) throws -> String {
    let saved = fixtures.path("saved")
    let result = try runTool(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--generator", "nearly-orthogonal",
                              "--n", "6", "--d", "\(d)", "--seed", "5", "--forget", "1", "--save", saved])
    #expect(result.status == 0, "\(result)")
    return saved
  }

  /// A user's first layer is one starting point for both settings: a suite file's `weights` builds
  /// a two-layer instance that starts there, as `instance --weights` does, and names it so.
  @Test func aNetworkStartsFromAUsersWeightsInASuiteFileAsOnTheCommandLine() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let saved = try Self.savedNetwork(in: fixtures, d: 400)
    let suite = try fixtures.text("weights.toml", """
      [[instance]]
      name = "given"
      setting = "two-layer"
      width = 4
      gamma = "1/2"
      weights = "saved/W.npy"
      data = "saved/X.npy"
      labels = "saved/y.npy"
      forget = 1
      """)
    let spec = try #require(try Suite(file: suite).instances.first)
    #expect(spec.start == .weights(saved + "/W.npy"))
    #expect(spec.commandLine.contains("--weights"))
    let result = try runTool(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--weights", saved + "/W.npy",
                              "--data", saved + "/X.npy", "--labels", saved + "/y.npy", "--forget", "1", "--format", "json"])
    #expect(result.status == 0, "\(result)")
    let table = try spec.analyse().quantities(precision: Interval.defaultPrecision)
    let fromSuite = try Self.quantities("{\"quantities\": \(table.json.rendered(pretty: false))}")
    #expect(try Self.quantities(result.stdout).map(\.1) == fromSuite.map(\.1))
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect((document["instance"] as? [String: Any])?["start"] as? String == "weights")
    // Its certificate says so too, and the independent checker confirms it as a given start.
    let certificates = fixtures.path("certificate")
    #expect(try runTool(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--weights", saved + "/W.npy",
                         "--data", saved + "/X.npy", "--labels", saved + "/y.npy", "--forget", "1", "--certificate", certificates]).status == 0)
    let checked = try CertificateTests.check([certificates])
    #expect(checked.status == 0 && checked.stderr.contains("all confirmed"), "\(checked)")
  }

  /// A user's first layer gives the width (its rows), and one saved d × m is
  /// named as transposed rather than as a shape mismatch.
  @Test func theWidthIsTheFirstLayersRowsAndATransposedLayerIsNamed() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let saved = try Self.savedNetwork(in: fixtures, d: 40)
    let common = ["--gamma", "1/2", "--data", saved + "/X.npy", "--labels", saved + "/y.npy", "--forget", "1", "--format", "json"]
    let given = try runTool(["instance", "--setting", "two-layer", "--width", "4", "--weights", saved + "/W.npy"] + common)
    let inferred = try runTool(["instance", "--setting", "two-layer", "--weights", saved + "/W.npy"] + common)
    #expect(given.status == 0 && inferred.status == 0, "\(inferred)")
    #expect(try Self.quantities(inferred.stdout).map(\.1) == Self.quantities(given.stdout).map(\.1))
    let layer = try NumpyArray(contentsOf: saved + "/W.npy")
    guard case .floats(let w) = layer.elements else { Issue.record("W.npy is not float64"); return }
    let (m, d) = (layer.shape[0], layer.shape[1])
    let transposed = (0..<d).flatMap { k in (0..<m).map { j in w[j * d + k] } }
    try NumpyArray(shape: [d, m], elementType: .float64, elements: .floats(transposed)).write(to: saved + "/WT.npy")
    let refused = try runTool(["instance", "--setting", "two-layer", "--width", "4", "--weights", saved + "/WT.npy"] + common)
    #expect(refused.status == 65 && refused.stderr.contains("looks transposed"), "\(refused)")
    // compare names it too (its width is the layer's rows).
    let compared = try runTool(["compare", "--setting", "two-layer", "--gamma", "1/2", "--data", saved + "/X.npy", "--labels", saved + "/y.npy",
                                "--weights", saved + "/WT.npy", "--unlearned", saved + "/WT.npy", "--forget", "1"])
    #expect(compared.status == 65 && compared.stderr.contains("looks transposed"), "\(compared)")
  }
}
