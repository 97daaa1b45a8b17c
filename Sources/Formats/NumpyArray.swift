//===--- NumpyArray.swift -------------------------------------------------===//
// A reader of NumPy's .npy format (versions 1–3), written from the format
// specification (numpy/lib/format.py): magic, version, header length, a
// Python-literal header dict, then raw data.
//===----------------------------------------------------------------------===//

import Exact
import Foundation

/// An array read from a `.npy` file: its shape and its elements, kept in the
/// exact form the file stores (binary64 values are dyadic rationals).
public struct NumpyArray: Sendable, Equatable {
  /// The element types supported.
  public enum ElementType: String, Sendable, CaseIterable {
    case float64 = "f8", float32 = "f4", int64 = "i8", int32 = "i4", int16 = "i2", int8 = "i1"
    case uint8 = "u1", bool = "b1"

    /// Bytes per element.
    public var size: Int {
      switch self {
      case .float64, .int64: return 8
      case .float32, .int32: return 4
      case .int16: return 2
      case .int8, .uint8, .bool: return 1
      }
    }

    var isFloat: Bool { self == .float64 || self == .float32 }
  }

  /// The elements, row-major (C order) regardless of the file's order.
  public enum Elements: Sendable, Equatable {
    case floats([Double])
    case integers([Int])
  }

  public var shape: [Int]
  public var elementType: ElementType
  public var elements: Elements

  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }

  public init(shape: [Int], elementType: ElementType, elements: Elements) {
    self.shape = shape
    self.elementType = elementType
    self.elements = elements
  }

  /// Element k (row-major) as an exact rational.
  ///
  /// - Throws: ``FormatError/malformed(_:)`` for NaN or ±∞.
  public func exactElement(_ k: Int) throws -> Rational {
    switch elements {
    case .integers(let values): return Rational(values[k])
    case .floats(let values):
      guard values[k].isFinite else {
        throw FormatError.malformed("element \(index(of: k)) is \(values[k]), not a finite number")
      }
      return try Rational(exactly: values[k])
    }
  }

  /// The multi-index of row-major position k, as text like `(2, 5)`.
  public func index(of k: Int) -> String {
    var rest = k
    var parts: [Int] = []
    for extent in shape.reversed() {
      parts.append(extent == 0 ? 0 : rest % extent)
      rest = extent == 0 ? 0 : rest / extent
    }
    return "(" + parts.reversed().map(String.init).joined(separator: ", ") + ")"
  }
}

extension NumpyArray {
  /// Reads a `.npy` file.
  ///
  /// - Throws: ``FormatError/file(_:_:)`` naming the path and the problem.
  public init(contentsOf path: String) throws { try self.init(contentsOf: path, blockBytes: 64 << 20) }

