import Foundation
import Formats
import Testing

/// Reports name what produced them: the tool's version and the catalog's content hash.
@Suite struct ProvenanceTests {
  @Test func versionAndCatalogHashAreInTheOutputs() throws {
    let version = try runTool(["--version"])
    #expect(version.status == 0 && version.stdout == ToolVersion.string + "\n", "\(version)")

    let theorems = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/catalog")
    let names = try FileManager.default.contentsOfDirectory(atPath: theorems.path).filter { $0.hasSuffix(".toml") }.sorted()
    var bytes: [UInt8] = []
    for name in names { bytes += Array(name.utf8) + [0] + [UInt8](try Data(contentsOf: theorems.appendingPathComponent(name))) + [0] }
    let expected = SHA256.hex(bytes)

    let run = try runTool(["run", "--theorems", theorems.path, "--suite", theorems.deletingLastPathComponent().appendingPathComponent("suite.toml").path,
                           "--format", "json"])
    let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(report["tool_version"] as? String == ToolVersion.string)
    #expect(report["catalog_sha256"] as? String == expected)

    let instance = try runTool(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "4", "--d", "20", "--forget", "0", "--format", "json"])
    let document = try #require(try JSONSerialization.jsonObject(with: Data(instance.stdout.utf8)) as? [String: Any])
    #expect(document["tool_version"] as? String == ToolVersion.string)
  }
}

/// The default suite is evidence for every claim: each one is decided (not
/// VACUOUS, not ERROR) on at least two instances.
@Suite struct DefaultSuiteCoverageTests {
  @Test func everyClaimIsExercisedOnTwoInstances() throws {
    let run = try DefaultSuiteRun.result()
    #expect(run.status == 0, "\(run.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let claims = try #require(report["claims"] as? [[String: Any]])
    #expect(claims.count >= 30)
    for claim in claims {
      let counts = try #require(claim["counts"] as? [String: Int])
      let decided = (counts["PROVED"] ?? 0) + (counts["REFUTED"] ?? 0)
      #expect(decided >= 2, "\(claim["id"] ?? "?"): decided on \(decided) instance(s)")
    }
  }
}

/// The command a report prints for an instance re-runs it: the witness of a
/// refutation comes back with the same exact value.
@Suite struct RerunTests {
  @Test func theWitnessCommandReproducesTheMeasuredValue() throws {
    let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let run = try runTool(["run", "--theorems", golden.appendingPathComponent("catalog").path,
                           "--suite", golden.appendingPathComponent("suite.toml").path, "--format", "json"])
    let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let claims = try #require(report["claims"] as? [[String: Any]])
    let refuted = try #require(claims.first { $0["id"] as? String == "golden.margin-shift-halved" })
    let witness = try #require(refuted["witness"] as? [String: Any])
    let name = try #require(witness["instance"] as? String)
    let measured = try #require((witness["measured"] as? [String: Any])?["lo"] as? String)
    let instances = try #require(report["instances"] as? [String: [String: String]])
    let command = try #require(instances[name]?["command"])
    var arguments = command.split(separator: " ").map(String.init).dropFirst()  // drop the program name
    #expect(arguments.first == "instance")
    arguments.append(contentsOf: ["--format", "json"])
    let rerun = try runTool(Array(arguments))
    let document = try #require(try JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any])
    let quantities = try #require(document["quantities"] as? [String: Any])
    #expect((quantities["max_margin_shift"] as? [String: Any])?["lo"] as? String == measured, "\(command)")
  }
}
