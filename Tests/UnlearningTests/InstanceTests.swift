import Exact
import Foundation
import TestSupport
import Testing
@testable import Unlearning
@testable import Claims
@testable import Formats

@Suite struct GeneratorTests {
  @Test(arguments: InstanceGenerator.allCases)
  func generatorsAreDeterministicPerSeed(generator: InstanceGenerator) throws {
    let p = InstanceGenerator.Parameters(n: 5, d: 30, seed: 42, muNorm: r("5/2"), labelNoise: r("1/4"))
    let a = try generator.generate(p), b = try generator.generate(p)
    #expect(a.data == b.data && a.labels == b.labels)
    var other = p
    other.seed = 43
    #expect(try generator.generate(other).data != a.data)
  }

  @Test func entriesLieOnTheGrid() throws {
    let instance = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 4, d: 100, seed: 1, gridBits: 10))
    #expect(instance.data.denominator == BigInt(1 << 10))
    #expect(instance.data.machineNumerators != nil)
    // Roughly standard normal entries: mean square near 1.
    let squares = instance.data.numerators.map { Rational($0 * $0) }.reduce(Rational(), +) / Rational(400 << 20)
    #expect(squares > r("0.7") && squares < r("1.3"))
  }

  @Test func mixtureMeanIsAlongTheFirstAxis() throws {
    let instance = try InstanceGenerator.gaussianMixture.generate(.init(n: 40, d: 20, seed: 3, muNorm: r("100"), labelNoise: r("0")))
    for i in 0..<instance.count {
      // With ‖μ‖ = 100 the first coordinate carries the (clean = observed) label.
      #expect(instance.data[i, 0].signum == instance.labels[i])
    }
  }

  @Test func badParametersAreRejected() {
    #expect(throws: UnlearningError.self) { try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 1, d: 3, seed: 0)) }
    #expect(throws: UnlearningError.self) { try InstanceGenerator.gaussianMixture.generate(.init(n: 3, d: 3, seed: 0, labelNoise: r("1/2"))) }
    #expect(throws: UnlearningError.self) { try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 3, d: 3, seed: 0, gridBits: 0)) }
  }
}

@Suite struct NumpyTests {
  func roundTrip(_ array: NumpyArray) throws -> NumpyArray { try NumpyArray(npyData: array.npyData) }

