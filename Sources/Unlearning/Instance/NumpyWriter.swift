//===--- NumpyWriter.swift ------------------------------------------------===//
// Writing `.npy` files (version 1.0, little-endian float64 or int64).
//===----------------------------------------------------------------------===//

import Foundation

extension NumpyArray {
  /// The bytes of a version-1.0 `.npy` file holding this array in C order
  /// (`<f8` for floats, `<i8` for integers), with the header padded so the
  /// data starts at a multiple of 64 bytes, as NumPy writes it.
  public var npyData: Data {
    let descr: String
    switch elements {
    case .floats: descr = "<f8"
    case .integers: descr = "<i8"
    }
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
    let unpadded = 10 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
    let length = UInt16(header.utf8.count)
    data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
    data.append(contentsOf: Array(header.utf8))
    switch elements {
    case .floats(let values):
      for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    case .integers(let values):
      for v in values { withUnsafeBytes(of: Int64(v).littleEndian) { data.append(contentsOf: $0) } }
    }
    return data
  }

  /// Writes the array to a file.
  public func write(to path: String) throws {
    do {
      try npyData.write(to: URL(fileURLWithPath: path))
    } catch {
      throw UnlearningError.badFile(path, "cannot be written")
    }
  }
}
