//===--- NumpyWriter.swift ------------------------------------------------===//
// Writing `.npy` files (format version 1.0) in any supported dtype and order.
//===----------------------------------------------------------------------===//

import Foundation

extension NumpyArray {
  /// The bytes of a version-1.0 `.npy` file: `<f8` for floats and `<i8` for
  /// integers in C order, as NumPy writes them, with the header padded so
  /// the data starts at a multiple of 64 bytes.
  public var npyData: Data { npyData(as: elementType == .float64 || elementType == .int64 ? elementType : defaultType) }

  private var defaultType: ElementType {
    switch elements {
    case .floats: return .float64
    case .integers: return .int64
    }
  }

  /// The bytes of a `.npy` file with an explicit dtype, byte order and
  /// memory order. Values that the dtype cannot hold are a precondition
  /// failure (the caller chooses the dtype).
  public func npyData(as type: ElementType, bigEndian: Bool = false, fortranOrder: Bool = false) -> Data {
    let order = type.size == 1 ? "|" : (bigEndian ? ">" : "<")
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(order)\(type.rawValue)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
    let unpadded = 10 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
    let length = UInt16(header.utf8.count)
    data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
    data.append(contentsOf: Array(header.utf8))
    // The common case, C-order little-endian 64-bit: the elements' bytes as they are.
    if !fortranOrder && !bigEndian && UInt16(1).littleEndian == 1 {
      switch (type, elements) {
      case (.float64, .floats(let v)): v.withUnsafeBytes { data.append(contentsOf: $0) }; return data
      case (.int64, .integers(let v)) where Int.bitWidth == 64: v.withUnsafeBytes { data.append(contentsOf: $0) }; return data
      default: break
      }
    }
    // Row-major element k goes to file position `positions[k]` in Fortran order.
    let positions = Self.rowMajorOrder(shape: shape, fortran: fortranOrder)
    var fileOrder = [Int](repeating: 0, count: count)
    for k in 0..<count { fileOrder[positions?[k] ?? k] = k }
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { data.append(contentsOf: $0) }
    }
    for k in fileOrder {
      switch (type, elements) {
      case (.float64, .floats(let v)): append(v[k].bitPattern)
      case (.float32, .floats(let v)): append(Float(v[k]).bitPattern)
      case (.float64, .integers(let v)): append(Double(v[k]).bitPattern)
      case (.float32, .integers(let v)): append(Float(v[k]).bitPattern)
      case (.int64, .integers(let v)): append(Int64(v[k]))
      case (.int32, .integers(let v)): append(Int32(v[k]))
      case (.int16, .integers(let v)): append(Int16(v[k]))
      case (.int8, .integers(let v)): append(Int8(v[k]))
      case (.uint8, .integers(let v)): append(UInt8(v[k]))
      case (.bool, .integers(let v)): append(UInt8(v[k] == 0 ? 0 : 1))
      default: preconditionFailure("NumpyArray: cannot write floats as \(type.rawValue)")
      }
    }
    return data
  }

  /// Writes the array to a file (`<f8` or `<i8`, C order).
  public func write(to path: String) throws {
    try OutputFile.write(npyData, to: path)
  }
}