  @Test(arguments: NumpyArray.ElementType.allCases)
  func everyDtypeAndOrderRoundTrips(type: NumpyArray.ElementType) throws {
    let shape = [2, 3, 2]
    let values: NumpyArray.Elements
    switch type {
    case .float64: values = .floats([0.1, -2.5, 1e-300, Double.leastNonzeroMagnitude, -0.0, 3, .pi, -1e300, 7, 8, 9, 10])
    case .float32: values = .floats([0.5, -2.5, 1, 0.25, -0.0, 3, 1024, -7, 7, 8, 9, 10])
    case .bool: values = .integers([1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1])
    case .uint8: values = .integers([0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 200])
    case .int8: values = .integers([-128, 127, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    case .int16: values = .integers([-32768, 32767, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    case .int32: values = .integers([Int(Int32.min), Int(Int32.max), -1, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    case .int64: values = .integers([Int.min, Int.max, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    }
    let array = NumpyArray(shape: shape, elementType: type, elements: values)
    for bigEndian in [false, true] {
      for fortran in [false, true] {
        let back = try NumpyArray(npyData: array.npyData(as: type, bigEndian: bigEndian, fortranOrder: fortran))
        #expect(back == array, "\(type) bigEndian \(bigEndian) fortran \(fortran)")
        // Unaligned data: the same bytes behind a one-byte offset, re-based.
        let shifted = Data([0]) + array.npyData(as: type, bigEndian: bigEndian, fortranOrder: fortran)
        #expect(try NumpyArray(npyData: shifted.dropFirst()) == array)
      }
    }
  }

  /// Thousands of mutated headers and truncated files: every one is parsed
  /// or rejected with an error, never a crash.
  @Test func fuzzedFilesNeverCrash() {
    let base = NumpyArray(shape: [3, 2], elementType: .float64, elements: .floats([1, 2, 3, 4, 5, 6])).npyData(as: .float64)
    var rng = SplitMix64(seed: 99)
    var rejected = 0, accepted = 0
    for trial in 0..<4000 {
      var bytes = [UInt8](base)
      switch trial % 4 {
      case 0: bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
      case 1:
        for _ in 0..<(1 + Int(rng.next() % 4)) { bytes[Int(rng.next() % 80)] = UInt8(truncatingIfNeeded: rng.next()) }
      case 2:
        let position = 10 + Int(rng.next() % 60)
        bytes[position] = [UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "{"), 0xFF][Int(rng.next() % 6)]
      default:
        bytes[8] = UInt8(truncatingIfNeeded: rng.next())
        bytes[9] = UInt8(truncatingIfNeeded: rng.next() % 3)
      }
      do {
        _ = try NumpyArray(npyData: Data(bytes))
        accepted += 1
      } catch {
        rejected += 1
        #expect(!"\(error)".contains("\n"))
      }
    }
    // Both outcomes occur: the mutations reach past the checks that reject them.
    #expect(rejected > 2000, "rejected \(rejected) of 4000")
    #expect(accepted > 0, "accepted none of 4000")
  }

  @Test func writerAndReaderRoundTrip() throws {
    let floats = NumpyArray(shape: [2, 3], elementType: .float64, elements: .floats([0.1, -2.5, 1e-300, Double.leastNonzeroMagnitude, -0.0, 3]))
    #expect(try roundTrip(floats) == floats)
    let ints = NumpyArray(shape: [4], elementType: .int64, elements: .integers([1, -1, Int.max, Int.min]))
    #expect(try roundTrip(ints) == ints)
    // The header (magic, version, length and dictionary) pads to a multiple of 64 bytes; 6 doubles follow.
    let header = floats.npyData.count - 6 * 8
    #expect(header >= 64 && header % 64 == 0, "header of \(header) bytes")
  }

  /// Headers and data as NumPy writes them, built byte by byte here.
  static func file(_ header: String, _ payload: [UInt8], version: UInt8 = 1) -> Data {
    var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0])
    let length = header.utf8.count
    if version == 1 {
      data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
    } else {
      data.append(contentsOf: [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), 0, 0])
    }
    data.append(contentsOf: Array(header.utf8))
    data.append(contentsOf: payload)
    return data
  }

  @Test func readsOrdersEndiannessAndTypes() throws {
    // Fortran order 2×2 int32 little-endian [[1, 2], [3, 4]] is stored 1, 3, 2, 4.
    let fortran = Self.file("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 2), }\n", [1, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0])
    #expect(try NumpyArray(npyData: fortran).elements == .integers([1, 2, 3, 4]))
    // Big-endian float64 1.5 = 0x3FF8000000000000, version 2 header.
    let big = Self.file("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }\n", [0x3F, 0xF8, 0, 0, 0, 0, 0, 0], version: 2)
    #expect(try NumpyArray(npyData: big).elements == .floats([1.5]))
    let bools = Self.file("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }\n", [1, 0, 1])
    #expect(try NumpyArray(npyData: bools).elements == .integers([1, 0, 1]))
    let bytes = Self.file("{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }\n", [0xFF, 0x7F])
    #expect(try NumpyArray(npyData: bytes).elements == .integers([-1, 127]))
    let float32 = Self.file("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", [0, 0, 0xC0, 0x3F])
    #expect(try NumpyArray(npyData: float32).elements == .floats([1.5]))
  }

  @Test(arguments: [
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 8, "truncated data"),
    ("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 8, "unsupported dtype"),
    ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", 8, "structured"),
    ("{'descr': '<f8', 'shape': (1,), }", 8, "fortran_order"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,) ", 8, "expected"),
    ("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16, "unsupported dtype"),
    ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 16, "beyond shape"),
  ])
  func malformedFilesAreOneLineErrors(header: String, payloadBytes: Int, expected: String) {
    do {
      _ = try NumpyArray(npyData: Self.file(header + "\n", [UInt8](repeating: 0, count: payloadBytes)))
      Issue.record("\(header) must not parse")
    } catch {
      #expect("\(error)".contains(expected), "\(error)")
      #expect(!"\(error)".contains("\n"))
    }
  }

  @Test func badMagicAndVersion() {
    #expect(throws: FormatError.self) { try NumpyArray(npyData: Data("not numpy at all".utf8)) }
    var data = Self.file("{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }\n", [])
    data[6] = 9
    #expect(throws: FormatError.self) { try NumpyArray(npyData: data) }
  }

  @Test func floatDataBecomesExactScaledIntegers() throws {
    let array = NumpyArray(shape: [2, 2], elementType: .float64, elements: .floats([0.1, -3, Double.leastNonzeroMagnitude, 1e300]))
    let matrix = try ScaledIntegerMatrix(exactElementsOf: array)
    #expect(matrix[0, 0] == (try Rational(exactly: 0.1)))
    #expect(matrix[0, 1] == Rational(-3))
    #expect(matrix[1, 0] == (try Rational(exactly: Double.leastNonzeroMagnitude)))
    #expect(matrix[1, 1] == (try Rational(exactly: 1e300)))
    // Both paths: machine words (shifted values below 2^62) and GMP.
    for values: [Double] in [[0.1, -3, 0.5, -0.0, 2.75, 1e10], [0.1, 1e10, -0.3, 1e-5, 4, 0], [-0.0, 0, 0, 0, 0, 0], [1e18, -2e-1, 3, 5, 6, 7]] {
      let grid = try ScaledIntegerMatrix(exactElementsOf: NumpyArray(shape: [2, 3], elementType: .float64, elements: .floats(values)))
      for k in 0..<6 { #expect(grid[k / 3, k % 3] == (try Rational(exactly: values[k])), "\(values)[\(k)]") }
    }
    let nan = NumpyArray(shape: [1, 2], elementType: .float64, elements: .floats([1, .nan]))
    #expect(throws: UnlearningError.badData("element (0, 1) is nan, not a finite number")) { _ = try ScaledIntegerMatrix(exactElementsOf: nan) }
  }
}
