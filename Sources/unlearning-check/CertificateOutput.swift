//===--- CertificateOutput.swift ------------------------------------------===//
// `--certificate DIR`: where certificates go, and how failures exit.
//===----------------------------------------------------------------------===//

import Claims
import Foundation

/// Writes certificates to a directory (created as needed): exit 73 when it
/// cannot be created, 74 when a file cannot be written; instances without a
/// certificate are named on standard error. Returns the line that says what
/// was written, for the caller to print when the command succeeds (a failing
/// command's one line is its error).
func writeCertificates(_ certificates: [Certificate], skipped: [String], to directory: String) throws -> String {
  try createOutputDirectory(directory)
  for line in skipped { warn(line) }
  for certificate in certificates {
    do {
      try certificate.write(to: directory)
    } catch {
      throw failure("\(error)", code: ExitStatus.ioError)
    }
  }
  return "unlearning-check: wrote \(certificates.count) certificate\(certificates.count == 1 ? "" : "s") to \(directory) (check them with Scripts/check-certificate.py \(directory))\n"
}
