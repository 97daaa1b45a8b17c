import Foundation
import Testing
import Claims
import Formats

@Suite struct SweepCommandTests {
  static let base = ["sweep", "--vary", "d=300,900", "--vary", "n=4,5", "--seeds", "1..2",
                     "--claims", "linear.margin-shift,linear.unlearning-tau,frei.lemma14.multiplier-upper-bound"]

  /// The record lines of a sweep directory, as a set (order depends on scheduling).
  static func records(_ directory: String) throws -> Set<String> {
    let text = try String(contentsOfFile: directory + "/records.jsonl", encoding: .utf8)
    return Set(text.split(separator: "\n").map(String.init))
  }

  @Test func anInterruptedSweepResumesToTheSameRecords() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let whole = fixtures.path("whole"), resumed = fixtures.path("resumed")
    #expect(try runTool(Self.base + ["--output", whole, "--format", "json"]).status == 0)
    // "Interrupt" after the first shard of three, and leave a half-written
    // instance behind (a record without its done marker).
    #expect(try runTool(Self.base + ["--output", resumed, "--shard", "1/3"]).status == 0)
    let partial = try String(contentsOfFile: whole + "/records.jsonl", encoding: .utf8).split(separator: "\n")
      .first { !$0.contains("\"done\"") && !(try! Self.records(resumed)).contains(String($0)) }!
    let handle = try #require(FileHandle(forWritingAtPath: resumed + "/records.jsonl"))
    handle.seekToEndOfFile()
    handle.write(Data((partial + "\n" + "{\"instance\": \"trunc").utf8))
    handle.closeFile()
    let result = try runTool(Self.base + ["--output", resumed, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    // Same completed records; the damaged tail is ignored, the partial instance redone.
    let complete = try Self.records(resumed).filter { $0.hasSuffix("}") }
    #expect(complete.subtracting([String(partial)]).union([String(partial)]) == (try Self.records(whole)))
    let wholeReport = try runTool(["merge", whole, "--format", "json"])
    let resumedReport = try runTool(["merge", resumed, "--format", "json"])
    #expect(wholeReport.stdout == resumedReport.stdout)
  }

  /// Off a terminal (a cluster job's log), progress is silent unless asked for; `--progress
  /// always` writes plain lines, no terminal escapes, the first and the last of them.
  @Test func progressGoesToALogOnlyWhenAskedAndAsPlainLines() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let quiet = try runTool(Self.base + ["--output", fixtures.path("quiet")])
    #expect(quiet.status == 0 && !quiet.stderr.contains("instances,"), "\(quiet)")
    let logged = try runTool(Self.base + ["--output", fixtures.path("logged"), "--progress", "always"])
    let lines = logged.stderr.split(separator: "\n").filter { $0.contains("instances,") }
    #expect(logged.status == 0 && !logged.stderr.contains("\u{1B}") && !logged.stderr.contains("\r"), "\(logged)")
    #expect(lines.first?.contains("1/8 instances") == true && lines.last?.contains("8/8 instances") == true && lines.count <= 3, "\(logged)")
    let never = try runTool(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "4", "--d", "300", "--forget", "0", "--progress", "never"])
    #expect(never.status == 0 && never.stderr.isEmpty, "\(never)")
    #expect(try runTool(Self.base + ["--output", fixtures.path("bad"), "--progress", "sometimes"]).status == 64)
  }

  /// Each completed instance names the tool version and catalog that made
  /// its records; merging records of another build says so on stderr.
  @Test func recordsNameTheirProducerAndMixedProducersAreReported() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let one = fixtures.path("one"), other = fixtures.path("other")
    let args = ["sweep", "--vary", "d=300", "--set", "n=4", "--seeds", "1..2", "--claims", "linear.margin-shift"]
    #expect(try runTool(args + ["--output", one]).status == 0)
    let done = try Self.records(one).filter { $0.contains("\"done\"") }
    #expect(done.count == 2)
    for line in done {
      let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(o["tool_version"] as? String == ToolVersion.string, "\(line)")
      #expect((o["catalog_sha256"] as? String)?.count == 64, "\(line)")
    }
    let clean = try runTool(["merge", one])
    #expect(clean.status == 0 && !clean.stderr.contains("more than one tool version"), "\(clean.stderr)")
    // A directory written by another version, with the other seeds.
    #expect(try runTool(["sweep", "--vary", "d=300", "--set", "n=4", "--seeds", "3..3", "--claims", "linear.margin-shift",
                         "--output", other]).status == 0)
    let path = other + "/records.jsonl"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try text.replacingOccurrences(of: "\"tool_version\":\"\(ToolVersion.string)\"", with: "\"tool_version\":\"0.0.1\"")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let mixed = try runTool(["merge", one, other])
    #expect(mixed.status == 0, "\(mixed.stderr)")
    #expect(mixed.stderr.contains("more than one tool version or catalog") && mixed.stderr.contains("unlearning-check 0.0.1"), "\(mixed.stderr)")
    // Resuming the other directory with this build says so too.
    let resumed = try runTool(["sweep", "--vary", "d=300", "--set", "n=4", "--seeds", "3..4", "--claims", "linear.margin-shift",
                               "--output", other])
    #expect(resumed.status == 0 && resumed.stderr.contains("resuming"), "\(resumed.stderr)")
  }

  @Test func shardsMergedGiveTheSameReportAsOneRun() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let whole = fixtures.path("whole")
    #expect(try runTool(Self.base + ["--output", whole]).status == 0)
    var shards: [String] = []
    for k in 1...3 {
      let directory = fixtures.path("shard\(k)")
      shards.append(directory)
      #expect(try runTool(Self.base + ["--output", directory, "--shard", "\(k)/3"]).status == 0)
    }
    for format in ["text", "json", "markdown", "junit"] {
      let merged = try runTool(["merge"] + shards + ["--format", format])
      let single = try runTool(["merge", whole, "--format", format])
      #expect(merged.status == 0 && merged.stdout == single.stdout, "\(format)")
    }
    // Every shard is a disjoint slice.
    let counts = try shards.map { try Self.records($0).filter { $0.contains("\"done\"") }.count }
    #expect(counts.reduce(0, +) == 8)
  }

  @Test func fittingAConstantWhoseTrueValueIsKnown() throws {
    // The margin shift is attained exactly (theory §F.1(ii)): the fitted constant is 1.
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let catalog = fixtures.path("catalog")
    try FileManager.default.createDirectory(atPath: catalog, withIntermediateDirectories: true)
    try """
      [[claim]]
      id = "fit.margin-shift"
      title = "The margin shift with an unknown constant K"
      setting = "linear"
      source = "reconstructed"
      reference = "theory §F.1(ii)"
      assumes = ["forget_size == 1", "step_is_scaled"]
      claim = "max_margin_shift <= K * abs(c) * lambda_r * zeta_r"
      """.write(toFile: catalog + "/fit.toml", atomically: true, encoding: .utf8)
    let result = try runTool(["sweep", "--vary", "d=300,900", "--seeds", "1..3", "--set", "n=5", "--theorems", catalog,
                              "--fit-constant", "K", "--output", fixtures.path("out"), "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let claim = try #require((document["claims"] as? [[String: Any]])?.first)
    let fit = try #require(claim["fitted_constant"] as? [String: Any])
    #expect(fit["hi"] as? String == "1")
    #expect(claim["verdict"] as? String == "FITTED")
    // Without --fit-constant, K is an unknown quantity: a catalog error, not VACUOUS.
    let unknown = try runTool(["sweep", "--set", "n=5", "--theorems", catalog, "--output", fixtures.path("out2")])
    #expect(unknown.status == 65 && unknown.stderr.contains("unknown quantity 'K'"), "\(unknown.stderr)")
  }

  @Test func plotsAreWrittenAndUsageErrorsAreCaught() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let out = fixtures.path("out")
    #expect(try runTool(Self.base + ["--output", out]).status == 0)
    let svg = try String(contentsOfFile: out + "/linear.unlearning-tau.svg", encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.contains("polyline"))
    #expect(try runTool(Self.base + ["--shard", "4/3"]).status == 64)
    #expect(try runTool(["sweep", "--vary", "q=1,2"]).status == 64)
    #expect(try runTool(["sweep", "--seeds", "5..1"]).status == 64)
  }
}
