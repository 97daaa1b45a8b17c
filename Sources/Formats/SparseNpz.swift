//===--- SparseNpz.swift --------------------------------------------------===//
// A scipy.sparse matrix saved with scipy.sparse.save_npz, read densely.
//===----------------------------------------------------------------------===//

import Foundation

/// A matrix written by `scipy.sparse.save_npz`: a `.npz` archive whose
/// members are `format` (the bytes `csr`, `csc` or `coo`), `shape` and
///
/// - CSR and CSC: `data`, `indices` and `indptr` (row i's entries are
///   data[indptr[i]..<indptr[i+1]] at the columns indices[…]; CSC the same
///   with rows and columns swapped);
/// - COO: `data`, `row` and `col`.
///
/// It is expanded to the dense row-major matrix, every stored value exactly
/// (duplicates in COO are summed, as scipy does). The dense size is checked
/// against memory before anything is allocated, and every index against the
/// shape, so a malformed archive is an error, never a crash.
public enum SparseNpz {
  /// Whether the archive's member names are those of a saved sparse matrix.
  public static func isSparse(names: [String]) -> Bool {
    let members = Set(names)
    return members.isSuperset(of: ["format", "shape", "data"])
      && (members.isSuperset(of: ["indices", "indptr"]) || members.isSuperset(of: ["row", "col"]))
  }

  /// The dense matrix.
  public static func dense(in bytes: [UInt8]) throws -> NumpyArray {
    let format = try formatName(try NpzFile.memberBytes("format", in: bytes))
    let shape = try NpzFile.array("shape", in: bytes)
    guard shape.count == 2, case .integers(let extents) = shape.elements, extents.allSatisfy({ $0 >= 0 }) else {
      throw FormatError.malformed("sparse matrix: 'shape' must be two non-negative integers")
    }
    let (rows, columns) = (extents[0], extents[1])
    let (cells, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow, cells <= Int(ProcessInfo.processInfo.physicalMemory / 3 / 8) else {
      throw FormatError.malformed("sparse matrix: \(rows) × \(columns) is too large to densify in this machine's memory")
    }
    let data = try NpzFile.array("data", in: bytes)
    let values: [Double]
    switch data.elements {
    case .floats(let v): values = v
    case .integers(let v): values = v.map(Double.init)
    }
    var dense = [Double](repeating: 0, count: cells)
    func place(_ i: Int, _ j: Int, _ k: Int) throws {
      guard (0..<rows).contains(i), (0..<columns).contains(j), values.indices.contains(k) else {
        throw FormatError.malformed("sparse matrix: entry \(k) at (\(i), \(j)) lies outside the \(rows) × \(columns) shape")
      }
      dense[i * columns + j] += values[k]
    }
    switch format {
    case "coo":
      let (row, col) = (try integers("row", in: bytes), try integers("col", in: bytes))
      guard row.count == values.count, col.count == values.count else { throw FormatError.malformed("sparse matrix: row, col and data differ in length") }
      for k in values.indices { try place(row[k], col[k], k) }
    default:
      let (indices, pointers) = (try integers("indices", in: bytes), try integers("indptr", in: bytes))
      let major = format == "csr" ? rows : columns
      guard pointers.count == major + 1, pointers.first == 0, pointers.last == indices.count, indices.count == values.count,
            zip(pointers, pointers.dropFirst()).allSatisfy({ $0 <= $1 }) else {
        throw FormatError.malformed("sparse matrix: indptr must rise from 0 to the \(values.count) entries over \(major) \(format == "csr" ? "rows" : "columns")")
      }
      for a in 0..<major {
        for k in pointers[a]..<pointers[a + 1] { try format == "csr" ? place(a, indices[k], k) : place(indices[k], a, k) }
      }
    }
    // Every stored value is a binary64 (integers up to 2^53 exactly); COO duplicates add in binary64, as in scipy.
    return NumpyArray(shape: [rows, columns], elementType: .float64, elements: .floats(dense))
  }

  /// `csr`, `csc` or `coo` from the `format` member (a 0-d bytes or unicode array).
  static func formatName(_ npy: [UInt8]) throws -> String {
    guard let newline = npy.dropFirst(10).firstIndex(of: 0x0A) else { throw FormatError.malformed("sparse matrix: unreadable 'format'") }
    // A unicode array stores UTF-32: drop the zero bytes.
    let text = String(decoding: npy[(newline + 1)...].filter { $0 != 0 }, as: UTF8.self)
    guard ["csr", "csc", "coo"].contains(text) else {
      throw FormatError.malformed("sparse matrix: format '\(visible(text))' (csr, csc and coo are read; convert with .tocsr())")
    }
    return text
  }

  static func integers(_ name: String, in bytes: [UInt8]) throws -> [Int] {
    guard case .integers(let values) = try NpzFile.array(name, in: bytes).elements else {
      throw FormatError.malformed("sparse matrix: '\(name)' must hold integers")
    }
    return values
  }
}
