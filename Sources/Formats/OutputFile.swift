//===--- OutputFile.swift -------------------------------------------------===//
// Writing an output file without clobbering what is at its path.
//===----------------------------------------------------------------------===//

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes outputs so that nothing is lost and nothing special is replaced.
///
/// A regular file (or a path where nothing is yet) is replaced atomically:
/// the bytes go to a temporary file in the same directory, which is renamed
/// over the path only once every byte is written. Anything else at the path
/// (a FIFO, a device such as /dev/stdout or /dev/full, a symbolic link) is
/// written through, never replaced. Every failed write (ENOSPC, EIO, a full
/// pipe that closes) is an error, never a success.
public enum OutputFile {
  /// - Throws: ``FormatError/cannotWrite(_:_:)`` naming the path and the system's reason.
  public static func write(_ data: Data, to path: String) throws {
    var info = stat()
    if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
      if (info.st_mode & S_IFMT) == S_IFDIR { throw FormatError.cannotWrite(path, "is a directory") }
      let fd = open(path, O_WRONLY | O_TRUNC | O_CREAT, 0o644)
      guard fd >= 0 else { throw FormatError.cannotWrite(path, reason()) }
      defer { close(fd) }
      try writeAll(data, to: fd, path: path)
      return
    }
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw FormatError.cannotWrite(path, reason()) }
    do {
      try writeAll(data, to: fd, path: path)
      guard fsync(fd) == 0 else { throw FormatError.cannotWrite(path, reason()) }
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    guard close(fd) == 0 else {
      let why = reason()
      unlink(temporary)
      throw FormatError.cannotWrite(path, why)
    }
    guard rename(temporary, path) == 0 else {
      let why = reason()
      unlink(temporary)
      throw FormatError.cannotWrite(path, why)
    }
  }

  /// Writes text as UTF-8.
  public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

  static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw FormatError.cannotWrite(path, reason())
        }
        offset += written
      }
    }
  }

  static func reason() -> String { String(cString: strerror(errno)) }
}
