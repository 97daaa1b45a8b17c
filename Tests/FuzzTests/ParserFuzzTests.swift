import Bounds
import Exact
import Foundation
import Testing
@testable import Claims
@testable import Formats
@testable import Unlearning

/// Mutated inputs to every reader: each is parsed or rejected with a
/// one-line error of the reader's documented type, never a crash.
@Suite struct ParserFuzzTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func npyReader() {
    let bases: [Data] = [
      NumpyArray(shape: [3, 2], elementType: .float64, elements: .floats([1, 2, 3, 4, 5, 6])).npyData(as: .float64),
      NumpyArray(shape: [4], elementType: .int64, elements: .integers([1, -1, 7, 0])).npyData(as: .int32, bigEndian: true),
      NumpyArray(shape: [2, 2], elementType: .float64, elements: .floats([0.5, -0.0, 1e-300, 3])).npyData(as: .float32, fortranOrder: true),
    ]
    var mutator = Mutator(seed: 1, tokens: ["(", ")", ",", "'", "{", "}", "[", "]", "True", "False", "<f8", ">i4", "'shape':", "99999999999999999999", "-1"])
    var rejected = 0
    for trial in 0..<(3000 * fuzzScale) {
      let bytes = mutator.mutate([UInt8](bases[trial % bases.count]))
      do {
        _ = try NumpyArray(npyData: Data(bytes))
      } catch let error as FormatError {
        rejected += 1
        #expect(isOneLine(error), "\(error)")
      } catch {
        Issue.record("npy: unexpected error type \(type(of: error)): \(error)")
      }
    }
    #expect(rejected > 1000)
  }

  @Test func npzAndSafetensorsContainers() throws {
    let fixtures = Self.repository.appendingPathComponent("Tests/UnlearningTests/Formats")
    let bases = try ["stored.npz", "deflated.npz", "weights.safetensors", "bf16.safetensors"].map {
      [UInt8](try Data(contentsOf: fixtures.appendingPathComponent($0)))
    }
    var mutator = Mutator(seed: 6, tokens: ["PK", "{", "}", "\"dtype\"", "\"F64\"", "[0, 99999999]", "\u{00}\u{00}\u{00}\u{00}"])
    for trial in 0..<(1500 * fuzzScale) {
      let bytes = mutator.mutate(bases[trial % bases.count])
      do {
        if trial % 4 < 2 {
          _ = try NpzFile.array("X", in: bytes)
        } else {
          _ = try SafetensorsFile.tensor(trial % 4 == 2 ? "X" : "W", in: bytes)
        }
      } catch let error as FormatError {
        #expect(isOneLine(error), "\(error)")
      } catch {
        Issue.record("container: unexpected error type \(type(of: error)): \(error)")
      }
    }
  }

  /// scipy.sparse archives mutated: every one is densified or refused with one line, never a
  /// trap (an index outside the shape, a bad indptr, a huge shape, a damaged member).
  @Test func sparseArchives() throws {
    let fixtures = Self.repository.appendingPathComponent("Tests/UnlearningTests/Formats")
    let bases = try ["sparse_csr.npz", "sparse_csc.npz", "sparse_coo.npz"].map { [UInt8](try Data(contentsOf: fixtures.appendingPathComponent($0))) }
    var mutator = Mutator(seed: 11, tokens: ["PK", "csr", "coo", "\u{7F}\u{FF}\u{FF}\u{FF}", "\u{FF}\u{FF}\u{FF}\u{FF}\u{FF}\u{FF}\u{FF}\u{7F}"])
    var read = 0
    for trial in 0..<(900 * fuzzScale) {
      let bytes = mutator.mutate(bases[trial % bases.count])
      do {
        _ = try SparseNpz.dense(in: bytes)
        read += 1
      } catch let error as FormatError {
        #expect(isOneLine(error), "\(error)")
      } catch {
        Issue.record("sparse: unexpected error type \(type(of: error)): \(error)")
      }
    }
    #expect(read > 0, "no mutant was read at all: the fuzzing only exercised the first check")
  }

  /// The size fields of the containers set to boundary values: every ZIP
  /// directory and local-header size or offset, and safetensors'
  /// `data_offsets` and header length near the integer limits. Each archive is
  /// read or refused with one line, without trapping or allocating what it
  /// declares.
  @Test func containerSizeFields() throws {
    let fixtures = Self.repository.appendingPathComponent("Tests/UnlearningTests/Formats")
    let archives = try ["stored.npz", "deflated.npz"].map { [UInt8](try Data(contentsOf: fixtures.appendingPathComponent($0))) }
    let interesting: [UInt64] = [0, 1, 7, 0x7F, 0x80, 0xFF, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF]
    var rng = SplitMix64(seed: 29)
    func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
    // (signature, offset, width) of the size and offset fields in ZIP records.
    let fields: [([UInt8], Int, Int)] = [
      ([0x50, 0x4B, 0x01, 0x02], 20, 4), ([0x50, 0x4B, 0x01, 0x02], 24, 4), ([0x50, 0x4B, 0x01, 0x02], 42, 4),
      ([0x50, 0x4B, 0x01, 0x02], 28, 2), ([0x50, 0x4B, 0x01, 0x02], 30, 2), ([0x50, 0x4B, 0x03, 0x04], 26, 2),
      ([0x50, 0x4B, 0x03, 0x04], 28, 2), ([0x50, 0x4B, 0x05, 0x06], 10, 2), ([0x50, 0x4B, 0x05, 0x06], 16, 4),
    ]
    for _ in 0..<(400 * fuzzScale) {
      var bytes = pick(archives)
      for _ in 0...Int(rng.next() % 3) {
        let (signature, offset, width) = pick(fields)
        let starts = (0..<(bytes.count - 3)).filter { Array(bytes[$0..<($0 + 4)]) == signature }
        guard let start = starts.isEmpty ? nil : pick(starts), start + offset + width <= bytes.count else { continue }
        let value = pick(interesting) &+ UInt64(rng.next() % 3) &- 1
        for b in 0..<width { bytes[start + offset + b] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(b))) }
      }
      do { _ = try NpzFile.array("X", in: bytes) } catch let error as FormatError {
        #expect(isOneLine(error), "\(error)")
      } catch { Issue.record("npz: unexpected error type \(type(of: error)): \(error)") }
    }
    let wide: [String] = ["0", "8", "9", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775800",
                          "4611686018427387904", "18446744073709551615", "1e300", "4294967296", "2147483648"]
    for _ in 0..<(400 * fuzzScale) {
      let (begin, end, extent) = (pick(wide), pick(wide), pick(wide + ["1"]))
      let header = #"{"W":{"dtype":"F64","shape":["# + extent + #"],"data_offsets":["# + begin + "," + end + "]}}"
      let declared: UInt64 = rng.next() % 4 == 0 ? pick(interesting + [UInt64.max, UInt64(Int64.max)]) : UInt64(header.utf8.count)
      let bytes = withUnsafeBytes(of: declared.littleEndian, Array.init) + Array(header.utf8) + [UInt8](repeating: 0, count: 8)
      do { _ = try SafetensorsFile.tensor("W", in: bytes) } catch let error as FormatError {
        #expect(isOneLine(error), "\(error)")
      } catch { Issue.record("safetensors: unexpected error type \(type(of: error)): \(error)") }
    }
  }

  @Test func tomlCatalogsAndSuites() throws {
    let catalogs = try ["melamed-yehudai-vardi-2025.toml", "frei-vardi-bartlett-srebro-2023.toml", "definitions.toml"].map {
      try String(contentsOf: Self.repository.appendingPathComponent("theorems/\($0)"), encoding: .utf8)
    }
    let suite = """
      [[instance]]
      name = "a"
      generator = "nearly-orthogonal"
      n = 4
      d = 20
      seeds = [1, 2]
      forget = 0
      step_scale = "1/2"

      [[instance]]
      setting = "two-layer"
      width = 4
      gamma = "1/2"
      generator = "gaussian-mixture"
      n = 4
      d = 20
      mu_norm = "3"
      """
    var mutator = Mutator(seed: 2, tokens: ["[", "]", "[[", "]]", "\"", "=", "\n", "#", "-1", "1e999", "claim", "assumes", "{", "\\u", "seed = -1"])
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-toml-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for trial in 0..<(1500 * fuzzScale) {
      let base = trial % 4 == 3 ? suite : catalogs[trial % 3]
      let text = String(decoding: mutator.mutate(Array(base.utf8)), as: UTF8.self)
      do {
        _ = try TOMLDocument(parsing: text)
      } catch let error as TOMLError {
        #expect(isOneLine(error), "\(error)")
      } catch {
        Issue.record("TOML: unexpected error type \(type(of: error)): \(error)")
      }
      guard trial % 10 == 0 else { continue }
      // Through the loaders, from files, every tenth case.
      let file = directory.appendingPathComponent(trial % 4 == 3 ? "suite.toml" : "catalog.toml")
      try? FileManager.default.removeItem(at: directory.appendingPathComponent("catalog.toml"))
      try text.write(to: file, atomically: true, encoding: .utf8)
      do {
        if trial % 4 == 3 { _ = try Claims.Suite(file: file.path) } else { _ = try Catalog(directory: directory.path) }
      } catch let error as CatalogError {
        #expect(isOneLine(error), "\(error)")
      } catch {
        Issue.record("loader: unexpected error type \(type(of: error)): \(error)")
      }
    }
  }

  @Test func expressions() throws {
    let bases = ["tau <= lambda_r * zeta_r", "epsilon2 == (1 - c)^2 * lambda_r^2 * norm_x_r2",
                 "test_error_unlearned <= eta + exp(-n * mu_norm^4 / (C * d))", "Phi(-x) + erfc(3) * log1p(x) - sqrt(2) / abs(-x)",
                 "max(x, 1/3, 2^-40) > min(log(x), 10^-400)"]
    let values = ValueTable(["tau": .exact(r("1/7")), "lambda_r": .exact(r("3/1000")), "zeta_r": .exact(r("25")), "epsilon2": .exact(Rational()),
                             "c": .exact(r("1/2")), "norm_x_r2": .exact(r("900")), "test_error_unlearned": .exact(r("1/100")),
                             "eta": .exact(Rational()), "n": .exact(Rational(8)), "mu_norm": .exact(Rational(5)), "C": .exact(Rational(2)),
                             "d": .exact(Rational(400)), "x": .exact(r("5/4"))])
    var mutator = Mutator(seed: 3, tokens: ["(", ")", "^", "-", "+", "*", "/", ",", "1e999999", "2^1048576", "Phi(", "exp(", "log(0)", "<=", "=="])
    for trial in 0..<(3000 * fuzzScale) {
      let text = String(decoding: mutator.mutate(Array(bases[trial % bases.count].utf8)), as: UTF8.self)
      do {
        let relation = try Relation(parsing: text)
        _ = relation.decide(PrecisionPolicy(initial: 64, cap: 256), in: values)
      } catch let error as ExpressionError {
        #expect(isOneLine(error), "\(error)")
      } catch {
        // Not a relation: as an expression, parsed and enclosed or rejected in one line.
        do {
          _ = try Expression(parsing: text).evaluate(precision: 128, in: values)
        } catch let error as ExpressionError {
          #expect(isOneLine(error), "\(error)")
        } catch let error as EnclosureError {
          #expect(isOneLine(error), "\(error)")
        } catch {
          Issue.record("expression: unexpected error type \(type(of: error)): \(error)")
        }
      }
    }
  }

  @Test func sweepRecords() throws {
    let record = #"{"instance":"d=100,seed=1","parameters":{"d":"100","seed":"1"},"claim":"linear.margin-shift","verdict":"PROVED","measured":{"lo":"1/3","hi":"1/3","approx":0.3333},"bound":{"lo":"1/2","hi":"1/2","approx":0.5}}"#
    let base = Array((record + "\n" + #"{"instance":"d=100,seed=1","done":true}"# + "\n" + record.replacingOccurrences(of: "seed=1", with: "seed=2") + "\n").utf8)
    var mutator = Mutator(seed: 4, tokens: ["\n", "\r\n", "{", "}", "\"", ":", "σ", "\"done\":true", "null"])
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-records-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("records.jsonl")
    for _ in 0..<(1000 * fuzzScale) {
      try Data(mutator.mutate(base)).write(to: path)
      do {
        let log = try SweepLog(directory: directory.path)
        #expect(log.warnings.count <= 1)
      } catch let error as UnlearningError {
        #expect(isOneLine(error), "\(error)")
      } catch {
        Issue.record("records: unexpected error type \(type(of: error)): \(error)")
      }
    }
  }
}
