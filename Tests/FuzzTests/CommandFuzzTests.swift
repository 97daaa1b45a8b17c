import Foundation
import Testing

/// Random command lines built from the tool's own flags and hostile values:
/// every run ends with a documented exit code and at most one error line,
/// never a signal.
@Suite struct CommandFuzzTests {
  static let documented: Set<Int32> = [0, 1, 2, 64, 65, 73, 74]

  static func tool() throws -> URL {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [directory, directory.deletingLastPathComponent()] {
      let url = candidate.appendingPathComponent("unlearning-check")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    throw CocoaError(.fileNoSuchFile)
  }

  @Test func randomCommandLines() throws {
    let tool = try Self.tool()
    var rng = SplitMix64(seed: 5)
    func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    let values = ["0", "1", "-1", "2", "1/2", "-1/2", "1e80", "1e-80", "99999999999999999999", "", "nan", "x", "3..1", "1,,2", "1/0", "0.5", "4096", "6",
                  "0,1", "1,1", "2,0,3", "0,1,2,3", "span", "explicit"]
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-figure-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let commands: [[String]] = [
      ["instance", "--setting", "linear", "--generator", "nearly-orthogonal"],
      ["instance", "--setting", "two-layer", "--width", "4", "--gamma", "1/2", "--generator", "gaussian-mixture"],
      ["eval"], ["list"], ["explain", "linear.unlearning-tau"],
      ["figure", "correlation", "--setting", "linear", "--generator", "two-block", "--correlations", "0,1/2", "--output", output],
    ]
    let flags = ["--n", "--d", "--seed", "--forget", "--step-scale", "--step", "--mu-norm", "--label-noise", "--grid-bits",
                 "--gamma", "--width", "--precision", "--format", "--max-precision", "--bogus",
                 "--steps", "--learning-rate", "--retain-descent", "--correlation", "--correlations", "--parameters"]
    let expressions = ["1+", "exp(1e6)", "log(0)", "(((", "2^2^2^2^2^2", "Phi(-1e999)", "sqrt(-1)", "1/0", "max()", "10^-400"]
    for _ in 0..<(60 * fuzzScale) {
      var arguments = pick(commands)
      if arguments == ["eval"] {
        arguments.append(pick(expressions))
      } else {
        // Defaults first: a fuzzed flag given later wins.
        if arguments.first == "instance" || arguments.first == "figure" { arguments += ["--n", "4", "--d", "20", "--forget", "0"] }
        for _ in 0..<(1 + Int(rng.next() % 6)) { arguments += [pick(flags), pick(values)] }
      }
      let (signalled, status, stderr) = try Self.run(tool, arguments)
      #expect(!signalled, "signal \(status): \(arguments)")
      #expect(Self.documented.contains(status), "exit \(status): \(arguments)\n\(stderr)")
      let errors = stderr.split(separator: "\n").filter { $0.hasPrefix("unlearning-check: error") || $0.hasPrefix("Error:") }
      #expect(errors.count <= 1, "\(arguments): \(stderr)")
    }
  }

  /// Runs the tool with its standard streams as given (nil: discarded) and
  /// returns (signalled, status, stderr).
  static func run(_ tool: URL, _ arguments: [String], stdout: FileHandle? = nil, stderr: FileHandle? = nil) throws -> (Bool, Int32, String) {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    let err = Pipe()
    process.standardOutput = stdout ?? FileHandle.nullDevice
    process.standardError = stderr ?? err
    try process.run()
    let text = stderr == nil ? String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : ""
    process.waitUntilExit()
    return (process.terminationReason != .exit, process.terminationStatus, text)
  }

  /// Unwritable streams and outputs: commands whose standard output is
  /// /dev/full or a pipe with no reader, whose standard error is /dev/full,
  /// and sweeps under a random file-size limit. Each ends with a documented
  /// code and no signal; a report lost to a full or closed standard output is
  /// 74, never 0; a limited sweep keeps only whole lines.
  @Test func unwritableOutputs() throws {
    let tool = try Self.tool()
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    var rng = SplitMix64(seed: 74)
    func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    let commands: [[String]] = [
      ["list"], ["list", "--format", "json"], ["eval", "exp(1)"], ["eval", "1/0"], ["eval", "(("],
      ["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "4", "--d", "40", "--forget", "0"],
      ["instance", "--setting", "linear", "--generator", "nearly-orthogonal", "--n", "4", "--d", "40", "--forget", "9"],
      ["check-data", "--generator", "nearly-orthogonal", "--n", "4", "--d", "40"], ["--help"], ["--bogus"],
    ]
    let full = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
    for _ in 0..<(20 * fuzzScale) {
      let arguments = pick(commands)
      let (_, normal, _) = try Self.run(tool, arguments)
      switch rng.next() % 3 {
      case 0:
        let (signalled, status, stderr) = try Self.run(tool, arguments, stdout: full)
        #expect(!signalled && Self.documented.contains(status), "\(arguments) > /dev/full: \(status) \(stderr)")
        #expect(normal != 0 || status == 74, "\(arguments) > /dev/full exited \(status), not 74")
      case 1:
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let (signalled, status, stderr) = try Self.run(tool, arguments, stdout: pipe.fileHandleForWriting)
        #expect(!signalled && Self.documented.contains(status), "\(arguments) | closed: \(status) \(stderr)")
        #expect(normal != 0 || status == 74, "\(arguments) | closed exited \(status), not 74")
      default:
        let (signalled, status, _) = try Self.run(tool, arguments, stderr: full)
        #expect(!signalled && status == normal, "\(arguments) 2> /dev/full: \(status), \(normal) normally")
      }
    }
    for trial in 0..<(2 * fuzzScale) {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-limited-\(UUID().uuidString)").path
      defer { try? FileManager.default.removeItem(atPath: directory) }
      let limit = 1 + rng.next() % 64
      let sweep = "sweep --vary d=50,100 --seeds 1..\(1 + trial % 3) --set n=6 --output '\(directory)'"
      let shell = "ulimit -f \(limit); exec '\(tool.path)' \(sweep) > /dev/null"
      let (signalled, status, stderr) = try Self.run(URL(fileURLWithPath: "/bin/sh"), ["-c", shell])
      #expect(!signalled && [0, 74].contains(status), "ulimit -f \(limit): \(status) \(stderr)")
      let records = (try? Data(contentsOf: URL(fileURLWithPath: directory + "/records.jsonl"))) ?? Data()
      #expect(records.isEmpty || records.last == 0x0A, "ulimit -f \(limit): a torn line")
    }
  }
}
