//===--- AppendingFile.swift ----------------------------------------------===//
// A log that grows by whole records, and says when it cannot.
//===----------------------------------------------------------------------===//

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written only at its end, one record (a run of whole lines) at a
/// time. An append that fails part-way (no space, a quota, a file-size
/// limit, an I/O error) is cut back to where it began and thrown, so the
/// file never ends in a torn record because of a write error, and every
/// record appended before it is kept.
public final class AppendingFile {
  public let path: String
  private var descriptor: Int32

  /// Opens `path` (created if absent) and cuts a torn last line, which an
  /// interrupted process (SIGKILL, a power cut) can leave.
  ///
  /// - Throws: ``FormatError/cannotWrite(_:_:)`` naming the path and the system's reason.
  public init(path: String) throws {
    self.path = path
    descriptor = open(path, O_RDWR | O_CREAT, 0o644)
    guard descriptor >= 0 else { throw FormatError.cannotWrite(path, OutputFile.reason()) }
    do {
      try cutTornLastLine()
    } catch {
      Glibc.close(descriptor)
      throw error
    }
  }

  deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

  private func cutTornLastLine() throws {
    let end = lseek(descriptor, 0, SEEK_END)
    guard end > 0 else { return }
    // Read backwards in blocks to the last newline: a long log is not read whole.
    var position = end
    var block = [UInt8](repeating: 0, count: 1 << 16)
    var keep: off_t = 0
    search: while position > 0 {
      let length = Int(min(off_t(block.count), position))
      position -= off_t(length)
      let read = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, length, position) }
      guard read == length else { throw FormatError.cannotWrite(path, OutputFile.reason()) }
      for k in stride(from: length - 1, through: 0, by: -1) where block[k] == 0x0A {
        keep = position + off_t(k) + 1
        break search
      }
    }
    if keep != end { guard ftruncate(descriptor, keep) == 0 else { throw FormatError.cannotWrite(path, OutputFile.reason()) } }
  }

  /// Appends `data` whole, or throws with the file as it was.
  ///
  /// - Throws: ``FormatError/cannotWrite(_:_:)``; the file is cut back to its length before the call.
  public func append(_ data: Data) throws {
    let start = lseek(descriptor, 0, SEEK_END)
    guard start >= 0 else { throw FormatError.cannotWrite(path, OutputFile.reason()) }
    do {
      try OutputFile.writeAll(data, to: descriptor, path: path)
    } catch {
      _ = ftruncate(descriptor, start)
      throw error
    }
  }

  /// Closes the file; a failure here (a deferred write error on some file
  /// systems) is thrown like a failed append.
  public func close() throws {
    guard descriptor >= 0 else { return }
    let status = Glibc.close(descriptor)
    descriptor = -1
    guard status == 0 else { throw FormatError.cannotWrite(path, OutputFile.reason()) }
  }
}
