//===--- SafetensorsFile.swift --------------------------------------------===//
// Tensors of a .safetensors file, read exactly.
//===----------------------------------------------------------------------===//

import Foundation

/// A `.safetensors` file (the format of Hugging Face and PyTorch weights):
/// an 8-byte little-endian header length, a JSON header naming each tensor's
/// dtype, shape and byte range, then the raw little-endian data.
///
/// F64, F32, F16 and BF16 tensors become binary64 values exactly (every
/// value of the narrower formats is a binary64); I64, I32, I16, I8, U8 and
/// BOOL become integers. Everything the header declares is checked against
/// the file before any tensor is decoded.
public enum SafetensorsFile {
  /// The names of the tensors, in header order.
  public static func names(in bytes: [UInt8]) throws -> [String] { try header(bytes).map(\.name) }

  /// One tensor by name.
  ///
  /// - Throws: ``FormatError/malformed(_:)`` naming the problem.
  public static func tensor(_ name: String, in bytes: [UInt8]) throws -> NumpyArray {
    guard let entry = try header(bytes).first(where: { $0.name == name }) else {
      throw FormatError.malformed("no tensor '\(visible(name))' (the file has \(try names(in: bytes).map(visible).joined(separator: ", ")))")
    }
    let data = bytes[entry.start..<entry.end]
    func word(_ k: Int, _ size: Int) -> UInt64 {
      var v: UInt64 = 0
      for b in 0..<size { v |= UInt64(data[data.startIndex + k * size + b]) << (8 * UInt64(b)) }
      return v
    }
    let count = entry.count
    let elements: NumpyArray.Elements
    switch entry.dtype {
    case "F64": elements = .floats((0..<count).map { Double(bitPattern: word($0, 8)) })
    case "F32": elements = .floats((0..<count).map { Double(Float(bitPattern: UInt32(word($0, 4)))) })
    case "F16": elements = .floats((0..<count).map { Double(Float16(bitPattern: UInt16(word($0, 2)))) })
    case "BF16": elements = .floats((0..<count).map { Double(Float(bitPattern: UInt32(word($0, 2)) << 16)) })
    case "I64": elements = .integers((0..<count).map { Int(Int64(bitPattern: word($0, 8))) })
    case "I32": elements = .integers((0..<count).map { Int(Int32(bitPattern: UInt32(word($0, 4)))) })
    case "I16": elements = .integers((0..<count).map { Int(Int16(bitPattern: UInt16(word($0, 2)))) })
    case "I8": elements = .integers((0..<count).map { Int(Int8(bitPattern: UInt8(word($0, 1)))) })
    case "U8", "BOOL": elements = .integers((0..<count).map { Int(word($0, 1)) })
    default: throw FormatError.malformed("tensor '\(visible(name))' has dtype \(visible(entry.dtype)) (supported: F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL)")
    }
    let type: NumpyArray.ElementType = entry.dtype.hasPrefix("F") || entry.dtype == "BF16" ? .float64 : .int64
    return NumpyArray(shape: entry.shape, elementType: type, elements: elements)
  }

  struct Entry {
    var name: String
    var dtype: String
    var shape: [Int]
    var start: Int
    var end: Int
    var count: Int
  }

  static let sizes: [String: Int] = ["F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1]

  static func header(_ bytes: [UInt8]) throws -> [Entry] {
    guard bytes.count >= 8 else { throw FormatError.malformed("not a .safetensors file (shorter than its header length)") }
    var length = 0
    for b in 0..<8 { length |= Int(bytes[b]) << (8 * b) }
    guard length > 1, length <= 100_000_000, 8 + length <= bytes.count else {
      throw FormatError.malformed("not a .safetensors file (header length \(length) for \(bytes.count) bytes)")
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])) as? [String: Any] else {
      throw FormatError.malformed("the .safetensors header is not a JSON object")
    }
    let base = 8 + length
    var entries: [Entry] = []
    for (name, value) in object where name != "__metadata__" {
      guard let info = value as? [String: Any], let dtype = info["dtype"] as? String, let shape = info["shape"] as? [Int],
            let offsets = info["data_offsets"] as? [Int], offsets.count == 2 else {
        throw FormatError.malformed("tensor '\(visible(name))': the header needs dtype, shape and data_offsets")
      }
      guard shape.allSatisfy({ $0 >= 0 }) else { throw FormatError.malformed("tensor '\(visible(name))': negative extent in shape \(shape)") }
      let count = try shape.reduce(1) { product, extent in
        let (result, overflow) = product.multipliedReportingOverflow(by: extent)
        guard !overflow, result <= Int.max / 8 else { throw FormatError.malformed("tensor '\(visible(name))': shape \(shape) is too large") }
        return result
      }
      guard let size = sizes[dtype] else {
        throw FormatError.malformed("tensor '\(visible(name))' has dtype \(visible(dtype)) (supported: F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL)")
      }
      let (begin, end) = (offsets[0], offsets[1])
      // Compared without adding to the offset: an end near 2^63 must not overflow.
      guard begin >= 0, end >= begin, end <= bytes.count - base else {
        throw FormatError.malformed("tensor '\(visible(name))': data_offsets [\(begin), \(end)] lie outside the file")
      }
      guard end - begin == count * size else {
        throw FormatError.malformed("tensor '\(visible(name))': shape \(shape) of \(dtype) needs \(count * size) bytes, data_offsets give \(end - begin)")
      }
      entries.append(Entry(name: name, dtype: dtype, shape: shape, start: base + begin, end: base + end, count: count))
    }
    return entries.sorted { $0.start < $1.start }
  }
}
