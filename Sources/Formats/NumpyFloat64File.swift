//===--- NumpyFloat64File.swift -------------------------------------------===//
// A float64 .npy file read block by block, never whole.
//===----------------------------------------------------------------------===//

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `.npy` file of little-endian float64 values in C order (what numpy
/// writes by default), opened for reading in blocks: its header is checked
/// (the declared size against the file's and against a third of physical
/// memory) before anything is allocated, and the values are then read as
/// often as needed with one block of memory, whatever the file's size.
public struct NumpyFloat64File: Sendable {
  public let path: String
  public let shape: [Int]
  /// The number of values.
  public let count: Int
  let dataStart: Int

  /// Opens a `.npy` file; `nil` when its values are not little-endian float64
  /// in C order (read those with ``NumpyArray/init(contentsOf:)``).
  ///
  /// - Throws: ``FormatError/file(_:_:)`` for a missing or unreadable file, a
  ///   malformed header, data shorter or longer than the header declares, or
  ///   a declared size beyond a third of this machine's memory.
  public init?(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw FormatError.file(path, FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
    }
    defer { try? handle.close() }
    do {
      let prefix = [UInt8](try handle.read(upToCount: NumpyArray.maximumHeaderBytes) ?? Data())
      let layout = try NumpyArray.layout(of: prefix, dataMayFollow: true)
      let fileSize = try handle.seekToEnd()
      let declared = UInt64(layout.dataStart) + UInt64(layout.dataBytes)
      guard fileSize >= declared else {
        throw FormatError.malformed("truncated data: shape \(layout.header.shape) needs \(layout.dataBytes) bytes, file has \(fileSize - UInt64(min(UInt64(layout.dataStart), fileSize)))")
      }
      guard fileSize == declared else { throw FormatError.malformed("\(fileSize - declared) bytes of data beyond shape \(layout.header.shape)") }
      let memory = ProcessInfo.processInfo.physicalMemory
      guard UInt64(layout.dataBytes) <= memory / 3 else {
        throw FormatError.malformed("shape \(layout.header.shape) declares \(layout.dataBytes >> 20) MiB of data, more than a third of this machine's \(memory >> 20) MiB of memory")
      }
      guard layout.type == .float64 && !layout.bigEndian && (!layout.header.fortranOrder || layout.header.shape.count <= 1) else { return nil }
      (self.path, shape, count, dataStart) = (path, layout.header.shape, layout.count, layout.dataStart)
    } catch let FormatError.malformed(reason) {
      throw FormatError.file(path, reason)
    } catch let error as FormatError {
      throw error
    } catch {
      throw FormatError.file(path, "cannot be read")
    }
  }

  /// Calls `body` with consecutive blocks of the values (row-major), each
  /// with the position of its first value, reading at most `blockBytes` at a
  /// time.
  ///
  /// - Throws: ``FormatError/file(_:_:)`` when the file is shorter than its
  ///   header said (it changed since it was opened), and what `body` throws.
  public func forEachBlock(blockBytes: Int = 64 << 20, _ body: (_ offset: Int, _ values: UnsafeBufferPointer<Double>) throws -> Void) throws {
    // One buffer for every block, filled by read(2): no allocation (and no page faults) per block.
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw FormatError.file(path, "cannot be read") }
    defer { close(descriptor) }
    guard lseek(descriptor, off_t(dataStart), SEEK_SET) == off_t(dataStart) else { throw FormatError.file(path, "cannot be read") }
    let perBlock = max(blockBytes / 8, 1)
    var values = [Double](repeating: 0, count: min(perBlock, count))
    var filled = 0
    while filled < count {
      let want = min(perBlock, count - filled)
      try values.withUnsafeMutableBytes { raw in
        // A read may return less than asked: gather the block; a read of nothing is a truncated file.
        var got = 0
        while got < want * 8 {
          let n = read(descriptor, raw.baseAddress! + got, want * 8 - got)
          if n < 0 && errno == EINTR { continue }
          guard n >= 0 else { throw FormatError.file(path, "cannot be read") }
          guard n > 0 else { throw FormatError.file(path, "truncated data") }
          got += n
        }
      }
      #if _endian(big)
      for k in 0..<want { values[k] = Double(bitPattern: UInt64(littleEndian: values[k].bitPattern)) }
      #endif
      try values.withUnsafeBufferPointer { try body(filled, UnsafeBufferPointer(rebasing: $0[0..<want])) }
      filled += want
    }
  }
}
