//===--- BigInt+Conversions.swift -----------------------------------------===//
// Literals, machine integers, strings.
//===----------------------------------------------------------------------===//

import CGMP

extension BigInt: ExpressibleByIntegerLiteral {
  @inlinable public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt {
  /// The value if it fits in `Int`, else `nil`.
  public var exactInt: Int? {
    __gmpz_fits_slong_p(pointer) != 0 ? __gmpz_get_si(pointer) : nil
  }

  /// Parses a decimal integer (optional sign, digits only); `nil` otherwise.
  public init?(decimal text: some StringProtocol) {
    self.init(text, radix: 10)
  }

  /// Parses an integer in the given radix (2...36): an optional sign, then
  /// digits only (no spaces, no prefix). `nil` otherwise.
  public init?(_ text: some StringProtocol, radix: Int) {
    precondition((2...36).contains(radix), "BigInt: radix must be in 2...36")
    var body = Substring(text)
    var negative = false
    if let first = body.first, first == "-" || first == "+" {
      negative = first == "-"
      body = body.dropFirst()
    }
    guard !body.isEmpty, body.allSatisfy({ Self.digitValue($0).map { $0 < radix } ?? false })
    else { return nil }
    self.init()
    let status = String(body).withCString { __gmpz_set_str(storage.pointer, $0, Int32(radix)) }
    guard status == 0 else { return nil }
    if negative { __gmpz_neg(storage.pointer, storage.pointer) }
  }

  private static func digitValue(_ c: Character) -> Int? {
    guard let a = c.asciiValue else { return nil }
    switch a {
    case 48...57: return Int(a - 48)
    case 97...122: return Int(a - 97 + 10)
    case 65...90: return Int(a - 65 + 10)
    default: return nil
    }
  }

  /// The digits in the given radix, with a leading `-` when negative.
  public func toString(radix: Int = 10) -> String {
    precondition((2...36).contains(radix), "BigInt: radix must be in 2...36")
    let capacity = Int(__gmpz_sizeinbase(pointer, Int32(radix))) + 2
    // Our own buffer, so GMP's allocator never has to free a string of ours.
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
      __gmpz_get_str(buffer.baseAddress, Int32(radix), pointer)
      return String(cString: buffer.baseAddress!)
    }
  }
}

extension BigInt: LosslessStringConvertible, CustomStringConvertible, CustomDebugStringConvertible {
  public init?(_ description: String) { self.init(description, radix: 10) }
  public var description: String { toString() }
  public var debugDescription: String { "BigInt(\(toString()))" }
}

extension BigInt: Numeric, SignedNumeric {
  public typealias Magnitude = BigInt
  public init?<T: BinaryInteger>(exactly source: T) { self.init(source) }
}
