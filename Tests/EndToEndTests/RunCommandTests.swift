import Foundation
import Testing
import Claims
import Formats

/// The report formats against committed golden files. To accept a deliberate
/// change of the reports, run with UPDATE_GOLDEN=1 and review the diff.
@Suite struct RunCommandTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static let arguments = ["run", "--theorems", golden.appendingPathComponent("catalog").path,
                          "--suite", golden.appendingPathComponent("suite.toml").path]

  @Test(arguments: [("text", "report.txt"), ("markdown", "report.md"), ("junit", "report.xml")])
  func reportsMatchTheGoldenFiles(format: String, file: String) throws {
    let result = try runTool(Self.arguments + ["--format", format])
    #expect(result.status == 1, "the golden catalog refutes one claim: \(result)")
    let url = Self.golden.appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try result.stdout.write(to: url, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(result.stdout == expected, "\(file) differs; rerun with UPDATE_GOLDEN=1 to accept deliberate changes")
  }

  @Test func jsonReportFollowsTheSchema() throws {
    let result = try runTool(Self.arguments + ["--format", "json"])
    #expect(result.status == 1)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["schema_version"] as? Int == 1)
    let claims = try #require(document["claims"] as? [[String: Any]])
    #expect(claims.count == 5)
    for claim in claims {
      for key in ["id", "title", "source", "reference", "setting", "verdict", "counts", "instances"] {
        #expect(claim[key] != nil, "\(key) missing")
      }
    }
    let refuted = try #require(claims.first { $0["id"] as? String == "golden.margin-shift-halved" })
    #expect(refuted["verdict"] as? String == "REFUTED")
    let witness = try #require(refuted["witness"] as? [String: Any])
    let measured = try #require(witness["measured"] as? [String: Any])
    #expect(measured["lo"] as? String == measured["hi"] as? String)  // exact
    let summary = try #require(document["summary"] as? [String: Int])
    #expect(summary["REFUTED"] == 1 && summary["VACUOUS"] == 1 && summary["FITTED"] == 1 && summary["PROVED"] == 2)
  }

  @Test func outputFlagWritesTheReport() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).md").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try runTool(Self.arguments + ["--format", "markdown", "--output", path])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# unlearning-check report"))
  }

  @Test func malformedCatalogExits65WithFileAndLine() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "[[claim]]\nid = \"bad\"\ntitle = \"t\"\nsetting = \"linear\"\nsource = \"verbatim\"\nreference = \"r\"\nclaim = \"lambda_q <= 1\"\n"
      .write(to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
    let result = try runTool(["run", "--theorems", directory.path])
    #expect(result.status == 65, "\(result)")
    #expect(result.stderr.contains("bad.toml:7: claim 'bad': unknown quantity 'lambda_q'"), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    let missing = try runTool(["run", "--theorems", directory.appendingPathComponent("nope").path])
    #expect(missing.status == 65)
    let badSuite = try runTool(["run", "--suite", directory.appendingPathComponent("none.toml").path])
    #expect(badSuite.status == 65 && badSuite.stderr.contains("no such file"), "\(badSuite)")
  }

  @Test func listAndExplain() throws {
    let list = try runTool(["list", "--theorems", Self.golden.appendingPathComponent("catalog").path])
    #expect(list.status == 0)
    #expect(list.stdout.split(separator: "\n").count == 5)
    #expect(list.stdout.contains("golden.frei-lemma14") && list.stdout.contains("verbatim"))
    let explain = try runTool(["explain", "golden.margin-shift"] + Array(Self.arguments.dropFirst()))
    #expect(explain.status == 0, "\(explain)")
    #expect(explain.stdout.contains("zeta_r: ζ_r = max_{i≠r} |⟨x_r, x_i⟩|"))
    #expect(explain.stdout.contains("tightest instance:"))
    let unknown = try runTool(["explain", "no.such.claim"])
    #expect(unknown.status == 64)
  }

  @Test func theDefaultCatalogAndSuiteRunClean() throws {
    let result = try DefaultSuiteRun.result()
    #expect(result.status == 0, "\(result.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let summary = try #require(document["summary"] as? [String: Int])
    #expect(summary["REFUTED"] == 0 && summary["ERROR"] == 0 && summary["INCONCLUSIVE"] == 0)
    let claims = try #require(document["claims"] as? [[String: Any]])
    // VACUOUS is visible: some instance fails some claim's hypotheses.
    #expect(claims.contains { (($0["counts"] as? [String: Int])?["VACUOUS"] ?? 0) > 0 })
  }
}
