//===--- NpzFile.swift ----------------------------------------------------===//
// Arrays of a .npz file (a ZIP archive of .npy members), stored or deflated.
//===----------------------------------------------------------------------===//

import CZlib
import Foundation

/// A `.npz` file as `numpy.savez` (stored) and `numpy.savez_compressed`
/// (deflated) write it: a ZIP archive whose members are `.npy` files. The
/// central directory is read from the end of the archive; each member's
/// sizes are checked against the file before it is inflated.
public enum NpzFile {
  struct Member {
    var name: String
    var method: Int
    var compressedSize: Int
    var size: Int
    var localHeader: Int
  }

  /// The member names without their `.npy` suffix.
  public static func names(in bytes: [UInt8]) throws -> [String] {
    try members(bytes).map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
  }

  /// The array stored as `name` (or `name.npy`).
  public static func array(_ name: String, in bytes: [UInt8]) throws -> NumpyArray {
    try NumpyArray(npyData: Data(try memberBytes(name, in: bytes)))
  }

  /// The bytes of the member `name` (or `name.npy`), inflated when deflated.
  static func memberBytes(_ name: String, in bytes: [UInt8]) throws -> [UInt8] {
    let all = try members(bytes)
    guard let member = all.first(where: { $0.name == name || $0.name == name + ".npy" }) else {
      throw FormatError.malformed("no array '\(visible(name))' (the archive has \(try names(in: bytes).map(visible).joined(separator: ", ")))")
    }
    let local = member.localHeader
    guard local + 30 <= bytes.count, u32(bytes, local) == 0x0403_4b50 else { throw FormatError.malformed("member '\(visible(member.name))': bad local header") }
    let start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28)
    guard start + member.compressedSize <= bytes.count else { throw FormatError.malformed("member '\(visible(member.name))' runs past the end of the archive") }
    let compressed = Array(bytes[start..<(start + member.compressedSize)])
    switch member.method {
    case 0: return compressed
    case 8: return try inflate(compressed, size: member.size, name: member.name)
    default: throw FormatError.malformed("member '\(visible(member.name))' uses ZIP compression method \(member.method) (stored and deflated are read)")
    }
  }

  static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
  static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

  static func members(_ bytes: [UInt8]) throws -> [Member] {
    // The end-of-central-directory record: within the last 64 KiB + 22 bytes.
    guard bytes.count >= 22 else { throw FormatError.malformed("not a .npz archive (too short)") }
    var eocd: Int? = nil
    for i in stride(from: bytes.count - 22, through: max(0, bytes.count - 22 - 65_535), by: -1) where u32(bytes, i) == 0x0605_4b50 {
      eocd = i
      break
    }
    guard let end = eocd else { throw FormatError.malformed("not a .npz archive (no ZIP end-of-directory record)") }
    let count = u16(bytes, end + 10), directory = u32(bytes, end + 16)
    guard count != 0xFFFF, directory != 0xFFFF_FFFF else { throw FormatError.malformed("ZIP64 archives are not read; save with numpy.savez") }
    var members: [Member] = []
    var i = directory
    for _ in 0..<count {
      guard i + 46 <= bytes.count, u32(bytes, i) == 0x0201_4b50 else { throw FormatError.malformed("bad ZIP central directory") }
      let nameLength = u16(bytes, i + 28), extra = u16(bytes, i + 30), comment = u16(bytes, i + 32)
      guard i + 46 + nameLength <= bytes.count else { throw FormatError.malformed("bad ZIP central directory") }
      let name = String(decoding: bytes[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
      let member = Member(name: name, method: u16(bytes, i + 10), compressedSize: u32(bytes, i + 20), size: u32(bytes, i + 24),
                          localHeader: u32(bytes, i + 42))
      guard member.compressedSize != 0xFFFF_FFFF, member.size != 0xFFFF_FFFF else { throw FormatError.malformed("ZIP64 members are not read") }
      members.append(member)
      i += 46 + nameLength + extra + comment
    }
    return members
  }

  /// Deflate's largest expansion: a 258-byte match coded in about two bits
  /// gives at most 1032 output bytes per input byte.
  static let maximumDeflateRatio = 1032

  /// Raw deflate to exactly `size` bytes.
  ///
  /// The declared size is only a claim of the archive, so it is checked
  /// against what the compressed bytes can expand to, and the output grows
  /// as it is inflated (in chunks of at most 1 MiB): memory follows the data
  /// actually produced, never the directory's number.
  static func inflate(_ input: [UInt8], size: Int, name: String) throws -> [UInt8] {
    let (limit, overflow) = input.count.multipliedReportingOverflow(by: maximumDeflateRatio)
    guard overflow || size <= limit + 64 else {
      throw FormatError.malformed("member '\(visible(name))' declares \(size) bytes from \(input.count) compressed bytes (deflate expands at most \(maximumDeflateRatio):1)")
    }
    guard size <= Int(ProcessInfo.processInfo.physicalMemory / 3) else {
      throw FormatError.malformed("member '\(visible(name))' declares \(size >> 20) MiB, more than a third of this machine's memory")
    }
    var stream = z_stream()
    guard czlib_inflate_init_raw(&stream) == Z_OK else { throw FormatError.malformed("zlib could not start") }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: min(max(size, 1) + 1, 1 << 20))
    var source = input
    var status = Z_OK
    source.withUnsafeMutableBufferPointer { inBuffer in
      stream.next_in = inBuffer.baseAddress
      stream.avail_in = uInt(inBuffer.count)
      // One byte beyond the declared size is enough to know the member lies.
      while status == Z_OK, output.count <= size {
        chunk.withUnsafeMutableBufferPointer { outBuffer in
          stream.next_out = outBuffer.baseAddress
          stream.avail_out = uInt(outBuffer.count)
          status = CZlib.inflate(&stream, Z_NO_FLUSH)
          output.append(contentsOf: outBuffer.prefix(outBuffer.count - Int(stream.avail_out)))
        }
        if status == Z_OK, stream.avail_in == 0, stream.avail_out != 0 { break }  // input ran out mid-stream
      }
    }
    guard status == Z_STREAM_END, output.count == size else {
      throw FormatError.malformed("member '\(visible(name))' does not inflate to its declared \(size) bytes")
    }
    return output
  }
}
