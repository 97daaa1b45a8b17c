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
      let process = Process()
      process.executableURL = tool
      process.arguments = arguments
      var environment = ProcessInfo.processInfo.environment
      environment["SWIFT_BACKTRACE"] = "enable=no"
      process.environment = environment
      let err = Pipe()
      process.standardOutput = FileHandle.nullDevice
      process.standardError = err
      try process.run()
      let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationReason == .exit, "signal \(process.terminationStatus): \(arguments)")
      #expect(Self.documented.contains(process.terminationStatus), "exit \(process.terminationStatus): \(arguments)\n\(stderr)")
      let errors = stderr.split(separator: "\n").filter { $0.hasPrefix("unlearning-check: error") || $0.hasPrefix("Error:") }
      #expect(errors.count <= 1, "\(arguments): \(stderr)")
    }
  }
}
