import Foundation
import Formats
import Testing

/// Regression tests for hostile input: every case ends in one line on
/// standard error and a documented exit code, never a signal.
@Suite struct RobustnessTests {
  /// Runs the tool and checks the exit code, one line on stderr when failing, and no signal.
  static func expectOutcome(_ arguments: [String], _ status: Int32, _ fragment: String? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
    let result = try runTool(arguments)
    #expect(result.status == status, "\(arguments.prefix(4).joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
    if status != 0 {
      let lines = result.stderr.split(separator: "\n").filter { !$0.contains("warning:") }
      #expect(lines.count == 1, "one line on stderr, got \(result.stderr.prefix(400))", sourceLocation: sourceLocation)
      if let fragment { #expect(result.stderr.contains(fragment), "\(result.stderr.prefix(300))", sourceLocation: sourceLocation) }
    }
  }

  /// A report that cannot be written to standard output is a failure (exit 74, one line naming it),
  /// never a silent 0; a message that cannot be written to standard error does not trap, and the
  /// exit status still says what happened.
  @Test func unwritableStandardStreamsExitWithTheirStatus() throws {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    let tool = try toolURL().path
    let suite = try Self.tinySuite()
    for command in ["list", "eval 'exp(1)'", "--help", "run --suite '\(suite)'"] {
      let result = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(tool)' \(command) > /dev/full"])
      #expect(result.status == 74, "\(command): \(result)")
      #expect(result.stderr.contains("standard output cannot be written"), "\(command): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
    let failing = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(tool)' eval '1/0' 2> /dev/full"])
    #expect(failing.status == 65, "\(failing)")
  }

  /// A run that ends in ERROR says so in one line, even with --certificate
  /// and --output (what was written is said only on success).
  @Test func aFailingRunWithCertificatesIsOneLine() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let x = try fixtures.floats("X.npy", shape: [3, 2], [1, 0, 1, 0, 0, 1])
    let y = try fixtures.floats("y.npy", shape: [3], [1, -1, 1])
    let suite = try fixtures.text("suite.toml", "[[instance]]\ndata = \"\(x)\"\nlabels = \"\(y)\"\n")
    try Self.expectOutcome(["run", "--suite", suite, "--certificate", fixtures.path("certificates"), "--output", fixtures.path("report.txt")],
                           65, "not separable")
  }

  /// A read-only output directory, as a user who cannot write it (the tests
  /// usually run as root, who can: then as `nobody` through setpriv): every
  /// command that writes there exits 73 or 74 with one line, and the file
  /// already there is untouched.
  @Test func aReadOnlyOutputDirectoryLosesNothing() throws {
    let fixtures = try Fixtures()
    defer {
      chmod(fixtures.path("ro"), 0o755)
      fixtures.remove()
    }
    let tool = try toolURL().path
    let asUser: [String]
    if getuid() != 0 {
      asUser = []
    } else if FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
      asUser = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
      // nobody must reach the tool and the fixtures.
      guard try runProcess(URL(fileURLWithPath: asUser[0]), Array(asUser.dropFirst()) + [tool, "--version"]).status == 0 else { return }
    } else {
      return
    }
    let directory = fixtures.path("ro")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try "keep\n".write(toFile: directory + "/report.txt", atomically: true, encoding: .utf8)
    chmod(fixtures.directory.path, 0o755)
    chmod(directory, 0o555)
    let suite = try Self.tinySuite()
    let instance = ["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "4", "--d", "50", "--forget", "0"]
    let commands: [[String]] = [
      ["run", "--suite", suite, "--output", directory + "/report.txt"], ["run", "--suite", suite, "--output", directory + "/new.txt"],
      ["run", "--suite", suite, "--certificate", directory], ["run", "--suite", suite, "--certificate", directory + "/certificates"],
      ["sweep", "--set", "d=50", "--seeds", "1", "--output", directory], ["sweep", "--set", "d=50", "--seeds", "1", "--output", directory + "/sub"],
      instance + ["--save", directory], instance + ["--save", directory + "/saved"], instance + ["--certificate", directory],
      ["search", "linear.margin-shift", "--budget", "4", "--output", directory + "/search"],
    ]
    for arguments in commands {
      let result = try runProcess(URL(fileURLWithPath: asUser.first ?? tool), Array(asUser.dropFirst()) + (asUser.isEmpty ? [] : [tool]) + arguments)
      #expect([73, 74].contains(result.status), "\(arguments.joined(separator: " ")): \(result)")
      #expect(result.stderr.split(separator: "\n").filter { !$0.contains("warning:") }.count == 1, "\(result.stderr)")
    }
    #expect(try String(contentsOfFile: directory + "/report.txt", encoding: .utf8) == "keep\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.txt"])
  }

  /// A closed pipe fails the write (exit 74, one line), not the process by SIGPIPE.
  @Test func aClosedPipeIsAWriteError() throws {
    let tool = try toolURL().path
    let suite = try Self.tinySuite()
    for arguments in [["list"], ["run", "--suite", suite]] {
      // Standard output is a pipe whose read end is closed before the tool starts: every write is EPIPE.
      let script = "import os, subprocess, sys\nr, w = os.pipe()\nos.close(r)\n"
        + "p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)\n"
        + "sys.stderr.buffer.write(p.stderr)\nsys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)\n"
      let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, tool] + arguments)
      #expect(result.status == 74, "\(arguments[0]): \(result)")
      #expect(result.stderr.contains("standard output cannot be written (Broken pipe)"), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
  }

