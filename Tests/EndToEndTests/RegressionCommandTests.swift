import Foundation
import Testing
import Unlearning
import Claims
import Formats

@Suite struct RegressionCommandTests {
  @Test func saveThenCompareThenCheckData() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("saved")
    let save = try runTool(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "300",
                            "--seed", "7", "--forget", "2", "--save", directory, "--format", "json"])
    #expect(save.status == 0, "\(save)")
    for file in ["X.npy", "y.npy", "lambda.npy", "w.npy", "w_unlearned.npy", "exact.json"] {
      #expect(FileManager.default.fileExists(atPath: directory + "/" + file), "missing \(file)")
    }
    let exact = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/exact.json"))) as? [String: Any])
    #expect((exact["w_unlearned"] as? [String])?.count == 300)
    let compare = try runTool(["compare", "--setting", "linear", "--data", directory + "/X.npy", "--labels", directory + "/y.npy",
                               "--weights", directory + "/w.npy", "--unlearned", directory + "/w_unlearned.npy", "--forget", "2",
                               "--format", "json"])
    #expect(compare.status == 0, "\(compare)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
    #expect(document["within_tolerance"] as? Bool == true)
    // The wrong result: the starting weights themselves (no step at all).
    let wrong = try runTool(["compare", "--setting", "linear", "--data", directory + "/X.npy", "--labels", directory + "/y.npy",
                             "--weights", directory + "/w.npy", "--unlearned", directory + "/w.npy", "--forget", "2"])
    #expect(wrong.status == 1, "\(wrong)")
    // Both scales are labelled; the saved start is at margin 1 (ρ = 1 up to float rounding).
    for label in ["your start     ρ = min_i y_i N(x_i; θ) = 1", "β̂* = ", "yours @ margin 1", "exact step @ your scale", "correct  5/5"] {
      #expect(wrong.stdout.contains(label), "no '\(label)' in \(wrong.stdout)")
    }
    let scale = try #require(document["scale"] as? [String: Any])
    #expect((scale["yours"] as? [String: Any])?["at_margin_one"] is [String: Any] && scale["exact_step"] is [String: Any])
    #expect(document["retained_correct"] as? Int == 5 && (document["warnings"] as? [Any])?.isEmpty == true)
    let review = try runTool(["check-data", "--data", directory + "/X.npy", "--labels", directory + "/y.npy"])
    #expect(review.status == 0, "\(review)")
    #expect(review.stdout.contains("zeta") && review.stdout.contains("p_orthogonality >= 3"))
  }

  @Test func compareRejectsBadShapes() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let x = try fixtures.floats("X.npy", shape: [2, 2], [1, 0, 0, 1])
    let y = try fixtures.floats("y.npy", shape: [2], [1, -1])
    let w = try fixtures.floats("w.npy", shape: [3], [1, 0, 0])
    let matrix = try fixtures.floats("W.npy", shape: [2, 2], [1, 0, 0, 1])
    let base = ["compare", "--setting", "linear", "--data", x, "--labels", y, "--forget", "0"]
    let short = try runTool(base + ["--weights", w, "--unlearned", w])
    #expect(short.status == 65 && short.stderr.contains("3 entries for d = 2"), "\(short)")
    // d + 1 entries: the last is likely an intercept, and the remedy is named (compare and instance).
    #expect(short.stderr.contains("append a constant column to X"), "\(short)")
    let start = try runTool(["instance", "--setting", "linear", "--data", x, "--labels", y, "--forget", "0", "--weights", w])
    #expect(start.status == 65 && start.stderr.contains("intercept") && start.stderr.split(separator: "\n").count == 1, "\(start)")
    let square = try runTool(base + ["--weights", matrix, "--unlearned", matrix])
    #expect(square.status == 65 && square.stderr.contains("1×d"), "\(square)")
  }
}

@Suite struct TwoLayerCompareTests {
  @Test func savedTwoLayerStepPassesAndNoStepFails() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("saved")
    let save = try runTool(["instance", "--setting", "two-layer", "--width", "6", "--gamma", "1/2", "--generator", "nearly-orthogonal",
                            "--n", "6", "--d", "400", "--seed", "3", "--forget", "1", "--save", directory])
    #expect(save.status == 0, "\(save)")
    let base = ["compare", "--setting", "two-layer", "--gamma", "1/2", "--data", directory + "/X.npy", "--labels", directory + "/y.npy",
                "--weights", directory + "/W.npy", "--forget", "1"]
    // m = 6: √m is irrational, and the step is still exact (theory: λ_r a_j = μ_r s_j).
    let good = try runTool(base + ["--unlearned", directory + "/W_unlearned.npy", "--format", "json"])
    #expect(good.status == 0, "\(good)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(good.stdout.utf8)) as? [String: Any])
    #expect(document["activation_mismatches"] as? Int == 0)
    let bad = try runTool(base + ["--unlearned", directory + "/W.npy"])
    #expect(bad.status == 1, "\(bad)")
    let missing = try runTool(["compare", "--setting", "two-layer", "--data", directory + "/X.npy", "--labels", directory + "/y.npy",
                               "--weights", directory + "/W.npy", "--unlearned", directory + "/W.npy", "--forget", "1"])
    #expect(missing.status == 64)
    // The outer layer's layout: the saved halves given as a list pass; another layout is a different
    // network (outside, with a hint); a malformed list is a usage error, one line.
    let listed = try runTool(base + ["--unlearned", directory + "/W_unlearned.npy", "--outer-signs", "1,1,1,-1,-1,-1"])
    #expect(listed.status == 0, "\(listed)")
    let alternating = try runTool(base + ["--unlearned", directory + "/W_unlearned.npy", "--outer-signs", "alternating"])
    #expect(alternating.status == 1 && alternating.stdout.contains("--outer-signs"), "\(alternating)")
    let malformed = try runTool(base + ["--unlearned", directory + "/W_unlearned.npy", "--outer-signs", "1,0,1,-1,1,-1"])
    #expect(malformed.status == 64 && malformed.stderr.split(separator: "\n").count == 1, "\(malformed)")
  }
}
