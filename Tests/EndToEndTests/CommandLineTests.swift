import Foundation
import Testing
import Claims
import Formats

@Suite struct CommandLineTests {
  @Test func mainCommandExitsZero() throws {
    let result = try runTool([])
    #expect(result.status == 0, "\(result)")
  }

  @Test func unknownFlagIsAUsageError() throws {
    let result = try runTool(["--no-such-flag"])
    #expect(result.status == 64, "\(result)")
    #expect(!result.stderr.isEmpty)
  }

  @Test func helpListsTheExitCodes() throws {
    let result = try runTool(["--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("65 bad input data"))
  }
}
