//===--- ArrayFile.swift --------------------------------------------------===//
// One array from a .npy, .npz or .safetensors file, by path and name.
//===----------------------------------------------------------------------===//

import Foundation

/// Reads an array named as `PATH` or `PATH:NAME`: a `.npy` file, or a
/// member of a `.npz` archive, or a tensor of a `.safetensors` file (the
/// format is told by the file's first bytes). Without a name a container
/// must hold exactly one array, or be a `scipy.sparse.save_npz` matrix,
/// which is read densely (``SparseNpz``).
public enum ArrayFile {
  public static func read(_ spec: String) throws -> NumpyArray {
    var path = spec, name: String? = nil
    if !FileManager.default.fileExists(atPath: spec), let colon = spec.lastIndex(of: ":") {
      path = String(spec[..<colon])
      name = String(spec[spec.index(after: colon)...])
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw FormatError.file(path, FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
    }
    let magic = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
    try? handle.close()
    // The extension decides first (so a damaged .npy is reported as one); other names by their first bytes.
    let suffix = (path as NSString).pathExtension.lowercased()
    let isNpz = suffix == "npz" || (suffix != "safetensors" && (magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06])))
    if suffix == "npy" || (!isNpz && suffix != "safetensors" && magic.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59])) {
      guard name == nil else { throw FormatError.file(path, "a .npy file holds one array; drop ':\(visible(name!))'") }
      return try NumpyArray(contentsOf: path)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard UInt64(size) <= ProcessInfo.processInfo.physicalMemory / 3 else {
      throw FormatError.file(path, "\(size >> 20) MiB is more than a third of this machine's memory")
    }
    guard let data = FileManager.default.contents(atPath: path) else { throw FormatError.file(path, "cannot be read") }
    let bytes = [UInt8](data)
    do {
      if isNpz {
        let names = try NpzFile.names(in: bytes)
        // scipy.sparse.save_npz's members: the matrix, densified.
        if name == nil, SparseNpz.isSparse(names: names) { return try SparseNpz.dense(in: bytes) }
        guard let chosen = name ?? (names.count == 1 ? names[0] : nil) else {
          throw FormatError.malformed("the archive has \(names.count) arrays (\(names.map(visible).joined(separator: ", "))): name one as \(path):NAME")
        }
        return try NpzFile.array(chosen, in: bytes)
      }
      let names = try SafetensorsFile.names(in: bytes)
      guard let chosen = name ?? (names.count == 1 ? names[0] : nil) else {
        throw FormatError.malformed("the file has \(names.count) tensors (\(names.map(visible).joined(separator: ", "))): name one as \(path):NAME")
      }
      return try SafetensorsFile.tensor(chosen, in: bytes)
    } catch let FormatError.malformed(reason) {
      throw FormatError.file(path, reason)
    }
  }

  /// The shape of the array `read` would return. A `.npy` file is read only
  /// as far as its header (a first layer's m is known without its values);
  /// a container member is read whole.
  public static func shape(_ spec: String) throws -> [Int] {
    guard FileManager.default.fileExists(atPath: spec), (spec as NSString).pathExtension.lowercased() == "npy" else { return try read(spec).shape }
    guard let handle = FileHandle(forReadingAtPath: spec) else { throw FormatError.file(spec, "cannot be read") }
    defer { try? handle.close() }
    do {
      let prefix = [UInt8](try handle.read(upToCount: NumpyArray.maximumHeaderBytes) ?? Data())
      return try NumpyArray.layout(of: prefix, dataMayFollow: true).header.shape
    } catch let FormatError.malformed(reason) {
      throw FormatError.file(spec, reason)
    }
  }
}