  /// Reads a `.npy` file; little-endian C-order float64 data (what numpy
  /// writes by default) are decoded block by block straight into the values,
  /// so the peak memory is the values plus one block, not three copies.
  init(contentsOf path: String, blockBytes: Int) throws {
    // The header first: the size it declares is checked against the file
    // and against memory before the data are read.
    if let file = try NumpyFloat64File(path: path) {
      let count = file.count
      let values = try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
        try file.forEachBlock(blockBytes: blockBytes) { offset, block in
          for k in block.indices { buffer[offset + k] = block[k] }
        }
        initialized = count
      }
      self.init(shape: file.shape, elementType: .float64, elements: .floats(values))
      return
    }
    let data: Data
    do {
      data = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)).readToEnd() ?? Data()
    } catch {
      throw FormatError.file(path, "cannot be read")
    }
    do {
      try self.init(npyData: data)
    } catch let FormatError.malformed(reason) {
      throw FormatError.file(path, reason)
    }
  }

  /// The longest header read before the data (numpy writes under 64 KiB for any shape it supports).
  static let maximumHeaderBytes = 1 << 20

  /// Where the data start, how many bytes they take, and the header.
  struct Layout {
    var header: NumpyHeader
    var type: ElementType
    var bigEndian: Bool
    var count: Int
    var dataStart: Int
    var dataBytes: Int
  }

  /// Parses the magic, the version and the header dictionary of a `.npy`
  /// prefix (the data need not follow when `dataMayFollow`).
  static func layout(of bytes: [UInt8], dataMayFollow: Bool = false) throws -> Layout {
    func fail(_ reason: String) -> FormatError { .malformed(reason) }
    let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail("not a .npy file (bad magic)") }
    let major = bytes[6], minor = bytes[7]
    let headerLength: Int
    let headerStart: Int
    guard minor == 0 else { throw fail("unsupported .npy format version \(major).\(minor) (numpy writes 1.0, 2.0 and 3.0)") }
    switch major {
    case 1, 2, 3:
      if major == 1 {
        headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        headerStart = 10
      } else {
        guard bytes.count >= 12 else { throw fail("truncated header") }
        headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        headerStart = 12
      }
    default:
      throw fail("unsupported .npy format version \(major).\(minor) (numpy writes 1.0, 2.0 and 3.0)")
    }
    guard headerStart + headerLength <= bytes.count else {
      throw fail(dataMayFollow && headerLength > maximumHeaderBytes ? "header of \(headerLength) bytes is too long" : "truncated header")
    }
    let headerBytes = bytes[headerStart..<(headerStart + headerLength)]
    guard let headerText = String(bytes: headerBytes, encoding: major == 3 ? .utf8 : .isoLatin1) else {
      throw fail("header is not text")
    }
    let header = try NumpyHeader(parsing: headerText)
    let (type, bigEndian) = try header.elementType()
    let count = try header.shape.reduce(1) { product, extent in
      let (result, overflow) = product.multipliedReportingOverflow(by: extent)
      guard !overflow, result <= Int.max / 8 else { throw fail("shape \(header.shape) is too large") }
      return result
    }
    return Layout(header: header, type: type, bigEndian: bigEndian, count: count, dataStart: headerStart + headerLength,
                  dataBytes: count * type.size)
  }

  /// Parses the bytes of a `.npy` file.
  ///
  /// - Throws: ``FormatError/malformed(_:)`` for anything malformed or unsupported.
  public init(npyData data: Data) throws {
    let bytes = [UInt8](data)
    func fail(_ reason: String) -> FormatError { .malformed(reason) }
    let layout = try Self.layout(of: bytes)
    let (header, type, bigEndian, count, dataStart) = (layout.header, layout.type, layout.bigEndian, layout.count, layout.dataStart)
    let expected = layout.dataBytes
    let available = bytes.count - dataStart
    guard available >= expected else {
      throw fail("truncated data: shape \(header.shape) needs \(expected) bytes, file has \(available)")
    }
    guard available == expected else {
      throw fail("\(available - expected) bytes of data beyond shape \(header.shape)")
    }
    let rowMajor = Self.rowMajorOrder(shape: header.shape, fortran: header.fortranOrder)
    let elements = bytes.withUnsafeBytes { raw -> Elements in
      let base = raw.baseAddress! + dataStart
      func word<T: FixedWidthInteger>(_ k: Int, _: T.Type) -> T {
        let value = base.loadUnaligned(fromByteOffset: k * MemoryLayout<T>.size, as: T.self)
        return bigEndian ? T(bigEndian: value) : T(littleEndian: value)
      }
      func source(_ k: Int) -> Int { rowMajor?[k] ?? k }
      switch type {
      case .float64 where rowMajor == nil && !bigEndian:
        // The common layout: little-endian, C order, read in one sweep.
        return .floats([Double](unsafeUninitializedCapacity: count) { buffer, initialized in
          for k in 0..<count { buffer[k] = Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))) }
          initialized = count
        })
      case .float64: return .floats((0..<count).map { Double(bitPattern: word(source($0), UInt64.self)) })
      case .float32: return .floats((0..<count).map { Double(Float(bitPattern: word(source($0), UInt32.self))) })
      case .int64: return .integers((0..<count).map { Int(word(source($0), Int64.self)) })
      case .int32: return .integers((0..<count).map { Int(word(source($0), Int32.self)) })
      case .int16: return .integers((0..<count).map { Int(word(source($0), Int16.self)) })
      case .int8: return .integers((0..<count).map { Int(word(source($0), Int8.self)) })
      case .uint8: return .integers((0..<count).map { Int(word(source($0), UInt8.self)) })
      case .bool: return .integers((0..<count).map { word(source($0), UInt8.self) == 0 ? 0 : 1 })
      }
    }
    self.init(shape: header.shape, elementType: type, elements: elements)
  }

  /// For Fortran order, the file position of each row-major element.
  static func rowMajorOrder(shape: [Int], fortran: Bool) -> [Int]? {
    guard fortran, shape.count > 1 else { return nil }
    let count = shape.reduce(1, *)
    var result = [Int](repeating: 0, count: count)
    var index = [Int](repeating: 0, count: shape.count)
    for k in 0..<count {
      // Column-major position of the multi-index.
      var position = 0, stride = 1
      for axis in 0..<shape.count {
        position += index[axis] * stride
        stride *= shape[axis]
      }
      result[k] = position
      // Advance the row-major multi-index.
      var axis = shape.count - 1
      while axis >= 0 {
        index[axis] += 1
        if index[axis] < shape[axis] { break }
        index[axis] = 0
        axis -= 1
      }
    }
    return result
  }
}

/// The header dict of a `.npy` file: `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
struct NumpyHeader {
  var descr: String
  var fortranOrder: Bool
  var shape: [Int]

  /// A Python literal value of the subset the header uses.
  enum Literal: Equatable {
    case string(String), bool(Bool), tuple([Int])
  }