  /// A sweep whose records cannot be written (a file-size limit, as a full
  /// disk or a quota would) exits 74 with one line; the records written
  /// before are whole, no line is torn, and resuming completes the sweep.
  @Test func sweepRecordsThatCannotBeWrittenExit74() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let tool = try toolURL().path
    let directory = fixtures.path("limited")
    let arguments = "sweep --vary d=200,400,800,1600 --seeds 1..4 --set n=8 --output '\(directory)'"
    let limited = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -f 40; exec '\(tool)' \(arguments) > /dev/null"])
    #expect(limited.status == 74, "\(limited)")
    let errors = limited.stderr.split(separator: "\n").filter { $0.contains("error:") }
    #expect(errors.count == 1 && errors[0].contains("records.jsonl: cannot be written"), "\(limited.stderr)")
    let partial = try Data(contentsOf: URL(fileURLWithPath: directory + "/records.jsonl"))
    #expect(partial.isEmpty || partial.last == 0x0A, "no torn line")
    #expect(partial.count <= 40 * 1024)
    let resumed = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "exec '\(tool)' \(arguments) --format json"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let whole = fixtures.path("whole")
    let clean = try runTool(["sweep", "--vary", "d=200,400,800,1600", "--seeds", "1..4", "--set", "n=8", "--output", whole, "--format", "json"])
    #expect(resumed.stdout.replacingOccurrences(of: directory, with: whole) == clean.stdout)
  }

  /// A one-instance suite file, to keep `run` short.
  static func tinySuite() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-\(UUID().uuidString).toml").path
    try """
      [[instance]]
      generator = "nearly-orthogonal"
      n = 4
      d = 400
      seed = 1
      """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func hugeDataEntriesAreAnalysed() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let x = try fixtures.floats("X.npy", shape: [3, 3], [1e80, 0, 0, 0, 1, 0, 0, 0, 1])
    let y = try fixtures.floats("y.npy", shape: [3], [1, -1, 1])
    try Self.expectOutcome(["instance", "--setting", "linear", "--data", x, "--labels", y, "--forget", "0"], 0)
    // A huge ‖μ‖: nearly collinear points, where the forgotten point can be the only support vector.
    try Self.expectOutcome(["instance", "--setting", "linear", "--generator", "gaussian-mixture", "--n", "4", "--d", "10",
                            "--mu-norm", "1e77", "--forget", "0"], 0)
  }

  @Test func deepAndLongExpressionsNeverOverflowTheStack() throws {
    try Self.expectOutcome(["eval", Array(repeating: "1", count: 5000).joined(separator: "+")], 0)
    try Self.expectOutcome(["eval", Array(repeating: "2", count: 3000).joined(separator: "*")], 0)
    try Self.expectOutcome(["eval", "1/3*" + Array(repeating: "2", count: 3000).joined(separator: "*")], 0)
    try Self.expectOutcome(["eval", "--", String(repeating: "-", count: 6000) + "1"], 64, "nested deeper")
    try Self.expectOutcome(["eval", String(repeating: "(", count: 30000) + "1" + String(repeating: ")", count: 30000)], 64, "nested deeper")
    try Self.expectOutcome(["eval", Array(repeating: "2", count: 3000).joined(separator: "/")], 64, "nested deeper")
  }

  @Test func hugePowersAreRefusedNotAborted() throws {
    try Self.expectOutcome(["eval", "(2^1048576)^1048576"], 65, "beyond")
    try Self.expectOutcome(["eval", "1e1000000^1048576"], 65, "beyond")
    try Self.expectOutcome(["eval", "(((2^1048576)^1048576)^1048576)^1048576"], 65, "beyond")
  }

  @Test func farTailsOfPhiAreImmediate() throws {
    let start = Date()
    for expression in ["Phi(-1e30000)", "Phi(-2^1048576)", "Phi(1e30000)"] {
      let result = try runTool(["eval", expression])
      #expect(result.status == 0, "\(expression): \(result)")
      // Within e^(−2^15) of 0 or 1: the upper end of the far left tail is e−14231 in decimal.
      #expect(result.stdout.contains("e-14231") || result.stdout.contains("1]"), "\(expression): \(result.stdout)")
    }
    #expect(Date().timeIntervalSince(start) < 30, "Φ far in the tails took \(Date().timeIntervalSince(start)) s")
  }

  @Test func npyHeadersAreCheckedBeforeTheData() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    // A sparse file whose header declares 16 GB: refused from the header, without reading it.
    var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2000, 1000000), }"
    header += String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
    var bytes = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
    bytes.append(Data(header.utf8))
    let sparse = fixtures.path("sparse.npy")
    try bytes.write(to: URL(fileURLWithPath: sparse))
    let handle = try #require(FileHandle(forWritingAtPath: sparse))
    try handle.truncate(atOffset: UInt64(bytes.count) + 2000 * 1_000_000 * 8)
    try handle.close()
    try Self.expectOutcome(["check-data", "--data", sparse], 65, "memory")
    // Version 1.1 (numpy rejects it) and a list as the shape.
    let valid = NumpyArray(shape: [4, 2], elementType: .float64, elements: .floats([1, 0, 0, 1, 1, 1, 2, 0])).npyData(as: .float64)
    var v11 = valid
    v11[7] = 1
    try v11.write(to: URL(fileURLWithPath: fixtures.path("v11.npy")))
    try Self.expectOutcome(["check-data", "--data", fixtures.path("v11.npy")], 65, "version 1.1")
    var list = valid
    let shape = try #require(list.range(of: Data("(4, 2)".utf8)))
    list.replaceSubrange(shape, with: Data("[4, 2]".utf8))
    try list.write(to: URL(fileURLWithPath: fixtures.path("list.npy")))
    try Self.expectOutcome(["check-data", "--data", fixtures.path("list.npy")], 65, "not a tuple")
  }

  @Test func deeplyNestedTOMLIsAnError() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("catalog")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try ("x = " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n")
      .write(toFile: directory + "/deep.toml", atomically: true, encoding: .utf8)
    try Self.expectOutcome(["list", "--theorems", directory], 65, "nested deeper")
  }

  @Test func specialFilesAreWrittenThroughNeverReplaced() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    // A full device: the write error is reported, and the device stays.
    if FileManager.default.fileExists(atPath: "/dev/full") {
      try Self.expectOutcome(["run", "--output", "/dev/full"], 74, "No space left")
      let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/full")
      #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
    }
    // A symbolic link stays a link; its target gets the report.
    let target = fixtures.path("target.txt"), link = fixtures.path("link.txt")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    try Self.expectOutcome(["run", "--output", link], 0)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    #expect(try String(contentsOfFile: target, encoding: .utf8).contains("PROVED"))
    // A sweep, a saved instance or certificates into a path that is a regular file or a device: 73, nothing replaced.
    let regular = try fixtures.text("regular", "x")
    try Self.expectOutcome(["sweep", "--seeds", "1", "--set", "d=50", "--output", regular], 73, "not a directory")
    let instance = ["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "4", "--d", "50", "--forget", "0"]
    for path in [regular, "/dev/null"] {
      try Self.expectOutcome(instance + ["--save", path], 73, "exists and is not a directory")
      try Self.expectOutcome(instance + ["--certificate", path], 73, "exists and is not a directory")
    }
    #expect(try String(contentsOfFile: regular, encoding: .utf8) == "x")
  }

  @Test func sweepRecordsSurviveDamage() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let base = ["sweep", "--vary", "d=100,200", "--seeds", "1..2", "--claims", "linear.margin-shift"]
    let directory = fixtures.path("sweep")
    try Self.expectOutcome(base + ["--output", directory], 0)
    let path = directory + "/records.jsonl"
    let original = try String(contentsOfFile: path, encoding: .utf8)
    let clean = try runTool(["merge", directory, "--format", "json"]).stdout
    // CRLF line endings lose nothing.
    try original.replacingOccurrences(of: "\n", with: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try runTool(["merge", directory, "--format", "json"]).stdout == clean)
    // A torn last line (a multi-byte character cut in half) is skipped with a warning.
    var torn = Data(original.utf8)
    torn.append(Data("{\"instance\": \"σ".utf8).dropLast())
    try torn.write(to: URL(fileURLWithPath: path))
    let tornResult = try runTool(["merge", directory, "--format", "json"])
    #expect(tornResult.status == 0 && tornResult.stdout == clean && tornResult.stderr.contains("torn"), "\(tornResult)")
    // Resuming cuts the torn line and recomputes nothing.
    try Self.expectOutcome(base + ["--output", directory], 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == original)
    // A bad line in the middle is an error naming its line.
    var lines = original.split(separator: "\n").map(String.init)
    lines.insert("not a record", at: 1)
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    try Self.expectOutcome(["merge", directory], 65, "line 2")
  }

  @Test func duplicateSeedsCountOnceInSweepAndMerge() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("dup")
    let sweep = try runTool(["sweep", "--set", "d=100", "--seeds", "1,1,1", "--claims", "linear.margin-shift", "--output", directory, "--format", "json"])
    let merge = try runTool(["merge", directory, "--format", "json"])
    #expect(sweep.status == 0 && merge.status == 0)
    #expect(sweep.stdout.replacingOccurrences(of: "sweep \(directory)", with: "merged") == merge.stdout)
  }

  @Test func concurrentSweepsIntoOneDirectoryAreRefused() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let directory = fixtures.path("shared")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    // Hold the directory's lock as a running sweep would.
    let lock = open(directory + "/.lock", O_RDWR | O_CREAT, 0o644)
    #expect(lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0)
    defer { close(lock) }
    try Self.expectOutcome(["sweep", "--set", "d=100", "--seeds", "1", "--output", directory], 65, "another sweep")
  }

  @Test func badFlagsAreRefusedBeforeAnyWork() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let out = fixtures.path("out")
    try Self.expectOutcome(["sweep", "--setting", "two-layer", "--vary", "gamma=1/2,1", "--seeds", "1", "--output", out], 64, "γ must be")
    #expect(!FileManager.default.fileExists(atPath: out + "/records.jsonl"), "no instance ran")
    try Self.expectOutcome(["sweep", "--setting", "two-layer", "--vary", "width=3,4", "--seeds", "1", "--output", out], 64, "width")
    try Self.expectOutcome(["sweep", "--vary", "forget=0,20", "--seeds", "1", "--output", out], 64, "forget index 20")
    try Self.expectOutcome(["sweep", "--set", "foo=1", "--seeds", "1", "--output", out], 64, "not a sweep parameter")
    try Self.expectOutcome(["sweep", "--set", "width=3", "--seeds", "1", "--output", out], 64, "two-layer")
    try Self.expectOutcome(["sweep", "--seeds", "1,,2", "--output", out], 64, "--seeds")
    try Self.expectOutcome(["sweep", "--vary", "n=4,,6", "--seeds", "1", "--output", out], 64, "empty value")
    let generated = ["--generator", "nearly-orthogonal", "--n", "6", "--d", "100", "--forget", "0"]
    try Self.expectOutcome(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "-1/2"] + generated, 64, "γ must be in [0, 1)")
    try Self.expectOutcome(["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "6", "--d", "100", "--forget", "-1"], 64, "non-negative")
    try Self.expectOutcome(["instance", "--setting", "linear", "--step-scale", "-1"] + generated, 0)
    try Self.expectOutcome(["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--n", "8", "--d", "8000", "--seed", "3",
                            "--forget", "2", "--step", "0.0005", "--precision", "8", "--generator", "nearly-orthogonal"], 0)
  }

  @Test func anErrorInstanceIsNamedOnStandardError() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let suite = try fixtures.text("bad.toml", """
      [[instance]]
      name = "missing-data"
      data = "nowhere.npy"
      labels = "nowhere-y.npy"
      """)
    try Self.expectOutcome(["run", "--suite", suite], 65, "missing-data")
  }

  @Test func aNegativeSuiteSeedIsACatalogError() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let suite = try fixtures.text("seed.toml", """
      [[instance]]
      generator = "nearly-orthogonal"
      n = 4
      d = 20
      seed = -1
      """)
    try Self.expectOutcome(["run", "--suite", suite], 65, "non-negative")
  }

  @Test func oneClassLabelsAreWarnedAbout() throws {
    let fixtures = try Fixtures()
    defer { fixtures.remove() }
    let x = try fixtures.floats("X.npy", shape: [3, 2], [1, 0, 0, 1, 1, 1])
    let y = try fixtures.floats("y.npy", shape: [3], [1, 1, 1])
    let result = try runTool(["check-data", "--data", x, "--labels", y])
    #expect(result.stderr.contains("warning: every one of the 3 labels is +1"), "\(result)")
  }
}
