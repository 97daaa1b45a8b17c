//===--- CatalogOptions.swift ---------------------------------------------===//
// Options shared by the commands that read the catalog and a suite.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Formats
import Foundation
import Unlearning

extension ReportFormat: ExpressibleByArgument {}

struct CatalogOptions: ParsableArguments {
  @Option(help: "Directory of the claim catalog (*.toml). Default: ./theorems, else the package's own.")
  var theorems: String?

  /// The catalog directory: the option, ./theorems, or the one beside this source file's package.
  func directory() -> String {
    if let theorems { return theorems }
    let local = FileManager.default.currentDirectoryPath + "/theorems"
    if FileManager.default.fileExists(atPath: local) { return local }
    let packaged = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("theorems").path
    return packaged
  }

  /// Loads the catalog, or exits 65 naming file, line and claim.
  func load() throws -> Catalog {
    do {
      return try Catalog(directory: directory())
    } catch {
      throw failure("\(error)", code: ExitStatus.dataError)
    }
  }
}

struct SuiteOptions: ParsableArguments {
  @Option(help: "Instance suite: 'default' (seconds), 'regime' (the theorems' hypotheses hold; minutes) or a suite file (TOML with [[instance]] entries).")
  var suite: String = "default"

  @Option(help: "Precision cap in bits for undecided comparisons.")
  var maxPrecision: Int = PrecisionPolicy.defaultCap

  func validate() throws {
    try validatePrecision(maxPrecision, flag: "--max-precision")
  }

  func load() throws -> Suite {
    if let builtIn = Suite.builtIn(suite) { return builtIn }
    do {
      return try Suite(file: suite)
    } catch {
      throw failure("\(error)", code: ExitStatus.dataError)
    }
  }

  var policy: PrecisionPolicy { PrecisionPolicy(cappedAt: maxPrecision) }
}
