import Foundation
import Testing

/// `unlearning-check search`: the kept best instance replays to the same sides, and bad requests are one line, exit 64.
@Suite struct SearchCommandTests {
  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text.prefix(300))")
  }

  /// The sides of `claim` in an `instance --format json` document.
  static func sides(_ document: [String: Any], claim: String) throws -> (measured: [String: Any], bound: [String: Any]) {
    let claims = try #require(document["claims"] as? [[String: Any]])
    let entry = try #require(claims.first { $0["id"] as? String == claim }, "no \(claim) in the instance's claims")
    let result = try #require((entry["instances"] as? [[String: Any]])?.first)
    return (try #require(result["measured"] as? [String: Any]), try #require(result["bound"] as? [String: Any]))
  }

  @Test func theBestInstanceReplaysToTheSameSides() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let claim = "linear.unlearning-tau"
    let result = try runTool(["search", claim, "--n", "6", "--d", "40", "--budget", "16", "--seed", "5", "--output", directory, "--format", "json"])
    #expect(result.status == 0, "\(result)")
    let document = try Self.json(result.stdout)
    let best = try #require(document["best"] as? [String: Any], "\(result.stdout.prefix(400))")
    let replay = try #require(best["replay"] as? String)
    for file in ["X.npy", "y.npy", "search-best.json", "search.svg"] {
      #expect(FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(file)), "\(file) is kept")
    }
    // The replay command as a user would paste it (the paths hold no spaces).
    let words = replay.split(separator: " ").map(String.init)
    #expect(words.prefix(2) == ["unlearning-check", "instance"])
    let replayed = try runTool(Array(words.dropFirst()) + ["--format", "json"])
    #expect(replayed.status == 0 || replayed.status == 1, "\(replayed)")
    let sides = try Self.sides(try Self.json(replayed.stdout), claim: claim)
    let measured = try #require(best["measured"] as? [String: Any]), bound = try #require(best["bound"] as? [String: Any])
    for key in ["lo", "hi"] {
      #expect(sides.measured[key] as? String == measured[key] as? String, "measured.\(key)")
      #expect(sides.bound[key] as? String == bound[key] as? String, "bound.\(key)")
    }
    #expect((document["trace"] as? [Any])?.count == 16)
  }

  @Test func badRequestsAreOneLineAndExit64() throws {
    let small = ["--n", "6", "--d", "40"]
    try RobustnessTests.expectOutcome(["search", "no.such-claim"] + small, 64, "no claim 'no.such-claim'")
    try RobustnessTests.expectOutcome(["search", "linear.unlearning-tau", "--budget", "0"] + small, 64, "budget")
    try RobustnessTests.expectOutcome(["search", "frei.lemma16.multiplier-upper-bound"] + small, 64, "setting")
    try RobustnessTests.expectOutcome(["search", "linear.margin-shift-identity"] + small, 64, "identity")
    try RobustnessTests.expectOutcome(["search", "two-layer.unlearning-tau", "--setting", "two-layer", "--width", "3"] + small, 64, "width")
    try RobustnessTests.expectOutcome(["search"] + small, 64, "give a claim's id, or --all")
    try RobustnessTests.expectOutcome(["search", "linear.unlearning-tau", "--forget", "0", "--forget-size", "2"] + small, 64, "not both")
  }
}
