//===--- CheckDataCommand.swift -------------------------------------------===//
// `unlearning-check check-data`: review a data set against the assumptions.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Exact
import Formats
import Foundation
import Unlearning

struct CheckDataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-data",
    abstract: "Near-orthogonality of a data set and which catalog hypotheses it satisfies.",
    discussion: """
      Reports R²_min, R²_max, ζ = max_{i≠j}|⟨x_i, x_j⟩|, the largest p for which the data are \
      p-orthogonal (Frei et al. Def. 1: R²_min ≥ p R² n ζ), the points that limit each, and every \
      catalog hypothesis the data alone decide, with both sides where it fails.
      """
  )

  @Option(help: "Data matrix X (n × d): .npy, .npz:NAME, a scipy.sparse .npz (read densely) or .safetensors:NAME.")
  var data: String

  @Option(help: "Labels y (length n, ±1) as .npy (checked for shape and values).")
  var labels: String?

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @OptionGroup var catalog: CatalogOptions

  func run() throws {
    let instance = try withExitCodes { try Instance(dataFile: data, labelFile: labels) }
    if labels != nil, let warning = instance.labelWarning { warn(warning) }
    let matrix = instance.data
    let review = try withExitCodes { try DataReview(data: matrix, catalog: try catalog.load()) }
    switch format {
    case .json: print(review.json(toolVersion: ToolVersion.string).rendered(pretty: true))
    case .text: print(review.text)
    }
  }
}