  init(parsing text: String) throws {
    var parser = LiteralParser(Array(text.unicodeScalars))
    let dict = try parser.parseDict()
    parser.skipSpace()
    guard parser.atEnd else { throw FormatError.malformed("header: unexpected text after the dict") }
    guard case .string(let descr)? = dict["descr"] else {
      throw FormatError.malformed("header: 'descr' must be a dtype string (structured and object arrays are not supported)")
    }
    guard case .bool(let fortran)? = dict["fortran_order"] else { throw FormatError.malformed("header: missing 'fortran_order'") }
    guard case .tuple(let shape)? = dict["shape"] else { throw FormatError.malformed("header: missing 'shape'") }
    guard shape.allSatisfy({ $0 >= 0 }) else { throw FormatError.malformed("header: negative extent in shape") }
    let unknown = Set(dict.keys).subtracting(["descr", "fortran_order", "shape"])
    guard unknown.isEmpty else { throw FormatError.malformed("header: unexpected key '\(visible(unknown.sorted()[0]))'") }
    self.descr = descr
    self.fortranOrder = fortran
    self.shape = shape
  }

  /// The element type and whether it is big-endian.
  func elementType() throws -> (NumpyArray.ElementType, Bool) {
    guard let order = descr.first, descr.count >= 2 else { throw FormatError.malformed("unsupported dtype '\(visible(descr))'") }
    let code = String(descr.dropFirst())
    guard let type = NumpyArray.ElementType(rawValue: code), "<>|=".contains(order) else {
      throw FormatError.malformed("unsupported dtype '\(visible(descr))' (supported: f8 f4 i8 i4 i2 i1 u1 b1)")
    }
    if order == "|" && type.size > 1 { throw FormatError.malformed("dtype '\(visible(descr))' lacks a byte order") }
    return (type, order == ">")
  }

  /// A recursive-descent parser for the Python literals of a header.
  struct LiteralParser {
    var scalars: [Unicode.Scalar]
    var i = 0
    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { i >= scalars.count }

    mutating func skipSpace() {
      while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
    }

    mutating func expect(_ c: Unicode.Scalar) throws {
      skipSpace()
      guard i < scalars.count, scalars[i] == c else {
        throw FormatError.malformed("header: expected '\(c)' at offset \(i)")
      }
      i += 1
    }

    mutating func peek(_ c: Unicode.Scalar) -> Bool {
      skipSpace()
      return i < scalars.count && scalars[i] == c
    }

    mutating func parseDict() throws -> [String: Literal] {
      try expect("{")
      var result: [String: Literal] = [:]
      while !peek("}") {
        let key = try parseString()
        try expect(":")
        guard result[key] == nil else { throw FormatError.malformed("header: duplicate key '\(visible(key))'") }
        result[key] = try parseValue()
        if !peek(",") { break }
        i += 1
      }
      try expect("}")
      return result
    }

    mutating func parseValue() throws -> Literal {
      skipSpace()
      guard i < scalars.count else { throw FormatError.malformed("header: unexpected end") }
      switch scalars[i] {
      case "'", "\"": return .string(try parseString())
      case "(": return .tuple(try parseTuple())
      case "[", "{": throw FormatError.malformed("header: lists and dicts are not supported (structured dtypes, or a 'shape' that is not a tuple)")
      default:
        for (word, value) in [("True", true), ("False", false)] {
          let w = Array(word.unicodeScalars)
          if i + w.count <= scalars.count && Array(scalars[i..<(i + w.count)]) == w {
            i += w.count
            return .bool(value)
          }
        }
        throw FormatError.malformed("header: unsupported value at offset \(i)")
      }
    }

    mutating func parseString() throws -> String {
      skipSpace()
      guard i < scalars.count, scalars[i] == "'" || scalars[i] == "\"" else {
        throw FormatError.malformed("header: expected a string at offset \(i)")
      }
      let quote = scalars[i]
      i += 1
      var out = String.UnicodeScalarView()
      while i < scalars.count, scalars[i] != quote {
        guard scalars[i] != "\\" else { throw FormatError.malformed("header: escapes in strings are not supported") }
        out.append(scalars[i])
        i += 1
      }
      guard i < scalars.count else { throw FormatError.malformed("header: unterminated string") }
      i += 1
      return String(out)
    }

    mutating func parseTuple() throws -> [Int] {
      try expect("(")
      var values: [Int] = []
      while !peek(")") {
        skipSpace()
        let start = i
        while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
        // Python 2 headers may write long integers as 3L.
        let digits = String(String.UnicodeScalarView(scalars[start..<i]))
        if i < scalars.count, scalars[i] == "L" { i += 1 }
        guard !digits.isEmpty, digits.count <= 18, let value = Int(digits) else {
          throw FormatError.malformed("header: bad shape entry at offset \(start)")
        }
        values.append(value)
        if !peek(",") { break }
        i += 1
      }
      try expect(")")
      return values
    }
  }
}

/// Text from a file as it may appear in a one-line message: control
/// characters escaped, and at most 40 characters.
func visible(_ text: String) -> String {
  var out = ""
  for scalar in text.unicodeScalars.prefix(40) {
    out += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
  }
  return text.unicodeScalars.count > 40 ? out + "…" : out
}
