import Foundation
import Testing

/// The HTML report: one self-contained page, checked in a real browser
/// (headless Chromium) when the machine has one.
@Suite struct HTMLReportTests {
  static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
  /// Where screenshots are kept: TEST_ARTIFACTS, or .build/test-artifacts in the package.
  static let artifacts = ProcessInfo.processInfo.environment["TEST_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(".build/test-artifacts")

  @Test func thePageIsSelfContained() throws {
    let run = try runTool(["run", "--format", "html"])
    #expect(run.status == 0, "\(run.stderr)")
    let page = run.stdout
    #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains(#"<table id="verdicts">"#) && page.contains("<script>"))
    #expect(!page.contains("<link") && !page.contains("src=\"http") && !page.contains("@import"), "no external assets")
    #expect(page.contains("unlearning-check instance --setting"), "the instances can be re-run")
  }

  @Test(.enabled(if: chromium != nil, "headless Chromium not found: install the Debian package chromium to check the page in a browser"))
  func thePageRendersInABrowser() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let sweep = directory.appendingPathComponent("sweep").path
    let result = try runTool(["sweep", "--vary", "d=300,900", "--seeds", "1..2", "--claims", "linear.unlearning-tau,linear.margin-shift",
                              "--output", sweep, "--format", "html"])
    #expect(result.status == 0, "\(result.stderr)")
    let page = directory.appendingPathComponent("report.html")
    try result.stdout.write(to: page, atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
    let screenshot = Self.artifacts.appendingPathComponent("html-report.png")
    try? FileManager.default.removeItem(at: screenshot)
    func browse(_ arguments: [String]) throws -> ToolResult {
      try runProcess(URL(fileURLWithPath: Self.chromium!), ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                                             "--user-data-dir=\(directory.path)/profile", "--enable-logging=stderr", "--v=0"]
                       + arguments + [page.absoluteString])
    }
    // The DOM after the scripts ran: the table and the inline plots are there, and no script failed.
    let dom = try browse(["--dump-dom"])
    #expect(dom.stdout.contains(#"id="verdicts""#) && dom.stdout.contains("linear.unlearning-tau"), "\(dom.stdout.prefix(300))")
    #expect(dom.stdout.components(separatedBy: "<svg").count - 1 >= 4, "the plots are inline")
    #expect(!dom.stderr.contains("Uncaught") && !dom.stderr.contains("CONSOLE"), "console: \(dom.stderr.suffix(500))")
    // A screenshot for a person to look at.
    _ = try browse(["--screenshot=\(screenshot.path)", "--window-size=1200,1800"])
    let size = (try? FileManager.default.attributesOfItem(atPath: screenshot.path)[.size] as? Int) ?? 0
    #expect(size > 20_000, "screenshot of \(size) bytes at \(screenshot.path)")
  }
}
