// swift-tools-version: 6.0
//
// unlearning-check: re-runs small instances of a machine-unlearning theory
// paper in exact and rigorously enclosed arithmetic.
//
// Dependencies flow one way: Exact ← Bounds ← Formats ← Unlearning ← Claims ← unlearning-check.

import PackageDescription

let package = Package(
  name: "unlearning-check",
  products: [
    .executable(name: "unlearning-check", targets: ["unlearning-check"]),
    .library(name: "Exact", targets: ["Exact"]),
    .library(name: "Bounds", targets: ["Bounds"]),
    .library(name: "Formats", targets: ["Formats"]),
    .library(name: "Unlearning", targets: ["Unlearning"]),
    .library(name: "Claims", targets: ["Claims"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
  ],
  targets: [
    // MARK: - Public API

    /// GMP, the only system dependency (`apt-get install libgmp-dev`).
    .systemLibrary(
      name: "CGMP",
      pkgConfig: "gmp",
      providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
    ),
    /// Exact integers, rationals, vectors, matrices and linear solves. Nothing here rounds.
    .target(
      name: "Exact",
      dependencies: ["CGMP"],
      swiftSettings: [.define("EXACT_LIFETIME_TRACKING", .when(configuration: .debug))]
    ),
    /// Rigorous enclosures: outward-rounded intervals, elementary functions, verdicts.
    .target(name: "Bounds", dependencies: ["Exact"]),
    /// zlib, for deflated .npz members (`apt-get install zlib1g-dev`).
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
    /// File formats that know no paper: .npy, .npz, .safetensors, the TOML subset, JSON, SVG.
    .target(name: "Formats", dependencies: ["Exact", "Bounds", "CZlib"]),
    /// The paper's mathematics: instances, models, KKT points, the step, quantities, retraining.
    .target(name: "Unlearning", dependencies: ["Exact", "Bounds", "Formats"]),
    /// The claim catalog, suites, evaluation and verdicts, reports, sweeps and figures.
    .target(name: "Claims", dependencies: ["Exact", "Bounds", "Formats", "Unlearning"]),
    /// The command-line tool: argument parsing and exit codes only.
    .executableTarget(
      name: "unlearning-check",
      dependencies: [
        "Exact", "Bounds", "Formats", "Unlearning", "Claims",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Unit test bundles

    /// Helpers shared by the test targets.
    .target(name: "TestSupport", dependencies: ["Exact"], path: "Tests/TestSupport"),

    .testTarget(
      name: "ExactTests",
      dependencies: ["Exact", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
    .testTarget(
      name: "BoundsTests",
      dependencies: ["Exact", "Bounds", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
      exclude: ["Reference"]
    ),
    .testTarget(name: "UnlearningTests", dependencies: ["Exact", "Bounds", "Formats", "Unlearning", "Claims", "TestSupport"], exclude: ["Formats", "Data"]),
    /// Seeded mutational fuzzers (FUZZ_SCALE=100 for a longer campaign: Scripts/fuzz-campaign).
    .testTarget(name: "FuzzTests", dependencies: ["unlearning-check", "Exact", "Bounds", "Formats", "Unlearning", "Claims", "TestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["unlearning-check", "Formats", "Unlearning", "Claims", "TestSupport"], exclude: ["Golden"]),
  ]
)
