import Foundation
import Testing
import Unlearning
import Claims
import Formats

/// A scratch folder with `.npy` fixtures, removed after the test.
struct Fixtures {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("unlearning-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Writes a float64 array and returns its path.
  func floats(_ name: String, shape: [Int], _ values: [Double]) throws -> String {
    try NumpyArray(shape: shape, elementType: .float64, elements: .floats(values)).write(to: path(name))
    return path(name)
  }

  func text(_ name: String, _ contents: String) throws -> String {
    try contents.write(toFile: path(name), atomically: true, encoding: .utf8)
    return path(name)
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct InstanceCommandTests {
  static let generated = ["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "300", "--seed", "7", "--forget", "2"]

  @Test func jsonFollowsTheContract() throws {
    let result = try runTool(Self.generated + ["--format", "json"])
    #expect(result.status == 0, "\(result)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["schema_version"] as? Int == 1)
    #expect(document["setting"] as? String == "linear")
    let instance = try #require(document["instance"] as? [String: Any])
    #expect(instance["n"] as? Int == 6 && instance["forget"] as? Int == 2)
    let quantities = try #require(document["quantities"] as? [String: Any])
    for name in ["R_min2", "R_max2", "zeta", "zeta_r", "p_orthogonality", "lambda", "lambda_r", "lambda_max", "lambda_min",
                 "all_active", "margins_after", "epsilon", "tau", "delta", "max_margin_shift", "epsilon_opt",
                 "lambda_retrained", "cosine_to_retrained", "distance_to_retrained"] {
      #expect(quantities[name] != nil, "missing \(name)")
    }
    let epsilon = try #require(quantities["epsilon"] as? [String: Any])
    #expect(epsilon["lo"] as? String == "0" && epsilon["hi"] as? String == "0")
    #expect((quantities["lambda"] as? [String])?.count == 6)
    #expect((quantities["margins_after"] as? [String])?.count == 5)
    #expect(quantities["all_active"] as? Bool != nil)
    let cosine = try #require(quantities["cosine_to_retrained"] as? [String: Any])
    #expect((cosine["approx"] as? Double).map { $0 > 0.9 && $0 <= 1 } == true)
  }

  @Test func textIsReadable() throws {
    let result = try runTool(Self.generated)
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("linear setting: n = 6, d = 300, forget r = 2"))
    #expect(result.stdout.contains("epsilon"))
  }

  @Test func filesAreReadExactly() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let x = try fixtures.floats("X.npy", shape: [3, 3], [2, 0, 0, 0, 0.5, 0, 0, 0, 3])
    let y = try fixtures.floats("y.npy", shape: [3], [1, -1, 1])
    let result = try runTool(["instance", "--setting", "linear", "--data", x, "--labels", y, "--forget", "0", "--format", "json"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains(#""lambda": ["#))
    #expect(result.stdout.contains(#""1/4""#) && result.stdout.contains(#""4""#) && result.stdout.contains(#""1/9""#))
  }

  /// `--forget` takes a set, and `--steps K --learning-rate η` adds a row per step to the JSON.
  @Test func forgetSetsAndSeveralStepsThroughTheCommandLine() throws {
    let arguments = ["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "8", "--d", "600", "--seed", "3",
                     "--forget", "5,1", "--steps", "3", "--learning-rate", "0.001", "--retain-descent", "--format", "json"]
    let result = try runTool(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    #expect((json["instance"] as! [String: Any])["forget"] as? [Int] == [1, 5])
    let steps = try #require(json["steps"] as? [String: Any])
    #expect((steps["rows"] as! [[String: Any]]).count == 3 && steps["retain_descent"] as? Bool == true)
    #expect(((steps["rows"] as! [[String: Any]])[0]["forget_margins"] as! [Any]).count == 2)
    let quantities = json["quantities"] as! [String: Any]
    #expect(quantities["lambda_r"] == nil && quantities["forget_size"] != nil)
    // The figure over correlations writes its three files.
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let figure = try runTool(["figure", "correlation", "--setting", "linear", "--generator", "two-block", "--n", "6", "--d", "400", "--seed", "2",
                              "--forget", "5", "--correlations", "0,1/2", "--output", fixtures.path("corr")])
    #expect(figure.status == 0, "\(figure.stderr)")
    for file in ["correlation.csv", "correlation.svg", "verdicts.svg"] {
      #expect(FileManager.default.fileExists(atPath: fixtures.path("corr/" + file)), "\(file)")
    }
  }

  /// Silent no-ops and harm are said: a forgotten point that is no support
  /// vector (β* = 0), and a step that misclassifies retained points; both as
  /// warnings on stderr and in the JSON, and neither on an ordinary instance.
  @Test func noOpsAndHarmfulStepsAreWarnedAbout() throws {
    let noOp = try runTool(["instance", "--setting", "linear", "--generator", "gaussian-mixture", "--n", "8", "--d", "6", "--seed", "10",
                            "--mu-norm", "6", "--forget", "0", "--format", "json"])
    #expect(noOp.status == 0 && noOp.stderr.contains("warning: the forgotten point is not a support vector (λ_r = 0)"), "\(noOp.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(noOp.stdout.utf8)) as? [String: Any])
    #expect((document["warnings"] as? [String])?.count == 1)
    let harmful = try runTool(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "8000", "--seed", "1",
                               "--forget", "0", "--step-scale", "2000"])
    #expect(harmful.stderr.contains("warning: the step misclassifies 2 of 5 retained points"), "\(harmful.stderr)")
    #expect(harmful.stdout.contains("after the step: 3 of 5 retained points classified correctly"), "\(harmful.stdout.prefix(600))")
    let ordinary = try runTool(Self.generated)
    #expect(ordinary.status == 0 && !ordinary.stderr.contains("warning"), "\(ordinary.stderr)")
    #expect((document["retained_accuracy"] as? [String: Int]) == ["correct": 7, "retained": 7], "\(document["retained_accuracy"] ?? "none")")
  }

  /// 0/1 labels (scikit-learn's habit) are read as ±1 and said so, by instance, check-data and compare alike.
  @Test func zeroOneLabelsAreReadAsPlusMinusOneAndSaidSo() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let x = try fixtures.floats("X.npy", shape: [3, 4], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
    let zeroOne = try fixtures.floats("y01.npy", shape: [3], [1, 0, 1])
    let plusMinus = try fixtures.floats("y.npy", shape: [3], [1, -1, 1])
    let read = try runTool(["instance", "--setting", "linear", "--forget", "0", "--data", x, "--labels", zeroOne])
    let reference = try runTool(["instance", "--setting", "linear", "--forget", "0", "--data", x, "--labels", plusMinus])
    #expect(read.status == 0 && read.stderr.contains("the labels are 0/1: read as ±1 (0 → −1, 1 → +1)"), "\(read)")
    #expect(read.stdout.replacingOccurrences(of: "y01.npy", with: "y.npy") == reference.stdout)
    let review = try runTool(["check-data", "--data", x, "--labels", zeroOne])
    #expect(review.status == 0 && review.stderr.contains("0/1"), "\(review)")
  }

  @Test func badInputGetsOneLineAndTheRightExitCode() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let x = try fixtures.floats("X.npy", shape: [3, 2], [1, 0, 0, 1, 1, 1])
    let y = try fixtures.floats("y.npy", shape: [3], [1, -1, 1])
    let nan = try fixtures.floats("nan.npy", shape: [3, 2], [1, 0, .nan, 1, 1, 1])
    let badLabels = try fixtures.floats("labels2.npy", shape: [3], [1, 2, 1])
    let shortLabels = try fixtures.floats("short.npy", shape: [2], [1, -1])
    let vector = try fixtures.floats("vector.npy", shape: [6], [1, 0, 0, 1, 1, 1])
    let garbage = try fixtures.text("garbage.npy", "this is not numpy")
    let clash = try fixtures.floats("clash.npy", shape: [2, 2], [1, 0, 1, 0])
    let clashLabels = try fixtures.floats("clashy.npy", shape: [2], [1, -1])
    let nanLabels = try fixtures.floats("nan-labels.npy", shape: [3], [1, .nan, 1])
    let nanWeights = try fixtures.floats("nan-weights.npy", shape: [2], [1, .nan])
    let nanLayer = try fixtures.floats("nan-layer.npy", shape: [2, 2], [1, 0, .nan, 1])
    // Weights whose margins are rationals of hundreds of digits and one of them negative: the message stays short.
    let wrongWeights = try fixtures.floats("wrong-weights.npy", shape: [2], [-0.1 / 3, 1e-300])
    let base = ["instance", "--setting", "linear", "--forget", "0"]
    let cases: [([String], Int32, String)] = [
      (base + ["--data", fixtures.path("missing.npy"), "--labels", y], 65, "no such file"),
      (base + ["--data", nan, "--labels", y], 65, "nan.npy: element (1, 0) is nan, not a finite number"),
      // A NaN in any file the user gives is named with the file.
      (base + ["--data", x, "--labels", nanLabels], 65, "nan-labels.npy: element (1) is nan"),
      (base + ["--data", x, "--labels", y, "--weights", nanWeights], 65, "nan-weights.npy: element (1) is nan"),
      (["instance", "--setting", "two-layer", "--width", "2", "--gamma", "1/2", "--forget", "0", "--data", x, "--labels", y, "--weights", nanLayer],
       65, "nan-layer.npy: element (1, 0) is nan"),
      (base + ["--data", x, "--labels", badLabels], 65, "not ±1"),
      (base + ["--data", x, "--labels", shortLabels], 65, "2 labels for 3 data rows"),
      (base + ["--data", vector, "--labels", y], 65, "2-D array"),
      (base + ["--data", garbage, "--labels", y], 65, "bad magic"),
      (base + ["--data", clash, "--labels", clashLabels], 65, "not separable"),
      (base + ["--data", x, "--labels", y, "--weights", wrongWeights], 65, "margins y_i N(x_i; θ) are ≤ 0, the smallest ≈ "),
      (["instance", "--setting", "linear", "--forget", "7", "--data", x, "--labels", y], 64, "out of range"),
      (base + ["--data", x], 64, "go together"),
      (base + ["--data", x, "--labels", y, "--generator", "nearly-orthogonal"], 64, "not both"),
      (base + ["--generator", "nearly-orthogonal", "--n", "3"], 64, "--n and --d"),
      (base + ["--generator", "nearly-orthogonal", "--n", "3", "--d", "5", "--step", "1", "--step-scale", "1"], 64, "not both"),
      (base + ["--generator", "gaussian-mixture", "--n", "3", "--d", "5", "--label-noise", "0.7"], 64, "label-noise"),
      (base + ["--generator", "nearly-orthogonal", "--n", "3", "--d", "5", "--step-scale", "abc"], 64, "invalid for '--step-scale"),
      (base + ["--generator", "no-such-generator", "--n", "3", "--d", "5"], 64, "invalid for '--generator"),
      (["instance", "--setting", "cubic", "--forget", "0"], 64, "invalid for '--setting"),
      // Forget sets and several steps.
      (base + ["--data", x, "--labels", y, "--forget", "0,0"], 64, "names point 0 twice"),
      (base + ["--data", x, "--labels", y, "--forget", "0,a"], 64, "not a non-negative row index"),
      (base + ["--data", x, "--labels", y, "--forget", "0,1,2"], 64, "nothing is retained"),
      (base + ["--generator", "nearly-orthogonal", "--n", "4", "--d", "50", "--forget", "0,1", "--step", "1"], 64, "step scale"),
      (base + ["--generator", "nearly-orthogonal", "--n", "4", "--d", "50", "--steps", "3"], 64, "go together"),
      (base + ["--generator", "nearly-orthogonal", "--n", "4", "--d", "50", "--retain-descent"], 64, "needs --steps"),
      (base + ["--generator", "nearly-orthogonal", "--n", "4", "--d", "50", "--steps", "0", "--learning-rate", "1"], 64, "--steps must be"),
      (base + ["--generator", "two-block", "--n", "4", "--d", "50", "--correlation", "1"], 64, "[0, 1)"),
    ]
    for (arguments, status, message) in cases {
      let result = try runTool(arguments)
      #expect(result.status == status, "\(arguments.joined(separator: " ")): \(result)")
      #expect(result.stderr.contains(message), "\(arguments.joined(separator: " ")): \(result.stderr)")
      #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrac"))
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
      #expect(result.stderr.count < 400, "a one-line message prints no huge rational: \(result.stderr.prefix(200))…")
    }
  }
}

@Suite struct TwoLayerCommandTests {
  @Test func twoLayerInstanceJSON() throws {
    let result = try runTool(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--generator", "nearly-orthogonal",
                              "--n", "6", "--d", "8000", "--seed", "13", "--forget", "0", "--format", "json"])
    #expect(result.status == 0, "\(result)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["setting"] as? String == "two-layer")
    let quantities = try #require(document["quantities"] as? [String: Any])
    for name in ["activation_flips", "sign_stable", "lambda_retrained", "cosine_to_retrained", "epsilon", "tau", "delta"] {
      #expect(quantities[name] != nil, "missing \(name)")
    }
    #expect((document["claims"] as? [Any])?.isEmpty == false)
  }

  @Test func reluWithoutClustersReportsWhyItIsNotKKT() throws {
    let result = try runTool(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "0", "--generator", "nearly-orthogonal",
                              "--n", "8", "--d", "20000", "--seed", "1", "--forget", "0"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.contains("NOT a KKT point"), "\(result.stdout)")
  }

  @Test func twoLayerUsageErrors() throws {
    let base = ["instance", "--setting", "two-layer", "--generator", "nearly-orthogonal", "--n", "4", "--d", "10", "--forget", "0"]
    #expect(try runTool(base).status == 64)
    #expect(try runTool(base + ["--width", "3", "--gamma", "1/2"]).status == 64)
    #expect(try runTool(base + ["--width", "4", "--gamma", "1/2", "--step", "0.1", "--step-scale", "1"]).status == 64)
  }

  /// A linear start from gradient descent or from a user's weights.
  @Test func linearStartsFromTrainingAndFromWeights() throws {
    let trained = try runTool(InstanceCommandTests.generated + ["--start", "trained", "--format", "json"])
    #expect(trained.status == 0, "\(trained.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(trained.stdout.utf8)) as? [String: Any])
    let instance = try #require(document["instance"] as? [String: Any])
    #expect(instance["start"] as? String == "trained" && instance["training"] != nil && instance["rho"] != nil)
    let quantities = try #require(document["quantities"] as? [String: Any])
    #expect(quantities["start_is_trained"] as? Bool == true)
    let text = try runTool(InstanceCommandTests.generated + ["--start", "trained"])
    #expect(text.stdout.contains("start: gradient descent"), "\(text.stdout)")

    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let saved = fixtures.path("saved")
    #expect(try runTool(InstanceCommandTests.generated + ["--save", saved]).status == 0)
    let given = try runTool(["instance", "--setting", "linear", "--data", saved + "/X.npy", "--labels", saved + "/y.npy",
                             "--weights", saved + "/w.npy", "--forget", "2"])
    #expect(given.status == 0 && given.stdout.contains("start: the weights in"), "\(given)")
    #expect(given.stdout.contains("linear.approximate-start-epsilon") && given.stdout.contains("PROVED"))
    // A wrong shape is bad data (65); weights for two layers or with --start trained are usage errors (64).
    let wrong = try fixtures.floats("w3.npy", shape: [3], [1, 2, 3])
    let bad = try runTool(InstanceCommandTests.generated + ["--weights", wrong])
    #expect(bad.status == 65 && bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains("expected 300 values"), "\(bad)")
    #expect(try runTool(InstanceCommandTests.generated + ["--weights", wrong, "--start", "trained"]).status == 64)
    // A user's two-layer network: the m × d first layer.
    let network = ["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--generator", "nearly-orthogonal",
                   "--n", "6", "--d", "300", "--seed", "7", "--forget", "0"]
    let wrongNetwork = try runTool(network + ["--weights", wrong])
    #expect(wrongNetwork.status == 65 && wrongNetwork.stderr.contains("expected 4 × 300"), "\(wrongNetwork)")
    let savedNetwork = fixtures.path("saved-network")
    #expect(try runTool(network + ["--save", savedNetwork]).status == 0)
    let fromFile = try runTool(network + ["--weights", savedNetwork + "/W.npy"])
    #expect(fromFile.status == 0 && fromFile.stdout.contains("start: the network in"), "\(fromFile)")
    #expect(fromFile.stdout.contains("two-layer.trained-start-epsilon") && !fromFile.stdout.contains("REFUTED"), "\(fromFile.stdout)")
  }

  @Test func correlatedDataAndTheirParameter() throws {
    let base = ["instance", "--setting", "linear", "--generator", "correlated", "--n", "6", "--d", "2000", "--seed", "2", "--forget", "1"]
    let result = try runTool(base + ["--correlation", "1/4", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let source = try #require((document["instance"] as? [String: Any])?["source"] as? [String: Any])
    #expect(source["correlation"] as? String == "1/4")
    #expect(try runTool(base + ["--correlation", "1"]).status == 64)
    #expect(try runTool(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "20", "--forget", "1",
                         "--correlation", "1/4"]).status == 64)
  }

  @Test func stepsFigureWritesCSVAndSVGs() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("steps")
    let base = ["figure", "steps", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "1000", "--seed", "5",
                "--forget", "1", "--steps", "10"]
    let result = try runTool(base + ["--learning-rate", "0.0005", "--learning-rate", "0.002", "--output", directory])
    #expect(result.status == 0 && result.stdout.contains("passes its one-step β* value"), "\(result)")
    let csv = try String(contentsOfFile: directory + "/steps.csv", encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 21)
    for name in ["steps-epsilon", "steps-tau", "steps-forget-margin"] {
      #expect(try String(contentsOfFile: directory + "/\(name).svg", encoding: .utf8).contains("</svg>"))
    }
    #expect(try runTool(base + ["--output", directory]).status == 64)
    #expect(try runTool(base + ["--learning-rate", "-1", "--output", directory]).status == 64)
    // Networks and forget sets run through the same several-step measurement.
    let network = try runTool(["figure", "steps", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--generator", "nearly-orthogonal",
                               "--n", "6", "--d", "8000", "--seed", "13", "--forget", "0,3", "--steps", "4", "--learning-rate", "0.001",
                               "--output", directory])
    #expect(network.status == 0, "\(network)")
    #expect(try String(contentsOfFile: directory + "/steps.csv", encoding: .utf8).split(separator: "\n").count == 5)
  }

  @Test func stepSizeFigureWritesCSVAndSVG() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figure-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = try runTool(["figure", "step-size", "--setting", "two-layer", "--width", "4", "--gamma", "1/2",
                              "--generator", "nearly-orthogonal", "--n", "6", "--d", "4000", "--seed", "2", "--forget", "0",
                              "--points", "11", "--output", directory])
    #expect(result.status == 0, "\(result)")
    let csv = try String(contentsOfFile: directory + "/step-size.csv", encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 12)
    let svg = try String(contentsOfFile: directory + "/step-size.svg", encoding: .utf8)
    #expect(svg.contains("</svg>"))
  }
}
