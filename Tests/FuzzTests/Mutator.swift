// Seeded byte and text mutations for the fuzzers.

import Foundation
@_exported import TestSupport

/// How many cases each fuzzer runs: FUZZ_SCALE (default 1) times its base
/// count. `Scripts/fuzz-campaign` runs the fuzzers at 100×.
let fuzzScale = max(1, Int(ProcessInfo.processInfo.environment["FUZZ_SCALE"] ?? "1") ?? 1)

/// Mutations in the style of AFL's havoc stage: flips, interesting bytes,
/// deletions, duplications, truncation and splices of tokens.
struct Mutator {
  var rng: SplitMix64
  let tokens: [[UInt8]]

  init(seed: UInt64, tokens: [String] = []) {
    rng = SplitMix64(seed: seed)
    self.tokens = tokens.map { Array($0.utf8) }
  }

  mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(rng.next() % UInt64(n)) }

  mutating func mutate(_ input: [UInt8]) -> [UInt8] {
    var bytes = input
    for _ in 0...below(4) {
      let position = below(bytes.count + 1)
      switch below(8) {
      case 0 where !bytes.isEmpty: bytes[min(position, bytes.count - 1)] ^= UInt8(1 << below(8))
      case 1 where !bytes.isEmpty: bytes[min(position, bytes.count - 1)] = [0, 0xFF, 0x7F, 0x80, 0x0A, 0x0D, 0x22, 0x5B][below(8)]
      case 2 where !bytes.isEmpty:
        let end = min(bytes.count, position + 1 + below(16))
        bytes.removeSubrange(min(position, end)..<end)
      case 3 where !bytes.isEmpty:
        let start = min(position, bytes.count - 1), end = min(bytes.count, start + 1 + below(32))
        bytes.insert(contentsOf: bytes[start..<end], at: start)
      case 4: bytes = Array(bytes.prefix(position))
      case 5 where !tokens.isEmpty: bytes.insert(contentsOf: tokens[below(tokens.count)], at: position)
      case 6: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: position)
      default:
        if !tokens.isEmpty { bytes.insert(contentsOf: Array(repeating: tokens[below(tokens.count)], count: 1 + below(64)).joined(), at: position) }
      }
    }
    return bytes
  }
}

/// An error's description must be one line.
func isOneLine(_ error: any Error) -> Bool { !"\(error)".contains("\n") }
