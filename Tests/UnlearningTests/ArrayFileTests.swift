import Exact
import Foundation
import Testing
@testable import Formats
@testable import Unlearning

/// Arrays from .npz and .safetensors files written by the real numpy and
/// safetensors packages (Scripts/make-format-fixtures.py), read exactly.
@Suite struct ArrayFileTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Formats")
  static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
  static let expected: [String: [String]] = {
    let data = try! Data(contentsOf: directory.appendingPathComponent("expected.json"))
    return try! JSONSerialization.jsonObject(with: data) as! [String: [String]]
  }()

  static func exactValues(_ array: NumpyArray) throws -> [String] {
    try (0..<array.shape.reduce(1, *)).map { try array.exactElement($0).description }
  }

  @Test(arguments: ["stored.npz", "deflated.npz"])
  func npzMembers(file: String) throws {
    #expect(try Self.exactValues(ArrayFile.read(Self.path(file) + ":X")) == Self.expected["X"])
    #expect(try Self.exactValues(ArrayFile.read(Self.path(file) + ":y")) == Self.expected["y"])
    #expect(throws: FormatError.self) { try ArrayFile.read(Self.path(file)) }  // two arrays: a name is needed
    #expect(throws: FormatError.self) { try ArrayFile.read(Self.path(file) + ":nope") }
  }

  /// scipy.sparse.save_npz matrices (CSR deflated, CSC stored, COO) are read densely, every value exact.
  @Test(arguments: ["sparse_csr.npz", "sparse_csc.npz", "sparse_coo.npz"])
  func sparseMatricesAreDensified(file: String) throws {
    let array = try ArrayFile.read(Self.path(file))
    #expect(array.shape == [3, 4])
    #expect(try Self.exactValues(array) == Self.expected["sparse_dense"])
    // A member can still be named.
    #expect(try ArrayFile.read(Self.path(file) + ":shape").shape == [2])
  }

  @Test(arguments: ["X", "X32", "X16", "labels", "small"])
  func safetensorsTensors(name: String) throws {
    #expect(try Self.exactValues(ArrayFile.read(Self.path("weights.safetensors") + ":" + name)) == Self.expected[name], "\(name)")
  }

  /// float64 data are decoded block by block: any block size gives the values the whole-file parse gives.
  @Test(arguments: [8, 24, 80, 1 << 20])
  func float64FilesAreReadInBlocks(blockBytes: Int) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("blocks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let values = (0..<1001).map { Double($0) * 0.37 - 100 }
    let path = directory.appendingPathComponent("x.npy").path
    try NumpyArray(shape: [7, 143], elementType: .float64, elements: .floats(values)).write(to: path)
    let blocked = try NumpyArray(contentsOf: path, blockBytes: blockBytes)
    let whole = try NumpyArray(npyData: try Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(blocked == whole && blocked.shape == [7, 143] && blocked.elements == .floats(values))
    // A file cut short is still named, with its reason.
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    try data.prefix(data.count - 8).write(to: URL(fileURLWithPath: path))
    #expect(throws: (any Error).self) { try NumpyArray(contentsOf: path, blockBytes: blockBytes) }
  }

  /// A float64 .npy data file is read in two passes of blocks straight into
  /// word numerators: at any block size the matrix is the whole-file parse's,
  /// off-grid values (numerators beyond words) fall back to it, and a NaN is
  /// named by its index as before.
  @Test(arguments: [8, 24, 800, 1 << 20])
  func float64DataAreStreamedIntoNumerators(blockBytes: Int) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("X.npy").path
    let grid: [Double] = (0..<(9 * 37)).map { (k: Int) -> Double in k % 5 == 0 ? 0 : Double((k * 7919) % 2001 - 1000) / 64 }
    let offGrid: [Double] = (0..<(9 * 37)).map { (k: Int) -> Double in sin(Double(k)) * 3 }
    let wide: [Double] = [1e12] + offGrid.dropFirst()  // numerators beyond words
    for values in [grid, offGrid, wide, grid.map { $0 * 0x1p-40 }] {
      try NumpyArray(shape: [9, 37], elementType: .float64, elements: .floats(values)).write(to: path)
      let whole = try ScaledIntegerMatrix(exactElementsOf: NumpyArray(npyData: Data(contentsOf: URL(fileURLWithPath: path))))
      let file = try #require(try NumpyFloat64File(path: path))
      if let streamed = try ScaledIntegerMatrix(float64File: file, blockBytes: blockBytes) {
        #expect(whole.machineNumerators != nil && streamed == whole)
      } else {
        #expect(whole.machineNumerators == nil)
      }
      #expect(try Instance(dataFile: path, labelFile: nil).data == whole)
    }
    var bad = grid
    bad[3 * 37 + 5] = .nan
    try NumpyArray(shape: [9, 37], elementType: .float64, elements: .floats(bad)).write(to: path)
    #expect { try Instance(dataFile: path, labelFile: nil) } throws: { error in
      guard case UnlearningError.badFile(_, let reason) = error else { return false }
      return reason.contains("(3, 5)") && reason.contains("nan")
    }
  }

  /// The shape of a .npy file comes from its header alone: a file whose data are cut short still
  /// gives its shape (the values are never read), and a container member gives the member's.
  @Test func shapesAreReadFromTheHeader() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shape-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("W.npy").path
    try NumpyArray(shape: [6, 50], elementType: .float64, elements: .floats((0..<300).map(Double.init))).write(to: path)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    try data.prefix(200).write(to: URL(fileURLWithPath: path))
    #expect(try ArrayFile.shape(path) == [6, 50])
    #expect(throws: (any Error).self) { try ArrayFile.read(path) }
    #expect(try ArrayFile.shape(Self.path("stored.npz") + ":X") == [2, 3])
  }

  @Test func bf16AndSingleTensorFiles() throws {
    // One tensor: no name needed.
    #expect(try Self.exactValues(ArrayFile.read(Self.path("bf16.safetensors"))) == Self.expected["W"])
  }

  @Test func instancesFromContainers() throws {
    let instance = try Instance(dataFile: Self.path("deflated.npz") + ":X", labelFile: Self.path("stored.npz") + ":y")
    #expect(instance.count == 2 && instance.dimension == 3)
    #expect(instance.data[0, 0] == (try Rational(parsing: "0.1000000000000000055511151231257827021181583404541015625")))
  }

  @Test func damagedContainersAreOneLineErrors() throws {
    for file in ["stored.npz", "deflated.npz", "weights.safetensors"] {
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path(file))))
      for cut in [8, bytes.count / 2, bytes.count - 1] {
        let damaged = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString)")
        try Data(bytes.prefix(cut)).write(to: damaged)
        defer { try? FileManager.default.removeItem(at: damaged) }
        #expect(throws: FormatError.self, "\(file) cut at \(cut)") { try ArrayFile.read(damaged.path + ":X") }
      }
    }
  }

  /// Sets a little-endian 32-bit field of every central-directory entry.
  static func settingDirectoryField(_ bytes: [UInt8], offset: Int, to value: UInt32) -> [UInt8] {
    var bytes = bytes
    var i = 0
    while i + 46 <= bytes.count {
      if Array(bytes[i..<(i + 4)]) == [0x50, 0x4B, 0x01, 0x02] {
        for b in 0..<4 { bytes[i + offset + b] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(b))) }
      }
      i += 1
    }
    return bytes
  }

  /// A deflated member that declares 4 GiB is refused from its compressed
  /// size (deflate expands at most 1032:1), before anything is allocated.
  @Test func npzDeclaredSizeIsBoundedByItsCompressedSize() throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path("deflated.npz"))))
    let lying = Self.settingDirectoryField(bytes, offset: 24, to: 0xFFFF_FFFE)
    #expect {
      _ = try NpzFile.array("X", in: lying)
    } throws: { error in
      "\(error)".contains("deflate expands at most 1032:1")
    }
    // A declared size a little off either way is refused too, after inflating only what is there.
    let original = try NpzFile.array("X", in: bytes)
    for declared in [UInt32(200), 129, 127, 1] {
      let other = Self.settingDirectoryField(bytes, offset: 24, to: declared)
      if let read = try? NpzFile.array("X", in: other) { #expect(read == original, "declared \(declared)") }
    }
  }

  /// Offsets near 2^63 are refused, not added (which trapped).
  @Test func safetensorsOffsetsNearTheIntegerLimitAreRefused() throws {
    for end in ["9223372036854775800", "9223372036854775807", "4611686018427387904"] {
      let header = #"{"W":{"dtype":"F64","shape":[1],"data_offsets":[0,"# + end + "]}}"
      var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init) + Array(header.utf8)
      bytes += [UInt8](repeating: 0, count: 8)
      #expect(throws: FormatError.self, "end \(end)") { _ = try SafetensorsFile.tensor("W", in: bytes) }
    }
  }
}
